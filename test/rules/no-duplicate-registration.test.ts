import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/no-duplicate-registration';
import { createRuleTester } from '../support/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint } from '../support/lint';

const ruleTester = createRuleTester();
/** RuleTester counts the suggestions (a number is accepted at runtime); the guard itself is pinned by the guard-registration fixture pairs. */
const ONE = 1 as unknown as readonly never[];

/** holdout10 R6: a wrapper whose `fetch` sets the global provider; `returns` is its declared return type, if any. */
const workersWrapper = (returns: string): string => `import { trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
export function withTracing(worker: ExportedHandler<Env>)${returns} {
  const fetch = async (request: Request, env: Env, ctx: ExecutionContext) => {
    const provider = new BasicTracerProvider();
    trace.setGlobalTracerProvider(provider);
    try {
      return await worker.fetch!(request, env, ctx);
    } finally {
      ctx.waitUntil(provider.forceFlush());
    }
  };
  return { fetch };
}
`;

ruleTester.run('no-duplicate-registration', rule, {
  valid: [
    // a vendor object's init (`H.init`) in a serverless handler: Highlight keeps one SDK per process and returns it on
    // later calls (@highlight-run/node 3.12.22 dist/index.js:65, `if (!highlight_obj) highlight_obj = new Highlight(e)`)
    {
      code: `
import { H } from '@highlight-run/node';
export const handler = async (event) => {
  H.init({ projectID: 'p1' });
  return { statusCode: 200 };
};
`,
      filename: 'handler.js',
    },
    // empty file and a file without OpenTelemetry
    '',
    `
const express = require('express');
const app = express();
app.get('/', (req, res) => res.send('ok'));
    `,
    // other libraries' `register`: Prometheus and service workers are not OpenTelemetry
    `
const { register } = require('prom-client');
app.get('/metrics', async (req, res) => {
  register.setDefaultLabels({ app: 'x' });
  res.end(await register.metrics());
});
    `,
    {
      code: `
import { useEffect } from 'react';
export function App() {
  useEffect(() => { navigator.serviceWorker.register('/sw.js'); }, []);
  return <div />;
}
      `,
      filename: 'App.tsx',
    },
    // plain API usage
    `
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('cart');
export function add() { return tracer.startActiveSpan('add', (span) => span.end()); }
    `,
    // one registration at module level
    `
import { NodeSDK } from '@opentelemetry/sdk-node';
const sdk = new NodeSDK({});
sdk.start();
    `,
    // mutually exclusive branches: if/else, ternary, switch, early return
    `
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
if (process.env.A) {
  trace.setGlobalTracerProvider(new BasicTracerProvider());
} else {
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [] }));
}
    `,
    `
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
const p = new BasicTracerProvider();
process.env.A ? trace.setGlobalTracerProvider(p) : trace.setGlobalTracerProvider(new BasicTracerProvider());
    `,
    `
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
switch (process.env.SINK) {
  case 'console':
    trace.setGlobalTracerProvider(new BasicTracerProvider());
    break;
  default:
    trace.setGlobalTracerProvider(new BasicTracerProvider());
}
    `,
    `
const { NodeSDK } = require('@opentelemetry/sdk-node');
function init(kind) {
  if (kind === 'a') {
    new NodeSDK({}).start();
    return;
  }
  new NodeSDK({ serviceName: 'b' }).start();
}
init(process.env.KIND);
    `,
    // a globalThis slot keyed with Symbol.for, read and written
    `
import { NodeSDK } from '@opentelemetry/sdk-node';
const SLOT = Symbol.for('inventory.otel');
const holder = globalThis as typeof globalThis & { [SLOT]?: NodeSDK };
export function getSdk() {
  return (holder[SLOT] ??= (() => {
    const created = new NodeSDK({});
    created.start();
    return created;
  })());
}
    `,
    // a module-level flag stops repeated calls of the handler
    `
const { NodeSDK } = require('@opentelemetry/sdk-node');
let sdk;
app.use((req, res, next) => {
  if (!sdk) {
    sdk = new NodeSDK({});
    sdk.start();
  }
  next();
});
    `,
    // early return on a global slot, set later
    `
import { registerOTel } from '@vercel/otel';
export function GET() {
  if (globalThis.__otelStarted) return new Response('ok');
  globalThis.__otelStarted = true;
  registerOTel('orders');
  return new Response('ok');
}
    `,
    // the API itself says whether a provider is registered
    `
import { trace, ProxyTracerProvider } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
export function ensureTracing() {
  const current = trace.getTracerProvider();
  if (current instanceof ProxyTracerProvider && !(current.getDelegate() instanceof NodeTracerProvider)) return;
  new NodeTracerProvider().register();
}
    `,
    // Sentry told to leave OpenTelemetry alone, next to a NodeSDK
    `
import * as Sentry from '@sentry/node';
import { NodeSDK } from '@opentelemetry/sdk-node';
Sentry.init({ dsn: process.env.SENTRY_DSN, skipOpenTelemetrySetup: true });
new NodeSDK({}).start();
    `,
    // Next.js calls instrumentation.ts register() once per server
    {
      code: `
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { NodeSDK } = await import('@opentelemetry/sdk-node');
    new NodeSDK({}).start();
  }
}
      `,
      filename: 'instrumentation.ts',
    },
    // option: exported init functions are called once by the app
    {
      code: `
import * as otelNode from '@opentelemetry/sdk-node';
export function bootTelemetry() {
  const sdk = new otelNode.NodeSDK({});
  sdk.start();
  return sdk;
}
      `,
      options: [{ allowExportedInit: true }],
    },
    // a parameter that shadows the API import is not the API
    `
import { trace } from '@opentelemetry/api';
app.use((req, res, trace) => { trace.setGlobalTracerProvider(req.provider); });
    `,
    // instrumentations registered twice are no-duplicate-instrumentation's business
    `
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
registerInstrumentations({ instrumentations: [new HttpInstrumentation()] });
registerInstrumentations({ instrumentations: [] });
    `,
    // once-only listeners and startup callbacks run once
    `
const { NodeSDK } = require('@opentelemetry/sdk-node');
process.once('message', () => new NodeSDK({}).start());
server.listen(3000, () => { new NodeSDK({}).start(); });
    `,
    // a function that first asks the API whether a provider is registered
    `
const { trace, ProxyTracerProvider } = require('@opentelemetry/api');
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
new NodeTracerProvider().register();
exports.ensure = () => {
  const current = trace.getTracerProvider();
  if (current instanceof ProxyTracerProvider && current.getDelegate()) return;
  new NodeTracerProvider().register();
};
    `,
    // listeners of events that fire once
    `
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
window.addEventListener('load', () => new WebTracerProvider().register());
document.addEventListener('visibilitychange', () => new WebTracerProvider().register(), { once: true });
    `,
    // process.env lives as long as the process
    `
import { NodeSDK } from '@opentelemetry/sdk-node';
export function initTelemetry() {
  if (process.env.OTEL_SAFE_STARTED) return;
  process.env.OTEL_SAFE_STARTED = '1';
  new NodeSDK({}).start();
}
    `,
    // BasicTracerProvider.register() (1.x) sets no context manager unless given one
    `
import { context } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
new BasicTracerProvider().register();
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    `,
    // TypeScript overload signatures and abstract methods have no body
    {
      code: `
import { NodeSDK } from '@opentelemetry/sdk-node';
export function start(name: string): NodeSDK;
export function start(name: string, extra: object): NodeSDK;
export function start(name: string, extra?: object): NodeSDK {
  return new NodeSDK({ serviceName: name, ...extra });
}
export abstract class Base {
  abstract init(): void;
}
new NodeSDK({}).start();
      `,
      filename: 'overloads.ts',
    },
    // a local function called once at module level
    `
const { NodeSDK } = require('@opentelemetry/sdk-node');
function setup() {
  const sdk = new NodeSDK({});
  sdk.start();
  return sdk;
}
const sdk = setup();
    `,
    // holdout10 R6 (the other side): without the Workers return type the wrapper is an exported function with no caller here
    { code: workersWrapper(''), filename: 'src/index.ts' },
  ],
  invalid: [
    // holdout10 R6: the Workers runtime calls the \`fetch\` of the handler object a wrapper returns once per request
    {
      code: workersWrapper(': ExportedHandler<Env>'),
      filename: 'src/index.ts',
      errors: [{ messageId: 'registrationInRerunnableCode', line: 6, suggestions: [{ messageId: 'wrapInGlobalGuard', output: `import { trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';

type OtelSafeSlot<T> = typeof globalThis & { [key: symbol]: T | undefined };
export function withTracing(worker: ExportedHandler<Env>): ExportedHandler<Env> {
  const fetch = async (request: Request, env: Env, ctx: ExecutionContext) => {
    const provider = ((globalThis as OtelSafeSlot<BasicTracerProvider>)[
      Symbol.for('otel-safe.setGlobalTracerProvider')
    ] ??= (() => {
      const provider = new BasicTracerProvider();
      trace.setGlobalTracerProvider(provider);
      return provider;
    })());
    try {
      return await worker.fetch!(request, env, ctx);
    } finally {
      ctx.waitUntil(provider.forceFlush());
    }
  };
  return { fetch };
}
` }] }],
    },
    // holdout6: the earlier registration set only the propagator; register() installs one too (its option, else
    // the env default), and only that one is refused: the message does not claim the provider loses its spans
    {
      code: `import { propagation } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
const provider = new NodeTracerProvider();
provider.register();
`,
      errors: [{ messageId: 'conflictingRegistration', line: 6, data: { label: 'provider.register()', first: 'propagation.setGlobalPropagator()', line: '4', globals: 'propagation global', consequence: 'the API keeps the first and ignores the propagator `provider.register()` installs; the tracer provider itself is registered, so its processors still see spans' } }],
    },
    // the other order: the propagator set after register() is the one refused
    {
      code: `import { propagation } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
const provider = new NodeTracerProvider();
provider.register();
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
`,
      errors: [{ messageId: 'conflictingRegistration', line: 6, data: { label: 'propagation.setGlobalPropagator()', first: 'provider.register()', line: '5', globals: 'propagation global', consequence: 'the API keeps the first and ignores the propagator `propagation.setGlobalPropagator()` installs' } }],
    },
    // holdout4 (wrong claim): a provider registered, then set again through the API: the repeat is ignored, and
    // no SDK is started twice, so nothing is said about instrumentations
    {
      code: `const api = require('@opentelemetry/api');
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const provider = new NodeTracerProvider();
provider.register();
api.trace.setGlobalTracerProvider(provider);
`,
      errors: [{ messageId: 'duplicateRegistration', line: 5, data: { label: 'api.trace.setGlobalTracerProvider()', first: 'provider.register()', line: '4', globals: 'trace global', consequence: '', restart: '', fix: ' (`npx otel-codemod guard-registration`)' }, suggestions: 1 as unknown as readonly never[] }],
    },
    // a guard keeps its own code to one run, not from registering after a different setup:
    // guard-registration's factory next to a module-level provider stays a conflict
    {
      code: `
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
new NodeTracerProvider().register();
app.use((req, res, next) => {
  const sdk = (globalThis[Symbol.for('otel-safe.NodeSDK')] ??= (() => {
    const sdk = new NodeSDK({ serviceName: 'web' });
    sdk.start();
    return sdk;
  })());
  next();
});
`,
      errors: [{ messageId: 'conflictingRegistration', line: 8 }],
    },
    // the same with guard-registration's statement guard around a vendor init
    {
      code: `
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { registerOTel } from '@vercel/otel';
new NodeTracerProvider().register();
export function register() {
  if (!(Symbol.for('otel-safe.registerOTel') in globalThis)) {
    Object.defineProperty(globalThis, Symbol.for('otel-safe.registerOTel'), { value: true, configurable: true });
    registerOTel({ serviceName: 'web' });
  }
}
`,
      errors: [{ messageId: 'conflictingRegistration', line: 8 }],
    },
    // same provider registered twice (CommonJS): the repeat is removable
    {
      code: `
const { trace } = require('@opentelemetry/api');
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');

const provider = new NodeTracerProvider();
provider.register();
trace.setGlobalTracerProvider(provider);
`,
      errors: [
        {
          messageId: 'duplicateRegistration',
          line: 7,
          column: 1,
          suggestions: [
            {
              messageId: 'removeRedundantRegistration',
              output: `
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');

const provider = new NodeTracerProvider();
provider.register();
`,
            },
          ],
        },
      ],
    },
    // the same SDK started twice; the API import stays because it is still used
    {
      code: `
import { trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
const sdk = new NodeSDK({});
sdk.start();
await sdk.start();
export const tracer = trace.getTracer('x');
`,
      errors: [
        {
          messageId: 'duplicateRegistration',
          line: 6,
          column: 7,
          data: { label: 'sdk.start()', first: 'sdk.start()', line: '5', globals: 'trace, context and propagation globals', consequence: '', restart: ', and an SDK started twice enables its instrumentations again', fix: ' (`npx otel-codemod guard-registration`)' },
          suggestions: [
            {
              messageId: 'removeRedundantRegistration',
              output: `
import { trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
const sdk = new NodeSDK({});
sdk.start();
export const tracer = trace.getTracer('x');
`,
            },
          ],
        },
      ],
    },
    // two different SDK instances: report only
    {
      code: `
import { NodeSDK } from '@opentelemetry/sdk-node';
new NodeSDK({ serviceName: 'a' }).start();
new NodeSDK({ serviceName: 'b' }).start();
`,
      errors: [{ messageId: 'conflictingRegistration', line: 4 }],
    },
    {
      code: `
import { trace } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
new NodeTracerProvider().register();
trace.setGlobalTracerProvider(new BasicTracerProvider());
`,
      errors: [{ messageId: 'conflictingRegistration', line: 6, column: 1 }],
    },
    // vendors next to a NodeSDK
    {
      code: `
import * as Sentry from '@sentry/node';
import { NodeSDK } from '@opentelemetry/sdk-node';
Sentry.init({ dsn: process.env.SENTRY_DSN });
new NodeSDK({}).start();
`,
      errors: [{ messageId: 'conflictingRegistration', line: 5 }],
    },
    {
      code: `
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { useAzureMonitor } = require('@azure/monitor-opentelemetry');
new NodeSDK({}).start();
useAzureMonitor({ azureMonitorExporterOptions: { connectionString: process.env.CS } });
`,
      errors: [{ messageId: 'conflictingRegistration', line: 5 }],
    },
    // the auto-instrumentation preload imported in code, then an SDK started by hand
    {
      code: `
import '@opentelemetry/auto-instrumentations-node/register';
import { NodeSDK } from '@opentelemetry/sdk-node';
const sdk = new NodeSDK({});
sdk.start();
`,
      errors: [{ messageId: 'conflictingRegistration', line: 5 }],
    },
    // namespace import inside Express middleware
    {
      code: `
import * as otel from '@opentelemetry/sdk-node';
app.use((req, res, next) => {
  new otel.NodeSDK({}).start();
  next();
});
`,
      errors: [
        {
          messageId: 'registrationInRerunnableCode',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
import * as otel from '@opentelemetry/sdk-node';
app.use((req, res, next) => {
  if (!(Symbol.for('otel-safe.NodeSDK') in globalThis)) {
    Object.defineProperty(globalThis, Symbol.for('otel-safe.NodeSDK'), {
      value: true,
      configurable: true,
    });
    new otel.NodeSDK({}).start();
  }
  next();
});
`,
            },
          ],
        },
      ],
    },
    // a route handler with the SDK declared in it (TypeScript: typed slot)
    {
      code: `
import { NodeSDK } from '@opentelemetry/sdk-node';
router.get('/orders', async (req, res) => {
  const sdk = new NodeSDK({});
  sdk.start();
  res.json([]);
});
`,
      errors: [
        {
          messageId: 'registrationInRerunnableCode',
          line: 5,
          suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
import { NodeSDK } from '@opentelemetry/sdk-node';

type OtelSafeSlot<T> = typeof globalThis & { [key: symbol]: T | undefined };
router.get('/orders', async (req, res) => {
  const sdk = ((globalThis as OtelSafeSlot<NodeSDK>)[
    Symbol.for('otel-safe.NodeSDK')
  ] ??= (() => {
    const sdk = new NodeSDK({});
    sdk.start();
    return sdk;
  })());
  res.json([]);
});
`,
            },
          ],
        },
      ],
    },
    // Next.js route handler
    {
      code: `
import { registerOTel } from '@vercel/otel';
export async function GET() {
  registerOTel({ serviceName: 'orders-api' });
  return Response.json({ ok: true });
}
`,
      filename: 'app/api/orders/route.ts',
      errors: [
        {
          messageId: 'registrationInRerunnableCode',
          suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
import { registerOTel } from '@vercel/otel';
export async function GET() {
  if (!(Symbol.for('otel-safe.registerOTel') in globalThis)) {
    Object.defineProperty(globalThis, Symbol.for('otel-safe.registerOTel'), {
      value: true,
      configurable: true,
    });
    registerOTel({ serviceName: 'orders-api' });
  }
  return Response.json({ ok: true });
}
`,
            },
          ],
        },
      ],
    },
    // React effect and component body
    {
      code: `
import { useEffect } from 'react';
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
export function App() {
  useEffect(() => {
    const provider = new WebTracerProvider();
    provider.register();
  }, []);
  return <main />;
}
`,
      filename: 'App.tsx',
      errors: [
        {
          messageId: 'registrationInRerunnableCode',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
import { useEffect } from 'react';
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';

type OtelSafeSlot<T> = typeof globalThis & { [key: symbol]: T | undefined };
export function App() {
  useEffect(() => {
    const provider = ((globalThis as OtelSafeSlot<WebTracerProvider>)[
      Symbol.for('otel-safe.WebTracerProvider')
    ] ??= (() => {
      const provider = new WebTracerProvider();
      provider.register();
      return provider;
    })());
  }, []);
  return <main />;
}
`,
            },
          ],
        },
      ],
    },
    {
      code: `
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
function Root() {
  new WebTracerProvider().register();
  return <div />;
}
`,
      filename: 'Root.jsx',
      errors: [{ messageId: 'registrationInRerunnableCode', suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
function Root() {
  if (!(Symbol.for('otel-safe.WebTracerProvider') in globalThis)) {
    Object.defineProperty(
      globalThis,
      Symbol.for('otel-safe.WebTracerProvider'),
      { value: true, configurable: true },
    );
    new WebTracerProvider().register();
  }
  return <div />;
}
`,
            },
          ] }],
    },
    // class constructor, TypeScript (strict mode: with the default, a constructor needs a construction site as evidence)
    {
      code: `
import { NodeSDK } from '@opentelemetry/sdk-node';
export class Telemetry {
  private readonly sdk: NodeSDK;
  constructor() {
    this.sdk = new NodeSDK({});
    this.sdk.start();
  }
}
`,
      options: [{ exportedInit: 'always' }],
      errors: [
        {
          messageId: 'registrationInRerunnableCode',
          line: 7,
          suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
import { NodeSDK } from '@opentelemetry/sdk-node';

type OtelSafeSlot<T> = typeof globalThis & { [key: symbol]: T | undefined };
export class Telemetry {
  private readonly sdk: NodeSDK;
  constructor() {
    this.sdk = (globalThis as OtelSafeSlot<NodeSDK>)[
      Symbol.for('otel-safe.NodeSDK')
    ] ??= (() => {
      const sdk = new NodeSDK({});
      sdk.start();
      return sdk;
    })();
  }
}
`,
            },
          ],
        },
      ],
    },
    // loops, listeners, intervals
    {
      code: `
const { NodeSDK } = require('@opentelemetry/sdk-node');
for (const name of ['a', 'b']) {
  new NodeSDK({ serviceName: name }).start();
}
`,
      errors: [{ messageId: 'registrationInRerunnableCode', suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
const { NodeSDK } = require('@opentelemetry/sdk-node');
for (const name of ['a', 'b']) {
  if (!(Symbol.for('otel-safe.NodeSDK') in globalThis)) {
    Object.defineProperty(globalThis, Symbol.for('otel-safe.NodeSDK'), {
      value: true,
      configurable: true,
    });
    new NodeSDK({ serviceName: name }).start();
  }
}
`,
            },
          ] }],
    },
    {
      code: `
const { trace } = require('@opentelemetry/api');
worker.on('message', (msg) => {
  trace.setGlobalTracerProvider(msg.provider);
});
`,
      errors: [{ messageId: 'registrationInRerunnableCode', suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
const { trace } = require('@opentelemetry/api');
worker.on('message', (msg) => {
  if (!(Symbol.for('otel-safe.setGlobalTracerProvider') in globalThis)) {
    Object.defineProperty(
      globalThis,
      Symbol.for('otel-safe.setGlobalTracerProvider'),
      { value: true, configurable: true },
    );
    trace.setGlobalTracerProvider(msg.provider);
  }
});
`,
            },
          ] }],
    },
    // exported init functions, ESM and CommonJS
    {
      code: `
import * as otelNode from '@opentelemetry/sdk-node';
export function bootTelemetry() {
  const sdk = new otelNode.NodeSDK({});
  sdk.start();
  return sdk;
}
`,
      filename: 'otel.mts',
      // the strict mode: an exported function counts as re-runnable without evidence
      options: [{ exportedInit: 'always' }],
      errors: [
        {
          messageId: 'registrationInRerunnableCode',
          suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
import * as otelNode from '@opentelemetry/sdk-node';

type OtelSafeSlot<T> = typeof globalThis & { [key: symbol]: T | undefined };
export function bootTelemetry() {
  const sdk = ((globalThis as OtelSafeSlot<otelNode.NodeSDK>)[
    Symbol.for('otel-safe.NodeSDK')
  ] ??= (() => {
    const sdk = new otelNode.NodeSDK({});
    sdk.start();
    return sdk;
  })());
  return sdk;
}
`,
            },
          ],
        },
      ],
    },
    {
      code: `
const { NodeSDK } = require('@opentelemetry/sdk-node');
module.exports = function init() {
  const sdk = new NodeSDK({});
  sdk.start();
  return sdk;
};
`,
      filename: 'init.cjs',
      options: [{ exportedInit: 'always' }],
      errors: [
        {
          messageId: 'registrationInRerunnableCode',
          suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
const { NodeSDK } = require('@opentelemetry/sdk-node');
module.exports = function init() {
  const sdk = (globalThis[Symbol.for('otel-safe.NodeSDK')] ??= (() => {
    const sdk = new NodeSDK({});
    sdk.start();
    return sdk;
  })());
  return sdk;
};
`,
            },
          ],
        },
      ],
    },
    // serverless handler with a dynamic import
    {
      code: `
exports.handler = async (event, context) => {
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  new NodeSDK({}).start();
  return { statusCode: 200 };
};
`,
      filename: 'handler.js',
      errors: [{ messageId: 'registrationInRerunnableCode', suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
exports.handler = async (event, context) => {
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  if (!(Symbol.for('otel-safe.NodeSDK') in globalThis)) {
    Object.defineProperty(globalThis, Symbol.for('otel-safe.NodeSDK'), {
      value: true,
      configurable: true,
    });
    new NodeSDK({}).start();
  }
  return { statusCode: 200 };
};
`,
            },
          ] }],
    },
    // a local function called twice, and one called from a request handler
    {
      code: `
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
function init() {
  new NodeTracerProvider().register();
}
init();
init();
`,
      errors: [{ messageId: 'registrationInRerunnableCode', suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
function init() {
  if (!(Symbol.for('otel-safe.NodeTracerProvider') in globalThis)) {
    Object.defineProperty(
      globalThis,
      Symbol.for('otel-safe.NodeTracerProvider'),
      { value: true, configurable: true },
    );
    new NodeTracerProvider().register();
  }
}
init();
init();
`,
            },
          ] }],
    },
    {
      code: `
const otel = require('@opentelemetry/sdk-node');
const setup = () => otel.startNodeSdk({});
http.createServer((req, res) => {
  setup();
  res.end();
});
`,
      errors: [{ messageId: 'registrationInRerunnableCode', suggestions: [] }],
    },
    // TS import-equals, require('m').X, and sdk-node namespaces
    {
      code: `
import otel = require('@opentelemetry/sdk-node');
export default function handler(req: Request, res: Response) {
  const sdk = otel.startNodeSdk({});
  return sdk;
}
`,
      errors: [
        {
          messageId: 'registrationInRerunnableCode',
          suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
import otel = require('@opentelemetry/sdk-node');
export default function handler(req: Request, res: Response) {
  const sdk = ((globalThis as typeof globalThis & { [key: symbol]: ReturnType<typeof otel.startNodeSdk> | undefined })[
    Symbol.for('otel-safe.startNodeSdk')
  ] ??= otel.startNodeSdk({}));
  return sdk;
}
`,
            },
          ],
        },
      ],
    },
    {
      code: `
const NodeSDK = require('@opentelemetry/sdk-node').NodeSDK;
const opentelemetry = require('@opentelemetry/sdk-node');
setInterval(() => {
  new NodeSDK({}).start();
  new opentelemetry.node.NodeTracerProvider().register();
}, 1000);
`,
      errors: [
        { messageId: 'registrationInRerunnableCode', line: 5, suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
const NodeSDK = require('@opentelemetry/sdk-node').NodeSDK;
const opentelemetry = require('@opentelemetry/sdk-node');
setInterval(() => {
  if (!(Symbol.for('otel-safe.NodeSDK') in globalThis)) {
    Object.defineProperty(globalThis, Symbol.for('otel-safe.NodeSDK'), {
      value: true,
      configurable: true,
    });
    new NodeSDK({}).start();
  }
  new opentelemetry.node.NodeTracerProvider().register();
}, 1000);
`,
            },
          ] },
        { messageId: 'conflictingRegistration', line: 6 },
        { messageId: 'registrationInRerunnableCode', line: 6, suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
const NodeSDK = require('@opentelemetry/sdk-node').NodeSDK;
const opentelemetry = require('@opentelemetry/sdk-node');
setInterval(() => {
  new NodeSDK({}).start();
  if (!(Symbol.for('otel-safe.NodeTracerProvider') in globalThis)) {
    Object.defineProperty(
      globalThis,
      Symbol.for('otel-safe.NodeTracerProvider'),
      { value: true, configurable: true },
    );
    new opentelemetry.node.NodeTracerProvider().register();
  }
}, 1000);
`,
            },
          ] },
      ],
    },
    // reassignment and a flag that is local to the handler (no guard)
    {
      code: `
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
app.post('/x', (req, res) => {
  let started = false;
  let provider;
  provider = new NodeTracerProvider();
  if (!started) {
    provider.register();
    started = true;
  }
  res.end();
});
`,
      errors: [{ messageId: 'registrationInRerunnableCode', line: 8, suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
app.post('/x', (req, res) => {
  let started = false;
  let provider;
  provider = new NodeTracerProvider();
  if (!started) {
    if (!(Symbol.for('otel-safe.NodeTracerProvider') in globalThis)) {
      Object.defineProperty(
        globalThis,
        Symbol.for('otel-safe.NodeTracerProvider'),
        { value: true, configurable: true },
      );
      provider.register();
    }
    started = true;
  }
  res.end();
});
`,
            },
          ] }],
    },
    // a function that registers after the module's top level already did (either source order)
    {
      code: `
const { trace } = require('@opentelemetry/api');
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BasicTracerProvider } = require('@opentelemetry/sdk-trace-base');
function useConsoleTracing() {
  trace.setGlobalTracerProvider(new BasicTracerProvider());
}
new NodeTracerProvider().register();
module.exports = { useConsoleTracing };
`,
      filename: 'tracing.js',
      options: [{ allowExportedInit: true }],
      errors: [{ messageId: 'conflictingRegistration', line: 6 }],
    },
    // NodeTracerProvider.register() already set a context manager
    {
      code: `
import { context } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
new NodeTracerProvider().register();
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
`,
      errors: [{ messageId: 'conflictingRegistration', line: 6 }],
    },
    // Vue lifecycle callbacks run per component instance
    {
      code: `
import { onMounted } from 'vue';
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
export default {
  setup() {
    onMounted(() => {
      new WebTracerProvider().register();
    });
  },
};
`,
      filename: 'Tracing.vue.ts',
      errors: [
        {
          messageId: 'registrationInRerunnableCode',
          suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
import { onMounted } from 'vue';
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
export default {
  setup() {
    onMounted(() => {
      if (!(Symbol.for('otel-safe.WebTracerProvider') in globalThis)) {
        Object.defineProperty(
          globalThis,
          Symbol.for('otel-safe.WebTracerProvider'),
          { value: true, configurable: true },
        );
        new WebTracerProvider().register();
      }
    });
  },
};
`,
            },
          ],
        },
      ],
    },
    // a user's wrapper, configured as a registrar
    {
      code: `
import { initTelemetry } from '@acme/telemetry';
app.use((req, res, next) => {
  initTelemetry('shop');
  next();
});
`,
      settings: { 'otel-safe': { registrars: [{ module: '@acme/telemetry', export: 'initTelemetry', kind: 'sdk-start' }] } },
      errors: [{ messageId: 'registrationInRerunnableCode', suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
import { initTelemetry } from '@acme/telemetry';
app.use((req, res, next) => {
  if (!(Symbol.for('otel-safe.initTelemetry') in globalThis)) {
    Object.defineProperty(globalThis, Symbol.for('otel-safe.initTelemetry'), {
      value: true,
      configurable: true,
    });
    initTelemetry('shop');
  }
  next();
});
`,
            },
          ] }],
    },
    // import('m').then(({ X }) => ...) inside a hook
    {
      code: `
import { useEffect } from 'react';
export function useTracing() {
  import('@opentelemetry/sdk-trace-web').then(({ WebTracerProvider }) => {
    new WebTracerProvider().register();
  });
}
`,
      errors: [{ messageId: 'registrationInRerunnableCode', suggestions: [
            {
              messageId: 'wrapInGlobalGuard',
              output: `
import { useEffect } from 'react';
export function useTracing() {
  import('@opentelemetry/sdk-trace-web').then(({ WebTracerProvider }) => {
    if (!(Symbol.for('otel-safe.WebTracerProvider') in globalThis)) {
      Object.defineProperty(
        globalThis,
        Symbol.for('otel-safe.WebTracerProvider'),
        { value: true, configurable: true },
      );
      new WebTracerProvider().register();
    }
  });
}
`,
            },
          ] }],
    },
  ],
});

