import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/no-batch-processor-in-dev';
import { createRuleTester } from '../support/rule-tester';

const ruleTester = createRuleTester();
/** A file inside one of the small fixture projects (their package.json / nodemon.json are read). */
const p = (rel: string) => join(__dirname, '..', 'fixtures', 'projects', rel);

const batchSetup = `import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BatchSpanProcessor, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const exporter = new OTLPTraceExporter();
`;

ruleTester.run('no-batch-processor-in-dev', rule, {
  valid: [
    // the exporter a dev process holds is the console one (holdout8 noctis): the production arm is not taken there
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { ConsoleSpanExporter } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const traceExporter = process.env.NODE_ENV === 'development' ? new ConsoleSpanExporter() : new OTLPTraceExporter();
new NodeSDK({ traceExporter }).start();
`,
      filename: p('lifecycle-nodemon-json/src/otel.js'),
    },
    // a batch bound for the console (or memory) loses only local output: not reported, as
    // require-shutdown-handler reads it (holdout8: a nodemon dev setup with console exporters only)
    {
      code: `import { BatchSpanProcessor, ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';
export const processor = new BatchSpanProcessor(new ConsoleSpanExporter());
`,
      filename: p('lifecycle-plain-app/src/local-otel.ts'),
      settings: { 'otel-safe': {"devEntrypoints":["src/local-*.ts"]} },
    },
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { ConsoleSpanExporter, InMemorySpanExporter } = require('@opentelemetry/sdk-trace-base');
new NodeSDK({ traceExporter: process.env.CI ? new InMemorySpanExporter() : new ConsoleSpanExporter() }).start();
`,
      filename: p('lifecycle-nodemon-json/src/otel.js'),
    },
    // not a dev entrypoint, no dev branch: batching is right
    { code: `${batchSetup}new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] }).register();`, filename: 'src/tracing.ts' },
    // a production-only branch in a dev file
    {
      code: `${batchSetup}const processor = process.env.NODE_ENV === 'production' ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter);`,
      filename: 'src/otel.dev.ts',
    },
    { code: `${batchSetup}if (import.meta.env.PROD) { new BatchSpanProcessor(exporter); }`, filename: 'src/web.dev.ts' },
    { code: `${batchSetup}const p = !import.meta.env.DEV ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter);`, filename: 'src/web.ts' },
    { code: `${batchSetup}if (process.env.NODE_ENV !== 'development') { new BatchSpanProcessor(exporter); }`, filename: 'dev.mjs' },
    // holdout5 B10: a normalised prefix test of production
    { code: `${batchSetup}const p = process.env.NODE_ENV?.toLowerCase().startsWith('prod') ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter);`, filename: 'src/otel.dev.ts' },
    // holdout17 parsertime: the deployment's environment name with development as its default (unset where a
    // developer runs the app), and a const holding NODE_ENV
    {
      code: `${batchSetup}const ENVIRONMENT = process.env.RAILWAY_ENVIRONMENT ?? 'development';\nconst p = ENVIRONMENT === 'production' ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter);`,
      filename: 'src/otel.dev.ts',
    },
    { code: `${batchSetup}const env = process.env.NODE_ENV;\nconst p = env === 'production' ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter);`, filename: 'src/otel.dev.ts' },
    // holdout4 B9: a production test widened by other non-development values is still false in development
    {
      code: `${batchSetup}const processor = process.env.NODE_ENV === 'production' || process.env.NODE_ENV === 'test' ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter);`,
      filename: 'src/otel.dev.ts',
    },
    { code: `${batchSetup}if (process.env.NODE_ENV === \`staging\` || process.env.NODE_ENV !== 'development') { new BatchSpanProcessor(exporter); }`, filename: 'dev.mjs' },
    // the simple processor in dev
    { code: `${batchSetup}new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();`, filename: 'otel.development.ts' },
    // NodeSDK: spanProcessors wins over traceExporter
    {
      code: `
import { NodeSDK } from '@opentelemetry/sdk-node';
import { SimpleSpanProcessor, ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';
new NodeSDK({ spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())] }).start();
      `,
      filename: 'otel.dev.ts',
    },
    // options we cannot see are not guessed at
    { code: `const { NodeSDK } = require('@opentelemetry/sdk-node');\nnew NodeSDK(config).start();`, filename: 'dev.js' },
    // vendors' dev switches
    { code: `import * as traceloop from '@traceloop/node-server-sdk';\ntraceloop.initialize({ disableBatch: true });`, filename: 'llm.dev.ts' },
    // Phoenix's register() with `batch: false` builds a simple processor (@arizeai/phoenix-otel 0.3.4 dist/src/register.js:178-198)
    { code: `import { register } from '@arizeai/phoenix-otel';\nregister({ projectName: 'chat', batch: false });`, filename: 'llm.dev.ts' },
    {
      code: `import { registerOTel } from '@vercel/otel';\nimport { SimpleSpanProcessor, ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';\nregisterOTel({ spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())] });`,
      filename: 'instrumentation.dev.ts',
    },
    // a file only a production script preloads
    { code: `${batchSetup}new BatchSpanProcessor(exporter);`, filename: p('lifecycle-plain-app/src/otel.js') },
    // a file no dev script runs or preloads; a malformed package.json
    { code: `${batchSetup}new BatchSpanProcessor(exporter);`, filename: p('lifecycle-watch-app/worker.mjs') },
    { code: `${batchSetup}new BatchSpanProcessor(exporter);`, filename: p('lifecycle-malformed/src/otel.js') },
    // `bun --hot` re-evaluates in the same process (no restart), and Ctrl-C runs this flush: nothing is lost (holdout2)
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const sdk = new NodeSDK({ traceExporter: new OTLPTraceExporter() });
sdk.start();
const stop = async () => { await sdk.shutdown(); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
`,
      filename: p('dev-bun-hot/src/otel.ts'),
    },
    // a source the `--onSuccess` command does not run
    { code: `${batchSetup}new BatchSpanProcessor(exporter);`, filename: p('dev-tsup-onsuccess/src/worker.ts') },
    // fastify-cli passes what follows `--` to the app as plugin options (args.js:58-59): `dev` never preloads otel.mjs
    { code: `${batchSetup}new BatchSpanProcessor(exporter);`, filename: p('dev-fastify-cli/otel.mjs') },
    // other libraries' BatchSpanProcessor
    { code: `import { BatchSpanProcessor } from './my-processors';\nnew BatchSpanProcessor(e);`, filename: 'dev.ts' },
  ],
  invalid: [
    // the message states the processor's own literal delay (sweep: `scheduledDelayMillis: 1000`), positional and options shapes
    ...[
      ["import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';\nnew BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 });", '1 s'],
      ["import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';\nnew BatchSpanProcessor(exporter, { scheduledDelayMillis: 250 });", '250 ms'],
      ["import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';\nnew BatchSpanProcessor(exporter, { scheduledDelayMillis: delay });", 'its `scheduledDelayMillis`'],
      ["import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';\nnew BatchSpanProcessor({ exporter, scheduledDelayMillis: 2000 });", '2 s'],
    ].map(([code, delay]) => ({
      code,
      filename: 'otel.development.ts',
      errors: [{ messageId: 'batchProcessorInDev' as const, line: 2, data: { ends: 'restarts or is stopped', delay, name: 'BatchSpanProcessor', where: 'in development', fix: ' (`npx otel-codemod dev-simple-processor`)' }, suggestions: 1 as unknown as readonly never[] }],
    })),
    // NodeSDK with no trace options: the OTEL_TRACES_EXPORTER exporters (default otlp), each behind a
    // BatchSpanProcessor (sdk-node build/src/utils.js getSpanProcessorsFromEnv)
    {
      code: `
import { NodeSDK } from '@opentelemetry/sdk-node';
new NodeSDK({}).start();
`,
      filename: 'otel.development.ts',
      errors: [{ messageId: 'implicitBatchInDev', line: 3, data: { ends: 'restarts or is stopped', delay: '5 s', name: 'NodeSDK', how: 'batches spans on its own', where: 'in development', fix: '' } }],
    },
    // implicit: NodeSDK traceExporter in a *.development.* file (import added)
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

const sdk = new NodeSDK({ traceExporter: new OTLPTraceExporter() });
sdk.start();
`,
      filename: "src/otel.development.ts",
      errors: [{ messageId: 'implicitBatchInDev', line: 4, suggestions: [{ messageId: 'useSimpleProcessor', output: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

const sdk = new NodeSDK({
  spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter())],
});
sdk.start();
` }] }],
    },
    // holdout5 B10: the negation of a production prefix test is a dev-only branch
    {
      code: `${batchSetup}if (!process.env.NODE_ENV?.toLowerCase().startsWith('prod')) { new BatchSpanProcessor(exporter); }`,
      filename: 'src/tracing.ts',
      errors: [{ messageId: 'batchProcessorInDev', line: 5, data: { ends: 'restarts or is stopped', delay: '5 s', name: 'BatchSpanProcessor', where: 'in development', fix: ' (`npx otel-codemod dev-simple-processor`)' }, suggestions: 1 as unknown as readonly never[] }],
    },
    // explicit, CJS, dev.* file: SimpleSpanProcessor added to the require
    {
      code: `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');

const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter(), { scheduledDelayMillis: 500 })] });
provider.register();
`,
      filename: "dev.js",
      errors: [{ messageId: 'batchProcessorInDev', line: 5, suggestions: [{ messageId: 'useSimpleProcessor', output: `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const {
  BatchSpanProcessor,
  SimpleSpanProcessor,
} = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');

const provider = new NodeTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter())],
});
provider.register();
` }] }],
    },
    // Vite dev branch in a browser file (existing Simple binding reused)
    {
      code: `import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { BatchSpanProcessor, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

const exporter = new OTLPTraceExporter();
const processor = import.meta.env.DEV ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter);
new WebTracerProvider({ spanProcessors: [processor] }).register();
`,
      filename: "src/web-otel.ts",
      errors: [{ messageId: 'batchProcessorInDev', line: 6, suggestions: [{ messageId: 'useSimpleProcessor', output: `import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { BatchSpanProcessor, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

const exporter = new OTLPTraceExporter();
const processor = import.meta.env.DEV ? new SimpleSpanProcessor(exporter) : new SimpleSpanProcessor(exporter);
new WebTracerProvider({ spanProcessors: [processor] }).register();
` }] }],
    },
    // holdout17 parsertime (the other side): a default that is not a development value decides nothing
    {
      code: `${batchSetup}const ENVIRONMENT = process.env.RAILWAY_ENVIRONMENT ?? 'production';\nconst p = ENVIRONMENT === 'production' ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter);`,
      filename: 'src/otel.dev.ts',
      errors: [{ messageId: 'batchProcessorInDev', line: 6, suggestions: 1 as unknown as readonly never[] }],
    },
    // holdout4 B9 (the other side): a disjunct true in development (`'local'`), or one that is not a
    // NODE_ENV test, leaves the branch undecided: the dev file's batch is reported
    {
      code: `${batchSetup}const processor = process.env.NODE_ENV === 'production' || process.env.NODE_ENV === 'local' ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter);`,
      filename: 'src/otel.dev.ts',
      errors: [{ messageId: 'batchProcessorInDev', line: 5, suggestions: 1 as unknown as readonly never[] }],
    },
    {
      code: `${batchSetup}const processor = process.env.NODE_ENV === 'production' || process.env.BATCH ? new BatchSpanProcessor(exporter) : new SimpleSpanProcessor(exporter);`,
      filename: 'src/otel.dev.ts',
      errors: [{ messageId: 'batchProcessorInDev', line: 5, suggestions: 1 as unknown as readonly never[] }],
    },
    // NODE_ENV !== production branch, aliased import
    {
      code: `import { NodeTracerProvider, BatchSpanProcessor as BSP } from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

