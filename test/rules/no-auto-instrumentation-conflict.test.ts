import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/no-auto-instrumentation-conflict';
import { preloadsOfShell } from '../../src/project/preload';
import { describe, expect, it } from 'vitest';
import { createRuleTester } from '../support/rule-tester';

const ruleTester = createRuleTester();
const project = (name: string, file = 'src/otel.ts') => join(__dirname, '..', 'fixtures', 'projects', name, file);

const nodeSdk = `import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';

const sdk = new NodeSDK({ traceExporter: new OTLPTraceExporter() });
sdk.start();
`;
const cjsSdk = `const { NodeSDK } = require('@opentelemetry/sdk-node');
new NodeSDK({}).start();
`;

ruleTester.run('no-auto-instrumentation-conflict', rule, {
  valid: [
    // no preload in the project
    { code: nodeSdk, filename: project('preload-none') },
    // the preload only reaches `tsc` (shell scoping)
    { code: nodeSdk, filename: project('preload-scoped-and-chain') },
    // a malformed package.json is treated as absent
    { code: nodeSdk, filename: project('preload-malformed') },
    // preload in the project, but this file sets nothing up
    { code: `import { trace } from '@opentelemetry/api';\ntrace.getTracer('x');\n`, filename: project('preload-node-options') },
    { code: `require('http').createServer().listen(3000);\n`, filename: project('preload-node-options', 'src/index.js') },
    // one script preloads this setup, another the auto-instrumentation, and that one's entry never loads this file (sweep F2)
    { code: cjsSdk, filename: project('preload-alternative-scripts', 'tracer.js') },
    // holdout11 A1: a Vite app's browser module; the image's NODE_OPTIONS preload runs in its Node build and static server
    {
      code: `import { WebTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-web';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const provider = new WebTracerProvider();
provider.addSpanProcessor(new SimpleSpanProcessor(new OTLPTraceExporter()));
provider.register();
`,
      filename: project('preload-dockerfile-vite', 'src/tracing.js'),
    },
    // holdout14: the preload sits on a `next build` script, and Next calls the instrumentation hook only in its running
    // server (next 15.1.6 server/next-server.js:479-501): no process has both
    { code: readFileSync(project('preload-next-build', 'src/instrumentation.node.ts'), 'utf8'), filename: project('preload-next-build', 'src/instrumentation.node.ts') },
    // holdout13: a setup that no Lambda handler of the serverless.yml preloading the auto-instrumentations loads
    { code: readFileSync(project('preload-serverless-handlers', 'src/lambda-wrapper.ts'), 'utf8'), filename: project('preload-serverless-handlers', 'src/lambda-wrapper.ts') },
  ],
  invalid: [
    // the entry run with the auto-instrumentation preloaded imports this setup: one process
    { code: cjsSdk, filename: project('preload-same-process', 'tracer.js'), errors: [{ messageId: 'setupWithPreload' }] },
    // corpus shape: NODE_OPTIONS='--import …/register' in a script (ESM, TS)
    { code: nodeSdk, filename: project('preload-node-options'), errors: [{ messageId: 'setupWithPreload', line: 5 }] },
    // `-r` on nodemon (CJS)
    { code: cjsSdk, filename: project('preload-require-flag', 'src/otel.js'), errors: [{ messageId: 'setupWithPreload' }] },
    // NODE_OPTIONS in .env
    { code: cjsSdk, filename: project('preload-dotenv', 'src/otel.js'), errors: [{ messageId: 'setupWithPreload' }] },
    // nodemon.json exec, Procfile
    { code: cjsSdk, filename: project('preload-nodemon-json', 'src/otel.js'), errors: [{ messageId: 'setupWithPreload' }] },
    { code: cjsSdk, filename: project('preload-procfile', 'src/otel.js'), errors: [{ messageId: 'setupWithPreload' }] },
    // Dockerfile CMD
    { code: cjsSdk, filename: project('preload-dockerfile', 'src/otel.js'), errors: [{ messageId: 'setupWithPreload' }] },
    // serverless.yml `environment: NODE_OPTIONS` (read by the same preload reader that finds holdout11's Lambda wrapper)
    { code: cjsSdk, filename: project('preload-serverless-yml', 'src/otel.js'), errors: [{ messageId: 'setupWithPreload' }] },
    // ...while the same preload on `next start` shares the server process
    { code: readFileSync(project('preload-next-start', 'src/instrumentation.node.ts'), 'utf8'), filename: project('preload-next-start', 'src/instrumentation.node.ts'), errors: [{ messageId: 'setupWithPreload', line: 6 }] },
    // holdout13: a function-level preload reaches what its handler (`dist/handler.main`, built from src/handler.ts) imports
    { code: readFileSync(project('preload-serverless-handlers', 'src/tracing.ts'), 'utf8'), filename: project('preload-serverless-handlers', 'src/tracing.ts'), errors: [{ messageId: 'setupWithPreload', line: 3 }] },
    // `export NODE_OPTIONS=…;` reaches the next command
    {
      code: `import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
registerInstrumentations({ instrumentations: [new HttpInstrumentation()] });
`,
      filename: project('preload-export', 'src/otel.mjs'),
      errors: [{ messageId: 'setupWithPreload' }],
    },
  ],
});

describe('preloadsOfShell', () => {
  const reg = '@opentelemetry/auto-instrumentations-node/register';
  it('respects shell scoping of NODE_OPTIONS prefixes', () => {
    expect(preloadsOfShell(`NODE_OPTIONS="--require ${reg}" tsc && node dist/main.js`)).toEqual([]);
    expect(preloadsOfShell(`NODE_OPTIONS="--require ${reg}" node dist/main.js && echo done`)).toEqual([reg]);
    expect(preloadsOfShell(`export NODE_OPTIONS="--require ${reg}" && node a.js`)).toEqual([reg]);
    expect(preloadsOfShell(`NODE_OPTIONS="--require ${reg}"; node a.js`)).toEqual([]);
    expect(preloadsOfShell(`cross-env NODE_OPTIONS='--import ${reg}' node a.mjs`)).toEqual([reg]);
  });
  it('reads flags on runner commands only', () => {
    expect(preloadsOfShell(`node -r ${reg} a.js`)).toEqual([reg]);
    expect(preloadsOfShell(`node --import=${reg} a.mjs`)).toEqual([reg]);
    expect(preloadsOfShell(`ts-node --require ${reg} src/a.ts`)).toEqual([reg]);
    expect(preloadsOfShell(`echo "-r ${reg}"`)).toEqual([]);
  });
});