// Exported init functions and class methods need evidence from their callers (issue 12): the
// fixture projects under test/fixtures/projects/ hold the callers the project index finds.
const project = (rel: string) => join(__dirname, '..', 'fixtures', 'projects', rel);
const fixture = (rel: string) => ({ code: readFileSync(project(rel), 'utf8'), filename: project(rel) });

ruleTester.run('no-duplicate-registration (callers in the project)', rule, {
  valid: [
    // the only caller runs it once, at the top level of the entry
    fixture('exported-init-once/src/tracing.ts'),
    // no caller in the project: a library's public init
    fixture('exported-init-no-caller/src/tracing.ts'),
    // a method called from an exported function whose only caller runs it once
    fixture('method-init-once/src/telemetry.service.ts'),
    // a guard through a helper that reads the process-wide slot, even in the strict mode
    {
      code: `
import { NodeSDK } from '@opentelemetry/sdk-node';
const KEY = Symbol.for('app.otel.sdk');
function currentSdk(): NodeSDK | undefined {
  return (globalThis as Record<symbol, NodeSDK | undefined>)[KEY];
}
export function startTracing() {
  if (currentSdk()) return;
  const sdk = new NodeSDK({});
  sdk.start();
  (globalThis as Record<symbol, NodeSDK | undefined>)[KEY] = sdk;
}
`,
      filename: 'tracing.ts',
      options: [{ exportedInit: 'always' }],
    },
    // holdout3 R2: the state object lives in a globalThis slot that a helper returns (`??=`), read through a local const
    {
      code: `
import { trace, type Tracer } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
type State = { tracer?: Tracer };
const KEY = '__shop_otel_state__';
function getState(): State {
  return ((globalThis as Record<string, State | undefined>)[KEY] ??= {});
}
export function getTracer(): Tracer {
  const s = getState();
  if (s.tracer) return s.tracer;
  trace.setGlobalTracerProvider(new BasicTracerProvider());
  s.tracer = trace.getTracer('shop');
  return s.tracer;
}
`,
      filename: 'tracing.ts',
      options: [{ exportedInit: 'always' }],
    },
    // ... a helper that reads the slot and, when it is empty, stores a new object there; the cache is kept per
    // configuration key (\`s.tracer && s.key === key\`)
    {
      code: `
import { trace, type Tracer } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
type State = { tracer?: Tracer; key?: string };
const KEY = '__shop_otel_state__';
const getState = (): State => {
  const holder = globalThis as typeof globalThis & Record<string, unknown>;
  const existing = holder[KEY] as State | undefined;
  if (existing) return existing;
  const created: State = {};
  holder[KEY] = created;
  return created;
};
export function tracerFor(env: { API_KEY: string }): Tracer {
  const s = getState();
  const key = env.API_KEY;
  if (s.tracer && s.key === key) return s.tracer;
  trace.setGlobalTracerProvider(new BasicTracerProvider());
  s.tracer = trace.getTracer('shop');
  s.key = key;
  return s.tracer;
}
`,
      filename: 'tracing.ts',
      options: [{ exportedInit: 'always' }],
    },
    // holdout3 R3, the other side: with `skipOpenTelemetrySetup: true` Sentry registers no provider (@sentry/node
    // 9.19.0 build/cjs/sdk/index.js:136), the documented way to combine it with a custom setup; the edge branch
    // (NEXT_RUNTIME === 'edge') never runs with the nodejs one
    fixture('imported-sentry-skip-otel/src/instrumentation.ts'),
    // Sentry 7 sets up no OpenTelemetry at all (@sentry/node 7.120.3 package.json:32-38 has no OpenTelemetry
    // dependency; 8.0.0 cjs/index.js:3417 registers): a declared ~7.114 / ^7.120 range is below 8.0.0
    fixture('imported-sentry-7-then-otel/src/instrumentation.ts'),
    fixture('sentry-7-next-to-otel/src/index.ts'),
    // `(event, context)` looks like a Lambda handler, but the project's own main() calls it once (holdout2: a one-shot job)
    fixture('event-context-called/src/export.ts'),
    // the strict mode is off with exportedInit: 'never' (and the deprecated allowExportedInit)
    { ...fixture('exported-init-per-request/src/tracing.ts'), options: [{ exportedInit: 'never' }] },
    // holdout6 R1, the other side: the helper runs only in the edge arm, registerOTel() only in the other
    { code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { registerOTel } from '@vercel/otel';

async function setupTracing() {
  new NodeSDK({}).start();
}

export async function register() {
  if (process.env.NEXT_RUNTIME === 'edge') await setupTracing();
  else registerOTel({ serviceName: 'web' });
}
`, filename: 'instrumentation.ts' },
  ],
  invalid: [
    // holdout6 R1: a local helper awaited in register() (defined below, inside Promise.all) starts a NodeSDK,
    // and registerOTel() then registers the same globals: read like a call of another module's export
    {
      code: `import { registerOTel } from '@vercel/otel';

export async function register() {
  await Promise.all([setupLogging(), setupTracing()]);
  registerOTel({ serviceName: 'web' });
}

const setupLogging = async () => {};

const setupTracing = async () => {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { NodeSDK } = await import('@opentelemetry/sdk-node');
    new NodeSDK({}).start();
  }
};
`,
      filename: 'instrumentation.ts',
      errors: [
        {
          messageId: 'conflictingImportedRegistration',
          line: 5,
          data: {
            label: 'registerOTel()',
            first: 'new NodeSDK(…).start()',
            where: 'line 13 in `setupTracing()`, run by line 4',
            globals: 'trace, context and propagation globals',
            consequence: 'the API keeps the first and silently ignores this one, so its processors and exporters never see a span',
          },
          suggestions: [],
        },
      ],
    },
    // holdout3 R3: register() loads the Sentry server config, whose `Sentry.init()` registers a tracer provider
    // (@sentry/node 9.19.0 sdk/initOtel.js:118), then runs ./tracing's startTracing(), whose registerOTel() the
    // first-wins API ignores: reported at the second registration
    {
      ...fixture('imported-sentry-then-otel/src/instrumentation.ts'),
      errors: [
        {
          messageId: 'conflictingImportedRegistration',
          line: 7,
          data: {
            label: 'startTracing()',
            first: 'Sentry.init()',
            where: '../sentry.server.config.ts:3, run by line 5',
            globals: 'trace, context and propagation globals',
            consequence: 'the API keeps the first and silently ignores this one, so its processors and exporters never see a span',
          },
          suggestions: [],
        },
      ],
    },
    // holdout3 R2, the other side: a helper that returns a fresh object each call keeps nothing between runs,
    // and a slot tested together with a flag that is no configuration key stops nothing when the flag is off
    ...[
      'function getState(): State {\n  return {};\n}',
      'function getState(): State {\n  return ((globalThis as Record<string, State | undefined>)[KEY] ??= {});\n}',
    ].map((helper, i) => ({
      code: `
import { trace, type Tracer } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
type State = { tracer?: Tracer };
const KEY = '__shop_otel_state__';
${helper}
export function getTracer(verbose: boolean): Tracer {
  const s = getState();
  if (${i === 0 ? 's.tracer' : 's.tracer && verbose'}) return s.tracer;
  trace.setGlobalTracerProvider(new BasicTracerProvider());
  s.tracer = trace.getTracer('shop');
  return s.tracer;
}
`,
      filename: 'tracing.ts',
      options: [{ exportedInit: 'always' }] as const,
      errors: [{ messageId: 'registrationInRerunnableCode' as const, line: 12, suggestions: ONE }],
    })),
    {
      ...fixture('exported-init-per-request/src/tracing.ts'),
      errors: [{ messageId: 'registrationInRerunnableCode', line: 5, data: { label: 'sdk.start()', context: '`startTracing`, called from middleware (`.use()`), which runs per request (src/server.ts:6)', what: 'every run after the first builds another SDK that never becomes global, so its processors see no spans', fix: ' (`npx otel-codemod guard-registration`)' }, suggestions: ONE }],
    },
    // holdout13: the init reached through `import('../otel-client').then(({ initOtel }) => initOtel())` in a component's
    // effect: every mount runs it (twice under StrictMode)
    {
      ...fixture('hmr-next-effect-dynamic-init/src/otel-client.ts'),
      errors: [
        { messageId: 'registrationInRerunnableCode', line: 10, suggestions: ONE },
        { messageId: 'registrationInRerunnableCode', line: 11, suggestions: ONE },
      ],
    },
    {
      ...fixture('exported-init-twice/src/tracing.ts'),
      errors: [{ messageId: 'registrationInRerunnableCode', line: 5, data: { label: 'sdk.start()', context: '`startTracing`, which src/main.ts:3 and line 5 both call', what: 'every run after the first builds another SDK that never becomes global, so its processors see no spans', fix: ' (`npx otel-codemod guard-registration`)' }, suggestions: ONE }],
    },
    {
      ...fixture('method-init-per-render/src/telemetry.service.ts'),
      errors: [{ messageId: 'registrationInRerunnableCode', line: 7, suggestions: ONE }],
    },
    // with no caller in the project, `(event, context)` is taken for a platform handler that runs per invocation
    { ...fixture('event-context-uncalled/src/handler.ts'), errors: [{ messageId: 'registrationInRerunnableCode', line: 6, suggestions: ONE }] },
    // the strict mode reports without evidence
    { ...fixture('exported-init-no-caller/src/tracing.ts'), options: [{ exportedInit: 'always' }], errors: [{ messageId: 'registrationInRerunnableCode', line: 5, suggestions: ONE }] },
  ],
});

ruleTester.run('no-duplicate-registration (globals an SDK installs, vendor inits that ignore a second call)', rule, {
  valid: [
    // Traceloop's initialize returns at once when called again (@traceloop/node-server-sdk dist/index.js)
    `
import * as traceloop from '@traceloop/node-server-sdk';
app.use((req, res, next) => {
  traceloop.initialize({ appName: 'shop' });
  next();
});
`,
    // Faro logs "Faro is already registered" and returns (@grafana/faro-core dist/cjs/initialize.js)
    `
import { initializeFaro } from '@grafana/faro-web-sdk';
initializeFaro({ url: '/collect', app: { name: 'shop' } });
initializeFaro({ url: '/collect', app: { name: 'shop' } });
`,
    // holdout H3: otel-cf-workers' instrument() (the Worker) and instrumentDO() (its Durable Object) share one
    // once-flag: the first handler to run registers the provider, the other registers nothing (0.9.1 dist/sdk.js:46-57)
    `
import { instrument, instrumentDO } from '@microlabs/otel-cf-workers';
class Room { constructor(state) { this.state = state; } async fetch() { return new Response('room'); } }
const config = (env) => ({ exporter: { url: env.OTLP_URL }, service: { name: 'rooms' } });
export const RoomObject = instrumentDO(Room, config);
export default instrument({ async fetch() { return new Response('ok'); } }, config);
`,
    // an SDK without metric readers leaves the meter provider to the app
    `
import { metrics } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
const sdk = new NodeSDK({ serviceName: 'shop' });
sdk.start();
metrics.setGlobalMeterProvider(new MeterProvider());
`,
  ],
  invalid: [
    {
      // NodeSDK's start() registers the meter provider when it has a metric reader: the second one is ignored
      code: `
import { metrics } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { MeterProvider, PeriodicExportingMetricReader, ConsoleMetricExporter } from '@opentelemetry/sdk-metrics';
const sdk = new NodeSDK({ metricReader: new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter() }) });
sdk.start();
metrics.setGlobalMeterProvider(new MeterProvider());
`,
      errors: [{ messageId: 'conflictingRegistration', line: 7 }],
    },
    {
      // the shared once-flag covers otel-cf-workers' own exports only: a provider registered beside it still conflicts
      code: `
import { instrument } from '@microlabs/otel-cf-workers';
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
trace.setGlobalTracerProvider(new BasicTracerProvider());
export default instrument({ async fetch() { return new Response('ok'); } }, { exporter: { url: '/v1/traces' }, service: { name: 'edge' } });
`,
      errors: [{ messageId: 'conflictingRegistration', line: 6 }],
    },
  ],
});

// sweep-b review (issue 12): once-guards written as strict flag tests (FP2)
const strictFlagGuard = (test: string) => `
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
let contextManagerSet = false;
export function ensureContextManager() {
  if (${test}) {
    return;
  }
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  contextManagerSet = true;
}
export class Profiler {
  constructor() {
    ensureContextManager();
  }
}
for (const name of ['a', 'b']) new Profiler();
`;

ruleTester.run('no-duplicate-registration (strict flag tests)', rule, {
  valid: [
    // sweep-b #47: `flag === true`, `flag !== false`, `!!flag` and `flag == true` test the module-level flag as
    // `if (flag)` does: the function registers once per process whoever calls it (a constructor run in a loop)
    ...['contextManagerSet === true', 'contextManagerSet !== false', '!!contextManagerSet', 'true == contextManagerSet'].map((t) => ({ code: strictFlagGuard(t), filename: 'profiling.ts', options: [{ exportedInit: 'always' }] as const })),
  ],
  invalid: [
    // the other direction returns when the flag is *not* set: every call after the first registers again
    ...['contextManagerSet === false', 'contextManagerSet !== true'].map((t) => ({
      code: strictFlagGuard(t),
      filename: 'profiling.ts',
      options: [{ exportedInit: 'always' }] as const,
      errors: [{ messageId: 'registrationInRerunnableCode' as const, line: 9, suggestions: ONE }],
    })),
  ],
});

// sweep-b review (issue 12) FP4: the API's own disable() clears the slot (@opentelemetry/api 1.9.0
// build/src/api/trace.js:73-74 → unregisterGlobal, build/src/internal/global-utils.js:56-61)
const handOver = (between: string) => `
import { trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { ScopeFilter } from './scope-filter';
const sdk = new NodeSDK({ serviceName: 'web' });
sdk.start();
const registered = trace.getTracerProvider();
${between}
trace.setGlobalTracerProvider(new ScopeFilter(registered));
`;

ruleTester.run('no-duplicate-registration (disable() before a new registration)', rule, {
  valid: [
    // sweep-b #50: trace.disable() on the same path: the wrapper registers, and it delegates to the SDK's provider
    handOver('trace.disable();'),
  ],
  invalid: [
    // a disable() that may not run, or one of another slot, leaves the trace slot registered
    ...['if (process.env.FILTER_SCOPES) trace.disable();', 'context.disable();'].map((between) => ({
      code: handOver(between).replace("import { trace }", 'import { context, trace }'),
      errors: [{ messageId: 'conflictingRegistration' as const, line: 9 }],
    })),
  ],
});

// sweep-b review (issue 12) FP1/FP3/FP5: constructors need evidence, DI singletons, once-APIs, providers used directly
const nestService = (decorator: string) => `
import { Injectable, Scope } from '@nestjs/common';
import { NodeSDK } from '@opentelemetry/sdk-node';
${decorator}
export class TelemetryService {
  private readonly sdk = new NodeSDK({ serviceName: 'api' });
  constructor() {
    this.sdk.start();
  }
}
`;
const angularInterceptor = (providedIn: string) => `
import { Injectable } from '@angular/core';
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
@Injectable({ providedIn: ${providedIn} })
export class TracingInterceptor {
  provider: WebTracerProvider;
  constructor() {
    this.provider = new WebTracerProvider();
    this.provider.register();
  }
}
`;

ruleTester.run('no-duplicate-registration (constructors, DI singletons, once-APIs)', rule, {
  valid: [
    // sweep-b #13: the only non-test \`new Tracing(\` is under a module-level once-guard (src/sdk.ts); the test file's two are no evidence
    fixture('ctor-once-guard/src/client.ts'),
    // a once-check of a project object whose method returns a test of a module-level flag (src/state.ts), imported
    fixture('ctor-once-guard/src/server.ts'),
    // ... and the same object in this file
    {
      code: `
import { NodeSDK } from '@opentelemetry/sdk-node';
let sdk: NodeSDK | undefined;
const Otel = { isInitialized: () => !!sdk };
export function onRequest(req: unknown, res: unknown) {
  if (!Otel.isInitialized()) {
    sdk = new NodeSDK({});
    sdk.start();
  }
}
`,
      filename: 'tracing.ts',
    },
    // a slot helper tested for absence (\`if (!currentSdk()) { … }\`), like \`if (currentSdk()) return;\`
    {
      code: `
import { NodeSDK } from '@opentelemetry/sdk-node';
const KEY = Symbol.for('app.otel.sdk');
const currentSdk = () => (globalThis as Record<symbol, NodeSDK | undefined>)[KEY];
export function startTracing() {
  if (!currentSdk()) {
    const sdk = new NodeSDK({});
    sdk.start();
    (globalThis as Record<symbol, NodeSDK | undefined>)[KEY] = sdk;
  }
}
`,
      filename: 'tracing.ts',
      options: [{ exportedInit: 'always' }],
    },
    // Highlight's own once-check (@highlight-run/node 3.12.22 dist/index.js:65 \`isInitialized: () => !!highlight_obj\`)
    {
      code: `
import { trace } from '@opentelemetry/api';
import { H } from '@highlight-run/node';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
export function onRequest(req: unknown, res: unknown) {
  if (!H.isInitialized()) trace.setGlobalTracerProvider(new BasicTracerProvider());
}
`,
      filename: 'tracing.ts',
    },
    // sweep-b #9/#53: Nest's default scope and Angular's root injector build the class once per application
    // (@nestjs/common 10.4.15 interfaces/scope-options.interface.d.ts:5-10; @angular/core 14.3.0 index.d.ts:3770-3777,
    // fesm2020/core.mjs:8713-8724), even in the strict mode
    // (Nest: one instance per module listing it in \`providers\`; here exactly one module does)
    { ...fixture('nest-provider-once/src/telemetry.service.ts'), options: [{ exportedInit: 'always' }] },
    ...["'root'", "'platform'"].map((p) => ({ code: angularInterceptor(p), filename: 'tracing.interceptor.ts', options: [{ exportedInit: 'always' }] as const })),
  ],
  invalid: [
    // a construction site in a route handler is evidence, named in the message
    {
      ...fixture('ctor-per-request/src/client.ts'),
      errors: [{ messageId: 'registrationInRerunnableCode', line: 7, data: { label: 'this.sdk.start()', context: '`new Tracing()`, called from a route handler (`.get()`), which runs per request (src/server.ts:6)', what: 'every run after the first builds another SDK that never becomes global, so its processors see no spans', fix: ' (`npx otel-codemod guard-registration`)' }, suggestions: ONE }],
    },
    // a once-check that reads the instance (\`this.started\`), not module-level state, keeps nothing
    { ...fixture('ctor-per-request/src/state.ts'), options: [{ exportedInit: 'always' }], errors: [{ messageId: 'registrationInRerunnableCode', line: 10 }] },
    // a request-scoped Nest provider, one listed by two modules, one no module lists (the shared corpus's reg-in-class),
    // and Angular's 'any' (one per lazy module) are built more than once, or not known to be built once
    { ...fixture('nest-provider-once/src/request-telemetry.service.ts'), options: [{ exportedInit: 'always' }], errors: [{ messageId: 'registrationInRerunnableCode', line: 8, suggestions: ONE }] },
    { ...fixture('nest-provider-twice/src/telemetry.service.ts'), options: [{ exportedInit: 'always' }], errors: [{ messageId: 'registrationInRerunnableCode', line: 8, suggestions: ONE }] },
    { code: nestService('@Injectable()'), filename: 'telemetry.service.ts', options: [{ exportedInit: 'always' }], errors: [{ messageId: 'registrationInRerunnableCode', line: 8, suggestions: ONE }] },
    {
      code: angularInterceptor("'any'"),
      filename: 'tracing.interceptor.ts',
      options: [{ exportedInit: 'always' }],
      errors: [{ messageId: 'registrationInRerunnableCode', line: 9, data: { label: 'this.provider.register()', context: 'the constructor of `TracingInterceptor`', what: 'every run after the first builds another provider that never becomes global, so its processors see no spans', fix: ' (`npx otel-codemod guard-registration`)' }, suggestions: ONE }],
    },
    // sweep-b #52: a second provider whose tracer is taken from it directly: its register() is ignored, but its
    // processors get that tracer's spans, and the message says so
    {
      code: `
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
const first = new NodeTracerProvider();
first.register();
let jobTracer;
{
  const provider = new NodeTracerProvider();
  provider.register();
  jobTracer = provider.getTracer('jobs');
}
`,
      errors: [{ messageId: 'conflictingRegistration', line: 8, data: { label: 'provider.register()', first: 'first.register()', line: '4', globals: 'trace, context and propagation globals', consequence: 'the API keeps the first and ignores this `register()`; only the tracers taken from this provider with `getTracer()` reach its processors' } }],
    },
  ],
});

// holdout8 daswebreact: when an effect runs again, by its dependency list and the React release
describe('no-duplicate-registration: an effect that registers', () => {
  const app = (deps: string) => `import { useEffect } from 'react';
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
export function App() {
  useEffect(() => {
    new WebTracerProvider().register();
  }${deps});
  return null;
}
`;
  const said = (deps: string, project: string) => lint(app(deps), join(__dirname, '..', 'fixtures', 'projects', project, 'src', 'App.jsx'), 'no-duplicate-registration')[0]?.message ?? '';

  it('React 16 with `[]`: once per mount, no StrictMode claim', () => {
    const message = said(', []', 'react-16.14.0-lockfile');
    expect(message).toContain('(it runs on every mount of the component)');
    expect(message).not.toContain('StrictMode');
  });
  it('React 18 with dependencies: again on a change, and twice under StrictMode', () => {
    expect(said(', [url]', 'react-18.3.1-lockfile')).toContain("(it runs again whenever a dependency changes, and twice under React 18+'s StrictMode in development)");
  });
  it('no dependency list: after every render', () => {
    expect(said('', 'react-16.14.0-lockfile')).toContain('(it runs after every render)');
  });
});

// holdout9 wifisentinel: an exported init called from two CLI subcommands' `.action()` handlers runs once
// per process (one subcommand per run); two calls inside one handler still run twice
describe('no-duplicate-registration: CLI subcommand handlers', () => {
  const ids = (project: string) => {
    const file = join(__dirname, '..', 'fixtures', 'projects', project, 'src', 'tracing.ts');
    return lint(readFileSync(file, 'utf8'), file, 'no-duplicate-registration').map((m) => m.messageId);
  };
  it('two .action() callbacks are exclusive', () => {
    expect(ids('cli-commander-actions')).toEqual([]);
  });
  it('two calls in one callback are not', () => {
    expect(ids('cli-commander-twice')).toEqual(['registrationInRerunnableCode']);
  });
});

// holdout15 probablejourney: main.ts starts the SDK that ./tracing exports and already starts at its top level;
// importing it by name runs that start first (a second start builds a provider that never becomes global:
// test/runtime/second-start.test.ts)
describe('no-duplicate-registration: an imported SDK started again', () => {
  const dir = join(__dirname, '..', 'fixtures', 'projects', 'imported-sdk-second-start', 'src');
  const main = join(dir, 'main.ts');
  const code = readFileSync(main, 'utf8');
  it('reports the second start, naming the module that started it', () => {
    const reports = lint(code, main, 'no-duplicate-registration');
    expect(reports.map((r) => [r.messageId, r.line])).toEqual([['duplicateRegistration', 6]]);
    expect(reports[0]?.message).toContain('(already registered by `tracing.start()` on line 6 of tracing.ts)');
  });
  it('reads a CommonJS module whose own start has a `.then()` chained on it', () => {
    const cjsMain = join(dir, 'main-cjs.ts');
    const reports = lint(readFileSync(cjsMain, 'utf8'), cjsMain, 'no-duplicate-registration');
    expect(reports.map((r) => [r.messageId, r.line])).toEqual([['duplicateRegistration', 6]]);
    expect(reports[0]?.message).toContain('on line 6 of tracing-then.js');
  });
  it('leaves a start the module runs only under a condition', () => {
    expect(lint(code.replace('"./tracing"', '"./tracing-lazy"'), main, 'no-duplicate-registration')).toEqual([]);
  });
});
