// A one-shot script: starts its own SDK, ends a span and just ends.
//
// Mistakes otel-safe finds here:
//   - require-shutdown-handler (handlerNeverExits): the SIGTERM handler flushes but never exits,
//     so the script ignores SIGTERM while it runs;
//   - require-shutdown-handler (exitBeforeFlush): the SIGINT handler exits before the flush settles;
//   - require-shutdown-handler (missingNodemonRestart): the project uses nodemon, and SIGUSR2 is unhandled.
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { trace } = require('@opentelemetry/api');

const sdk = new NodeSDK({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
sdk.start();

process.on('SIGTERM', () => {
  void sdk.shutdown();
});
process.on('SIGINT', () => {
  sdk.shutdown();
  process.exit(130);
});

trace.getTracer('report').startSpan('nightly-report').end();
