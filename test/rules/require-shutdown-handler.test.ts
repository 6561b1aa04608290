import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/require-shutdown-handler';
import { describe, expect, it } from 'vitest';
import { lint, lintWithSuggestions, type SuggestionCase } from '../support/lint';
import { createRuleTester } from '../support/rule-tester';

const ruleTester = createRuleTester();
/** RuleTester counts the suggestions (a number is accepted at runtime); their output is checked in 'require-shutdown-handler suggestions' below. */
const ONE_SUGGESTION = 1 as unknown as readonly never[];
const DEFAULT_NEVER_EXITS = {
  consequence: "a listener replaces Node's default exit on the signal, so the process keeps running until it is killed",
  advice: 'Call `process.exit(128 + signal number)` after the shutdown settles',
};
const NEST_ADVICE = "Shut the SDK down in a provider's `onApplicationShutdown()` instead of a signal listener: Nest awaits it before it ends the process";
/** A file inside one of the small fixture projects (their package.json / nodemon.json are read). */
const p = (rel: string) => join(__dirname, '..', 'fixtures', 'projects', rel);

/** A fixture project's file as it is on disk (its importers are read through the project index). */
const onDisk = (rel: string) => ({ code: readFileSync(p(rel), 'utf8'), filename: p(rel) });

const nodeSdk = `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();
`;

const svelteHooks = `import { NodeSDK } from '@opentelemetry/sdk-node';
const sdk = new NodeSDK({});
sdk.start();
export const handle = async ({ event, resolve }) => resolve(event);
`;

