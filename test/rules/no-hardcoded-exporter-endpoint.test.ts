import { join } from 'node:path';
import rule from '../../rules/no-hardcoded-exporter-endpoint';
import { createRuleTester } from '../support/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, lintWithSuggestions } from '../support/lint';
import { readFileSync } from 'node:fs';

const projects = join(__dirname, '..', 'fixtures', 'projects');
const jaegerOld = join(projects, 'jaeger-0.23-lockfile', 'tracer.js');
const jaegerNew = join(projects, 'jaeger-1.30-lockfile', 'tracer.js');
const collectorOld = join(projects, 'collector-0.16-lockfile', 'otel.js');
const collectorNew = join(projects, 'collector-0.20-lockfile', 'otel.js');
const jaegerAgent = `const { JaegerExporter } = require('@opentelemetry/exporter-jaeger');
module.exports = new JaegerExporter({ host: 'jaeger.tracing', port: '6832' });
`;
const jaegerPortOnly = `const { JaegerExporter } = require('@opentelemetry/exporter-jaeger');
module.exports = new JaegerExporter({ host: process.env.AGENT_HOST, port: 6832 });
`;
const collectorLiteral = `const { CollectorTraceExporter } = require('@opentelemetry/exporter-collector');
module.exports = new CollectorTraceExporter({ url: 'http://collector.internal:55681/v1/traces' });
`;

const ruleTester = createRuleTester();

