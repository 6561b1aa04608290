// Preloaded by both `npm run dev` (nodemon) and `npm start` (see package.json).
//
// Mistakes otel-safe finds here:
//   - no-batch-processor-in-dev: `traceExporter` makes NodeSDK batch spans (5 s delay) in a file
//     the nodemon `dev` script preloads: traces show up late, and each restart drops them;
//   - require-shutdown-handler: nothing calls `sdk.shutdown()` on SIGTERM, Ctrl-C (SIGINT) or
//     nodemon's restart signal (SIGUSR2), so whatever is still batched is lost.
// `npx otel-codemod add-guards examples/lifecycle` fixes both (batching only in production,
// bounded flush-and-exit handlers including SIGUSR2 because the project uses nodemon).
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');

const sdk = new NodeSDK({
  serviceName: 'lifecycle-demo',
  traceExporter: new OTLPTraceExporter(),
});
sdk.start();