ruleTester.run('require-shutdown-handler', rule, {
  valid: [
    // holdout10 S21: listeners chained on what \`process.on()\` returns (the emitter itself)
    `import { NodeSDK } from '@opentelemetry/sdk-node';
export const sdk = new NodeSDK({});
process
  .on('SIGTERM', () => {
    sdk.shutdown().finally(() => process.exit(0));
  })
  .once('SIGINT', () => {
    sdk.shutdown().finally(() => process.exit(0));
  });
sdk.start();
`,
    // holdout5 S13: the exit in the other arm never follows the shutdown (no SDK, or no promise to wait for)
    ...[
      `process.on('SIGTERM', () => {
  if (sdk) {
    sdk.shutdown().finally(() => process.exit(0));
  } else {
    process.exit(0);
  }
});
process.on('SIGINT', () => (sdk ? sdk.shutdown().finally(() => process.exit(0)) : process.exit(0)));
`,
      `for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    const pending = sdk.shutdown?.();
    if (pending && typeof pending.then === 'function') {
      pending.then(() => process.exit(0), () => process.exit(1));
    } else {
      process.exit(0);
    }
  });
}
`,
    ].map((handlers) => ({ code: `${nodeSdk}${handlers}`, filename: 'server.js' })),
    // no OpenTelemetry, and a file that only uses the API
    `process.on('SIGTERM', () => process.exit(0));`,
    `
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('cart');
export const add = () => tracer.startActiveSpan('add', (span) => span.end());
    `,
    // instrumentations only: not a registering file
    `
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
registerInstrumentations({ instrumentations: [] });
    `,
    // browser files need no process handlers
    {
      code: `
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
const provider = new WebTracerProvider();
provider.register();
      `,
      filename: 'web.ts',
    },
    // shutdown(...).finally(exit) through a named function
    `
import { NodeSDK } from '@opentelemetry/sdk-node';
const sdk = new NodeSDK({});
sdk.start();
function onSignal(signal) {
  sdk.shutdown().then(() => console.log('flushed')).catch(console.error).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
}
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);
    `,
    // an async helper that awaits the shutdown, reached from arrow handlers
    {
      code: `
import { NodeSDK } from '@opentelemetry/sdk-node';
const sdk = new NodeSDK({});
sdk.start();
const stop = async (code: number) => {
  await sdk.shutdown();
  process.exit(code);
};
process.on('SIGTERM', () => void stop(143));
process.on('SIGINT', () => void stop(130));
      `,
      filename: 'otel.ts',
    },
    // a signal array with for…of, process.once and re-raise
    {
      code: `
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
const provider = new NodeTracerProvider();
provider.register();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await provider.shutdown();
    process.kill(process.pid, signal);
  });
}
      `,
      filename: 'telemetry.mjs',
    },
    // forEach over a const array, handler factory
    `${nodeSdk}
const SIGNALS = ['SIGTERM', 'SIGINT'];
const exitOn = (code) => () => sdk.shutdown().finally(() => process.exit(code));
SIGNALS.forEach((s) => process.on(s, exitOn(s === 'SIGINT' ? 130 : 143)));
    `,
    // awaited shutdown before the exit, try/finally
    `${nodeSdk}
async function stop(code) {
  try {
    await Promise.race([sdk.shutdown(), new Promise((r) => setTimeout(r, 3000))]);
  } finally {
    process.exit(code);
  }
}
process.once('SIGTERM', () => stop(143));
process.once('SIGINT', () => stop(130));
    `,
    // a guarded singleton shut down through the exported variable
    {
      code: `
import { NodeSDK } from '@opentelemetry/sdk-node';
const SLOT = Symbol.for('inventory.otel');
const holder = globalThis as typeof globalThis & { [SLOT]?: NodeSDK };
export const sdk = (holder[SLOT] ??= (() => {
  const created = new NodeSDK({});
  created.start();
  return created;
})());
const stop = async (code: number) => {
  await sdk.shutdown();
  process.exit(code);
};
process.once('SIGTERM', () => void stop(143));
process.once('SIGINT', () => void stop(130));
      `,
      filename: 'tracing.ts',
    },
    // a script that shuts down explicitly when its work is done
    `${nodeSdk}
main().finally(() => sdk.shutdown());
    `,
    // beforeExit only (a CLI script)
    `${nodeSdk}
process.once('beforeExit', () => sdk.shutdown());
    `,
    // preloads and vendors that install their own handlers
    `require('@opentelemetry/auto-instrumentations-node/register');`,
    `import '@opentelemetry/auto-instrumentations-node/register';`,
    `
const { startNodeSDK } = require('@elastic/opentelemetry-node/sdk');
const sdk = startNodeSDK({});
    `,
    // a vendor setup that hands back nothing to shut down
    `
const Sentry = require('@sentry/node');
Sentry.init({ dsn: process.env.SENTRY_DSN });
    `,
    // nodemon project that flushes and re-raises SIGUSR2
    {
      code: `${nodeSdk}
const exitOn = (code) => () => sdk.shutdown().finally(() => process.exit(code));
process.on('SIGTERM', exitOn(143));
process.on('SIGINT', exitOn(130));
process.once('SIGUSR2', () => {
  sdk.shutdown().finally(() => process.kill(process.pid, 'SIGUSR2'));
});
      `,
      filename: p('lifecycle-nodemon-app/src/otel.js'),
    },
    // holdout7 M3: the main module of the preloading script awaits the flush and then exits
    onDisk('preload-main-flushes/src/tracing.js'),
    // holdout9 structured-log: a module-level SDK this module exports, which the entry shuts down and then exits
    onDisk('importer-exported-instance/src/tracing.ts'),
    // holdout7 M6: nodemon runs only a sibling entry of the package (the worker): the server's setup
    // never sees nodemon's SIGUSR2
    onDisk('nodemon-sibling-script/src/tracing.js'),
    // nodemon configured to restart with SIGTERM: SIGTERM/SIGINT are enough
    {
      code: `${nodeSdk}
const stop = (code) => sdk.shutdown().finally(() => process.exit(code));
process.on('SIGTERM', () => stop(143));
process.on('SIGINT', () => stop(130));
      `,
      filename: p('lifecycle-nodemon-signal/src/otel.js'),
    },
    // option nodemon: false
    {
      code: `${nodeSdk}
const stop = (code) => sdk.shutdown().finally(() => process.exit(code));
process.on('SIGTERM', () => stop(143));
process.on('SIGINT', () => stop(130));
      `,
      filename: p('lifecycle-nodemon-app/src/otel.js'),
      options: [{ nodemon: false }],
    },
    // option requireSigint: false
    {
      code: `${nodeSdk}
process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));
      `,
      options: [{ requireSigint: false }],
    },
    // a malformed package.json is treated as absent
    {
      code: `${nodeSdk}
const stop = (code) => sdk.shutdown().finally(() => process.exit(code));
process.on('SIGTERM', () => stop(143));
process.on('SIGINT', () => stop(130));
      `,
      filename: p('lifecycle-malformed/src/otel.js'),
    },
    // HMR dispose is not a process shutdown path, but browser files are not judged
    {
      code: `
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
const provider = new WebTracerProvider();
provider.register();
if (module.hot) module.hot.dispose(() => provider.shutdown());
      `,
      filename: 'tracing.js',
    },
    // a handler we cannot see may flush (imported, bound method)
    `${nodeSdk}
const { gracefulShutdown } = require('./lifecycle');
process.on('SIGTERM', gracefulShutdown);
    `,
    // closing the server lets the process end after the flush
    `${nodeSdk}
const server = require('http').createServer().listen(3000);
const stop = async () => {
  await sdk.shutdown();
  server.close();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
    `,
    // ...also after a vendor's own close() (a server imported from a project module is still a server)
    {
      code: `import * as Sentry from '@sentry/node';
import { server } from './server';
${nodeSdk}
const stop = async () => {
  await sdk.shutdown();
  await Sentry.close(2000);
  server.close();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
`,
      filename: 'vendor-close-server.js',
    },
    // a bound shutdown is a flush
    `${nodeSdk}
process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));
process.on('SIGINT', sdk.shutdown.bind(sdk));
`,
    // --- frameworks that own the process's signals and exit by themselves (docs/precision.md, runtime facts)
    // Next.js: the instrumentation hook's Node half, and a file a `next dev` script preloads
    { code: nodeSdk, filename: p('owner-next-app/instrumentation.node.ts') },
    { code: nodeSdk, filename: p('owner-next-app/src/instrumentation.ts') },
    { code: nodeSdk, filename: p('owner-next-preload/src/tracing.ts') },
    // ... where a flush-only listener is fine: Next's own handler exits after closing the server
    {
      code: `${nodeSdk}
process.on('SIGTERM', () => { sdk.shutdown().catch(() => undefined); });
process.on('SIGINT', () => { sdk.shutdown().catch(() => undefined); });
      `,
      filename: p('owner-next-app/src/instrumentation.node.ts'),
    },
    // a module Next's instrumentation hook imports in register() runs in Next's server too:
    // a SIGTERM listener that only flushes is fine, and SIGINT is Next's (next 16.2.3 start-server.js:372-390)
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
export function startTracing() {
  const sdk = new NodeSDK({});
  sdk.start();
  process.on('SIGTERM', () => sdk.shutdown().catch(console.error));
}
`,
      filename: p('owner-next-imported/src/lib/otel.ts'),
    },
    // @godaddy/terminus with useExit0 exits on its signals after its cleanup: a once-listener that only flushes is fine
    {
      code: `${nodeSdk}
for (const event of ['SIGINT', 'SIGTERM']) {
  process.once(event, () => { void sdk.shutdown(); });
}
`,
      filename: p('owner-terminus/src/otel.ts'),
    },
    // holdout4 S10: the preload hands the SDK to a project module (`#lib/…` through package.json `imports`)
    // whose Fastify onClose hook awaits its shutdown(); a plugin the app registers installs the hook, and
    // `fastify start` (fastify-cli 8.0.0) closes the app on SIGINT/SIGTERM
    onDisk('close-hook-fastify-cli/otel.js'),
    // holdout4 S12, what is not reported: a factory whose module flushes on the signals itself; one that
    // batches nothing; a start file with its own flush-and-exit handlers; a bare package that is not a
    // workspace package (not followed)
    ...["import { createTracing } from '@acme/tracing-own';", "import { createTracing } from '@acme/tracing-console';"].map((imp) => ({
      code: `${imp}\nconst sdk = createTracing();\nsdk.start();\n`,
      filename: p('workspace-factory-sdk/apps/api/src/tracing.ts'),
    })),
    {
      code: `import { createTracing } from '@acme/tracing';
const sdk = createTracing({ name: 'api' });
sdk.start();
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void sdk.shutdown().finally(() => process.exit(0)));
}
`,
      filename: p('workspace-factory-sdk/apps/api/src/tracing.ts'),
    },
    { code: "import { createTracing } from 'tracing-kit';\nconst sdk = createTracing();\nsdk.start();\n", filename: p('workspace-factory-sdk/apps/api/src/tracing.ts') },
    // holdout6 S14, what is not reported: an instance another module exports, started here with handlers that
    // flush and exit; an instance whose own module flushes on the signals
    {
      code: `import { sdk } from "./instrumentation";
sdk.start();
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => void sdk.shutdown().finally(() => process.exit(0)));
}
`,
      filename: p('instance-exported-sdk/src/register.ts'),
    },
    { code: 'import { sdk } from "./instrumentation-own";\nsdk.start();\n', filename: p('instance-exported-sdk/src/register.ts') },
    // Nitro's node-server preset, and the Google Functions Framework
    { code: nodeSdk, filename: p('owner-nitro-app/server/plugins/otel.ts') },
    // holdout8: a Firebase Functions codebase runs under the Functions Framework, whose SIGTERM/SIGINT
    // listeners exit (functions-framework 3.5.1 invoker.js:101-113): a flush-only listener is no hang
    onDisk('owner-firebase-functions/src/tracing.ts'),
    { code: nodeSdk, filename: p('owner-firebase-functions/src/tracing.ts') },
    { code: nodeSdk, filename: p('owner-functions-framework/index.js') },
    // --- nothing batched or exported: no processor, a no-op processor, console or in-memory exporters
    // holdout10 S22: a console exporter subclass that pretty-prints (its methods call nothing imported)
    `import { NodeSDK } from '@opentelemetry/sdk-node';
import { ConsoleSpanExporter } from '@opentelemetry/sdk-trace-node';
class PrettyExporter extends ConsoleSpanExporter {
  export(spans: any[], done: (result: any) => void): void {
    if (process.env.NODE_ENV !== 'production') {
      for (const span of spans) console.log(\`[trace] \${span.name} \${JSON.stringify(span.attributes)}\`);
      done({ code: 0 });
    } else super.export(spans, done);
  }
}
const sdk = new NodeSDK({ traceExporter: new PrettyExporter() });
sdk.start();
process.on('SIGTERM', () => {
  sdk.shutdown().finally(() => process.exit(0));
});
`,
    `
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const provider = new NodeTracerProvider();
provider.register();
    `,
    `
const { NodeTracerProvider, NoopSpanProcessor } = require('@opentelemetry/sdk-trace-node');
const provider = new NodeTracerProvider({ spanProcessors: [new NoopSpanProcessor()] });
provider.register();
    `,
    `
const { BasicTracerProvider, SimpleSpanProcessor, ConsoleSpanExporter } = require('@opentelemetry/sdk-trace-base');
const provider = new BasicTracerProvider();
provider.addSpanProcessor(new SimpleSpanProcessor(new ConsoleSpanExporter()));
provider.register();
    `,
    // holdout H1: a propagation-only NodeSDK whose "exporter" is a NoopSpanProcessor, or an exporter class of the
    // file that only calls back: nothing ever leaves the process (test/runtime/noop-pipeline.test.ts)
    `
const otel = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
const sdk = new otel.NodeSDK({ traceExporter: new otel.tracing.NoopSpanProcessor(), instrumentations: [getNodeAutoInstrumentations()] });
sdk.start();
    `,
    `
import { NodeSDK } from '@opentelemetry/sdk-node';
class DropAll { export(spans, done) { done({ code: 0 }); } shutdown() { return Promise.resolve(); } }
const dropAll = new DropAll();
new NodeSDK({ traceExporter: dropAll }).start();
    `,
    // NodeSDK batches its traceExporter, but the console writes inside the process
    {
      code: `
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { ConsoleSpanExporter } = require('@opentelemetry/sdk-trace-node');
const traceExporter = new ConsoleSpanExporter();
const sdk = new NodeSDK({ traceExporter });
sdk.start();
process.on('SIGTERM', () => sdk.shutdown().then(() => process.exit(0)));
      `,
      filename: 'tracing.console.js',
    },
    // --- a SimpleSpanProcessor exports each span as it ends: by default only batching is reported
    `
const { BasicTracerProvider, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-grpc');
const provider = new BasicTracerProvider();
provider.addSpanProcessor(new SimpleSpanProcessor(new OTLPTraceExporter()));
provider.register();
    `,
    // --- serverless: a module exporting a Lambda handler, and an Azure Functions app
    `
const { NodeTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
provider.register();
exports.handler = async (event, context) => ({ statusCode: 200 });
    `,
    { code: nodeSdk, filename: p('owner-azure-functions/src/functions/tracing.js') },
    // --- holdout H2b: SvelteKit server code built with a serverless adapter runs in functions
    { code: svelteHooks, filename: p('serverless-sveltekit-vercel/src/hooks.server.ts') },
    { code: svelteHooks, filename: p('serverless-sveltekit-auto-3.1/src/hooks.server.ts') },
    // --- edge and browser files have no process signals
    {
      code: `
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { trace } from '@opentelemetry/api';
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] }));
export default { async fetch(request) { return new Response('ok'); } };
      `,
      filename: 'worker.ts',
    },
    {
      code: `
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { trace } from '@opentelemetry/api';
const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
trace.setGlobalTracerProvider(provider);
      `,
      filename: p('platform-vite-app/src/tracing.ts'),
    },
    // holdout9 dungeongen: a Node-only exporter (Jaeger) pasted beside the browser SDK in a Vite app with no
    // server: still browser code, with no process to shut down
    {
      code: `
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { JaegerExporter } from '@opentelemetry/exporter-jaeger';
const provider = new WebTracerProvider();
provider.addSpanProcessor(new BatchSpanProcessor(new JaegerExporter()));
provider.register();
      `,
      filename: p('platform-vite-app/src/tracing.js'),
    },
    // a module of a Next.js app that only an API route imports, and that no script reaches, runs in Next's server
    { code: readFileSync(p('next-module-by-route/src/lib/tracing.ts'), 'utf8'), filename: p('next-module-by-route/src/lib/tracing.ts') },
    // a module of an Expo / React Native app runs on the device (sweep: an Expo Router app's tracing module)
    { code: readFileSync(p('platform-expo-app/app/tracing.ts'), 'utf8'), filename: p('platform-expo-app/app/tracing.ts') },
    // a returned handle whose shutdown() shuts the SDK down hands the lifecycle to the caller
    `
const { NodeSDK } = require('@opentelemetry/sdk-node');
module.exports.setup = function setup(config) {
  const sdk = new NodeSDK({});
  sdk.start();
  return { async shutdown() { await sdk.shutdown(); } };
};
    `,
    // holdout4 S11 (the other side): every arm of the conditional writes inside the process
    `import { NodeSDK } from '@opentelemetry/sdk-node';
import { SimpleSpanProcessor, ConsoleSpanExporter, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
const spanProcessor = process.env.KEEP_SPANS ? new SimpleSpanProcessor(new InMemorySpanExporter()) : new SimpleSpanProcessor(new ConsoleSpanExporter());
const sdk = new NodeSDK({ spanProcessor });
sdk.start();
`,
    // holdout3 S6: the setup's SIGTERM listener only flushes, but the entry importing it
    // (`server.ts`) awaits its exported shutdown on SIGTERM and SIGINT and then exits
    onDisk('importer-flush-exit/src/otel.ts'),
    // holdout11 S26: Sentry's processor hands traces to the Sentry client (its shutdown only clears its buffer),
    // and Langfuse's exports each span as it ends with exportMode 'immediate': no batch to lose
    { code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { SentrySpanProcessor } from '@sentry/opentelemetry';
import { LangfuseSpanProcessor } from '@langfuse/otel';
const sdk = new NodeSDK({
  spanProcessors: [new SentrySpanProcessor(), new LangfuseSpanProcessor({ publicKey: 'pk', exportMode: 'immediate' })],
});
sdk.start();
`, filename: p('sentry-langfuse-processors/src/instrument.ts') },
    // holdout11 S25: a Serverless Framework config preloads this wrapper into its Lambdas; the auto bundle's
    // aws-lambda instrumentation (on by default) flushes after every invocation
    onDisk('lambda-serverless-preload/lambda-wrapper.ts'),
    // holdout11 S24: the entry awaits this module's flush through a barrel's re-export (a tsconfig path) and exits on both signals
    onDisk('importer-barrel-flush/src/telemetry/tracing.ts'),
    // holdout10 S23 (the other side): the entry also flushes on nodemon's restart signal and re-raises it
    onDisk('importer-flush-nodemon-sigusr2/src/tracing.ts'),
    // holdout7 S16: the setup returns its SDK, and the entry's close-with-grace awaits its shutdown on SIGTERM and SIGINT
    // (and its other signals), then exits
    onDisk('importer-close-with-grace/src/tracing.ts'),
    // holdout6 M1: the entry's lightship awaits a shutdown handler that calls this module's exported flush, then exits
    onDisk('importer-lightship-handler/src/otel.ts'),
    // holdout3 S9: an exported shutdown helper that another module calls (here from the entry's SIGTERM
    // listener, through a module of its own) is the way out
    onDisk('shutdown-helper-called/src/otel.ts'),
    // holdout3 S7: a module wrangler bundles into a Worker (imported by the entry `main` names, here through
    // another module; `node:` imports work there with nodejs_compat): Workers have no process signals
    onDisk('worker-wrangler-toml/src/lib/otel.ts'),
    onDisk('worker-wrangler-jsonc/src/telemetry/setup.ts'),
    // holdout3 S8: Phoenix's register() with `batch: false` exports each span as it ends (an in-flight export only),
    // and with `global: false` it registers nothing (@arizeai/phoenix-otel 0.3.4 dist/src/register.js:94-114, :178-198)
    `import { register } from '@arizeai/phoenix-otel';
const provider = register({ projectName: 'chat', batch: false });
`,
    `import { register } from '@arizeai/phoenix-otel';
const provider = register({ projectName: 'chat', global: false });
`,
    // ... and with no project to look into (the file alone), the helper is taken as the way out, as before
    { code: readFileSync(p('shutdown-helper-uncalled/src/otel.ts'), 'utf8'), filename: 'otel.ts' },
  ],
  invalid: [
    // holdout11 S26 (the other side): Langfuse's default export mode batches
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { SentrySpanProcessor } from '@sentry/opentelemetry';
import { LangfuseSpanProcessor } from '@langfuse/otel';
const sdk = new NodeSDK({
  spanProcessors: [new SentrySpanProcessor(), new LangfuseSpanProcessor({ publicKey: 'pk' })],
});
sdk.start();
`,
      filename: p('sentry-langfuse-processors/src/instrument.ts'),
      errors: [{ messageId: 'missingShutdown', line: 7, suggestions: ONE_SUGGESTION }],
    },
    // holdout11 S25 (the other side): the same wrapper with the aws-lambda instrumentation switched off
    { ...onDisk('lambda-serverless-preload-off/lambda-wrapper.ts'), errors: [{ messageId: 'missingShutdown', line: 9, suggestions: ONE_SUGGESTION }] },
    // holdout10 S23: the entry flushes through this module's export on SIGTERM and SIGINT, but nodemon restarts with SIGUSR2
    { ...onDisk('importer-flush-nodemon/src/tracing.ts'), errors: [{ messageId: 'missingNodemonRestart', line: 8, suggestions: [] }] },
    // the same where the entry's listeners reach the exported helper through a handler another module builds
    { ...onDisk('helper-called-nodemon/src/tracing.ts'), errors: [{ messageId: 'missingNodemonRestart', line: 8, suggestions: [] }] },
    // holdout10 S22 (the other side): a console exporter subclass that also posts its spans somewhere
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { ConsoleSpanExporter } from '@opentelemetry/sdk-trace-node';
class ForwardingExporter extends ConsoleSpanExporter {
  export(spans: any[], done: (result: any) => void): void {
    fetch('https://logs.example.com', { method: 'POST', body: JSON.stringify(spans.map((s) => s.name)) }).finally(() => super.export(spans, done));
  }
}
const sdk = new NodeSDK({ traceExporter: new ForwardingExporter() });
sdk.start();
`,
      filename: 'tracing.ts',
      errors: [{ messageId: 'missingShutdown', line: 9, suggestions: ONE_SUGGESTION }],
    },
    // the other side of the Next.js app: a module the worker script's entry imports runs in that Node process
    { ...onDisk('next-module-by-route/src/lib/worker-tracing.ts'), errors: [{ messageId: 'missingShutdown', line: 5, suggestions: ONE_SUGGESTION }] },
    // and a module that runs itself when it is the main module (a CLI in the same app)
    { ...onDisk('next-module-by-route/src/lib/cli.ts'), errors: [{ messageId: 'missingShutdown', line: 9, suggestions: [] }] },
    // the other side of the Expo app: a file a package.json script runs with node is a Node process
    { ...onDisk('platform-expo-app/scripts/reset.js'), errors: [{ messageId: 'missingShutdown', line: 5, suggestions: ONE_SUGGESTION }] },
    // holdout3 S9: the exported shutdown helper is named by no module of the project (the test file's call
    // runs in no production process) and nothing else shuts down: no way out
    {
      ...onDisk('shutdown-helper-uncalled/src/otel.ts'),
      errors: [{ messageId: 'missingShutdown', line: 7, suggestions: ONE_SUGGESTION }],
    },
    // the importing entry flushes on both signals but never exits: the process keeps running
    {
      ...onDisk('importer-flush-no-exit/src/otel.ts'),
      errors: [{ messageId: 'handlerNeverExits', line: 10, suggestions: [] }, { messageId: 'missingSigint', line: 10, suggestions: ONE_SUGGESTION }],
    },
    // the importing entry flushes in one SIGTERM listener and exits at once in another
    {
      ...onDisk('importer-split-handlers/src/otel.ts'),
      errors: [{ messageId: 'importerExitCutsFlush', line: 10, data: { event: 'SIGTERM', exiter: '`src/server.ts`, which loads this module,' }, suggestions: [] }, { messageId: 'missingSigint', line: 10, suggestions: ONE_SUGGESTION }],
    },
    // holdout4 zeepkist: the entry two imports up closes and exits in a \`finally\` on both signals, never awaiting
    // the flush these listeners start
    {
      ...onDisk('importer-chain-exit-no-flush/src/otel.ts'),
      errors: [
        { messageId: 'importerExitCutsFlush', line: 8, data: { event: 'SIGTERM', exiter: '`src/index.ts`, which loads this module,' }, suggestions: [] },
        { messageId: 'importerExitCutsFlush', line: 9, data: { event: 'SIGINT', exiter: '`src/index.ts`, which loads this module,' }, suggestions: [] },
      ],
    },
    // the importing entry exits without flushing: its exit can cut off the flush this listener started; the process
    // does not keep running, so the message says the exit comes too early, not that it never comes (holdout4 zeepkist)
    {
      ...onDisk('importer-exit-no-flush/src/otel.ts'),
      errors: [{ messageId: 'importerExitCutsFlush', line: 10, data: { event: 'SIGTERM', exiter: '`src/server.ts`, which loads this module,' }, suggestions: [] }, { messageId: 'missingSigint', line: 10, suggestions: ONE_SUGGESTION }],
    },
    // holdout6 M1: the entry creates a lightship, whose own SIGTERM/SIGINT listeners end the process after its
    // shutdown handlers, none of which awaits this flush: the exit can come first, the process does not hang
    {
      ...onDisk('importer-lightship-exit/src/otel.ts'),
      errors: [
        { messageId: 'importerExitCutsFlush', line: 10, data: { event: 'SIGTERM', exiter: '`src/server.ts`, which loads this module,' }, suggestions: [] },
        { messageId: 'importerExitCutsFlush', line: 14, data: { event: 'SIGINT', exiter: '`src/server.ts`, which loads this module,' }, suggestions: [] },
      ],
    },
    // a namespace import, lightship on SIGTERM only: SIGINT still has only this module's listener, which never exits
    {
      ...onDisk('importer-lightship-sigterm/src/otel.ts'),
      errors: [
        { messageId: 'importerExitCutsFlush', line: 10, data: { event: 'SIGTERM', exiter: '`src/server.ts`, which loads this module,' }, suggestions: [] },
        { messageId: 'handlerNeverExits', line: 14, data: { event: 'SIGINT', fix: '', ...DEFAULT_NEVER_EXITS }, suggestions: [] },
      ],
    },
    // holdout7 M3: under Nest's enableShutdownHooks() the listener swallows the signal Nest sends again
    // after closing the app (@nestjs/core 11.2.12 nest-application-context.js:205-214): said as such
    {
      ...onDisk('nest-shutdown-hooks-reraise/src/tracing.ts'),
      errors: ['SIGTERM', 'SIGINT'].map((event, i) => ({
        messageId: 'handlerNeverExits' as const,
        line: 7 + 3 * i,
        data: {
          event,
          fix: '',
          advice: NEST_ADVICE,
          consequence:
            "Nest's `enableShutdownHooks()` (src/main.ts:7) closes the app and then sends the signal again, which this listener catches instead of Node's default exit, so the process ends only when nothing else keeps it alive, or when it is killed",
        },
        suggestions: [],
      })),
    },
    // with `useProcessExit: true` Nest exits once its hooks are done, without this flush
    {
      ...onDisk('nest-shutdown-hooks-exit/src/tracing.ts'),
      errors: ['SIGTERM', 'SIGINT'].map((event, i) => ({
        messageId: 'handlerNeverExits' as const,
        line: 7 + 3 * i,
        data: {
          event,
          fix: '',
          advice: NEST_ADVICE,
          consequence:
            "Nest's `enableShutdownHooks({ useProcessExit: true })` (src/main.ts:7) exits with `process.exit(0)` once its own hooks are done, without waiting for this flush, so the export can be cut off",
        },
        suggestions: [],
      })),
    },
    // holdout7 M3: a preloaded setup's flush-only listeners, in a process whose main module (the script
    // runs it with this file preloaded) exits on both signals without awaiting the flush
    {
      ...onDisk('preload-main-exits/src/tracing.js'),
      errors: ['SIGTERM', 'SIGINT'].map((event, i) => ({
        messageId: 'importerExitCutsFlush' as const,
        line: 7 + 3 * i,
        data: { event, exiter: '`src/server.js`, which the script "start" runs with this file preloaded,' },
        suggestions: [],
      })),
    },
    // a `terminate` that does not exit: lightship never ends the process
    {
      ...onDisk('importer-lightship-no-exit/src/otel.ts'),
      errors: [
        { messageId: 'handlerNeverExits', line: 10, data: { event: 'SIGTERM', fix: '', ...DEFAULT_NEVER_EXITS }, suggestions: [] },
        { messageId: 'handlerNeverExits', line: 14, data: { event: 'SIGINT', fix: '', ...DEFAULT_NEVER_EXITS }, suggestions: [] },
      ],
    },
    // the same with SIGINT skipped: Ctrl-C ends the process by Node's default action, without the flush
    {
      ...onDisk('importer-close-with-grace-skip/src/tracing.ts'),
      errors: [{ messageId: 'missingShutdown', line: 7, suggestions: ONE_SUGGESTION }],
    },
    // the entry exits on both signals after awaiting another object's \`shutdown()\`: not this setup's flush
    {
      ...onDisk('importer-other-shutdown/src/tracing.ts'),
      errors: [{ messageId: 'missingShutdown', line: 7, suggestions: ONE_SUGGESTION }],
    },
    // holdout14 slackultrapa: the importer's SIGINT listener awaits another object's shutdown and exits: SIGINT is
    // still missing for this setup's flush
    { ...onDisk('importer-sigint-other-shutdown/src/otel.ts'), errors: [{ messageId: 'missingSigint', line: 7, suggestions: ONE_SUGGESTION }] },
    // --- process as a local binding is still process (import and require)
    {
      code: `${nodeSdk}const process = require('process');
process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(0)));
`,
      filename: 'oteltrace.js',
      errors: [{ messageId: 'missingSigint', line: 5, suggestions: ONE_SUGGESTION }],
    },
    {
      code: `import process from 'node:process';
import { NodeSDK } from '@opentelemetry/sdk-node';
const sdk = new NodeSDK({});
sdk.start();
process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(0)));
`,
      filename: 'tracing.mjs',
      errors: [{ messageId: 'missingSigint', line: 5, suggestions: ONE_SUGGESTION }],
    },
    // --- holdout4 S11: a processor chosen by a conditional whose batching arm is the alternate
    // (a console exporter for local runs, OTLP behind a batch otherwise): the worst arm decides the loss
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { SimpleSpanProcessor, BatchSpanProcessor, ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const spanProcessor = process.env.LOCAL_TRACES ? new SimpleSpanProcessor(new ConsoleSpanExporter()) : new BatchSpanProcessor(new OTLPTraceExporter());
const sdk = new NodeSDK({ spanProcessor });
sdk.start();
process.on('SIGTERM', async () => { await sdk.shutdown(); process.exit(0); });
`,
      filename: 'tracing.ts',
      errors: [{ messageId: 'missingSigint', line: 7, suggestions: ONE_SUGGESTION }],
    },
    {
      code: `import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { SimpleSpanProcessor, BatchSpanProcessor, ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const otlp = new OTLPTraceExporter();
const provider = new NodeTracerProvider();
provider.addSpanProcessor(process.env.TRACE_CONSOLE === '1' ? new SimpleSpanProcessor(new ConsoleSpanExporter()) : process.env.NODE_ENV === 'development' ? new SimpleSpanProcessor(otlp) : new BatchSpanProcessor(otlp));
provider.register();
`,
      filename: 'tracing.ts',
      errors: [{ messageId: 'missingShutdown', line: 7, suggestions: ONE_SUGGESTION }],
    },
    // --- a SIGINT-only flush: SIGTERM (deploys) ends the process without it
    {
      code: `${nodeSdk}process.on('SIGINT', async () => {
  await sdk.shutdown();
  process.exit(0);
});
`,
      filename: 'index.js',
      errors: [{ messageId: 'missingSigterm', line: 4, suggestions: ONE_SUGGESTION }],
    },
    // --- an SDK built here, exported and started in another module: its handlers are still checked
    {
      code: `import * as process from 'process';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
export const otelSDK = new NodeSDK({ traceExporter: new OTLPTraceExporter() });
process.on('SIGTERM', () => {
  otelSDK.shutdown().finally(() => process.exit(0));
});
`,
      filename: 'tracer.ts',
      errors: [{ messageId: 'missingSigint', line: 5 }],
    },
    // --- a local factory's SDK; an exported forceFlush helper and an exporter's delegating shutdown are no exit path
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { trace } from '@opentelemetry/api';
class FileExporter { constructor(inner) { this.inner = inner; } async shutdown() { await this.inner.shutdown(); } }
export function createSdk() {
  return new NodeSDK({ traceExporter: new FileExporter() });
}
const sdk = createSdk();
sdk.start();
export async function flushSpans() { await trace.getTracerProvider().forceFlush(); }
`,
      filename: 'probe.ts',
      errors: [
        {
          messageId: 'missingShutdown',
          line: 8,
          data: { label: 'sdk.start()', shutdownCall: '`sdk.shutdown()`', lost: 'the spans still batched in memory are lost on SIGTERM, Ctrl-C and when a script just ends', fix: ' (`npx otel-codemod add-shutdown-handler`)' },
          suggestions: ONE_SUGGESTION,
        },
      ],
    },
    // holdout3 S7: a script of a Worker project that the Worker's entry does not import runs in Node
    {
      ...onDisk('worker-wrangler-toml/scripts/seed.ts'),
      errors: [{ messageId: 'missingShutdown', line: 8, suggestions: ONE_SUGGESTION }],
    },
    // --- holdout3 S8: Phoenix's register() builds a batching NodeTracerProvider (`batch` defaults to true), registers it
    // and returns it (@arizeai/phoenix-otel 0.3.4 dist/src/register.js:94-114): the flush is `provider.shutdown()`
    {
      code: `import { register } from '@arizeai/phoenix-otel';