const processors = [];
if (process.env.NODE_ENV !== 'production') {
  processors.push(new BSP(new OTLPTraceExporter()));
}
new NodeTracerProvider({ spanProcessors: processors }).register();
`,
      filename: "tracing.ts",
      errors: [{ messageId: 'batchProcessorInDev', line: 6, suggestions: [{ messageId: 'useSimpleProcessor', output: `import {
  NodeTracerProvider,
  BatchSpanProcessor as BSP,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

const processors = [];
if (process.env.NODE_ENV !== 'production') {
  processors.push(new SimpleSpanProcessor(new OTLPTraceExporter()));
}
new NodeTracerProvider({ spanProcessors: processors }).register();
` }] }],
    },
    // const alias of a dev test, && branch
    {
      code: `const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const isDev = process.env.NODE_ENV === 'development';
const extra = isDev && new BatchSpanProcessor(new OTLPTraceExporter());
module.exports = { extra };
`,
      filename: "tracing.js",
      errors: [{ messageId: 'batchProcessorInDev', line: 4, suggestions: [{ messageId: 'useSimpleProcessor', output: `const {
  BatchSpanProcessor,
  SimpleSpanProcessor,
} = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const isDev = process.env.NODE_ENV === 'development';
const extra = isDev && new SimpleSpanProcessor(new OTLPTraceExporter());
module.exports = { extra };
` }] }],
    },
    // options shape (@opentelemetry/sdk-trace) in a dev/ folder
    {
      code: `import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

const exporter = new OTLPTraceExporter();
export const provider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter, maxExportBatchSize: 10 })] });
`,
      filename: "src/dev/tracing.ts",
      errors: [{ messageId: 'batchProcessorInDev', line: 5, suggestions: [{ messageId: 'useSimpleProcessor', output: `import {
  BatchSpanProcessor,
  TracerProvider,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

const exporter = new OTLPTraceExporter();
export const provider = new TracerProvider({
  spanProcessors: [new SimpleSpanProcessor({ exporter })],
});
` }] }],
    },
    // sdk-node namespace
    {
      code: `const otel = require('@opentelemetry/sdk-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const sdk = new otel.NodeSDK({ spanProcessors: [new otel.tracing.BatchSpanProcessor(new OTLPTraceExporter())] });
sdk.start();
`,
      filename: "otel.dev.cjs",
      errors: [{ messageId: 'batchProcessorInDev', line: 3, suggestions: [{ messageId: 'useSimpleProcessor', output: `const otel = require('@opentelemetry/sdk-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const sdk = new otel.NodeSDK({
  spanProcessors: [
    new otel.tracing.SimpleSpanProcessor(new OTLPTraceExporter()),
  ],
});
sdk.start();
` }] }],
    },
    // under `bun --hot` with no flush on Ctrl-C the batch still dies with the dev process; the message does not claim a restart
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const sdk = new NodeSDK({ traceExporter: new OTLPTraceExporter() });
sdk.start();
`,
      filename: p('dev-bun-hot/src/otel.ts'),
      errors: [{ messageId: 'implicitBatchInDev', line: 3, data: { ends: 'restarts or is stopped', delay: '5 s', name: 'NodeSDK', how: 'wraps `traceExporter` in a BatchSpanProcessor', where: 'in this file (the dev script "dev" runs it under `bun --hot`, which keeps the process across edits)', fix: ' (`npx otel-codemod dev-simple-processor`)' }, suggestions: 1 as unknown as readonly never[] }],
    },
    // holdout2 miss: the watcher restarts the command after `--onSuccess`, which preloads the build of this file
    {
      code: `${batchSetup}new BatchSpanProcessor(exporter);`,
      filename: p('dev-tsup-onsuccess/src/otel.ts'),
      errors: [{ messageId: 'batchProcessorInDev', data: { ends: 'restarts or is stopped', delay: '5 s', name: 'BatchSpanProcessor', where: 'in this file (the dev script "dev" runs it in a process it restarts)', fix: ' (`npx otel-codemod dev-simple-processor`)' }, suggestions: 1 as unknown as readonly never[] }],
    },
    // holdout2 miss: `tsc-watch --onSuccess "node ./dist/index.js"` restarts the build of src/index.ts, which imports this file
    {
      code: `${batchSetup}new BatchSpanProcessor(exporter);`,
      filename: p('dev-tscwatch-import/src/otel.ts'),
      errors: [{ messageId: 'batchProcessorInDev', data: { ends: 'restarts or is stopped', delay: '5 s', name: 'BatchSpanProcessor', where: 'in this file (dist/index.js, which the dev script "dev" runs, loads it)', fix: ' (`npx otel-codemod dev-simple-processor`)' }, suggestions: 1 as unknown as readonly never[] }],
    },
    // preloaded by node --watch: shared with production, env-conditional
    {
      code: `import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
provider.register();
`,
      filename: p('lifecycle-watch-app/telemetry.mjs'),
      errors: [{ messageId: 'batchProcessorInDev', line: 5, suggestions: [{ messageId: 'useSimpleProcessorOutsideProduction', output: `import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

const traceExporter = new OTLPTraceExporter();
const provider = new NodeTracerProvider({
  spanProcessors: [
    process.env.NODE_ENV === 'production'
      ? new BatchSpanProcessor(traceExporter)
      : new SimpleSpanProcessor(traceExporter),
  ],
});
provider.register();
` }] }],
    },
    // ts-node-dev entry with NodeSDK traceExporter: env-conditional spanProcessors
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { AlwaysOnSampler } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';

