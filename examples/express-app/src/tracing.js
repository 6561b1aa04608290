// Tracing for the orders service. Two mistakes otel-safe finds:
//   1. the provider is registered twice (register() already set the global);
//   2. the middleware starts a new SDK on every request.
const { trace } = require('@opentelemetry/api');
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { NodeTracerProvider, SimpleSpanProcessor, ConsoleSpanExporter } = require('@opentelemetry/sdk-trace-node');

const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())] });
provider.register();
trace.setGlobalTracerProvider(provider);

function tracingMiddleware(req, res, next) {
  const sdk = new NodeSDK({ serviceName: 'orders' });
  sdk.start();
  next();
}

module.exports = { provider, tracingMiddleware };