const provider = register({ projectName: 'chat', batch: true });
`,
      filename: 'instrumentation.ts',
      errors: [{ messageId: 'missingShutdown', line: 2, data: { label: 'register()', shutdownCall: '`provider.shutdown()`', lost: 'the spans still batched in memory are lost on SIGTERM, Ctrl-C and when a script just ends', fix: ' (`npx otel-codemod add-shutdown-handler`)' }, suggestions: ONE_SUGGESTION }],
    },
    {
      code: `import { register } from '@arizeai/phoenix-otel';
register({ projectName: 'chat' });
`,
      filename: 'instrumentation.ts',
      errors: [{ messageId: 'missingShutdown', line: 2, suggestions: [] }],
    },
    // --- holdout H2a: BaselimeSDK has no shutdown() (@baselime/node-opentelemetry 0.5.8 dist/index.cjs:16514-16575):
    // the message names the provider start() returns, and no handler calling `sdk.shutdown()` is offered
    {
      code: `import { BaselimeSDK } from '@baselime/node-opentelemetry';
const sdk = new BaselimeSDK({ service: 'shop' });
sdk.start();
`,
      filename: 'tracing.ts',
      errors: [
        {
          messageId: 'missingShutdown',
          line: 3,
          data: {
            label: 'sdk.start()',
            shutdownCall: '`shutdown()` on the provider that `start()` returns (Baselime SDK has no `shutdown()` of its own)',
            lost: 'the spans still batched in memory are lost on SIGTERM, Ctrl-C and when a script just ends',
            fix: '',
          },
          suggestions: [],
        },
      ],
    },
    {
      code: `import { BaselimeSDK } from '@baselime/node-opentelemetry';
