// The service: one span per request. It has no OpenTelemetry import, so the rules skip it.
const http = require('node:http');
const { trace } = require('@opentelemetry/api');

const tracer = trace.getTracer('lifecycle-demo');
http
  .createServer((req, res) => {
    tracer.startActiveSpan(`${req.method} ${req.url}`, (span) => {
      res.end('ok');
      span.end();
    });
  })
  .listen(Number(process.env.PORT ?? 3000));