ruleTester.run('no-hardcoded-exporter-endpoint', rule, {
  valid: [
    // holdout11 H18's counter-cases: the chain ends in a signal URL built from the base (not as-is), or the gRPC exporter
    // (which takes the base URL as it is), or the variables in the other order (the signal variable is the full URL)
    `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
new OTLPTraceExporter({ url: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || \`\${process.env.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces\` });`,
    `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
new OTLPTraceExporter({ url: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_ENDPOINT });`,
    // holdout10 H17 (the other side): a helper that returns the signal variable itself, or only literals
    `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
function tracesUrl(): string | undefined {
  return process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
}
function localUrl(signal: string): string {
  return \`/otel/v1/\${signal}\`;
}
export const a = new OTLPTraceExporter({ url: tracesUrl() });
export const b = new OTLPTraceExporter({ url: localUrl('traces') });
`,
    // holdout10 H16 (the other side): a subclass that passes its caller's options up hard-codes nothing
    `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
export class TaggedExporter extends OTLPTraceExporter {
  constructor(options = {}) {
    super({ ...options, headers: { 'x-team': 'core' } });
  }
}
`,
    // holdout5 H10 (the other side): the signal variable is a full URL
    {
      code: `import { registerOTel, OTLPHttpProtoTraceExporter } from '@vercel/otel';
registerOTel({ serviceName: 'shop', traceExporter: new OTLPHttpProtoTraceExporter({ url: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT }) });
`,
      filename: 'instrumentation.ts',
    },
    // holdout5 H9 (the other side): the signal variable itself behind an `undefined` arm is the exporter's own handling
    `const { OTLPMetricExporter } = require('@opentelemetry/exporter-metrics-otlp-http');
new OTLPMetricExporter({ url: process.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT ? process.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT : undefined });
`,
    // holdout6 H11: the signal variable destructured from process.env, given as-is
    `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT } = process.env;
new OTLPTraceExporter({ url: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT });
`,
    // Traceloop with its own exporter: spans go there, and `baseUrl` builds no exporter (0.5.29 dist/index.js:441-442)
    `const traceloop = require('@traceloop/node-server-sdk');
const { ConsoleSpanExporter } = require('@opentelemetry/sdk-trace-base');
traceloop.initialize({ baseUrl: 'https://api.traceloop.com', exporter: new ConsoleSpanExporter() });
`,
    // holdout4 (wrong claim): a custom variable tested before it is interpolated never yields an `undefined` URL
    `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
export const exporters = [];
if (process.env.COLLECTOR_URL) exporters.push(new OTLPTraceExporter({ url: \`\${process.env.COLLECTOR_URL}/v1/traces\` }));
export const other = process.env.COLLECTOR_URL ? new OTLPTraceExporter({ url: process.env.COLLECTOR_URL + '/v1/traces' }) : undefined;
`,
    // holdout4 H6: exporter-jaeger 0.23.0 reads no port variable, and the host beside the port is one address
    { code: jaegerPortOnly, filename: jaegerOld },
    // a conditional between the signal variable and the exporter's default: the environment decides, nothing rebuilt
    `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
new OTLPTraceExporter({ url: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT : 'http://localhost:4318/v1/traces' });
`,
    // an env read (or a same-origin path) assigned into the options object is fine
    `const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const options = {};
options.url = process.env.COLLECTOR_URL ?? undefined;
options.headers = {};
module.exports = new OTLPTraceExporter(options);
`,
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
    // holdout12: nor with only a scheme put before it (through a const and a conditional)
    `
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
const raw = process.env.OTEL_EXPORTER_OTLP_ENDPOINT || 'http://collector:4317';
const endpoint = raw.startsWith('http') ? raw : \`http://\${raw}\`;
new OTLPTraceExporter({ url: endpoint });
new OTLPTraceExporter({ url: 'http://' + process.env.OTEL_EXPORTER_OTLP_ENDPOINT });
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
    // holdout13: a relative URL (no scheme, no host) resolves against the page too, also through a const options object
    {
      code: `
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const config = { url: \`traces\` };
new OTLPTraceExporter(config);
new OTLPTraceExporter({ url: './api/v1/traces' });
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
    // a literal fallback for an endpoint is the advised fix; a vendor key read from the environment
    `
import { BaselimeSDK } from '@baselime/node-opentelemetry';
const collectorUrl = process.env.COLLECTOR_URL || 'https://otel.baselime.io/v1';
new BaselimeSDK({ collectorUrl, baselimeKey: process.env.BASELIME_API_KEY }).start();
    `,
    // gRPC: the base variable through a const is still what the exporter reads itself
    `
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
new OTLPTraceExporter({ url: endpoint });
    `,
    // holdout3 H5: a typed config helper reading the URL from the Worker's env; a type that is no config
    {
      code: `import type { ResolveConfigFn, Trigger } from '@microlabs/otel-cf-workers';
export const config: ResolveConfigFn = (env: { OTLP_URL: string }) => ({ exporter: { url: env.OTLP_URL }, service: { name: 'w' } });
export function describe(t: Trigger): { exporter: { url: string } } { return { exporter: { url: 'https://collector.example.com/v1/traces' } }; }
`,
      filename: 'src/lib/telemetry.ts',
    },
    // otel-cf-workers: the exporter URL from the Worker's env binding
    `
import { instrument } from '@microlabs/otel-cf-workers';
const handler = { async fetch() { return new Response('ok'); } };
export default instrument(handler, (env) => ({ exporter: { url: env.OTLP_URL, headers: { 'x-api-key': env.KEY } }, service: { name: 'w' } }));
    `,
    // holdout7 H13: a browser bundle's build-time config value named after the base variable (Angular's environment
    // file, Vite's import.meta.env) is the doc's build-time injection, and may hold the full traces URL
    {
      code: `import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { environment } from '../environments/environment';
export const exporter = new OTLPTraceExporter({ url: environment.OTEL_EXPORTER_OTLP_ENDPOINT });
export const provider = new WebTracerProvider();
`,
      filename: 'src/app/tracing.ts',
    },
    {
      code: `import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
export const exporter = new OTLPTraceExporter({ url: \`\${import.meta.env.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces\` });
export const provider = new WebTracerProvider();
`,
      filename: 'src/tracing.ts',
    },
    // a local helper that does not rebuild its parameter (it picks one of two values): nothing is known of the URL
    {
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const pick = (endpoint: string | undefined) => endpoint ?? process.env.COLLECTOR_URL;
export const exporter = new OTLPTraceExporter({ url: pick(process.env.OTEL_EXPORTER_OTLP_ENDPOINT) });
`,
      filename: 'otel.ts',
    },
    // a loader that is not \`createRequire\`'s result loads nothing Node resolves: no exporter
    {
      code: `import { createRequire } from './loader';
const load = createRequire('x');
const { OTLPTraceExporter } = load('@opentelemetry/exporter-trace-otlp-http');
export const exporter = new OTLPTraceExporter({ url: 'http://localhost:4318/v1/traces' });
`,
      filename: 'otel.ts',
    },
  ],
  invalid: [
    // holdout10 H17: a local helper rebuilds the base variable it reads from a module const, per signal
    {
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
const base = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
function signalUrl(signal: 'traces' | 'metrics'): string {
  const trimmed = base?.replace(/\\/+$/, '') ?? '';
  if (!trimmed) return '';
  return trimmed.endsWith(\`/v1/\${signal}\`) ? trimmed : \`\${trimmed}/v1/\${signal}\`;
}
if (base) {
  module.exports = [new OTLPTraceExporter({ url: signalUrl('traces') }), new OTLPMetricExporter({ url: signalUrl('metrics') })];
}
`,
      filename: 'otel.ts',
      errors: [
        { messageId: 'endpointRebuildsEnv', line: 10, suggestions: [] },
        { messageId: 'endpointRebuildsEnv', line: 10, suggestions: [] },
      ],
    },
    // holdout10 H16: an exporter subclass passes a literal URL up through \`super()\`
    {
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
export class VendorExporter extends OTLPTraceExporter {
  constructor(key: string) {
    super({ headers: { 'x-api-key': key }, url: 'https://ingest.vendor.example/v1/traces' });
  }
}
`,
      filename: 'exporter.ts',
      errors: [
        {
          messageId: 'hardcodedEndpoint',
          line: 4,
          suggestions: [
            {
              messageId: 'readEnvWithFallback',
              output: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
export class VendorExporter extends OTLPTraceExporter {
  constructor(key: string) {
    super({
      headers: { 'x-api-key': key },
      url:
        process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
        'https://ingest.vendor.example/v1/traces',
    });
  }
}
`,
            },
            {
              messageId: 'useEnvironmentDefault',
              output: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
export class VendorExporter extends OTLPTraceExporter {
  constructor(key: string) {
    super({ headers: { 'x-api-key': key } });
  }
}
`,
            },
          ],
        },
      ],
    },
    // holdout7 H12: the base variable rebuilt by a local helper (trailing slashes stripped, the path added unless
    // present): the signal variable is still ignored; no fix, since the helper also takes a full traces URL
    {
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const base = process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://127.0.0.1:4318';
export const exporter = new OTLPTraceExporter({ url: tracesUrl(base) });
function tracesUrl(endpoint: string): string {
  const trimmed = endpoint.replace(/\\/+$/, '');
  return trimmed.endsWith('/v1/traces') ? trimmed : \`\${trimmed}/v1/traces\`;
}
`,
      filename: 'otel.ts',
      errors: [{ messageId: 'endpointRebuildsEnv', line: 3, suggestions: [] }],
    },
    // holdout7 L1: the exporter loaded through a \`createRequire\` alias (the lazy-load idiom of an ES module)
    {
      code: `import { createRequire } from 'node:module';
const req = createRequire(import.meta.url);
const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
if (endpoint) {
  const { OTLPTraceExporter } = req('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  module.exports = new OTLPTraceExporter({ url: \`\${endpoint}/v1/traces\` });
}
`,
      filename: 'otel.ts',
      errors: [{ messageId: 'endpointRebuildsEnv', line: 6, suggestions: 1 as unknown as readonly never[] }],
    },
    {
      code: `import * as nodeModule from 'module';
const load = nodeModule.createRequire(__filename);
const { OTLPTraceExporter } = load('@opentelemetry/exporter-trace-otlp-http');
export const exporter = new OTLPTraceExporter({ url: 'http://localhost:4318/v1/traces' });
`,
      filename: 'otel.ts',
      errors: [{ messageId: 'hardcodedEndpoint', line: 4, suggestions: 2 as unknown as readonly never[] }],
    },
    // holdout4 (wrong claim): the base rebuilt inside \`if (base)\` or after \`if (!base) throw\`: the signal variable is
    // still ignored, but the URL never starts with \`undefined\`
    {
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
export function traces() {
  const base = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (base) {
    return new OTLPTraceExporter({ url: \`\${base}/v1/traces\` });
  }
  return undefined;
}
export function metrics() {
  const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) throw new Error('OTEL_EXPORTER_OTLP_ENDPOINT is not set');
  return new OTLPMetricExporter({ url: \`\${endpoint}/v1/metrics\` });
}
export const unguarded = new OTLPTraceExporter({ url: \`\${process.env.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces\` });
`,
      errors: [
        { messageId: 'endpointRebuildsEnv', line: 6, data: { exporter: 'OTLPTraceExporter', option: 'url', url: '`${base}/v1/traces`', envVar: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', generic: ' and `OTEL_EXPORTER_OTLP_ENDPOINT`', why: "re-implements the exporter's own env handling: it ignores `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`", fix: ' (`npx otel-codemod env-exporter-endpoint`)' }, suggestions: 1 as unknown as readonly never[] },
        { messageId: 'endpointRebuildsEnv', line: 13, data: { exporter: 'OTLPMetricExporter', option: 'url', url: '`${endpoint}/v1/metrics`', envVar: 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', generic: ' and `OTEL_EXPORTER_OTLP_ENDPOINT`', why: "re-implements the exporter's own env handling: it ignores `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT`", fix: ' (`npx otel-codemod env-exporter-endpoint`)' }, suggestions: 1 as unknown as readonly never[] },
        { messageId: 'endpointRebuildsEnv', line: 15, data: { exporter: 'OTLPTraceExporter', option: 'url', url: '`${process.env.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces`', envVar: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', generic: ' and `OTEL_EXPORTER_OTLP_ENDPOINT`', why: "re-implements the exporter's own env handling: it ignores `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, and yields `undefined/v1/traces` when the variable is unset", fix: ' (`npx otel-codemod env-exporter-endpoint`)' }, suggestions: 1 as unknown as readonly never[] },
      ],
    },
    // holdout4 H6: one address per options object: the host, not also its port
    { code: jaegerAgent, filename: jaegerNew, errors: [{ messageId: 'hardcodedEndpoint', line: 2, column: 39, data: { sends: 'every deployment sends to this address', option: 'host', url: 'jaeger.tracing', exporter: 'JaegerExporter', envVar: 'OTEL_EXPORTER_JAEGER_AGENT_HOST', generic: '', fix: ' (`npx otel-codemod env-exporter-endpoint`)' }, suggestions: 2 as unknown as readonly never[] }] },
    { code: jaegerAgent, filename: jaegerOld, errors: [{ messageId: 'hardcodedEndpoint', line: 2, column: 39, suggestions: 2 as unknown as readonly never[] }] },
    // the port alone: 1.30.1 reads OTEL_EXPORTER_JAEGER_AGENT_PORT, so the literal overrides it
    { code: jaegerPortOnly, filename: jaegerNew, errors: [{ messageId: 'hardcodedEndpoint', line: 2, data: { sends: 'every deployment sends to this address', option: 'port', url: '6832', exporter: 'JaegerExporter', envVar: 'OTEL_EXPORTER_JAEGER_AGENT_PORT', generic: '', fix: ' (`npx otel-codemod env-exporter-endpoint`)' }, suggestions: 2 as unknown as readonly never[] }] },
    // an unknown release (no lockfile, no install): no claim that it overrides the variable
    {
      code: jaegerPortOnly,
      errors: [
        {
          messageId: 'hardcodedEndpointBeforeEnv',
          line: 2,
          data: { sends: 'every deployment sends to this address', option: 'port', url: '6832', exporter: 'JaegerExporter', envVar: 'OTEL_EXPORTER_JAEGER_AGENT_PORT', generic: '', package: '@opentelemetry/exporter-jaeger', since: '1.1.0', version: 'the release here is not known' },
          suggestions: 1 as unknown as readonly never[],
        },
      ],
    },
    // buildmetrics: exporter-collector 0.16.0 reads no OTEL_* variable; from 0.20.0 it reads the traces variable
    {
      code: collectorLiteral,
      filename: collectorOld,
      errors: [
        {
          messageId: 'hardcodedEndpointBeforeEnv',
          data: { sends: 'every deployment sends to this address', option: 'url', url: 'http://collector.internal:55681/v1/traces', exporter: 'CollectorTraceExporter', envVar: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', generic: '', package: '@opentelemetry/exporter-collector', since: '0.20.0', version: 'this project has 0.16.0' },
          suggestions: [
            {
              messageId: 'readEnvWithFallback',
              output: `const { CollectorTraceExporter } = require('@opentelemetry/exporter-collector');
module.exports = new CollectorTraceExporter({
  url:
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    'http://collector.internal:55681/v1/traces',
});
`,
            },
          ],
        },
      ],
    },
    { code: collectorLiteral, filename: collectorNew, errors: [{ messageId: 'hardcodedEndpoint', data: { sends: 'every deployment sends to this address', option: 'url', url: 'http://collector.internal:55681/v1/traces', exporter: 'CollectorTraceExporter', envVar: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', generic: ' and `OTEL_EXPORTER_OTLP_ENDPOINT`', fix: ' (`npx otel-codemod env-exporter-endpoint`)' }, suggestions: 2 as unknown as readonly never[] }] },
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
              // removing url would lose its path literal: the signal variable first, the value (guarded against \`undefined/…\`) behind it
              messageId: 'readSignalFirst',
              output: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
new OTLPTraceExporter({
  url:
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (process.env.OTEL_EXPORTER_OTLP_ENDPOINT &&
      \`\${process.env.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces\`),
});
new OTLPTraceExporter({ url: process.env.OTEL_EXPORTER_OTLP_ENDPOINT, concurrencyLimit: 10 });
`,
            },
          ],
        },
        {
          messageId: 'baseEndpointAsTracesUrl',
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
    // holdout6 H11: the variables destructured from process.env (plain, renamed with a default) read like a const holding them
    {
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const { OTEL_EXPORTER_OTLP_ENDPOINT, SERVICE_NAME } = process.env;
const { OTEL_EXPORTER_OTLP_ENDPOINT: base = 'https://collector.example.com' } = process.env;
new OTLPTraceExporter({ url: OTEL_EXPORTER_OTLP_ENDPOINT, concurrencyLimit: 10 });
new OTLPTraceExporter({ url: base });
new OTLPTraceExporter({ url: \`\${OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces\` });
if (OTEL_EXPORTER_OTLP_ENDPOINT) new OTLPTraceExporter({ url: OTEL_EXPORTER_OTLP_ENDPOINT + '/v1/traces' });
`,
      errors: [
        { messageId: 'baseEndpointAsTracesUrl', line: 4, suggestions: [{ messageId: 'useEnvironmentDefault', output: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const { OTEL_EXPORTER_OTLP_ENDPOINT, SERVICE_NAME } = process.env;
const { OTEL_EXPORTER_OTLP_ENDPOINT: base = 'https://collector.example.com' } = process.env;
new OTLPTraceExporter({ concurrencyLimit: 10 });
new OTLPTraceExporter({ url: base });
new OTLPTraceExporter({ url: \`\${OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces\` });
if (OTEL_EXPORTER_OTLP_ENDPOINT) new OTLPTraceExporter({ url: OTEL_EXPORTER_OTLP_ENDPOINT + '/v1/traces' });
` }] },
        { messageId: 'baseEndpointAsTracesUrl', line: 5, suggestions: [] },
        { messageId: 'endpointRebuildsEnv', line: 6, data: { exporter: 'OTLPTraceExporter', option: 'url', url: '`${OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces`', envVar: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', generic: ' and `OTEL_EXPORTER_OTLP_ENDPOINT`', why: "re-implements the exporter's own env handling: it ignores `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, and yields `undefined/v1/traces` when the variable is unset", fix: ' (`npx otel-codemod env-exporter-endpoint`)' }, suggestions: 1 as unknown as readonly never[] },
        { messageId: 'endpointRebuildsEnv', line: 7, data: { exporter: 'OTLPTraceExporter', option: 'url', url: "OTEL_EXPORTER_OTLP_ENDPOINT + '/v1/traces'", envVar: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', generic: ' and `OTEL_EXPORTER_OTLP_ENDPOINT`', why: "re-implements the exporter's own env handling: it ignores `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`", fix: ' (`npx otel-codemod env-exporter-endpoint`)' }, suggestions: 1 as unknown as readonly never[] },
      ],
    },
    // holdout11 H18: the signal variable first, then the base one as-is: where the first is unset, the HTTP exporter posts
    // to the base URL unchanged (the collector root). The chain is the user's order: no fix
    {
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
new OTLPTraceExporter({
  url: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_ENDPOINT || 'http://localhost:4318/v1/traces',
});
new OTLPTraceExporter({ url: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT });
`,
      errors: [
        {
          messageId: 'baseEndpointAsTracesUrl',
          line: 3,
          data: {
            option: 'url',
            exporter: 'OTLPTraceExporter',
            variable: 'OTEL_EXPORTER_OTLP_ENDPOINT',
            consequence:
              "the chain falls through to it where `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is unset; that variable is the collector's base URL, and the exporter appends `/v1/traces` to it only when it reads it itself, so spans are posted to the collector root and rejected",
            advice: 'Omit `url` (the exporter then reads `OTEL_EXPORTER_OTLP_ENDPOINT` and adds the path) or give the signal URL',
          },
          suggestions: [],
        },
        { messageId: 'baseEndpointAsTracesUrl', line: 5, suggestions: [] },
      ],
    },
    // ...but a path appended to it for gRPC is still a rebuild (gRPC uses no path)
    {
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
const raw = process.env.OTEL_EXPORTER_OTLP_ENDPOINT || 'http://collector:4317';
const endpoint = raw.startsWith('http') ? raw : \`http://\${raw}\`;
new OTLPTraceExporter({ url: \`\${endpoint}/v1/traces\` });
`,
      errors: [{ messageId: 'endpointRebuildsEnv', line: 4, suggestions: [] }],
    },
    // holdout14 fohte: an app env object's base variable, trimmed, spread in as `url` under a condition
    {
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
export const createExporter = (env: { OTEL_EXPORTER_OTLP_ENDPOINT?: string }) => {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() ?? '';
  return new OTLPTraceExporter({
    ...(endpoint.length > 0 ? { url: endpoint } : {}),
  });
};
new OTLPTraceExporter({ ...(process.env.DEBUG && { url: 'https://collector.example.com/v1/traces' }) });
`,
      errors: [
        { messageId: 'baseEndpointAsTracesUrl', line: 5, suggestions: [] },
        { messageId: 'hardcodedEndpoint', line: 8, suggestions: 1 as unknown as readonly never[] },
      ],
    },
    // the generic variable with a fallback of the user's own: removing url would lose that address, so no fix
    {
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const base = process.env.OTEL_EXPORTER_OTLP_ENDPOINT || 'https://collector.example.com';
new OTLPTraceExporter({ url: \`\${base}/v1/traces\` });
new OTLPTraceExporter({ url: process.env.OTEL_EXPORTER_OTLP_ENDPOINT || 'https://collector.example.com/v1/traces' });
`,
      errors: [
        { messageId: 'endpointRebuildsEnv', line: 3, suggestions: [] },
        { messageId: 'baseEndpointAsTracesUrl', line: 4, suggestions: [] },
      ],
    },
    // holdout3 H4: the base variable's path stripped with a regex `.replace()` in a const, then re-added through a
    // second const: still the URL rebuilt by hand (no fix: removing url would double a path the variable carries);
    // its literal fallback means no `undefined` URL
    {
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const collectorBase = (process.env.OTEL_EXPORTER_OTLP_ENDPOINT || 'http://localhost:4318').replace(/\\/v1\\/traces\\/?$/, '');
const tracesUrl = \`\${collectorBase}/v1/traces\`;
new OTLPTraceExporter({ url: tracesUrl });
new OTLPTraceExporter({ url: \`\${process.env.OTEL_EXPORTER_OTLP_ENDPOINT.replaceAll(/\\/+$/g, '')}/v1/traces\` });
`,
      errors: [
        { messageId: 'endpointRebuildsEnv', line: 4, data: { exporter: 'OTLPTraceExporter', option: 'url', url: 'tracesUrl', envVar: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', generic: ' and `OTEL_EXPORTER_OTLP_ENDPOINT`', why: "re-implements the exporter's own env handling: it ignores `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`", fix: '' }, suggestions: [] },
        // an unset variable throws in `.replace()`: no `undefined` URL is claimed
        { messageId: 'endpointRebuildsEnv', line: 5, data: { exporter: 'OTLPTraceExporter', option: 'url', url: "`${process.env.OTEL_EXPORTER_OTLP_ENDPOINT.replaceAll(/\\/+$/g, '')}/v1/traces`", envVar: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', generic: ' and `OTEL_EXPORTER_OTLP_ENDPOINT`', why: "re-implements the exporter's own env handling: it ignores `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`", fix: '' }, suggestions: [] },
      ],
    },
    // holdout4: the base variable tested in a conditional, the URL built from it in one branch and the exporter's
    // default in the other; or a path appended unless already there. Still rebuilt by hand (no fix, no `undefined`)
    {
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
new OTLPMetricExporter({ url: process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? \`\${process.env.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/metrics\` : 'http://localhost:4318/v1/metrics' });
const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT || 'http://localhost:4318';
const url = endpoint.endsWith('/v1/traces') ? endpoint : \`\${endpoint}/v1/traces\`;
new OTLPTraceExporter({ url });
`,
      errors: [
        { messageId: 'endpointRebuildsEnv', line: 3, data: { exporter: 'OTLPMetricExporter', option: 'url', url: "process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? `${process.env.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/metrics` : 'http://localhost:4318/v1/metrics'", envVar: 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', generic: ' and `OTEL_EXPORTER_OTLP_ENDPOINT`', why: "re-implements the exporter's own env handling: it ignores `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT`", fix: '' }, suggestions: [] },
        { messageId: 'endpointRebuildsEnv', line: 6, suggestions: [] },
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
        { messageId: 'hardcodedCredentialOption', line: 3, suggestions: [] },
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
    // in a browser bundle the advice is a collector of your own: a build-time variable ships the key too (sweep: a New Relic key)
    {
      code: `import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
new OTLPTraceExporter({ url: '/v1/traces', headers: { 'api-key': 'nr-123' } });
`,
      errors: [{ messageId: 'hardcodedBrowserCredential', line: 3, data: { header: 'api-key', exporter: 'OTLPTraceExporter' } }],
    },
    // miss class 3: the base variable through a const and behind a fallback; a template over a const host; the app's env module
    {
      code: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { env } from './env';
const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT || 'http://localhost:4318';
new OTLPTraceExporter({ url: endpoint });
const HOST = 'collector.internal';
new OTLPTraceExporter({ url: \`http://\${HOST}:4318/v1/traces\` });
new OTLPTraceExporter({ url: env.OTEL_EXPORTER_OTLP_ENDPOINT });
`,
      errors: [
        { messageId: 'baseEndpointAsTracesUrl', line: 4, suggestions: [{ messageId: 'useEnvironmentDefault', output: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { env } from './env';
const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT || 'http://localhost:4318';
new OTLPTraceExporter();
const HOST = 'collector.internal';
new OTLPTraceExporter({ url: \`http://\${HOST}:4318/v1/traces\` });
new OTLPTraceExporter({ url: env.OTEL_EXPORTER_OTLP_ENDPOINT });
` }] },
        {
          messageId: 'hardcodedEndpoint',
          line: 6,
          suggestions: [
            { messageId: 'readEnvWithFallback', output: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { env } from './env';
const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT || 'http://localhost:4318';
new OTLPTraceExporter({ url: endpoint });
const HOST = 'collector.internal';
new OTLPTraceExporter({
  url:
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    \`http://\${HOST}:4318/v1/traces\`,
});
new OTLPTraceExporter({ url: env.OTEL_EXPORTER_OTLP_ENDPOINT });
` },
            { messageId: 'useEnvironmentDefault', output: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { env } from './env';
const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT || 'http://localhost:4318';
new OTLPTraceExporter({ url: endpoint });
const HOST = 'collector.internal';
new OTLPTraceExporter();
new OTLPTraceExporter({ url: env.OTEL_EXPORTER_OTLP_ENDPOINT });
` },
          ],
        },
        { messageId: 'baseEndpointAsTracesUrl', line: 7, suggestions: [{ messageId: 'useEnvironmentDefault', output: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { env } from './env';
const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT || 'http://localhost:4318';
new OTLPTraceExporter({ url: endpoint });
const HOST = 'collector.internal';
new OTLPTraceExporter({ url: \`http://\${HOST}:4318/v1/traces\` });
new OTLPTraceExporter();
` }] },
      ],
    },
    // miss class 4: vendor options from the recognition table
    {
      code: `import { useAzureMonitor } from '@azure/monitor-opentelemetry';
import { BaselimeSDK } from '@baselime/node-opentelemetry';
import * as traceloop from '@traceloop/node-server-sdk';
useAzureMonitor({ azureMonitorExporterOptions: { connectionString: 'InstrumentationKey=0000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/' } });
new BaselimeSDK({ collectorUrl: 'https://otel.example.com/v1', baselimeKey: process.env.BASELIME_KEY }).start();
traceloop.initialize({ apiKey: process.env.TRACELOOP_API_KEY || 'tl_0123456789', disableBatch: true });
`,
      errors: [
        { messageId: 'hardcodedConnectionString', line: 4, suggestions: [] },
        {
          messageId: 'hardcodedEndpoint',
          line: 5,
          suggestions: [
            { messageId: 'readEnvWithFallback', output: `import { useAzureMonitor } from '@azure/monitor-opentelemetry';
import { BaselimeSDK } from '@baselime/node-opentelemetry';
import * as traceloop from '@traceloop/node-server-sdk';
useAzureMonitor({ azureMonitorExporterOptions: { connectionString: 'InstrumentationKey=0000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/' } });
new BaselimeSDK({ collectorUrl: process.env.COLLECTOR_URL ?? 'https://otel.example.com/v1', baselimeKey: process.env.BASELIME_KEY }).start();
traceloop.initialize({ apiKey: process.env.TRACELOOP_API_KEY || 'tl_0123456789', disableBatch: true });
` },
            { messageId: 'useEnvironmentDefault', output: `import { useAzureMonitor } from '@azure/monitor-opentelemetry';
import { BaselimeSDK } from '@baselime/node-opentelemetry';
import * as traceloop from '@traceloop/node-server-sdk';
useAzureMonitor({ azureMonitorExporterOptions: { connectionString: 'InstrumentationKey=0000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/' } });
new BaselimeSDK({ baselimeKey: process.env.BASELIME_KEY }).start();
traceloop.initialize({ apiKey: process.env.TRACELOOP_API_KEY || 'tl_0123456789', disableBatch: true });
` },
          ],
        },
        { messageId: 'hardcodedCredentialOption', line: 6, suggestions: [] },
      ],
    },
    // miss class 4: Highlight's node SDK reads no variable for its endpoint
    {
      code: `import { H } from '@highlight-run/node';
H.init({ projectID: 'p1', otlpEndpoint: 'https://otel.example.com:4318' });
`,
      errors: [{ messageId: 'hardcodedVendorEndpoint', suggestions: [] }],
    },
    // miss class 4: browser and edge vendors (Faro's url, otel-cf-workers' exporter.url and headers)
    {
      code: `import { initializeFaro } from '@grafana/faro-web-sdk';
initializeFaro({ url: 'https://faro-collector.example.com/collect/abc', app: { name: 'web' } });
`,
      filename: 'src/faro.ts',
      errors: [{ messageId: 'hardcodedBrowserEndpoint', suggestions: [] }],
    },
    // holdout8: the React integration re-exports initializeFaro, in a production-only branch
    {
      code: `import { initializeFaro, getWebInstrumentations } from '@grafana/faro-react';
if (process.env.NODE_ENV === 'production') {
  initializeFaro({ url: 'https://faro-collector.example.com/collect/abc', app: { name: 'web' }, instrumentations: getWebInstrumentations() });
}
`,
      filename: 'src/faro.ts',
      errors: [{ messageId: 'hardcodedBrowserEndpoint', line: 3, suggestions: [] }],
    },
    {
      code: `import { instrument } from '@microlabs/otel-cf-workers';
const handler = { async fetch() { return new Response('ok'); } };
export default instrument(handler, () => ({ exporter: { url: 'https://api.example.com/v1/traces', headers: { 'x-api-key': 'k_123' } }, service: { name: 'w' } }));
`,
      errors: [
        { messageId: 'hardcodedBrowserEndpoint', line: 3, suggestions: [] },
        { messageId: 'hardcodedCredential', line: 3 },
      ],
    },
    // holdout3 H5: the config built in a helper that only imports its type; `instrument()` gets it in another file
    {
      code: `import type { ResolveConfigFn } from '@microlabs/otel-cf-workers';

export function createTelemetryConfig(serviceName: string): ResolveConfigFn {
  return (env: Record<string, unknown>) => ({
    exporter: { url: 'https://collector.example.com/v1/traces', headers: { authorization: \`Bearer \${env.OTLP_TOKEN}\` } },
    service: { name: serviceName },
  });
}
`,
      filename: 'src/lib/telemetry.ts',
      errors: [
        {
          messageId: 'hardcodedBrowserEndpoint',
          line: 5,
          data: { exporter: 'instrument', option: 'exporter.url', url: 'https://collector.example.com/v1/traces', envVar: '', generic: '', runtime: 'an edge runtime (builds a `ResolveConfigFn` of `@microlabs/otel-cf-workers`)', advice: "read it from the Worker's `env` bindings" },
          suggestions: [],
        },
      ],
    },
    // the same through a typed const, `satisfies`, and a typed arrow; a config this file also passes to `instrument()` is reported once
    {
      code: `import { instrument, type TraceConfig, type ResolveConfigFn as Resolve } from '@microlabs/otel-cf-workers';
const fixed: TraceConfig = { exporter: { url: 'https://a.example.com/v1/traces' }, service: { name: 'a' } };
export const viaSatisfies = ((env: { KEY: string }) => ({ exporter: { url: 'https://b.example.com/v1/traces' }, service: { name: 'b' } })) satisfies Resolve;
export const viaArrow = (name: string): Resolve => () => ({ exporter: { url: 'https://c.example.com/v1/traces' }, service: { name } });
export default instrument({ async fetch() { return new Response('ok'); } }, fixed);
`,
      filename: 'src/worker.ts',
      errors: [
        { messageId: 'hardcodedBrowserEndpoint', line: 2, suggestions: [] },
        { messageId: 'hardcodedBrowserEndpoint', line: 3, suggestions: [] },
        { messageId: 'hardcodedBrowserEndpoint', line: 4, suggestions: [] },
      ],
    },
    // a browser SDK's key ships in every bundle: the advice is a collector, not an env variable (holdout2)
    {
      code: `import { HoneycombWebSDK } from '@honeycombio/opentelemetry-web';
new HoneycombWebSDK({ apiKey: 'YOUR_KEY_HERE', serviceName: 'web' }).start();
`,
      filename: 'src/index.js',
      errors: [{ messageId: 'hardcodedBrowserCredentialOption', line: 2, suggestions: [] }],
    },
    // holdout2 miss: the metrics URL edited out of the base variable read as a traces URL
    {
      code: `const { OTLPMetricExporter } = require('@opentelemetry/exporter-metrics-otlp-proto');
module.exports = new OTLPMetricExporter({
  url: process.env.OTEL_EXPORTER_OTLP_ENDPOINT.replace('/v1/traces', '/v1/metrics'),
});
new OTLPMetricExporter({
  url: (env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_ENDPOINT).replace('/v1/traces', '/v1/metrics') || 'http://localhost:4318/v1/metrics',
});
`,
      errors: [{ messageId: 'endpointRebuildsEnv', line: 3, suggestions: [] }, { messageId: 'endpointRebuildsEnv', line: 6, suggestions: [] }],
    },
    // holdout5 H10: @vercel/otel's exporters read no variable and post to `url` as given (1.13.0 trace-config.ts:7-12)
    {
      code: `import { registerOTel, OTLPHttpJsonTraceExporter } from '@vercel/otel';
export function register() {
  registerOTel({ serviceName: 'shop', traceExporter: new OTLPHttpJsonTraceExporter({ url: process.env.OTEL_EXPORTER_OTLP_ENDPOINT }) });
}
`,
      filename: 'instrumentation.ts',
      errors: [
        {
          messageId: 'baseEndpointPostedAsIs',
          line: 3,
          data: {
            exporter: 'OTLPHttpJsonTraceExporter',
            option: 'url',
            variable: 'OTEL_EXPORTER_OTLP_ENDPOINT',
            path: '/v1/traces',
            builder: 'registerOTel',
            builderOption: 'traceExporter',
          },
          suggestions: [],
        },
      ],
    },
    // holdout5 H9: the same edit under a ternary whose other arm is `undefined`, `null` or a literal
    {
      code: `const { OTLPMetricExporter } = require('@opentelemetry/exporter-metrics-otlp-http');
const base = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
new OTLPMetricExporter({ url: base ? base.replace('/v1/traces', '/v1/metrics') : undefined });
new OTLPMetricExporter({ url: process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? process.env.OTEL_EXPORTER_OTLP_ENDPOINT.replace('/v1/traces', '/v1/metrics') : null });
new OTLPMetricExporter({ url: !base ? 'http://localhost:4318/v1/metrics' : base.replace('/v1/traces', '/v1/metrics') });
`,
      errors: [3, 4, 5].map((line) => ({
        messageId: 'endpointRebuildsEnv' as const,
        line,
        data: {
          exporter: 'OTLPMetricExporter',
          option: 'url',
          envVar: 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
          generic: ' and `OTEL_EXPORTER_OTLP_ENDPOINT`',
          why: 'rewrites `OTEL_EXPORTER_OTLP_ENDPOINT` with `.replace()`: it works only while that base variable holds a full signal URL, and it ignores `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT`',
          fix: '',
        },
        suggestions: [],
      })),
    },
    // holdout2 miss: the literal assigned into the options object after it is built (browser: build-time advice)
    {
      code: `import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const options = {};
if (!window.location.host.includes('localhost')) {
  options.url = 'https://collector.example.com/v1/traces';
}
export const exporter = new OTLPTraceExporter(options);
`,
      filename: 'src/tracing.js',
      errors: [{ messageId: 'hardcodedBrowserEndpoint', line: 5, suggestions: [] }],
    },
    {
      code: `const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const options = {};
options.url = 'https://collector.example.com/v1/traces';
module.exports = new OTLPTraceExporter(options);
`,
      errors: [{ messageId: 'hardcodedEndpoint', line: 3, suggestions: [] }],
    },
    // holdout2 miss: the pre-rename OTLP gRPC exporter package, its literal held in an options const
    {
      code: `const { OTLPTraceExporter } = require('@opentelemetry/exporter-otlp-grpc');
const exporterOptions = { url: 'http://localhost:4317' };
module.exports = new OTLPTraceExporter(exporterOptions);
`,
      errors: [{ messageId: 'hardcodedEndpoint', line: 2, suggestions: 1 as unknown as readonly never[] }],
    },
    // miss class 5: the pre-rename OTLP/HTTP exporter package
    {
      code: `const { OTLPTraceExporter } = require('@opentelemetry/exporter-otlp-http');
new OTLPTraceExporter({ url: 'https://otel.example.com/v1/traces' });
`,
      errors: [
        {
          messageId: 'hardcodedEndpoint',
          suggestions: [
            { messageId: 'readEnvWithFallback', output: `const { OTLPTraceExporter } = require('@opentelemetry/exporter-otlp-http');
new OTLPTraceExporter({
  url:
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    'https://otel.example.com/v1/traces',
});
` },
            { messageId: 'useEnvironmentDefault', output: `const { OTLPTraceExporter } = require('@opentelemetry/exporter-otlp-http');
new OTLPTraceExporter();
` },
          ],
        },
      ],
    },
  ],
});

// holdout7 M5: "every deployment sends to this address" only of an exporter that is used
describe('no-hardcoded-exporter-endpoint: what an unused exporter sends', () => {
  const imports = `import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, SimpleSpanProcessor, ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';
`;
  const literal = `new OTLPTraceExporter({ url: 'http://collector:4318/v1/traces' })`;
  const claim = (code: string) => {
    const [report, ...rest] = lint(imports + code, 'tracing.ts', 'no-hardcoded-exporter-endpoint');
    expect(rest).toEqual([]);
    expect(report?.messageId).toBe('hardcodedEndpoint');
    return /`: (.*) whatever its environment says/.exec(report!.message)?.[1];
  };
  const idle = (why: string) => `this exporter sends nothing as the code stands (${why}), but once it is used every deployment sends to this address`;

  it('an exporter NodeSDK ignores next to `spanProcessors` sends nothing', () => {
    expect(claim(`new NodeSDK({ traceExporter: ${literal}, spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())] }).start();\n`)).toBe(
      idle('`NodeSDK` ignores `traceExporter` when `spanProcessors` is set'),
    );
  });
  it('the same through a const and an options object with the singular `spanProcessor`', () => {
    expect(claim(`const exporter = ${literal};\nconst options = { traceExporter: exporter, spanProcessor: new SimpleSpanProcessor(new ConsoleSpanExporter()) };\nnew NodeSDK(options).start();\n`)).toBe(
      idle('`NodeSDK` ignores `traceExporter` when `spanProcessor` is set'),
    );
  });
  it('an exporter kept in a variable nothing reads, or dropped, sends nothing', () => {
    expect(claim(`const exporter = ${literal};\n`)).toBe(idle('`exporter` is never read'));
    expect(claim(`${literal};\n`)).toBe(idle('its result is dropped'));
  });
  it('an exporter a processor wraps, one exported, and one an SDK uses still send', () => {
    const sends = 'every deployment sends to this address';
    expect(claim(`const exporter = ${literal};\nnew NodeSDK({ traceExporter: exporter, spanProcessors: [new BatchSpanProcessor(exporter)] }).start();\n`)).toBe(sends);
    expect(claim(`export const exporter = ${literal};\n`)).toBe(sends);
    expect(claim(`const exporter = ${literal};\nexport { exporter };\n`)).toBe(sends);
    expect(claim(`new NodeSDK({ traceExporter: ${literal} }).start();\n`)).toBe(sends);
  });
});

// holdout7 M4: a project that documents the base variable as a full traces URL
describe('no-hardcoded-exporter-endpoint: the base variable the project sets to a traces URL', () => {
  const file = join(projects, 'base-endpoint-documented', 'src', 'tracing.ts');
  it('says that the post works and what breaks, and offers no removal of `url`', () => {
    const reports = lintWithSuggestions(readFileSync(file, 'utf8'), file, 'no-hardcoded-exporter-endpoint');
    expect(reports.map((r) => [r.messageId, r.line, r.suggestions.length])).toEqual([['baseEndpointAsTracesUrl', 5, 0]]);
    expect(reports[0]!.message).toBe(
      '`url` of `OTLPTraceExporter` is given `OTEL_EXPORTER_OTLP_ENDPOINT` as-is: the project sets it to a full `/v1/traces` URL (.env.example:3), which works only because `url` posts it as given: the variable is the base URL of every signal, so whatever reads it itself (a metrics or logs exporter, an exporter without `url`) appends its own path to that URL. Put that URL in `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` and omit `url`, or set `OTEL_EXPORTER_OTLP_ENDPOINT` to the collector\'s base URL.',
    );
  });
  it('elsewhere the root post is the claim, and the fix removes `url`', () => {
    const code = readFileSync(file, 'utf8');
    const [report] = lintWithSuggestions(code, join(projects, 'lifecycle-plain-app', 'src', 'tracing.ts'), 'no-hardcoded-exporter-endpoint');
    expect(report!.message).toContain('so spans are posted to the collector root and rejected. Omit `url`');
    expect(report!.suggestions.map((s) => s.messageId)).toEqual(['useEnvironmentDefault']);
  });
});

// holdout9 use-miller: a variable the project sets in its env files (Next.js inlines NEXT_PUBLIC_* from them)
describe('no-hardcoded-exporter-endpoint: a variable set in the project env files', () => {
  it('is not said to be unset', () => {
    const file = join(projects, 'next-public-env-set', 'src', 'otel.client.ts');
    const code = readFileSync(file, 'utf8');
    expect(lint(code, file, 'no-hardcoded-exporter-endpoint').map((m) => m.messageId)).toEqual([]);
    // the same code where no env file sets it
    expect(lint(code, join(projects, 'platform-vite-app', 'src', 'otel.client.ts'), 'no-hardcoded-exporter-endpoint').map((m) => m.messageId)).toEqual(['undefinedInEndpoint']);
  });
});

// holdout9 dungeongen: the Jaeger exporter's literal in a Vite app's browser module (beside sdk-trace-web)
describe('no-hardcoded-exporter-endpoint: a Node-only exporter in a browser module', () => {
  it('is a browser literal, whatever release would read the variable', () => {
    const code = `import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { JaegerExporter } from '@opentelemetry/exporter-jaeger';
const exporter = new JaegerExporter({ endpoint: 'http://localhost:14268/api/traces' });
new WebTracerProvider().register();
export { exporter };
`;
    expect(lint(code, join(projects, 'platform-vite-app', 'src', 'tracing.js'), 'no-hardcoded-exporter-endpoint').map((m) => [m.messageId, m.line])).toEqual([['hardcodedBrowserEndpoint', 3]]);
  });
});

// holdout15 appbuilder: a template whose only interpolation is a conditional of literals is a literal in every
// deployment, whichever arm runs
describe('no-hardcoded-exporter-endpoint: a conditional of literals', () => {
  const run = (code: string, file = 'otel.ts') => lint(code, file, 'no-hardcoded-exporter-endpoint');
  it('reports a template built around one, through a const, naming the expression', () => {
    const code = `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
const isDev = process.env.NODE_ENV === 'development';
const endpoint = \`http://\${isDev ? 'localhost' : 'otel'}:4317\`;
export const exporter = new OTLPTraceExporter({ url: endpoint });
`;
    const reports = run(code);
    expect(reports.map((m) => [m.messageId, m.line])).toEqual([['hardcodedEndpoint', 4]]);
    expect(reports[0]?.message).toContain("`url: http://${isDev ? 'localhost' : 'otel'}:4317` on `OTLPTraceExporter`");
  });
  it('reports a plain conditional of two literal URLs', () => {
    const code = `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
export const exporter = new OTLPTraceExporter({ url: process.env.CI ? 'http://collector:4318/v1/traces' : 'http://localhost:4318/v1/traces' });
`;
    expect(run(code).map((m) => [m.messageId, m.line])).toEqual([['hardcodedEndpoint', 2]]);
  });
  it('keeps a conditional with a variable arm as before', () => {
    const code = `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const custom = readConfig().collector;
export const exporter = new OTLPTraceExporter({ url: custom ? custom : 'http://localhost:4318/v1/traces' });
`;
    expect(run(code)).toEqual([]);
  });
  it('accepts a browser conditional whose every outcome is same-origin', () => {
    const code = `import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const exporter = new OTLPTraceExporter({ url: import.meta.env.DEV ? '/otel-dev/v1/traces' : '/otel/v1/traces' });
new WebTracerProvider().register();
export { exporter };
`;
    expect(run(code, join(projects, 'platform-vite-app', 'src', 'tracing.js'))).toEqual([]);
    expect(run(code.replace("'/otel/v1/traces'", "'https://collector.example.com/v1/traces'"), join(projects, 'platform-vite-app', 'src', 'tracing.js')).map((m) => m.messageId)).toEqual(['hardcodedBrowserEndpoint']);
  });
});

// holdout15 syncbackend: a local helper parses the base variable into a URL and sets its path: the signal variable
// is ignored as in any other rebuild (no fix: the helper also keeps a full traces URL)
describe('no-hardcoded-exporter-endpoint: a rebuild through new URL()', () => {
  const code = (setPath: string) => `const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
function tracesUrl(raw) {
  if (!raw) return null;
  const u = new URL(raw);
  ${setPath}
  return u.toString();
}
module.exports = new OTLPTraceExporter({ url: tracesUrl(process.env.OTEL_EXPORTER_OTLP_ENDPOINT) || 'http://collector:4318/v1/traces' });
`;
  it('is endpointRebuildsEnv when the helper sets the path', () => {
    const reports = lintWithSuggestions(code("if (u.pathname === '/') u.pathname = '/v1/traces';"), 'otel.js', 'no-hardcoded-exporter-endpoint');
    expect(reports.map((m) => [m.messageId, m.line, m.suggestions.length])).toEqual([['endpointRebuildsEnv', 8, 0]]);
  });
  it('is nothing when the helper only parses it', () => {
    expect(lint(code('u.hash = "";'), 'otel.js', 'no-hardcoded-exporter-endpoint')).toEqual([]);
  });
});

// holdout16 fluxora: a local function that returns one of its parameters as it came (the variable, or the literal
// default) is `X || '…'`: the path added to its result by hand ignores the signal variable
describe('no-hardcoded-exporter-endpoint: the base variable through a pass-through helper', () => {
  const code = (body: string) => `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
function pick(value: string | undefined, fallback: string): string {
  ${body}
}
const base = pick(process.env.OTEL_EXPORTER_OTLP_ENDPOINT, 'http://localhost:4318');
export const exporter = new OTLPTraceExporter({ url: \`\${base}/v1/traces\` });
`;
  it('is endpointRebuildsEnv, with no undefined claim (the fallback)', () => {
    const source = code('if (!value) return fallback;\n  try {\n    new URL(value);\n    return value;\n  } catch {\n    return fallback;\n  }');
    const reports = lint(source, 'otel.ts', 'no-hardcoded-exporter-endpoint');
    expect(reports.map((m) => [m.messageId, m.line])).toEqual([['endpointRebuildsEnv', source.split('\n').findIndex((l) => l.includes('url:')) + 1]]);
    expect(reports[0]?.message).not.toContain('undefined/v1/traces');
  });
  it('is nothing when the helper returns something else', () => {
    expect(lint(code('return value ? value.toLowerCase() : fallback;'), 'otel.ts', 'no-hardcoded-exporter-endpoint')).toEqual([]);
  });
});

// holdout16 samarthnotifier: the pre-rename metric exporters read their own variables from the releases their trace
// exporters do (exporter-collector 0.20.0 build/src/platform/node/CollectorMetricExporter.js:36-43)
describe('no-hardcoded-exporter-endpoint: a collector metric exporter', () => {
  it('reports a literal url, naming the metrics variable', () => {
    const code = `const { CollectorMetricExporter } = require('@opentelemetry/exporter-collector');
const options = { url: 'http://collector.internal:55681/v1/metrics' };
module.exports = new CollectorMetricExporter(options);
`;
    // the project locks exporter-collector 0.20.0, the first release that reads the variables
    const reports = lint(code, collectorNew, 'no-hardcoded-exporter-endpoint');
    expect(reports.map((m) => m.messageId)).toEqual(['hardcodedEndpoint']);
    expect(reports[0]?.message).toContain('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT');
  });
});