const provider = new BaselimeSDK({ service: 'shop' }).start();
`,
      filename: 'tracing.ts',
      errors: [{ messageId: 'missingShutdown', line: 2, data: { label: 'new BaselimeSDK(…).start()', shutdownCall: '`provider.shutdown()`', lost: 'the spans still batched in memory are lost on SIGTERM, Ctrl-C and when a script just ends', fix: ' (`npx otel-codemod add-shutdown-handler`)' }, suggestions: ONE_SUGGESTION }],
    },
    // --- SvelteKit on a long-running server: adapter-node (the config decides over the declared adapters),
    // adapter-auto from 3.2.0 (Google Cloud Run through adapter-node), and a script outside the app's src/
    ...['serverless-sveltekit-node/src/hooks.server.ts', 'serverless-sveltekit-auto-7/src/hooks.server.ts', 'serverless-sveltekit-vercel/scripts/seed.ts'].map((file) => ({
      code: svelteHooks,
      filename: p(file),
      errors: [{ messageId: 'missingShutdown' as const, line: 3, suggestions: ONE_SUGGESTION }],
    })),
    // --- an exporter class of the file that sends its spans somewhere is batched like any other
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
class PostExporter { export(spans, done) { fetch('/spans', { method: 'POST', body: JSON.stringify(spans.length) }).then(() => done({ code: 0 })); } shutdown() { return Promise.resolve(); } }
const sdk = new NodeSDK({ traceExporter: new PostExporter() });
sdk.start();
`,
      filename: 'post.ts',
      errors: [{ messageId: 'missingShutdown', line: 4, suggestions: ONE_SUGGESTION }],
    },
    // --- with inFlightExports, a SimpleSpanProcessor's export in flight is reported, and said so
    {
      code: `
const { BasicTracerProvider, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter())] });
provider.register();
`,
      filename: 'simple.js',
      options: [{ inFlightExports: true }],
      errors: [
        {
          messageId: 'missingShutdown',
          line: 5,
          data: { label: 'provider.register()', shutdownCall: '`provider.shutdown()`', lost: 'the export still in flight is cut off on SIGTERM and Ctrl-C', fix: ' (`npx otel-codemod add-shutdown-handler`)' },
          suggestions: ONE_SUGGESTION,
        },
      ],
    },
    // S13, the other side: an exit after the shutdown in the same arm still cuts it
    {
      code: `${nodeSdk}for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    const pending = sdk.shutdown();
    if (pending) {
      process.exit(0);
    } else {
      process.exit(1);
    }
  });
}
`,
      filename: 'server.js',
      errors: [{ messageId: 'exitBeforeFlush', line: 8, suggestions: [] }],
    },
    // --- holdout7 M7: the SIGTERM listener's own exit cuts its flush short: the missing-SIGINT report
    // must not say that SIGTERM flushes
    {
      code: `${nodeSdk}process.on('SIGTERM', () => {
  try {
    sdk.shutdown();
  } finally {
    process.exit(0);
  }
});
`,
      filename: 'tracing.js',
      errors: [
        {
          messageId: 'missingSigint',
          line: 4,
          suggestions: ONE_SUGGESTION,
          data: { flushes: 'starts a telemetry shutdown that its own `process.exit()` (line 8) cuts short,', how: ' with a handler that awaits the shutdown before it exits', lost: 'the spans still batched in memory are lost', fix: ' (`npx otel-codemod add-shutdown-handler`)' },
        },
        // the exit in a \`finally\` has no safe automatic rewrite
        { messageId: 'exitBeforeFlush', line: 8, suggestions: [] },
      ],
    },
    {
      code: `${nodeSdk}process.on('SIGINT', () => {
  sdk.shutdown();
  process.exit(130);
});
`,
      filename: 'tracing.js',
      errors: [
        { messageId: 'missingSigterm', line: 4, suggestions: ONE_SUGGESTION, data: { flushes: 'starts a telemetry shutdown that its own `process.exit()` (line 6) cuts short,', how: ' with a handler that awaits the shutdown before it exits', lost: 'the spans still batched in memory are lost', fix: ' (`npx otel-codemod add-shutdown-handler`)' } },
        { messageId: 'exitBeforeFlush', line: 6, suggestions: ONE_SUGGESTION },
      ],
    },
    // --- a framework-owned process still loses the batch when the user's own handler exits early
    {
      code: `${nodeSdk}process.on('SIGTERM', () => {
  sdk.shutdown();
  process.exit(0);
});
`,
      filename: p('owner-next-app/instrumentation.node.ts'),
      errors: [{ messageId: 'exitBeforeFlush', line: 6, suggestions: ONE_SUGGESTION }],
    },
    // no shutdown path (CJS)
    {
      code: `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');

const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
provider.register();
`,
      filename: "tracing.js",
      errors: [{ messageId: 'missingShutdown', line: 6, suggestions: ONE_SUGGESTION }],
    },
    // no shutdown path (ESM, TS: typed helper)
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';

