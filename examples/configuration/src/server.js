// Everything in one file: express is required before the SDK starts (require-early-init),
// undici is registered next to the bundle that already contains it (no-duplicate-instrumentation),
// one exporter sits behind two processors and traceExporter is ignored (no-duplicate-span-processor),
// the endpoint and an API key are literals (no-hardcoded-exporter-endpoint), and package.json
// also preloads the auto-instrumentation (no-auto-instrumentation-conflict).
const express = require('express');
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici');
const { SimpleSpanProcessor, BatchSpanProcessor, ConsoleSpanExporter } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');

const exporter = new OTLPTraceExporter({
  url: 'http://otel-collector:4318/v1/traces',
  headers: { 'x-api-key': 'demo-secret-123' },
});

const sdk = new NodeSDK({
  traceExporter: new ConsoleSpanExporter(),
  spanProcessors: [new SimpleSpanProcessor(exporter), new BatchSpanProcessor(exporter)],
  instrumentations: [getNodeAutoInstrumentations(), new UndiciInstrumentation({ requireParentforSpans: true })],
});
sdk.start();

const app = express();
app.get('/', async (req, res) => res.send(await (await fetch('https://example.com')).text()));
app.listen(3000);