const sdk = new NodeSDK({
  sampler: new AlwaysOnSampler(),
  traceExporter: new OTLPTraceExporter(),
});
sdk.start();
`,
      filename: p('lifecycle-tsx-app/src/app.ts'),
      errors: [{ messageId: 'implicitBatchInDev', line: 5, suggestions: [{ messageId: 'useSimpleProcessorOutsideProduction', output: `import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  AlwaysOnSampler,
  BatchSpanProcessor,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';

const traceExporter = new OTLPTraceExporter();
const sdk = new NodeSDK({
  sampler: new AlwaysOnSampler(),
  spanProcessors: [
    process.env.NODE_ENV === 'production'
      ? new BatchSpanProcessor(traceExporter)
      : new SimpleSpanProcessor(traceExporter),
  ],
});
sdk.start();
` }] }],
    },
    // NODE_OPTIONS preload of a dev script (CJS)
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const traceExporter = new OTLPTraceExporter();
new NodeSDK({ traceExporter }).start();
`,
      filename: p('lifecycle-tsx-app/src/otel.cjs'),
      errors: [{ messageId: 'implicitBatchInDev', line: 4, suggestions: [{ messageId: 'useSimpleProcessorOutsideProduction', output: `const { NodeSDK, tracing } = require('@opentelemetry/sdk-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const traceExporter = new OTLPTraceExporter();
new NodeSDK({
  spanProcessors: [
    process.env.NODE_ENV === 'production'
      ? new tracing.BatchSpanProcessor(traceExporter)
      : new tracing.SimpleSpanProcessor(traceExporter),
  ],
}).start();
` }] }],
    },
    // a switch that is no environment test keeps both arms: the network one batches in development too
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { ConsoleSpanExporter } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const traceExporter = process.env.OTEL_DEBUG ? new ConsoleSpanExporter() : new OTLPTraceExporter();
new NodeSDK({ traceExporter }).start();
`,
      filename: p('lifecycle-nodemon-json/src/otel.js'),
      errors: [{ messageId: 'implicitBatchInDev', line: 5, suggestions: 1 as unknown as readonly never[] }],
    },
    // holdout8 admina: `nodemon --config nodemon.server.json`, whose exec runs the entry importing this module
    {
      code: readFileSync(p('nodemon-config-flag/src/tracing.ts'), 'utf8'),
      filename: p('nodemon-config-flag/src/tracing.ts'),
      errors: [{ messageId: 'implicitBatchInDev', line: 4, suggestions: 1 as unknown as readonly never[] }],
    },
    // nodemon.json exec preload
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { AlwaysOnSampler } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
new NodeSDK({ sampler: new AlwaysOnSampler(), traceExporter: new OTLPTraceExporter() }).start();
`,
      filename: p('lifecycle-nodemon-json/src/otel.js'),
      errors: [{ messageId: 'implicitBatchInDev', line: 4, suggestions: [{ messageId: 'useSimpleProcessorOutsideProduction', output: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const {
  AlwaysOnSampler,
  BatchSpanProcessor,
  SimpleSpanProcessor,
} = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
const traceExporter = new OTLPTraceExporter();
new NodeSDK({
  sampler: new AlwaysOnSampler(),
  spanProcessors: [
    process.env.NODE_ENV === 'production'
      ? new BatchSpanProcessor(traceExporter)
      : new SimpleSpanProcessor(traceExporter),
  ],
}).start();
` }] }],
    },
    // settings devEntrypoints
    {
      code: `import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
export const processor = new BatchSpanProcessor(new ZipkinExporter());
`,
      filename: p('lifecycle-plain-app/src/local-otel.ts'),
      settings: { 'otel-safe': {"devEntrypoints":["src/local-*.ts"]} },
      errors: [{ messageId: 'batchProcessorInDev', line: 3, suggestions: [{ messageId: 'useSimpleProcessor', output: `import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
export const processor = new SimpleSpanProcessor(new ZipkinExporter());
` }] }],

    },
    // traceloop without disableBatch in a dev file
    {
      code: `import * as traceloop from '@traceloop/node-server-sdk';
traceloop.initialize({ appName: 'chat' });
`,
      filename: "llm.dev.ts",
      errors: [{ messageId: 'implicitBatchInDev', line: 2, suggestions: [{ messageId: 'useSimpleProcessor', output: `import * as traceloop from '@traceloop/node-server-sdk';
traceloop.initialize({ disableBatch: true, appName: 'chat' });
` }] }],
    },
    // Phoenix's register() batches unless `batch: false` (`batch = true`): the fix sets the switch
    {
      code: `import { register } from '@arizeai/phoenix-otel';
const provider = register({ projectName: 'chat', batch: true });
`,
      filename: "llm.dev.ts",
      errors: [{ messageId: 'implicitBatchInDev', line: 2, suggestions: [{ messageId: 'useSimpleProcessor', output: `import { register } from '@arizeai/phoenix-otel';
const provider = register({ projectName: 'chat', batch: false });
` }] }],
    },
    {
      code: `import { register } from '@arizeai/phoenix-otel';
register({ projectName: 'chat' });
`,
      filename: "llm.dev.ts",
      errors: [{ messageId: 'implicitBatchInDev', line: 2, suggestions: [{ messageId: 'useSimpleProcessor', output: `import { register } from '@arizeai/phoenix-otel';
register({ batch: false, projectName: 'chat' });
` }] }],
    },
    // registerOTel always batches: report only
    {
      code: `import { registerOTel } from '@vercel/otel';
export function register() {
  registerOTel({ serviceName: 'web' });
}
`,
      filename: "instrumentation.dev.ts",
      errors: [{ messageId: 'implicitBatchInDev', line: 3, suggestions: [] }],
    },
    // useAzureMonitor in a dev branch: report only
    {
      code: `const { useAzureMonitor } = require('@azure/monitor-opentelemetry');
if (process.env.NODE_ENV === 'development') useAzureMonitor();
`,
      filename: "azure.js",
      errors: [{ messageId: 'implicitBatchInDev', line: 2, suggestions: [] }],
    },
  ],
});

// A module the watched entry imports runs in the restarting dev process too (issue 12).
const projectFile = (rel: string) => ({ code: readFileSync(p(rel), 'utf8'), filename: p(rel) });

ruleTester.run('no-batch-processor-in-dev (modules the dev entry imports)', rule, {
  valid: [
    // a module the entry does not import
    projectFile('dev-import-tsx-watch/src/worker.ts'),
  ],
  invalid: [
    {
      ...projectFile('dev-import-tsx-watch/src/tracing.ts'),
      errors: [{ messageId: 'batchProcessorInDev', line: 5, data: { ends: 'restarts or is stopped', delay: '5 s', name: 'BatchSpanProcessor', where: 'in this file (src/index.ts, which the dev script "dev" runs, loads it)', fix: ' (`npx otel-codemod dev-simple-processor`)' }, suggestions: 1 as unknown as readonly never[] }],
    },
    {
      // holdout miss (royzheng-uptrace:17): nodemon's `--exec "node --loader ts-node/esm src/server.ts"` runs the entry
      ...projectFile('dev-import-nodemon-exec/src/telemetry/setup.ts'),
      errors: [{ messageId: 'batchProcessorInDev', line: 6, data: { ends: 'restarts or is stopped', delay: '5 s', name: 'BatchSpanProcessor', where: 'in this file (src/server.ts, which the dev script "dev" runs, loads it)', fix: ' (`npx otel-codemod dev-simple-processor`)' }, suggestions: 1 as unknown as readonly never[] }],
    },
    {
      // `nest start --watch` runs nest-cli.json's entry (src/main.ts by default)
      ...projectFile('dev-import-nest-watch/src/tracer.ts'),
      errors: [{ messageId: 'batchProcessorInDev', line: 5, data: { ends: 'restarts or is stopped', delay: '5 s', name: 'BatchSpanProcessor', where: 'in this file (src/main.ts, which the dev script "start:dev" runs, loads it)', fix: ' (`npx otel-codemod dev-simple-processor`)' }, suggestions: 1 as unknown as readonly never[] }],
    },
    {
      // holdout2 miss: main.ts imports the SDK as 'src/otel', resolved through tsconfig's baseUrl alone
      ...projectFile('dev-import-nest-baseurl/src/otel.ts'),
      errors: [{ messageId: 'implicitBatchInDev', line: 4, data: { ends: 'restarts or is stopped', delay: '5 s', name: 'NodeSDK', how: 'wraps `traceExporter` in a BatchSpanProcessor', where: 'in this file (src/main.ts, which the dev script "start:dev" runs, loads it)', fix: ' (`npx otel-codemod dev-simple-processor`)' }, suggestions: 1 as unknown as readonly never[] }],
    },
  ],
});

// sweep-b FP6: a provider registered at the top of the module owns the trace global before the SDK
// constructed below can start, so the SDK's own (implicitly batching) provider never gets a span
const firstProvider = (registration: string, sdk: string) => `import { NodeSDK } from '@opentelemetry/sdk-node';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
${registration}
${sdk}
export default sdk;
`;
const explicitInDev = { messageId: 'batchProcessorInDev' as const, line: 6, suggestions: 1 as unknown as readonly never[] };

ruleTester.run('no-batch-processor-in-dev (a provider registered before the SDK)', rule, {
  valid: [],
  invalid: [
    // only the registered provider's batch is reported, not the SDK's implicit one
    { code: firstProvider('provider.register();', 'const sdk = new NodeSDK({ instrumentations: [new HttpInstrumentation()] });'), filename: 'src/otel.dev.ts', errors: [explicitInDev] },
    { code: firstProvider('provider.register();', 'const sdk = new NodeSDK({ traceExporter: new OTLPTraceExporter() });'), filename: 'src/otel.dev.ts', errors: [explicitInDev] },
    // the registration under a condition, or below the SDK's construction: the SDK may own the global
    {
      code: firstProvider("if (process.env.TRACE_DIRECT) provider.register();", 'const sdk = new NodeSDK({ instrumentations: [new HttpInstrumentation()] });'),
      filename: 'src/otel.dev.ts',
      errors: [explicitInDev, { messageId: 'implicitBatchInDev', line: 8, suggestions: [] }],
    },
    {
      code: firstProvider('const sdk = new NodeSDK({ instrumentations: [new HttpInstrumentation()] });', 'provider.register();'),
      filename: 'src/otel.dev.ts',
      errors: [explicitInDev, { messageId: 'implicitBatchInDev', line: 7, suggestions: [] }],
    },
  ],
});

// holdout5 B10: the dev entry loads the setup only under a production test, so the dev script never
// evaluates it; any other test (a feature flag, a prefix that is no clear production value) still loads it in dev
const prodBranchError = (where: string) => ({ messageId: 'batchProcessorInDev' as const, line: 5, data: { ends: 'restarts or is stopped', delay: '5 s', name: 'BatchSpanProcessor', where, fix: ' (`npx otel-codemod dev-simple-processor`)' }, suggestions: 1 as unknown as readonly never[] });

ruleTester.run('no-batch-processor-in-dev (loaded only in a production branch)', rule, {
  valid: [
    projectFile('dev-import-prod-branch/src/otel-prefix.ts'),
    projectFile('dev-import-prod-branch/src/otel-prod.ts'),
    projectFile('dev-import-prod-branch/src/otel-not-dev.ts'),
  ],
  invalid: [
    { ...projectFile('dev-import-prod-branch/src/otel-flag.ts'), errors: [prodBranchError('in this file (src/server.ts, which the dev script "dev" runs, loads it)')] },
    { ...projectFile('dev-import-prod-branch/src/otel-p.ts'), errors: [prodBranchError('in this file (src/server.ts, which the dev script "dev" runs, loads it)')] },
  ],
});

// holdout3 B5: the watcher restarts with a signal whose handler awaits the SDK's shutdown, so each
// restart flushes the batch (tsx watch: SIGTERM, tsx 4.19.3/4.22.2; nodemon: SIGUSR2 by default)
const ownSigtermFlush = `${readFileSync(p('dev-restart-tsx-sigint-only/src/otel.ts'), 'utf8')}
process.on("SIGTERM", async () => {
  await shutdownOtel();
  process.exit(143);
});
`;
/** The setup of `dev-restart-tsx-sigint-only` with a SIGTERM listener whose body is `body`. */
const startOnlyFlush = (body: string, method = 'on') => `${readFileSync(p('dev-restart-tsx-sigint-only/src/otel.ts'), 'utf8')}
process.${method}("SIGTERM", () => {
  ${body}
});
`;
const implicitError = (where: string, ends = 'restarts or is stopped') => ({ messageId: 'implicitBatchInDev' as const, line: 4, data: { ends, delay: '5 s', name: 'NodeSDK', how: 'wraps `traceExporter` in a BatchSpanProcessor', where, fix: ' (`npx otel-codemod dev-simple-processor`)' }, suggestions: 1 as unknown as readonly never[] });

ruleTester.run('no-batch-processor-in-dev (a restart signal that flushes)', rule, {
  valid: [
    // `tsx watch src/main.ts`, and main.ts awaits this module's shutdown on SIGTERM before exiting
    projectFile('dev-restart-tsx-sigterm/src/otel.ts'),
    // the setup module's own SIGTERM listener awaits the shutdown
    { code: ownSigtermFlush, filename: p('dev-restart-tsx-sigint-only/src/otel.ts') },
    // nodemon restarts with SIGUSR2, which this module flushes on
    { code: ownSigtermFlush.replace('"SIGTERM"', '"SIGUSR2"'), filename: p('dev-restart-nodemon-sigterm/src/otel.ts') },
    // holdout4 B8: `nest start --watch` restarts with SIGTERM, which main.ts flushes on, and nothing in
    // the project calls enableShutdownHooks()
    projectFile('dev-restart-nest-sigterm/src/telemetry.ts'),
    // holdout12: with enableShutdownHooks() Nest closes the app, removes its listener and raises SIGTERM again, which
    // main.ts's listener catches: it still awaits the flush before exiting (@nestjs/core 11.2.12, run)
    projectFile('dev-restart-nest-shutdown-hooks/src/telemetry.ts'),
    // holdout5 B11: the importer's listener exits in `.finally` after a `.catch`: the exit still waits for the flush
    projectFile('dev-restart-nest-catch-finally/src/telemetry.ts'),
    // holdout6 B12: a SIGTERM listener only starts the flush, and nothing in the process exits on
    // SIGTERM: the listener replaces the default exit, so the process lives until the export is done
    // (the hung exit is require-shutdown-handler's handlerNeverExits)
    { code: startOnlyFlush('sdk.shutdown().catch(console.error);'), filename: p('dev-restart-tsx-sigint-only/src/otel.ts') },
    { code: startOnlyFlush('void shutdownOtel();', 'once'), filename: p('dev-restart-tsx-sigint-only/src/otel.ts') },
    // nodemon's SIGUSR2, flushed the same way, with no exit on it
    { code: startOnlyFlush('sdk.shutdown().catch(console.error);').replace('"SIGTERM"', '"SIGUSR2"'), filename: p('dev-restart-nodemon-sigterm/src/otel.ts') },
    // the listener that starts it is the importing entry's (`void shutdownOtel()`), which does not exit on SIGTERM
    projectFile('dev-restart-tsx-start-only/src/otel.ts'),
    // holdout15 monte: the importer's listeners run a function handed to the function that adds them, and that one
    // awaits this module's shutdown before the exit
    projectFile('dev-restart-tsx-passed-close/src/tracing.ts'),
  ],
  invalid: [
    // holdout15 monte (the other side): the function handed in closes the server only
    {
      ...projectFile('dev-restart-tsx-passed-noflush/src/tracing.ts'),
      errors: [{ ...implicitError('in this file (src/index.ts, which the dev script "dev" runs, loads it)'), line: 7 }],
    },
    // holdout6 B12 (the other side): the same listener exits right after starting the flush
    {
      code: startOnlyFlush('sdk.shutdown().catch(console.error);\n  process.exit(143);'),
      filename: p('dev-restart-tsx-sigint-only/src/otel.ts'),
      errors: [implicitError('in this file (src/main.ts, which the dev script "dev" runs, loads it)')],
    },
    // ...or another listener for SIGTERM exits, which can end the process before the export is done
    {
      code: `${startOnlyFlush('sdk.shutdown().catch(console.error);')}process.on("SIGTERM", () => process.exit(143));\n`,
      filename: p('dev-restart-tsx-sigint-only/src/otel.ts'),
      errors: [implicitError('in this file (src/main.ts, which the dev script "dev" runs, loads it)')],
    },
    // ...or the listener that starts it handles SIGINT only, and tsx restarts with SIGTERM
    {
      code: startOnlyFlush('sdk.shutdown().catch(console.error);').replace('"SIGTERM"', '"SIGINT"'),
      filename: p('dev-restart-tsx-sigint-only/src/otel.ts'),
      errors: [implicitError('in this file (src/main.ts, which the dev script "dev" runs, loads it)')],
    },
    // the entry flushes on Ctrl-C only: tsx's SIGTERM restart drops the batch
    { ...projectFile('dev-restart-tsx-sigint-only/src/otel.ts'), errors: [implicitError('in this file (src/main.ts, which the dev script "dev" runs, loads it)')] },
    // nodemon restarts with SIGUSR2, which no handler flushes on (SIGTERM and SIGINT do)
    { ...projectFile('dev-restart-nodemon-sigterm/src/otel.ts'), errors: [implicitError('in this file (src/main.ts, which the dev script "dev" runs, loads it)')] },
    // holdout4 B8 (the other side), holdout12: with `app.enableShutdownHooks([], { useProcessExit: true })` Nest
    // exits once the app is closed, without waiting for the entry's flush: still reported
    {
      ...projectFile('dev-restart-nest-shutdown-hooks-exit/src/telemetry.ts'),
      errors: [{ ...implicitError('in this file (src/main.ts, which the dev script "dev" runs, loads it)'), line: 7 }],
    },
  ],
});

// holdout3 B7: a `dev` script that runs the process once (no watcher) restarts nothing; losing the
// batch on Ctrl-C is require-shutdown-handler's report, not this rule's
ruleTester.run('no-batch-processor-in-dev (dev scripts without a watcher)', rule, {
  valid: [
    projectFile('dev-once-ts-node/src/otel.ts'),
    projectFile('dev-once-ts-node/src/server.ts'),
    // the preloaded file itself, but its SIGINT listener awaits the shutdown: Ctrl-C flushes, and nothing restarts
    projectFile('dev-once-sigint-flush/otel.js'),
  ],
  invalid: [
    // the same with SIGTERM only: Ctrl-C (SIGINT) still drops the batch of the file the dev script preloads
    { ...projectFile('dev-once-sigterm-only/otel.js'), errors: [implicitError('in this file (the dev script "dev" runs it)', 'is stopped')] },
    {
      // the same files under a second script that watches: that one is named
      ...projectFile('dev-once-and-watch/src/otel.ts'),
      errors: [implicitError('in this file (src/server.ts, which the dev script "dev:watch" runs, loads it)')],
    },
  ],
});

// holdout6 B14: NodeSDK options through a const object, read as require-shutdown-handler reads them; a
// `cfg.spanProcessors = …` on every path replaces the batch, one in a branch leaves the batching arm
const constOptions = (write: string) => `import { NodeSDK } from "@opentelemetry/sdk-node";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { ConsoleSpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";

const cfg: Record<string, unknown> = { serviceName: "api", traceExporter: new OTLPTraceExporter() };
${write}
const sdk = new NodeSDK(cfg);

export function initOtel(): void {
  sdk.start();
}
`;
ruleTester.run('no-batch-processor-in-dev (options through a const)', rule, {
  valid: [{ code: constOptions('cfg.spanProcessors = [new SimpleSpanProcessor(new ConsoleSpanExporter())];'), filename: p('dev-restart-tsx-sigint-only/src/otel.ts') }],
  invalid: [
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

const cfg = { traceExporter: new OTLPTraceExporter() };
const sdk = new NodeSDK(cfg);
sdk.start();
`,
      filename: 'src/otel.development.ts',
      errors: [{ messageId: 'implicitBatchInDev', line: 5, suggestions: [{ messageId: 'useSimpleProcessor', output: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

const cfg = {
  spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter())],
};
const sdk = new NodeSDK(cfg);
sdk.start();
` }] }],
    },
    {
      code: constOptions('if (process.env.OTEL_DEBUG) cfg.spanProcessors = [new SimpleSpanProcessor(new ConsoleSpanExporter())];'),
      filename: p('dev-restart-tsx-sigint-only/src/otel.ts'),
      errors: [{ ...implicitError('in this file (src/main.ts, which the dev script "dev" runs, loads it)'), line: 7, suggestions: [{ messageId: 'useSimpleProcessorOutsideProduction', output: `import { NodeSDK } from "@opentelemetry/sdk-node";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import {
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  BatchSpanProcessor,
} from "@opentelemetry/sdk-trace-base";

const traceExporter = new OTLPTraceExporter();
const cfg: Record<string, unknown> = {
  serviceName: "api",
  spanProcessors: [
    process.env.NODE_ENV === "production"
      ? new BatchSpanProcessor(traceExporter)
      : new SimpleSpanProcessor(traceExporter),
  ],
};
if (process.env.OTEL_DEBUG) cfg.spanProcessors = [new SimpleSpanProcessor(new ConsoleSpanExporter())];
const sdk = new NodeSDK(cfg);

export function initOtel(): void {
  sdk.start();
}
` }] }],
    },
  ],
});

// holdout6 FP9: `node --watch` waits for the old process to exit on its SIGTERM (Node 20.20.2): still reported
// (the shared corpus case batch-node-watch), but the message does not claim a restart drops what the listener flushes
const nodeWatchSetup = (signals: string) => `import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
provider.register();
for (const signal of ${signals}) {
  process.once(signal, async () => {
    await provider.shutdown();
    process.kill(process.pid, signal);
  });
}
`;
const nodeWatchError = (ends: string) => ({ messageId: 'batchProcessorInDev' as const, line: 5, data: { ends, delay: '5 s', name: 'BatchSpanProcessor', where: 'in this file (the dev script "dev" runs it in a process it restarts)', fix: ' (`npx otel-codemod dev-simple-processor`)' }, suggestions: 1 as unknown as readonly never[] });
ruleTester.run('no-batch-processor-in-dev (node --watch and a SIGTERM flush)', rule, {
  valid: [],
  invalid: [
    {
      code: nodeWatchSetup("['SIGINT', 'SIGTERM']"),
      filename: p('lifecycle-watch-app/telemetry.mjs'),
      errors: [nodeWatchError("is killed before its SIGTERM/SIGINT listeners' flush settles (`node --watch` waits for that flush on a restart)")],
    },
    {
      code: nodeWatchSetup("['SIGTERM']"),
      filename: p('lifecycle-watch-app/telemetry.mjs'),
      errors: [nodeWatchError("is stopped with Ctrl-C (no SIGINT listener flushes; `node --watch` waits for the SIGTERM listener's flush on a restart)")],
    },
    // nothing flushes on SIGTERM: a restart drops the batch
    { code: nodeWatchSetup("['SIGINT']"), filename: p('lifecycle-watch-app/telemetry.mjs'), errors: [nodeWatchError('restarts or is stopped')] },
  ],
});

// holdout6 B13: a dev script naming its entry as a directory runs that directory as Node does (its
// package.json `main`, else its `index` file); a directory given as a flag's value (`nodemon -w`) is no entry
ruleTester.run('no-batch-processor-in-dev (an entry named by its directory)', rule, {
  valid: [projectFile('dev-directory-watch-value/src/tracing.ts')],
  invalid: [
    { ...projectFile('dev-directory-entry/src/tracing.ts'), errors: [implicitError('in this file (src/server/index.ts, which the dev script "dev" runs, loads it)')] },
    { ...projectFile('dev-directory-entry/src/api-tracing.ts'), errors: [implicitError('in this file (src/api/main.ts, which the dev script "dev:api" runs, loads it)')] },
  ],
});

// holdout3 B6: the commands `concurrently` runs are commands of the dev script (nodemon preloading dist/otel.js)
ruleTester.run('no-batch-processor-in-dev (concurrently)', rule, {
  valid: [],
  invalid: [
    {
      ...projectFile('dev-concurrently/src/otel.ts'),
      errors: [{ messageId: 'batchProcessorInDev', line: 5, data: { ends: 'restarts or is stopped', delay: '5 s', name: 'BatchSpanProcessor', where: 'in this file (the dev script "dev" runs it in a process it restarts)', fix: ' (`npx otel-codemod dev-simple-processor`)' }, suggestions: 1 as unknown as readonly never[] }],
    },
  ],
});

// holdout7 B16: the entry hands the SDK that the setup returns to close-with-grace, whose SIGTERM listener (tsx
// watch's restart signal) awaits its shutdown and then exits; with SIGTERM skipped, a restart drops the batch
ruleTester.run('no-batch-processor-in-dev (close-with-grace in the entry)', rule, {
  valid: [projectFile('importer-close-with-grace/src/tracing.ts'), projectFile('importer-close-with-grace-skip/src/tracing.ts')],
  invalid: [],
});

// holdout7 B15: the SDK is built inside an exported function; the dev script's entry reaches the module through a
// helper that imports only another export, so the dev process never builds it; once the helper calls it, it does
ruleTester.run('no-batch-processor-in-dev (a setup in an exported function)', rule, {
  valid: [projectFile('dev-export-uncalled/src/telemetry.ts')],
  invalid: [
    { ...projectFile('dev-export-called/src/telemetry.ts'), errors: [{ ...implicitError('in this file (src/scratch.ts, which the dev script "dev" runs, loads it)'), line: 5 }] },
    // the module calls its own export at load: every importer builds the SDK
    { ...projectFile('dev-export-self-called/src/telemetry.ts'), errors: [{ ...implicitError('in this file (src/scratch.ts, which the dev script "dev" runs, loads it)'), line: 5 }] },
  ],
});

// holdout12: fastify-graceful-shutdown's SIGTERM listener (tsx watch's restart signal) awaits the handlers given to
// `app.gracefulShutdown()` and then exits, so the entry's handler flushes each restart; without that package the
// decorator is the app's own and nothing listens
ruleTester.run('no-batch-processor-in-dev (fastify-graceful-shutdown in the entry)', rule, {
  valid: [projectFile('dev-restart-fastify-graceful/src/otel.ts')],
  invalid: [{ ...projectFile('dev-restart-fastify-graceful-nodep/src/otel.ts'), errors: [{ messageId: 'batchProcessorInDev', line: 5, suggestions: 1 as unknown as readonly never[] }] }],
});

// holdout11 B19: the dev entry calls the exported setup through a barrel that re-exports it under another name
// (reached by a tsconfig path alias); with the barrel imported for another export only, the dev process never builds it
ruleTester.run('no-batch-processor-in-dev (a setup called through a barrel)', rule, {
  valid: [projectFile('dev-export-barrel-uncalled/src/observability/tracing.ts')],
  invalid: [{ ...projectFile('dev-export-barrel-called/src/observability/tracing.ts'), errors: [{ ...implicitError('in this file (src/main.ts, which the dev script "dev" runs, loads it)'), line: 7 }] }],
});