export const sdk = new NodeSDK({});
sdk.start();
`,
      filename: "otel.ts",
      errors: [{ messageId: 'missingShutdown', line: 4, suggestions: ONE_SUGGESTION }],
    },
    // startNodeSdk handle
    {
      code: `import { startNodeSdk } from '@opentelemetry/sdk-node';

const otel = startNodeSdk({ serviceName: 'api' });
console.log('started');
`,
      filename: "otel.mjs",
      errors: [{ messageId: 'missingShutdown', line: 3, suggestions: ONE_SUGGESTION }],
    },
    // registration inside an exported init, variable assigned there (optional call)
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';

let sdk: NodeSDK | undefined;
export function initTelemetry() {
  sdk = new NodeSDK({});
  sdk.start();
}
`,
      filename: "init.ts",
      errors: [{ messageId: 'missingShutdown', line: 6, suggestions: ONE_SUGGESTION }],
    },
    // nodemon project: the handlers include its restart signal
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');

const sdk = new NodeSDK({});
sdk.start();
`,
      filename: p('lifecycle-nodemon-app/src/otel.js'),
      errors: [{ messageId: 'missingShutdown', line: 4, suggestions: ONE_SUGGESTION }],
    },
    // no variable to shut down: report only
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
new NodeSDK({}).start();
`,
      filename: "inline.js",
      errors: [{ messageId: 'missingShutdown', line: 2, suggestions: [] }],
    },
    // EDOT with its handlers switched off
    {
      code: `const { startNodeSDK } = require('@elastic/opentelemetry-node/sdk');
const sdk = startNodeSDK({ elasticSetupShutdownHandlers: false });
`,
      filename: "edot.js",
      errors: [{ messageId: 'missingShutdown', line: 2, suggestions: ONE_SUGGESTION }],
    },
    // api registration of a provider
    {
      code: `import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
trace.setGlobalTracerProvider(provider);
`,
      filename: "api.ts",
      errors: [{ messageId: 'missingShutdown', line: 5, suggestions: ONE_SUGGESTION }],
    },
    // exit before the flush settles
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();

