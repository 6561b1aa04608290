import rule from '../../rules/no-hardcoded-exporter-endpoint';
import { createRuleTester } from '../support/rule-tester';

const ruleTester = createRuleTester();

ruleTester.run('no-hardcoded-exporter-endpoint', rule, {
  valid: [
    '',
    // the exporter reads the environment itself
    `
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
module.exports = new OTLPTraceExporter();
    `,
    // env with a fallback, the signal-specific variable, and a config value
    `
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
new OTLPTraceExporter({ url: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? 'http://localhost:4318/v1/traces' });
new OTLPTraceExporter({ url: config.tracesUrl });
    `,
    // gRPC uses the generic variable as-is: passing it adds nothing wrong
    `
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
new OTLPTraceExporter({ url: process.env.OTEL_EXPORTER_OTLP_ENDPOINT });
    `,
    // browser: build-time env and same-origin paths
    {
      code: `
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
new OTLPTraceExporter({ url: import.meta.env.VITE_OTLP_URL });
new OTLPTraceExporter({ url: '/otel/v1/traces' });
      `,
      filename: 'web.ts',
    },
    // headers from the environment; non-credential literal headers
    `
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
new OTLPTraceExporter({ headers: { 'x-api-key': process.env.API_KEY, 'x-tenant': 'shop' } });
    `,
    // not an exporter
    `
import { trace } from '@opentelemetry/api';
fetch('http://localhost:4318/v1/traces', { headers: { Authorization: 'Bearer x' } });
    `,
  ],
  invalid: [
    // corpus shape: gRPC literal, CJS
    {
      code: `const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-grpc');

module.exports = new OTLPTraceExporter({ url: 'grpc://otel-collector.internal:4317' });
`,
      errors: [
        {
          messageId: 'hardcodedEndpoint',
          suggestions: [
            {
              messageId: 'readEnvWithFallback',
              output: `const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-grpc');

module.exports = new OTLPTraceExporter({
  url:
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    'grpc://otel-collector.internal:4317',
});
`,
            },
            {
              messageId: 'useEnvironmentDefault',
              output: `const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-grpc');

module.exports = new OTLPTraceExporter();
`,
            },
          ],
        },
      ],
    },
    // HTTP literal next to other options (TS, ESM), and a metrics exporter
    {
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
export const traces = new OTLPTraceExporter({ url: 'http://collector:4318/v1/traces', timeoutMillis: 5000 });
export const metrics = new OTLPMetricExporter({ url: \`http://collector:4318/v1/metrics\` });
`,
      filename: 'exporters.ts',
      errors: [
        {
          messageId: 'hardcodedEndpoint',
          line: 3,
          suggestions: [
            {
              messageId: 'readEnvWithFallback',
              output: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
export const traces = new OTLPTraceExporter({
  url:
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    'http://collector:4318/v1/traces',
  timeoutMillis: 5000,
});
export const metrics = new OTLPMetricExporter({ url: \`http://collector:4318/v1/metrics\` });
`,
            },
            {
              messageId: 'useEnvironmentDefault',
              output: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
export const traces = new OTLPTraceExporter({ timeoutMillis: 5000 });
export const metrics = new OTLPMetricExporter({ url: \`http://collector:4318/v1/metrics\` });
`,
            },
          ],
        },
        {
          messageId: 'hardcodedEndpoint',
          line: 4,
          suggestions: [
            {
              messageId: 'readEnvWithFallback',
              output: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
export const traces = new OTLPTraceExporter({ url: 'http://collector:4318/v1/traces', timeoutMillis: 5000 });
export const metrics = new OTLPMetricExporter({
  url:
    process.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT ??
    \`http://collector:4318/v1/metrics\`,
});
`,
            },
            {
              messageId: 'useEnvironmentDefault',
              output: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
export const traces = new OTLPTraceExporter({ url: 'http://collector:4318/v1/traces', timeoutMillis: 5000 });
export const metrics = new OTLPMetricExporter();
`,
            },
          ],
        },
      ],
    },
    // a literal through a const (shorthand): the environment first, the const kept as the fallback
    {
      code: `import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
const url = 'http://zipkin:9411/api/v2/spans';
new ZipkinExporter({ url });
`,
      errors: [
        {
          messageId: 'hardcodedEndpoint',
          suggestions: [
            {
              messageId: 'readEnvWithFallback',
              output: `import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
const url = 'http://zipkin:9411/api/v2/spans';
new ZipkinExporter({ url: process.env.OTEL_EXPORTER_ZIPKIN_ENDPOINT ?? url });
`,
            },
          ],
        },
      ],
    },
    // an exporter that reads no env: only the env-with-fallback suggestion
    {
      code: `import { OTLPHttpProtoTraceExporter } from '@vercel/otel';
new OTLPHttpProtoTraceExporter({ url: 'https://collector.example.com/v1/traces' });
`,
      errors: [
        {
          messageId: 'hardcodedEndpoint',
          suggestions: [
            {
              messageId: 'readEnvWithFallback',
              output: `import { OTLPHttpProtoTraceExporter } from '@vercel/otel';
new OTLPHttpProtoTraceExporter({
  url:
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    'https://collector.example.com/v1/traces',
});
`,
            },
          ],
        },
      ],
    },
    // generic endpoint rebuilt by hand (undefined risk) and used without the signal path
    {
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
new OTLPTraceExporter({ url: \`\${process.env.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces\` });
new OTLPTraceExporter({ url: process.env.OTEL_EXPORTER_OTLP_ENDPOINT, concurrencyLimit: 10 });
`,
      errors: [
        {
          messageId: 'endpointRebuildsEnv',
          line: 2,
          suggestions: [
            {
              messageId: 'useEnvironmentDefault',
              output: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
new OTLPTraceExporter();
new OTLPTraceExporter({ url: process.env.OTEL_EXPORTER_OTLP_ENDPOINT, concurrencyLimit: 10 });
`,
            },
          ],
        },
        {
          messageId: 'endpointRebuildsEnv',
          line: 3,
          suggestions: [
            {
              messageId: 'useEnvironmentDefault',
              output: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
new OTLPTraceExporter({ url: \`\${process.env.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces\` });
new OTLPTraceExporter({ concurrencyLimit: 10 });
`,
            },
          ],
        },
      ],
    },
    // the generic variable with a path of the user's own (a proxy prefix): reported, no fix, no codemod named
    // (removing the option would send to /v1/metrics instead of /otlp/v1/metrics)
    {
      code: `import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
new OTLPMetricExporter({
  url: \`\${process.env.OTEL_EXPORTER_OTLP_ENDPOINT}/otlp/v1/metrics\`,
  // headers: { Authorization: 'Bearer …' },
  headers: { 'x-org': 'shop' },
});
`,
      errors: [{ messageId: 'endpointRebuildsEnv', line: 3, suggestions: [] }],
    },
    // a custom variable interpolated without a fallback (string concatenation too)
    {
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
new OTLPTraceExporter({ url: \`\${process.env.COLLECTOR_URL}/v1/traces\` });
new OTLPTraceExporter({ url: 'https://' + process.env.COLLECTOR_HOST + '/v1/traces' });
new OTLPTraceExporter({ url: \`\${process.env.COLLECTOR_URL ?? 'http://localhost:4318'}/v1/traces\` });
`,
      errors: [
        { messageId: 'undefinedInEndpoint', line: 2, suggestions: [] },
        { messageId: 'undefinedInEndpoint', line: 3, suggestions: [] },
      ],
    },
    // vendor SDK options: endpoint and API key literals
    {
      code: `const { HoneycombSDK } = require('@honeycombio/opentelemetry-node');
const traceloop = require('@traceloop/node-server-sdk');
new HoneycombSDK({ serviceName: 'api', apiKey: 'hcaik_123', endpoint: 'https://api.eu1.honeycomb.io' }).start();
traceloop.initialize({ baseUrl: 'https://api.traceloop.com', apiKey: process.env.TRACELOOP_API_KEY });
`,
      errors: [
        { messageId: 'hardcodedCredential', line: 3, suggestions: [] },
        {
          messageId: 'hardcodedEndpoint',
          line: 3,
          suggestions: [
            {
              messageId: 'readEnvWithFallback',
              output: `const { HoneycombSDK } = require('@honeycombio/opentelemetry-node');
const traceloop = require('@traceloop/node-server-sdk');
new HoneycombSDK({
  serviceName: 'api',
  apiKey: 'hcaik_123',
  endpoint:
    process.env.HONEYCOMB_API_ENDPOINT ?? 'https://api.eu1.honeycomb.io',
}).start();
traceloop.initialize({ baseUrl: 'https://api.traceloop.com', apiKey: process.env.TRACELOOP_API_KEY });
`,
            },
            {
              messageId: 'useEnvironmentDefault',
              output: `const { HoneycombSDK } = require('@honeycombio/opentelemetry-node');
const traceloop = require('@traceloop/node-server-sdk');
new HoneycombSDK({ serviceName: 'api', apiKey: 'hcaik_123' }).start();
traceloop.initialize({ baseUrl: 'https://api.traceloop.com', apiKey: process.env.TRACELOOP_API_KEY });
`,
            },
          ],
        },
        {
          messageId: 'hardcodedEndpoint',
          line: 4,
          suggestions: [
            {
              messageId: 'readEnvWithFallback',
              output: `const { HoneycombSDK } = require('@honeycombio/opentelemetry-node');
const traceloop = require('@traceloop/node-server-sdk');
new HoneycombSDK({ serviceName: 'api', apiKey: 'hcaik_123', endpoint: 'https://api.eu1.honeycomb.io' }).start();
traceloop.initialize({
  baseUrl: process.env.TRACELOOP_BASE_URL ?? 'https://api.traceloop.com',
  apiKey: process.env.TRACELOOP_API_KEY,
});
`,
            },
            {
              messageId: 'useEnvironmentDefault',
              output: `const { HoneycombSDK } = require('@honeycombio/opentelemetry-node');
const traceloop = require('@traceloop/node-server-sdk');
new HoneycombSDK({ serviceName: 'api', apiKey: 'hcaik_123', endpoint: 'https://api.eu1.honeycomb.io' }).start();
traceloop.initialize({ apiKey: process.env.TRACELOOP_API_KEY });
`,
            },
          ],
        },
      ],
    },
    // browser literal host: judged on its own terms (no env to read)
    {
      code: `import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
new OTLPTraceExporter({ url: 'https://collector.example.com/v1/traces' });
`,
      filename: 'browser.tsx',
      errors: [{ messageId: 'hardcodedBrowserEndpoint', suggestions: [] }],
    },
    // credentials in headers: always reported, also in the browser
    {
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const headers = { Authorization: 'Bearer sk_live_123', 'x-honeycomb-team': 'abc123', 'x-tenant': 'shop' };
new OTLPTraceExporter({ url: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, headers });
new OTLPTraceExporter({ headers: { 'api-key': \`k-123\` } });
`,
      errors: [
        { messageId: 'hardcodedCredential', line: 2, column: 19 },
        { messageId: 'hardcodedCredential', line: 2, column: 56 },
        { messageId: 'hardcodedCredential', line: 4 },
      ],
    },
  ],
});
