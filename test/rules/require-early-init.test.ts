import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/require-early-init';
import { createRuleTester } from '../support/rule-tester';

const ruleTester = createRuleTester();
/** `src/otel.js` is preloaded by the `start` script (`node --require=./src/otel.js src/index.js`). */
const preloaded = join(__dirname, '..', 'fixtures', 'projects', 'preload-require-flag', 'src', 'otel.js');
/** Miss class 12: `src/telemetry*.{ts,cjs}` build and export a NodeSDK with NestInstrumentation; `src/main.ts` starts it. */
const nestMain = join(__dirname, '..', 'fixtures', 'projects', 'early-init-imported-sdk', 'src', 'main.ts');
/** E2: `src/tracing.ts` default-exports a NodeSDK; the project's tsconfig sets `"baseUrl": "./"`. */
const restartApp = join(__dirname, '..', 'fixtures', 'projects', 'imported-sdk-second-start', 'src', 'app.js');
const cjsApp = join(__dirname, '..', 'fixtures', 'projects', 'early-init-cjs-module-exports', 'src', 'app.js');
const baseUrlMain = join(__dirname, '..', 'fixtures', 'projects', 'early-init-baseurl', 'src', 'main.ts');
const bootstrap = (importSdk: string, start = 'telemetry') => `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
${importSdk}

async function bootstrap() {
  await ${start}.start();
  const app = await NestFactory.create(AppModule);
  await app.listen(3000);
}
bootstrap();
`;