process.on('SIGTERM', () => {
  sdk.shutdown();
  process.exit(0);
});
process.on('SIGINT', async () => {
  void sdk.shutdown();
  process.exit(130);
});
`,
      filename: "exit.js",
      errors: [{ messageId: 'exitBeforeFlush', line: 7, suggestions: [{ messageId: 'awaitShutdownBeforeExit', output: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();

process.on('SIGTERM', () => {
  void Promise.race([
    sdk.shutdown(),
    new Promise((resolve) => setTimeout(resolve, 3000)),
  ]).finally(() => process.exit(0));
});
process.on('SIGINT', async () => {
  void sdk.shutdown();
  process.exit(130);
});
` }] }, { messageId: 'exitBeforeFlush', line: 11, suggestions: [{ messageId: 'awaitShutdownBeforeExit', output: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();

process.on('SIGTERM', () => {
  sdk.shutdown();
  process.exit(0);
});
process.on('SIGINT', async () => {
  void Promise.race([
    sdk.shutdown(),
    new Promise((resolve) => setTimeout(resolve, 3000)),
  ]).finally(() => process.exit(130));
});
` }] }],
    },
    // handlers that never exit
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';

const sdk = new NodeSDK({});
sdk.start();

process.on('SIGTERM', () => {
  void sdk.shutdown();
});
process.on('SIGINT', () => sdk.shutdown());
`,
      filename: "never.ts",
      errors: [{ messageId: 'handlerNeverExits', line: 6, suggestions: [{ messageId: 'exitAfterShutdown', output: `import { NodeSDK } from '@opentelemetry/sdk-node';

const sdk = new NodeSDK({});
sdk.start();

process.on('SIGTERM', () => {
  void Promise.race([
    sdk.shutdown(),
    new Promise((resolve) => setTimeout(resolve, 3000)),
  ]).finally(() => process.exit(143));
});
process.on('SIGINT', () => sdk.shutdown());
` }] }, { messageId: 'handlerNeverExits', line: 9, suggestions: [{ messageId: 'exitAfterShutdown', output: `import { NodeSDK } from '@opentelemetry/sdk-node';

const sdk = new NodeSDK({});
sdk.start();

process.on('SIGTERM', () => {
  void sdk.shutdown();
});
process.on('SIGINT', () => {
  void Promise.race([
    sdk.shutdown(),
    new Promise((resolve) => setTimeout(resolve, 3000)),
  ]).finally(() => process.exit(130));
});
` }] }],
    },
    // never exits, through a signal array (no single exit code: report only)
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();
['SIGTERM', 'SIGINT'].forEach((signal) => process.on(signal, () => sdk.shutdown()));
`,
      filename: "loop.js",
      errors: [{ messageId: 'handlerNeverExits', line: 4, suggestions: [] }],
    },
    // a file of a Next.js project that the instrumentation hook does not import, run by a script of its own, is a process of its own
    {
      code: `${nodeSdk}
process.on('SIGTERM', () => sdk.shutdown().catch(console.error));
`,
      filename: p('owner-next-imported/src/lib/unrelated.ts'),
      errors: [{ messageId: 'handlerNeverExits', line: 5, suggestions: [] }, { messageId: 'missingSigint', line: 5, suggestions: ONE_SUGGESTION }],
    },
    // terminus without useExit0 re-sends the signal, which this listener swallows: no exit
    {
      code: `${nodeSdk}
process.on('SIGTERM', () => { void sdk.shutdown(); });
process.on('SIGINT', () => { void sdk.shutdown(); });
`,
      filename: p('owner-terminus-resend/src/otel.ts'),
      errors: [{ messageId: 'handlerNeverExits', line: 5, suggestions: ONE_SUGGESTION }, { messageId: 'handlerNeverExits', line: 6, suggestions: ONE_SUGGESTION }],
    },
    // holdout6 S15: a vendor's `close()` after the flush (Sentry's client flush) is no exit, whether the
    // module object is required inside the handler or imported
    {
      code: `${nodeSdk}
const shutdown = async () => {
  await sdk.shutdown();
  const Sentry = require('@sentry/node');
  await Sentry.close(2000);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
`,
      filename: 'vendor-close.js',
      errors: [{ messageId: 'handlerNeverExits', line: 10, suggestions: [] }, { messageId: 'handlerNeverExits', line: 11, suggestions: [] }],
    },
    {
      code: `import * as Sentry from '@sentry/node';
${nodeSdk}
process.on('SIGTERM', async () => {
  await sdk.shutdown();
  await Sentry.close(2000);
});
`,
      filename: 'vendor-close-import.js',
      errors: [{ messageId: 'handlerNeverExits', line: 6, suggestions: [] }, { messageId: 'missingSigint', line: 6, suggestions: ONE_SUGGESTION }],
    },
    // holdout4 S10, each link missing in turn: the hook starts the shutdown without awaiting it (close()
    // goes on and fastify-cli exits); the module stores the SDK but no hook shuts it down; the function
    // installing the hook is called by no module of the app
    ...['keepSdkUnawaited', 'keepSdkNoHook', 'keepSdkUnregistered'].map((fn) => ({
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { ${fn} } from '#lib/telemetry-close.js';

const sdk = new NodeSDK({});
sdk.start();
${fn}(sdk);
`,
      filename: p('close-hook-fastify-cli/otel.js'),
      errors: [{ messageId: 'missingShutdown' as const, line: 5, suggestions: ONE_SUGGESTION }],
    })),
    // the same hand-over under plain `node server.js`: Fastify closes nothing on a signal by itself
    { ...onDisk('close-hook-plain-node/otel.js'), errors: [{ messageId: 'missingShutdown', line: 5, suggestions: ONE_SUGGESTION }] },
    // holdout4 S12: the NodeSDK comes from an exported factory of a workspace package (pnpm-workspace.yaml,
    // the package's `exports` → its source) and is started here with no shutdown; in a block, so no edit
    { ...onDisk('workspace-factory-sdk/apps/api/src/tracing.ts'), errors: [{ messageId: 'missingShutdown', line: 5, suggestions: [] }] },
    // the same at module level (the handlers can be added), and through npm `workspaces` and `exports.makeSdk = …`
    {
      code: "import { createTracing } from '@acme/tracing';\nconst sdk = createTracing({ name: 'api' });\nsdk.start();\n",
      filename: p('workspace-factory-sdk/apps/api/src/tracing.ts'),
      errors: [{ messageId: 'missingShutdown', line: 3, suggestions: ONE_SUGGESTION }],
    },
    { ...onDisk('workspace-npm-factory-sdk/services/web/otel.js'), errors: [{ messageId: 'missingShutdown', line: 3, suggestions: [] }] },
    // holdout6 S14: an SDK instance another module exports, started here: the missing handler is reported
    // here, and this file's own listeners get the full checks
    { ...onDisk('instance-exported-sdk/src/register.ts'), errors: [{ messageId: 'missingShutdown', line: 3, suggestions: ONE_SUGGESTION }] },
    {
      code: `import { sdk } from "./instrumentation";
sdk.start();
process.once("SIGINT", async () => {
  await sdk.shutdown();
});
process.once("SIGTERM", async () => {
  await sdk.shutdown();
});
`,
      filename: p('instance-exported-sdk/src/register.ts'),
      errors: [{ messageId: 'handlerNeverExits', line: 3, suggestions: [] }, { messageId: 'handlerNeverExits', line: 6, suggestions: [] }],
    },
    // terminus with useExit0 owns only the signals it lists (SIGTERM by default)
    {
      code: `${nodeSdk}
process.on('SIGUSR2', () => { void sdk.shutdown(); });
process.once('SIGTERM', () => { void sdk.shutdown(); });
`,
      filename: p('owner-terminus/src/otel.ts'),
      errors: [{ messageId: 'handlerNeverExits', line: 5, suggestions: ONE_SUGGESTION }],
    },
    // holdout2 miss: the SDK's shutdown method itself as the listener (test/runtime/unbound-shutdown.test.ts)
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
const sdk = new NodeSDK({});
sdk.start();
process.on('SIGTERM', sdk.shutdown);
`,
      filename: 'telemetry.mjs',
      errors: [{ messageId: 'unboundShutdownListener', line: 4, data: { handler: 'sdk.shutdown', method: 'on', event: 'SIGTERM', name: 'sdk' }, suggestions: [] }],
    },
    // SIGTERM without SIGINT
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';

const sdk = new NodeSDK({});
sdk.start();
process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));
`,
      filename: "sigterm.mjs",
      errors: [{ messageId: 'missingSigint', line: 5, suggestions: ONE_SUGGESTION }],
    },
    // holdout3 B6: nodemon is one of the commands `concurrently` runs in the dev script
    {
      code: readFileSync(join(__dirname, '..', 'fixtures', 'projects', 'dev-concurrently', 'src', 'otel.ts'), 'utf8'),
      filename: p('dev-concurrently/src/otel.ts'),
      errors: [{ messageId: 'missingNodemonRestart', line: 9, suggestions: ONE_SUGGESTION }],
    },
    // nodemon project without a SIGUSR2 flush
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();

const stop = (code) => sdk.shutdown().finally(() => process.exit(code));
process.on('SIGTERM', () => stop(143));
process.on('SIGINT', () => stop(130));
`,
      filename: p('lifecycle-nodemon-app/src/index.js'),
      errors: [{ messageId: 'missingNodemonRestart', line: 6, suggestions: ONE_SUGGESTION }],
    },
    // a firebase-functions package whose start script runs the server itself: a plain Node process (holdout6 gffft)
    {
      ...onDisk('firebase-selfhosted/src/tracing.js'),
      errors: [{ messageId: 'missingSigint', line: 6, suggestions: ONE_SUGGESTION }],
    },
    // the same export, with an entry that exits without shutting it down
    {
      ...onDisk('importer-exported-instance-no-flush/src/tracing.ts'),
      errors: [{ messageId: 'missingShutdown', line: 5, suggestions: ONE_SUGGESTION }],
    },
    // holdout7 M6: the module the nodemon script's entry loads still needs SIGUSR2
    {
      ...onDisk('nodemon-sibling-script/src/worker-tracing.js'),
      errors: [{ messageId: 'missingNodemonRestart', line: 6, suggestions: ONE_SUGGESTION }],
    },
    // nodemon.json project: SIGTERM only
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();
process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));
`,
      filename: p('lifecycle-nodemon-json/src/otel.js'),
      errors: [{ messageId: 'missingSigint', line: 4, suggestions: ONE_SUGGESTION }, { messageId: 'missingNodemonRestart', line: 4, suggestions: ONE_SUGGESTION }],
    },
    // an HMR dispose or an 'exit' listener is no shutdown path
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();
if (module.hot) module.hot.dispose(() => sdk.shutdown());
process.on('exit', async () => {
  await sdk.shutdown();
});
`,
      filename: "server.js",
      errors: [{ messageId: 'missingShutdown', line: 3, suggestions: ONE_SUGGESTION }],
    },

  ],
});

// The generated handler is written out in full once per scenario, in the add-shutdown-handler
// fixture pairs (test/fixtures/codemods/add-shutdown-handler); here each suggestion is checked
// for its id and the lines that make it correct: the once-per-process guard, the bounded flush
// of the right object, and the signals with their exit codes.
const suggestionCases: SuggestionCase[] = [
  {
    name: 'BaselimeSDK: the provider start() returns',
    code: `import { BaselimeSDK } from '@baselime/node-opentelemetry';
const provider = new BaselimeSDK({ service: 'shop' }).start();
`,
    filename: 'tracing.ts',
    messageId: 'missingShutdown',
    line: 2,
    suggestion: 'addShutdownHandler',
    essentials: ['return Promise.race([provider.shutdown(), timeout])'],
  },
  {
    name: "Phoenix register(): the provider it returns",
    code: `import { register } from '@arizeai/phoenix-otel';
const provider = register({ projectName: 'chat', batch: true });
`,
    filename: 'instrumentation.ts',
    messageId: 'missingShutdown',
    line: 2,
    suggestion: 'addShutdownHandler',
    essentials: ['return Promise.race([provider.shutdown(), timeout])'],
  },
  {
    name: "no shutdown path (CJS)",
    code: `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');

const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
provider.register();
`,
    filename: "tracing.js",
    messageId: 'missingShutdown',
    line: 6,
    suggestion: 'addShutdownHandler',
    essentials: [
      "if (!(Symbol.for('otel-safe.shutdown.provider') in globalThis)) {",
      'return Promise.race([provider.shutdown(), timeout])',
      "process.once('SIGTERM', () => void flushTelemetry().finally(() => process.exit(143)));",
      "process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));",
      "process.once('beforeExit', () => void flushTelemetry());",
    ],
  },
  {
    name: "no shutdown path (ESM, TS: typed helper)",
    code: `import { NodeSDK } from '@opentelemetry/sdk-node';

export const sdk = new NodeSDK({});
sdk.start();
`,
    filename: "otel.ts",
    messageId: 'missingShutdown',
    line: 4,
    suggestion: 'addShutdownHandler',
    essentials: [
      "if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {",
      'return Promise.race([sdk.shutdown(), timeout])',
      "process.once('SIGTERM', () => void flushTelemetry().finally(() => process.exit(143)));",
      "process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));",
      "process.once('beforeExit', () => void flushTelemetry());",
    ],
  },
  {
    name: "startNodeSdk handle",
    code: `import { startNodeSdk } from '@opentelemetry/sdk-node';

const otel = startNodeSdk({ serviceName: 'api' });
console.log('started');
`,
    filename: "otel.mjs",
    messageId: 'missingShutdown',
    line: 3,
    suggestion: 'addShutdownHandler',
    essentials: [
      "if (!(Symbol.for('otel-safe.shutdown.otel') in globalThis)) {",
      'return Promise.race([otel.shutdown(), timeout])',
      "process.once('SIGTERM', () => void flushTelemetry().finally(() => process.exit(143)));",
      "process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));",
      "process.once('beforeExit', () => void flushTelemetry());",
    ],
  },
  {
    name: "registration inside an exported init, variable assigned there (optional call)",
    code: `import { NodeSDK } from '@opentelemetry/sdk-node';

let sdk: NodeSDK | undefined;
export function initTelemetry() {
  sdk = new NodeSDK({});
  sdk.start();
}
`,
    filename: "init.ts",
    messageId: 'missingShutdown',
    line: 6,
    suggestion: 'addShutdownHandler',
    essentials: [
      "if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {",
      'return Promise.race([sdk?.shutdown(), timeout])',
      "process.once('SIGTERM', () => void flushTelemetry().finally(() => process.exit(143)));",
      "process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));",
      "process.once('beforeExit', () => void flushTelemetry());",
    ],
  },
  {
    name: "nodemon project: the handlers include its restart signal",
    code: `const { NodeSDK } = require('@opentelemetry/sdk-node');

const sdk = new NodeSDK({});
sdk.start();
`,
    filename: p('lifecycle-nodemon-app/src/otel.js'),
    messageId: 'missingShutdown',
    line: 4,
    suggestion: 'addShutdownHandler',
    essentials: [
      "if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {",
      'return Promise.race([sdk.shutdown(), timeout])',
      "process.once('SIGTERM', () => void flushTelemetry().finally(() => process.exit(143)));",
      "process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));",
      "process.on('SIGUSR2', onRestart);",
      "process.once('beforeExit', () => void flushTelemetry());",
    ],
  },
  {
    name: "EDOT with its handlers switched off",
    code: `const { startNodeSDK } = require('@elastic/opentelemetry-node/sdk');
const sdk = startNodeSDK({ elasticSetupShutdownHandlers: false });
`,
    filename: "edot.js",
    messageId: 'missingShutdown',
    line: 2,
    suggestion: 'addShutdownHandler',
    essentials: [
      "if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {",
      'return Promise.race([sdk.shutdown(), timeout])',
      "process.once('SIGTERM', () => void flushTelemetry().finally(() => process.exit(143)));",
      "process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));",
      "process.once('beforeExit', () => void flushTelemetry());",
    ],
  },
  {
    name: "api registration of a provider",
    code: `import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
trace.setGlobalTracerProvider(provider);
`,
    filename: "api.ts",
    messageId: 'missingShutdown',
    line: 5,
    suggestion: 'addShutdownHandler',
    essentials: [
      "if (!(Symbol.for('otel-safe.shutdown.provider') in globalThis)) {",
      'return Promise.race([provider.shutdown(), timeout])',
      "process.once('SIGTERM', () => void flushTelemetry().finally(() => process.exit(143)));",
      "process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));",
      "process.once('beforeExit', () => void flushTelemetry());",
    ],
  },
  {
    name: "SIGTERM without SIGINT",
    code: `import { NodeSDK } from '@opentelemetry/sdk-node';