ruleTester.run('require-early-init', rule, {
  valid: [
    '',
    // FP class 6: a preload requires grpc-js for exporter credentials; the app's later require patches it (test/runtime/early-init.test.ts)
    { code: `const grpc = require('@grpc/grpc-js');
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-grpc');
const sdk = new NodeSDK({ traceExporter: new OTLPTraceExporter({ credentials: grpc.credentials.createInsecure() }), instrumentations: [getNodeAutoInstrumentations()] });
sdk.start();`, filename: preloaded },
    // the SDK starts before express is required
    `
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
new NodeSDK({ instrumentations: [getNodeAutoInstrumentations()] }).start();
const express = require('express');
express().listen(8080);
    `,
    // a file that only loads the setup first (corpus: shutdown-nodemon-handled/src/index.js)
    `
require('./otel');
require('http').createServer((req, res) => res.end('q')).listen(3000);
    `,
    // Node's own modules are patched on their shared exports whenever they were loaded; type-only imports are erased
    {
      code: `
import http from 'node:http';
import { type Request } from 'express';
import type { Pool } from 'pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
new NodeSDK({ instrumentations: [getNodeAutoInstrumentations()] }).start();
      `,
      filename: 'main.ts',
    },
    // libraries no enabled instrumentation patches
    `
import { NodeSDK } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { z } from 'zod';
import pg from 'pg';
new NodeSDK({ instrumentations: [new HttpInstrumentation()] }).start();
    `,
    // an SDK without instrumentations patches nothing
    `
const express = require('express');
const { NodeSDK } = require('@opentelemetry/sdk-node');
new NodeSDK({}).start();
    `,
    // required lazily inside a function
    `
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
function db() { return require('pg'); }
new NodeSDK({ instrumentations: [getNodeAutoInstrumentations()] }).start();
    `,
    // the bundle's config map disables the instrumentation of the early module
    `
const express = require('express');
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
new NodeSDK({ instrumentations: [getNodeAutoInstrumentations({ '@opentelemetry/instrumentation-express': { enabled: false } })] }).start();
    `,
    // E3 (holdout3): grpc-js loaded only to configure the exporter. Its calls here build metadata and
    // credentials, which no instrumentation traces, and the early load leaves the app's own later loads as
    // they would be (test/runtime/early-init.test.ts)
    {
      code: `const grpc = require('@grpc/grpc-js');
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-grpc');
const sdk = new NodeSDK({ traceExporter: new OTLPTraceExporter({ credentials: grpc.credentials.createInsecure() }), instrumentations: [getNodeAutoInstrumentations()] });
sdk.start();`,
      filename: 'server.js',
    },
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { Metadata } from '@grpc/grpc-js';

if (process.env.VENDOR_KEY) {
  const metadata = new Metadata();
  metadata.set('api_key', process.env.VENDOR_KEY);
  const exporter = new GrpcExporter({ metadata });
  const sdk = new NodeSDK({ traceExporter: exporter, instrumentations: [getNodeAutoInstrumentations()] });
  sdk.start();
}
`,
      filename: 'tracing.mts',
    },
    // miss class 12 look-alikes: the start file loads @nestjs/core after the imported SDK started it, or the
    // imported start() is no SDK's
    {
      code: `import { telemetry } from './telemetry';

async function bootstrap() {
  await telemetry.start();
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('./app.module');
  await (await NestFactory.create(AppModule)).listen(3000);
}
bootstrap();
`,
      filename: nestMain,
    },
    { code: bootstrap("import { jobs } from './jobs';", 'jobs'), filename: nestMain },
    // E2 look-alike: a bare specifier that baseUrl does not resolve to a project file is a package
    { code: bootstrap("import tracing from 'tracing';", 'tracing'), filename: baseUrlMain },
    // E2 look-alike: a barrel whose re-exports reach no OpenTelemetry module
    { code: bootstrap("import { jobs } from './lib/jobs-barrel';", 'jobs'), filename: nestMain },
    // ...and one required after that line is patched, though the file calls `start()` later again
    {
      code: `const tracing = require('./tracing-then');\nconst express = require('express');\n\nasync function main() {\n  await tracing.start();\n  express().listen(3000);\n}\nmain();\n`,
      filename: restartApp,
    },
  ],
  invalid: [
    // holdout15 sweep (Lazztech): the required module starts its SDK at its own top level, so the SDK starts where
    // it is required, not at the later `tracing.start()`: a library required before that line is early
    {
      code: `const express = require('express');\nconst tracing = require('./tracing-then');\n\nasync function main() {\n  await tracing.start();\n  express().listen(3000);\n}\nmain();\n`,
      filename: restartApp,
      errors: [{ messageId: 'loadedBeforeStart', line: 1, data: { module: 'express', label: "require('./tracing-then')", line: '2', instrumentation: '@opentelemetry/instrumentation-express' } }],
    },
    // holdout15 customercomm: CommonJS, the SDK is the whole `module.exports` of ./tracing, started after express
    // was required (a `require()` call is no factory whose result the file builds)
    {
      code: readFileSync(cjsApp, 'utf8'),
      filename: cjsApp,
      errors: [{ messageId: 'loadedBeforeStart', line: 1, data: { module: 'express', label: 'telemetry.start()', line: '4', instrumentation: '@opentelemetry/instrumentation-express' } }],
    },
    // miss class 12 (NestJS): the SDK comes from a project module and is started in bootstrap(), after the
    // static import of @nestjs/core was evaluated; NestInstrumentation patches only @nestjs/core's internal files
    // nest-factory.js and router/router-execution-context.js (instrumentation-nestjs-core 0.70.0
    // build/src/instrumentation.js:24-37), which its index loads once, before the start
    { code: bootstrap("import { telemetry } from './telemetry';"), filename: nestMain, errors: [{ messageId: 'importedBeforeStart', line: 1, data: { module: '@nestjs/core', label: 'telemetry.start()', line: '6', instrumentation: '@opentelemetry/instrumentation-nestjs-core' } }] },
    { code: bootstrap("import telemetry from './telemetry-default';"), filename: nestMain, errors: [{ messageId: 'importedBeforeStart', line: 1 }] },
    { code: bootstrap("const { telemetry } = require('./telemetry.cjs');"), filename: nestMain, errors: [{ messageId: 'importedBeforeStart', line: 1 }] },
    // E2 (holdout2): the SDK imported through tsconfig baseUrl (`'src/tracing'`), as `nest build` resolves it; that
    // tsconfig compiles to CommonJS, where tsc keeps each import in place as a `require`: @nestjs/core is required
    // above the start, in bootstrap()
    { code: bootstrap("import tracing from 'src/tracing';", 'tracing'), filename: baseUrlMain, errors: [{ messageId: 'loadedBeforeStart', line: 1, data: { module: '@nestjs/core', label: 'tracing.start()', line: '6', instrumentation: '@opentelemetry/instrumentation-nestjs-core' } }] },
    // holdout12 sweep: under tsc's CommonJS output an import written after the start is required after it; only the one
    // above it is early
    {
      code: `import express from 'express';
import tracing from 'src/tracing';
tracing.start();
import { NestFactory } from '@nestjs/core';
`,
      filename: baseUrlMain,
      errors: [{ messageId: 'loadedBeforeStart', line: 1, data: { module: 'express', label: 'tracing.start()', line: '3', instrumentation: '@opentelemetry/instrumentation-express' } }],
    },
    // E2 (holdout3): the SDK comes through a barrel (`./lib/index.ts`: `export * from './telemetry'`, or a
    // renaming `export { telemetry as tracing } from`), its instrumentations the auto bundle in a const
    { code: bootstrap("import { port, telemetry } from './lib';"), filename: nestMain, errors: [{ messageId: 'importedBeforeStart', line: 1, data: { module: '@nestjs/core', label: 'telemetry.start()', line: '6', instrumentation: '@opentelemetry/instrumentation-nestjs-core' } }] },
    { code: bootstrap("import { tracing } from './lib';", 'tracing'), filename: nestMain, errors: [{ messageId: 'importedBeforeStart', line: 1 }] },
    {
      code: `import express from 'express';
import { telemetry } from './lib';

telemetry.start();
express().listen(3000);
`,
      filename: nestMain,
      errors: [{ messageId: 'importedBeforeStart', line: 1, data: { module: 'express', label: 'telemetry.start()', line: '4', instrumentation: '@opentelemetry/instrumentation-express' } }],
    },
    // miss class 12 (a preload's own server): express imported by the file whose init() starts an SDK built by a
    // local factory, with the bundle in one branch of a conditional list (either list may be the one enabled)
    {
      code: `import express from 'express';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
function createSdk(dev: boolean) {
  return new NodeSDK({ instrumentations: dev ? [new HttpInstrumentation()] : [getNodeAutoInstrumentations()] });
}
const sdk = createSdk(process.env.NODE_ENV === 'development');
export function init() {
  sdk.start();
  express().listen(9999);
}
init();
`,
      filename: 'probe.mts',
      errors: [{ messageId: 'importedBeforeStart', line: 1 }],
    },
    // the same file run as the app itself, grpc-js used after the start too: nothing requires it again, so
    // the server it builds stays unpatched
    {
      code: `const grpc = require('@grpc/grpc-js');
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-grpc');
const sdk = new NodeSDK({ traceExporter: new OTLPTraceExporter({ credentials: grpc.credentials.createInsecure() }), instrumentations: [getNodeAutoInstrumentations()] });
sdk.start();
const server = new grpc.Server();`,
      filename: 'server.js',
      errors: [{ messageId: 'loadedBeforeStart', line: 1 }],
    },
    // E3 look-alike: the configuration value also goes to the app (a gRPC client of its own)
    {
      code: `import { Metadata, credentials } from '@grpc/grpc-js';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { makeClient } from './client';
const metadata = new Metadata();
metadata.set('api_key', process.env.API_KEY);
new NodeSDK({ traceExporter: new OTLPTraceExporter({ metadata }), instrumentations: [getNodeAutoInstrumentations()] }).start();
export const client = makeClient(credentials.createInsecure());
`,
      filename: 'tracing.mts',
      errors: [{ messageId: 'importedBeforeStart', line: 1 }],
    },
    // corpus shape (CJS)
    {
      code: `const express = require('express');
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');

const sdk = new NodeSDK({ instrumentations: [getNodeAutoInstrumentations()] });
sdk.start();

const app = express();
app.listen(8080);
`,
      filename: 'server.js',
      errors: [{ messageId: 'loadedBeforeStart', line: 1 }],
    },
    // ESM: every import of an instrumented library in the starting file is too early, even below
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
new NodeSDK({ instrumentations: [new HttpInstrumentation(), new PgInstrumentation()] }).start();
import { Pool } from 'pg';
export * from 'pg-pool';
`,
      filename: 'main.mts',
      errors: [
        { messageId: 'importedBeforeStart', line: 5 },
        { messageId: 'importedBeforeStart', line: 6 },
      ],
    },
    // the preload entry required after an instrumented module
    {
      code: `const redis = require('ioredis');
require('@opentelemetry/auto-instrumentations-node/register');
`,
      errors: [{ messageId: 'loadedBeforeStart', line: 1 }],
    },
    // TS import-equals and startNodeSdk
    {
      code: `import koa = require('koa');
import { startNodeSdk } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
const sdk = startNodeSdk({ instrumentations: [getNodeAutoInstrumentations()] });
`,
      filename: 'otel.ts',
      errors: [{ messageId: 'loadedBeforeStart', line: 1 }],
    },
  ],
});