const sdk = new NodeSDK({});
sdk.start();
process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));
`,
    filename: "sigterm.mjs",
    messageId: 'missingSigint',
    line: 5,
    suggestion: 'addSigintHandler',
    essentials: [
      "if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {",
      'return Promise.race([sdk.shutdown(), timeout])',
      "process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));",
    ],
  },
  {
    name: "nodemon project without a SIGUSR2 flush",
    code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();

const stop = (code) => sdk.shutdown().finally(() => process.exit(code));
process.on('SIGTERM', () => stop(143));
process.on('SIGINT', () => stop(130));
`,
    filename: p('lifecycle-nodemon-app/src/index.js'),
    messageId: 'missingNodemonRestart',
    line: 6,
    suggestion: 'addNodemonHandler',
    essentials: [
      "if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {",
      'return Promise.race([sdk.shutdown(), timeout])',
      "process.on('SIGUSR2', onRestart);",
    ],
  },
  {
    name: "nodemon.json project: SIGTERM only",
    code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();
process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));
`,
    filename: p('lifecycle-nodemon-json/src/otel.js'),
    messageId: 'missingSigint',
    line: 4,
    suggestion: 'addSigintHandler',
    essentials: [
      "if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {",
      'return Promise.race([sdk.shutdown(), timeout])',
      "process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));",
      "process.on('SIGUSR2', onRestart);",
    ],
  },
  {
    name: "nodemon.json project: SIGTERM only",
    code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();
process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));
`,
    filename: p('lifecycle-nodemon-json/src/otel.js'),
    messageId: 'missingNodemonRestart',
    line: 4,
    suggestion: 'addNodemonHandler',
    essentials: [
      "if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {",
      'return Promise.race([sdk.shutdown(), timeout])',
      "process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));",
      "process.on('SIGUSR2', onRestart);",
    ],
  },
  {
    name: "an HMR dispose or an 'exit' listener is no shutdown path",
    code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();
if (module.hot) module.hot.dispose(() => sdk.shutdown());
process.on('exit', async () => {
  await sdk.shutdown();
});
`,
    filename: "server.js",
    messageId: 'missingShutdown',
    line: 3,
    suggestion: 'addShutdownHandler',
    essentials: [
      "if (!(Symbol.for('otel-safe.shutdown.sdk') in globalThis)) {",
      'return Promise.race([sdk.shutdown(), timeout])',
      "process.once('SIGTERM', () => void flushTelemetry().finally(() => process.exit(143)));",
      "process.once('SIGINT', () => void flushTelemetry().finally(() => process.exit(130)));",
      "process.once('beforeExit', () => void flushTelemetry());",
    ],
  },
];

describe('require-shutdown-handler suggestions', () => {
  it.each(suggestionCases)('$name: $suggestion writes the guarded, bounded handler', (c) => {
    const [report] = lintWithSuggestions(c.code, c.filename, 'require-shutdown-handler').filter((m) => m.messageId === c.messageId);
    expect(report, 'the report').toBeDefined();
    expect(report!.line).toBe(c.line);
    expect(report!.suggestions.map((s) => s.messageId)).toEqual([c.suggestion]);
    const output = report!.suggestions[0]!.output;
    // an essential is a statement on one line: argument lists broken over lines (the width) are joined first
    const lines = joinBrokenArguments(output).split('\n').map((l) => l.trim());
    for (const line of c.essentials) expect(lines, line).toContain(line);
    expect(lintWithSuggestions(output, c.filename, 'require-shutdown-handler').filter((m) => m.messageId === 'missingShutdown')).toEqual([]);
  });
});

/** `f(\n  a,\n  b,\n)` → `f(a, b)`: what a call broken over lines for the width says, on one line. */
function joinBrokenArguments(code: string): string {
  return code.replace(/([([])[ \t]*\r?\n\s*/g, '$1').replace(/,[ \t]*\r?\n\s*([)\]])/g, '$1').replace(/\r?\n\s*([)\]])/g, '$1').replace(/,[ \t]*\r?\n\s*(?=[^\s}])/g, ', ');
}

// holdout8 sampleotlp: a Lambda wrapper script that configures the aws-lambda instrumentation, which
// force-flushes the provider after every invocation (0.40.0 instrumentation.js:164-177, 222-237)
describe('require-shutdown-handler: a Lambda wrapper', () => {
  const wrapper = (config: string) => `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
provider.register();
registerInstrumentations({ instrumentations: [getNodeAutoInstrumentations(${config})] });
`;
  const ids = (code: string) => lint(code, 'lambda-wrapper.js', 'require-shutdown-handler').map((m) => m.messageId);
  it('is flushed per invocation when the bundle configures the aws-lambda instrumentation', () => {
    expect(ids(wrapper("{ '@opentelemetry/instrumentation-aws-lambda': { disableAwsContextPropagation: true } }"))).toEqual([]);
  });
  it('is a plain process when that instrumentation is switched off, or not named', () => {
    expect(ids(wrapper("{ '@opentelemetry/instrumentation-aws-lambda': { enabled: false } }"))).toEqual(['missingShutdown']);
    expect(ids(wrapper(''))).toEqual(['missingShutdown']);
  });
});

// holdout8 castiel: a vendor setup that hands back no handle is shut down through the module's own function
describe('require-shutdown-handler: naming a vendor shutdown function', () => {
  it('names shutdownAzureMonitor() for useAzureMonitor()', () => {
    const [report] = lint(`import { useAzureMonitor } from '@azure/monitor-opentelemetry';\nuseAzureMonitor();\n`, 'telemetry.ts', 'require-shutdown-handler');
    expect(report?.messageId).toBe('missingShutdown');
    expect(report?.message).toContain('nothing calls `shutdownAzureMonitor()` (@azure/monitor-opentelemetry) when the process ends');
  });
});

// holdout9 jamie-api: an SDK started after this module registered a provider with a Simple processor: the
// SDK's implicit batch never holds a span, and the registered provider only has an export in flight
describe('require-shutdown-handler: an SDK behind an earlier provider', () => {
  const code = (processor: string) => `const { BasicTracerProvider, ${processor} } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { NodeSDK } = require('@opentelemetry/sdk-node');
const exporter = new OTLPTraceExporter();
const provider = new BasicTracerProvider();
provider.addSpanProcessor(new ${processor}(exporter));
provider.register();
const sdk = new NodeSDK({ traceExporter: exporter });
sdk.start();
process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(0)));
`;
  const ids = (processor: string) => lint(code(processor), 'tracer.js', 'require-shutdown-handler').map((m) => m.messageId);
  it('has nothing batched to lose on Ctrl-C when the earlier provider exports at once', () => {
    expect(ids('SimpleSpanProcessor')).toEqual([]);
  });
  it("still loses the earlier provider's batch", () => {
    expect(ids('BatchSpanProcessor')).toEqual(['missingSigint']);
  });
});

// holdout14 cubemoji (S31): with no shutdown anywhere, the spans sit in the provider registered first (the SDK's
// own provider loses the global and its batch never holds a span): the report and its fix name that provider
describe('require-shutdown-handler: no shutdown for a provider an SDK feeds', () => {
  const code = `const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { NodeSDK } = require('@opentelemetry/sdk-node');
const provider = new BasicTracerProvider();
provider.addSpanProcessor(new BatchSpanProcessor(new OTLPTraceExporter()));
provider.register();
const sdk = new NodeSDK({});
sdk.start();
`;
  it('reports the provider registration and asks for provider.shutdown()', () => {
    const reports = lint(code, 'tracer.js', 'require-shutdown-handler');
    expect(reports.map((r) => [r.messageId, r.line])).toEqual([['missingShutdown', 6]]);
    expect(reports[0]?.message).toContain('`provider.shutdown()`');
  });
  it('reports the provider when the SDK started after it exports to the console', () => {
    // built before the provider is registered, exporting to the console through sdk-node's \`tracing\` namespace
    const toConsole = `const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { NodeSDK, tracing } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({ traceExporter: new tracing.ConsoleSpanExporter() });
const provider = new BasicTracerProvider();
provider.addSpanProcessor(new BatchSpanProcessor(new OTLPTraceExporter()));
provider.register();
sdk.start();
`;
    const reports = lint(toConsole, 'tracer.js', 'require-shutdown-handler');
    expect(reports.map((r) => [r.messageId, r.line])).toEqual([['missingShutdown', 7]]);
    expect(reports[0]?.message).toContain('`provider.shutdown()`');
  });
  it('reports the SDK start when nothing was registered before it', () => {
    const alone = code.replace('provider.register();\n', '');
    expect(lint(alone, 'tracer.js', 'require-shutdown-handler').map((r) => [r.messageId, r.line])).toEqual([['missingShutdown', 7]]);
  });
});

// holdout13: SvelteKit's adapter-node closes its server on SIGTERM and SIGINT (5.5.4 `files/index.js:293-316, 342-343`),
// after which the process ends once idle: a flush-only listener there keeps nothing running. With another adapter
// the listener replaces Node's default exit, as anywhere else
ruleTester.run('require-shutdown-handler (SvelteKit adapter-node)', rule, {
  valid: [onDisk('sveltekit-adapter-node/src/lib/server/otel.ts')],
  invalid: [
    // a custom server (`node server.js` importing build/handler.js) has none of the adapter's listeners (holdout10 workflowbuilder)
    {
      ...onDisk('sveltekit-adapter-node-custom-server/src/lib/server/otel.ts'),
      errors: [
        { messageId: 'handlerNeverExits', line: 8 },
        { messageId: 'handlerNeverExits', line: 9 },
      ],
    },
    {
      ...onDisk('sveltekit-adapter-auto/src/lib/server/otel.ts'),
      errors: [
        { messageId: 'handlerNeverExits', line: 8 },
        { messageId: 'handlerNeverExits', line: 9 },
      ],
    },
  ],
});

// holdout13: `$lib/server/otel` is SvelteKit's alias for src/lib (its tsconfig extends the generated, absent
// .svelte-kit one): the hooks import it, call only the init, and nothing flushes (adapter-node closes the server
// without a flush), so the exported shutdown helper nobody names is no way out
ruleTester.run('require-shutdown-handler (SvelteKit $lib)', rule, {
  valid: [],
  invalid: [
    { ...onDisk('sveltekit-lib-alias/src/lib/server/otel.ts'), errors: [{ messageId: 'missingShutdown', line: 9, suggestions: 1 as unknown as readonly never[] }] },
    // ...also when the shutdown sits in a function the init stores in a module variable, which only that
    // uncalled helper calls
    { ...onDisk('shutdown-held-in-variable/src/lib/server/otel.ts'), errors: [{ messageId: 'missingShutdown', line: 9, suggestions: 1 as unknown as readonly never[] }] },
  ],
});

// holdout13: two block-scoped providers of one name, one batching (credentials set) and one for propagation only:
// the missing flush is reported at the batching one's registration
ruleTester.run('require-shutdown-handler (one name in two branches)', rule, {
  valid: [],
  invalid: [
    {
      code: `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
if (process.env.DT_API_TOKEN) {
  const tracerProvider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  tracerProvider.register();
} else {
  const tracerProvider = new NodeTracerProvider({});
  tracerProvider.register();
}
`,
      filename: 'otel.cjs',
      errors: [{ messageId: 'missingShutdown', line: 6 }],
    },
  ],
});

// holdout17 dealer: a processor class of the file that extends SimpleSpanProcessor and overrides only `onStart`
// exports each span as it ends, as its base does: only an export in flight is at risk (not reported by default)
describe('require-shutdown-handler: a span processor subclass of the file', () => {
  const code = (override: string) => `const { BasicTracerProvider, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
class TaggingProcessor extends SimpleSpanProcessor {
  ${override}
}
const provider = new BasicTracerProvider();
provider.addSpanProcessor(new TaggingProcessor(new OTLPTraceExporter()));
provider.register();
`;
  it('counts as its base: an export in flight, not reported by default', () => {
    expect(lint(code('onStart(span, parent) { span.setAttribute("tagged", true); super.onStart(span, parent); }'), 'tracer.js', 'require-shutdown-handler')).toEqual([]);
  });
  it('is unknown when it overrides how spans leave (onEnd)', () => {
    expect(lint(code('onEnd(span) { queue.push(span); }'), 'tracer.js', 'require-shutdown-handler').map((m) => m.messageId)).toEqual(['missingShutdown']);
  });
});
