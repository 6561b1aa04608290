import rule from '../../rules/no-duplicate-instrumentation';
import { join } from 'node:path';
import { createRuleTester } from '../support/rule-tester';

const bundle025 = join(__dirname, '..', 'fixtures', 'projects', 'bundle-node-0.25', 'tracing.js');
const bundle049 = join(__dirname, '..', 'fixtures', 'projects', 'bundle-node-0.49-lockfile', 'instrumentation.js');
const bundle059 = join(__dirname, '..', 'fixtures', 'projects', 'bundle-node-0.59-lockfile', 'instrumentation.js');
const runtimeNodeNextToBundle = `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
const { RuntimeNodeInstrumentation } = require('@opentelemetry/instrumentation-runtime-node');
new NodeSDK({ instrumentations: [getNodeAutoInstrumentations(), new RuntimeNodeInstrumentation({ monitoringPrecision: 5000 })] }).start();`;

const pushSetup = (pushes: string, after = '', first = 'new ExpressInstrumentation()') => `import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
export function startTelemetry(names: string[]) {
  const list = [${first}];
${pushes}
  const sdk = new NodeSDK({ instrumentations: [...list, getNodeAutoInstrumentations()] });
${after}
  sdk.start();
}
`;

const ruleTester = createRuleTester();

ruleTester.run('no-duplicate-instrumentation', rule, {
  valid: [
    '',
    // holdout12: a filter that removes the instance's own member, or one whose test cannot be read: no overlap known
    `
import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { WinstonInstrumentation } from '@opentelemetry/instrumentation-winston';
new NodeSDK({
  instrumentations: [...getNodeAutoInstrumentations().filter((i) => !i.instrumentationName.includes('winston')), new WinstonInstrumentation()],
}).start();
`,
    `
import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { WinstonInstrumentation } from '@opentelemetry/instrumentation-winston';
new NodeSDK({
  instrumentations: [...getNodeAutoInstrumentations().filter((i) => i.instrumentationName !== '@opentelemetry/instrumentation-winston'), new WinstonInstrumentation()],
}).start();
`,
    `
import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { WinstonInstrumentation } from '@opentelemetry/instrumentation-winston';
new NodeSDK({
  instrumentations: [...getNodeAutoInstrumentations().filter((i) => isWanted(i)), new WinstonInstrumentation()],
}).start();
`,
    // holdout5 I1: a push after the SDK read the list reaches no registration
    { code: pushSetup('', '  list.push(new HttpInstrumentation());', ''), filename: 'src/otel.ts' },
    // Uptrace with its own list: no default bundle
    `
import { configureOpentelemetry } from '@uptrace/node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
configureOpentelemetry({ serviceName: 'api', instrumentations: [new HttpInstrumentation()] }).start();
    `,
    // two alternative setups in two exported functions: no module-level overlap
    `
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
export function initMinimal() { registerInstrumentations({ instrumentations: [new HttpInstrumentation()] }); }
export function initFull() { registerInstrumentations({ instrumentations: [getNodeAutoInstrumentations()] }); }
    `,
    // FP class 7: auto-instrumentations-node 0.25 had no aws-lambda member
    { code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
const { AwsLambdaInstrumentation } = require('@opentelemetry/instrumentation-aws-lambda');
new NodeSDK({ instrumentations: [getNodeAutoInstrumentations(), new AwsLambdaInstrumentation()] }).start();`, filename: bundle025 },
    // sweep-b FP7: runtime-node is a member from 0.58.0 on (npm registry; 0.58.0 package.json:87, build/src/utils.js:112),
    // so a bundle locked at 0.49.1 does not contain it
    { code: runtimeNodeNextToBundle, filename: bundle049 },
    `const express = require('express');`,
    // distinct instrumentations
    `
import { NodeSDK } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
new NodeSDK({ instrumentations: [new HttpInstrumentation(), new ExpressInstrumentation()] }).start();
    `,
    // the bundle's config map disables the member that is added by hand
    `
import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
new NodeSDK({
  instrumentations: [getNodeAutoInstrumentations({ '@opentelemetry/instrumentation-http': { enabled: false } }), new HttpInstrumentation({ ignoreIncomingRequestHook: () => true })],
}).start();
    `,
    // fs is off by default in the bundle
    `
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
const { FsInstrumentation } = require('@opentelemetry/instrumentation-fs');
new NodeSDK({ instrumentations: [getNodeAutoInstrumentations(), new FsInstrumentation()] }).start();
    `,
    // config map through a const
    `
import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
const config = { '@opentelemetry/instrumentation-undici': { enabled: false } };
new NodeSDK({ instrumentations: [getNodeAutoInstrumentations(config), new UndiciInstrumentation()] }).start();
    `,
    // a config map that cannot be read statically: no guess
    `
import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
new NodeSDK({ instrumentations: [getNodeAutoInstrumentations(loadConfig()), new UndiciInstrumentation()] }).start();
    `,
    // mutually exclusive branches
    `
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
if (process.env.A) registerInstrumentations({ instrumentations: [new HttpInstrumentation()] });
else registerInstrumentations({ instrumentations: [new HttpInstrumentation({ serverName: 'b' })] });
    `,
    // web bundle and a Node instrumentation do not overlap
    {
      code: `
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { getWebAutoInstrumentations } from '@opentelemetry/auto-instrumentations-web';
import { LongTaskInstrumentation } from '@opentelemetry/instrumentation-long-task';
registerInstrumentations({ instrumentations: [getWebAutoInstrumentations(), new LongTaskInstrumentation()] });
      `,
      filename: 'web.ts',
    },
    // Faro tracing with its own instrumentation list does not bring fetch/XHR
    {
      code: `
import { initializeFaro } from '@grafana/faro-web-sdk';
import { TracingInstrumentation } from '@grafana/faro-web-tracing';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { getWebAutoInstrumentations } from '@opentelemetry/auto-instrumentations-web';
initializeFaro({ url: '/collect', instrumentations: [new TracingInstrumentation({ instrumentations: [] })] });
registerInstrumentations({ instrumentations: [getWebAutoInstrumentations()] });
      `,
      filename: 'faro.ts',
    },
    // the two branches of one conditional list are never enabled together
    `
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
new NodeSDK({ instrumentations: process.env.NODE_ENV === 'development' ? [new HttpInstrumentation()] : [getNodeAutoInstrumentations()] }).start();
    `,
    // standalone constructions that enable nothing more: switched off, disabled later, or handed on (what is done with it is unknown)
    ...['new FetchInstrumentation({ enabled: false });', 'const f = new FetchInstrumentation();\nf.disable();', 'const f = new FetchInstrumentation();\nsetup(f);'].map((standalone) => ({
      code: `import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { getWebAutoInstrumentations } from '@opentelemetry/auto-instrumentations-web';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
${standalone}
registerInstrumentations({ instrumentations: [getWebAutoInstrumentations()] });`,
      filename: 'web-tracing.ts',
    })),
  ],
  invalid: [
    // holdout12: the bundle spread through a `.filter()` that removes other members still enables winston
    {
      code: `
import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { WinstonInstrumentation } from '@opentelemetry/instrumentation-winston';
new NodeSDK({
  instrumentations: [...getNodeAutoInstrumentations().filter((i) => !i.instrumentationName.includes('grpc')), new WinstonInstrumentation()],
}).start();
`,
      errors: [{ messageId: 'instrumentationInBundle', line: 6, suggestions: 1 as unknown as readonly never[] }],
    },
    {
      code: `
import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { WinstonInstrumentation } from '@opentelemetry/instrumentation-winston';
new NodeSDK({
  instrumentations: [...getNodeAutoInstrumentations().filter((instrumentation) => { return instrumentation.instrumentationName !== '@opentelemetry/instrumentation-fs'; }), new WinstonInstrumentation()],
}).start();
`,
      errors: [{ messageId: 'instrumentationInBundle', line: 6, suggestions: 1 as unknown as readonly never[] }],
    },
    // holdout5 I1: elements pushed onto the list before the SDK reads it count like the literal's, conditional or not
    {
      code: pushSetup("  if (names.includes('http')) list.push(new HttpInstrumentation());"),
      filename: 'src/otel.ts',
      errors: [
        { messageId: 'instrumentationInBundle', line: 6, column: 17, suggestions: 1 as unknown as readonly never[] },
        { messageId: 'instrumentationInBundle', line: 7, column: 41, suggestions: [] },
      ],
    },
    {
      code: pushSetup('  list.push(new HttpInstrumentation());'),
      filename: 'src/otel.ts',
      errors: [
        { messageId: 'instrumentationInBundle', line: 6, column: 17, suggestions: 1 as unknown as readonly never[] },
        { messageId: 'instrumentationInBundle', line: 7, column: 13, suggestions: [] },
      ],
    },
    // ... locked at 0.59.0 it does; runtime-node patches nothing (0.16.0 build/src/instrumentation.js:57-59): both
    // instances collect, so every runtime metric is reported twice
    {
      code: runtimeNodeNextToBundle,
      filename: bundle059,
      errors: [{ messageId: 'instrumentationInBundle', line: 4, data: { name: '@opentelemetry/instrumentation-runtime-node', bundle: 'getNodeAutoInstrumentations()', line: '4', consequence: 'it patches nothing, but each instance runs its own metric collectors, so every metric it records is reported twice', fix: ' (`npx otel-codemod dedupe-instrumentations`)' }, suggestions: 1 as unknown as readonly never[] }],
    },
    // corpus shape: bundle in NodeSDK, undici again through registerInstrumentations (stacking)
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';

const sdk = new NodeSDK({ instrumentations: [getNodeAutoInstrumentations()] });
sdk.start();
registerInstrumentations({ instrumentations: [new UndiciInstrumentation()] });
`,
      filename: 'tracing.ts',
      errors: [
        {
          messageId: 'instrumentationInBundle',
          line: 8,
          suggestions: [
            {
              messageId: 'removeDuplicateInstrumentation',
              output: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';

const sdk = new NodeSDK({ instrumentations: [getNodeAutoInstrumentations()] });
sdk.start();
`,
            },
          ],
        },
      ],
    },
    // config moves into the bundle's config map (CJS, no map yet)
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
new NodeSDK({ instrumentations: [getNodeAutoInstrumentations(), new HttpInstrumentation({ ignoreIncomingRequestHook: (r) => r.url === '/health' })] }).start();
`,
      errors: [
        {
          messageId: 'instrumentationInBundle',
          suggestions: [
            {
              messageId: 'moveConfigIntoBundle',
              output: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
new NodeSDK({ instrumentations: [getNodeAutoInstrumentations({ '@opentelemetry/instrumentation-http': { ignoreIncomingRequestHook: (r) => r.url === '/health' } })] }).start();
`,
            },
          ],
        },
      ],
    },
    // existing config map: the entry is added to it; message says shimmer replaces config
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
new NodeSDK({ instrumentations: [new PgInstrumentation({ enhancedDatabaseReporting: true }), getNodeAutoInstrumentations({ '@opentelemetry/instrumentation-fs': { enabled: false } })] }).start();
`,
      errors: [
        {
          messageId: 'instrumentationInBundle',
          suggestions: [
            {
              messageId: 'moveConfigIntoBundle',
              output: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
new NodeSDK({ instrumentations: [getNodeAutoInstrumentations({ '@opentelemetry/instrumentation-fs': { enabled: false }, '@opentelemetry/instrumentation-pg': { enhancedDatabaseReporting: true } })] }).start();
`,
            },
          ],
        },
      ],
    },
    // the same instrumentation twice, same config: remove the second
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
new NodeSDK({ instrumentations: [new UndiciInstrumentation(), new UndiciInstrumentation()] }).start();
`,
      errors: [
        {
          messageId: 'duplicateInstrumentation',
          suggestions: [
            {
              messageId: 'removeDuplicateInstrumentation',
              output: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
new NodeSDK({ instrumentations: [new UndiciInstrumentation()] }).start();
`,
            },
          ],
        },
      ],
    },
    // different configs: reported, no suggestion (which config should win is the author's call)
    {
      code: `import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
registerInstrumentations({ instrumentations: [new HttpInstrumentation({ serverName: 'a' })] });
registerInstrumentations({ instrumentations: [new HttpInstrumentation({ serverName: 'b' })] });
`,
      errors: [{ messageId: 'duplicateInstrumentation', line: 4, suggestions: [] }],
    },
    // the same instance registered twice (SDK + registerInstrumentations)
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
const http = new HttpInstrumentation();
new NodeSDK({ instrumentations: [http] }).start();
registerInstrumentations({ instrumentations: [http] });
`,
      errors: [
        {
          messageId: 'instrumentationRegisteredTwice',
          line: 6,
          suggestions: [
            {
              messageId: 'removeDuplicateInstrumentation',
              output: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
const http = new HttpInstrumentation();
new NodeSDK({ instrumentations: [http] }).start();
`,
            },
          ],
        },
      ],
    },
    // two bundle calls
    {
      code: `const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
registerInstrumentations({ instrumentations: [getNodeAutoInstrumentations(), getNodeAutoInstrumentations()] });
`,
      errors: [
        {
          messageId: 'duplicateBundle',
          suggestions: [
            {
              messageId: 'removeDuplicateInstrumentation',
              output: `const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
registerInstrumentations({ instrumentations: [getNodeAutoInstrumentations()] });
`,
            },
          ],
        },
      ],
    },
    // browser: fetch next to the web bundle (stacking wrappers), via spread and a const array
    {
      code: `import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { getWebAutoInstrumentations } from '@opentelemetry/auto-instrumentations-web';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
const extra = [new FetchInstrumentation({ propagateTraceHeaderCorsUrls: [/api/] })];
registerInstrumentations({ instrumentations: [getWebAutoInstrumentations(), ...extra] });
`,
      filename: 'web.tsx',
      errors: [
        {
          messageId: 'instrumentationInBundle',
          line: 4,
          suggestions: [
            {
              messageId: 'moveConfigIntoBundle',
              output: `import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { getWebAutoInstrumentations } from '@opentelemetry/auto-instrumentations-web';
const extra = [];
registerInstrumentations({ instrumentations: [getWebAutoInstrumentations({ '@opentelemetry/instrumentation-fetch': { propagateTraceHeaderCorsUrls: [/api/] } }), ...extra] });
`,
            },
          ],
        },
      ],
    },
    // Faro tracing brings fetch + XHR; the web bundle wraps them again
    {
      code: `import { initializeFaro } from '@grafana/faro-web-sdk';
import { TracingInstrumentation } from '@grafana/faro-web-tracing';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { getWebAutoInstrumentations } from '@opentelemetry/auto-instrumentations-web';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
initializeFaro({ url: '/collect', instrumentations: [new TracingInstrumentation()] });
registerInstrumentations({ instrumentations: [getWebAutoInstrumentations(), new FetchInstrumentation({ clearTimingResources: true })] });
`,
      filename: 'faro.ts',
      errors: [
        { messageId: 'duplicateBundle', line: 7, suggestions: [] },
        { messageId: 'instrumentationInBundle', line: 7, suggestions: [] },
      ],
    },
    // the register preload imported in code already enables the default bundle
    {
      code: `require('@opentelemetry/auto-instrumentations-node/register');
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici');
registerInstrumentations({ instrumentations: [new UndiciInstrumentation()] });
`,
      errors: [
        {
          messageId: 'instrumentationInBundle',
          line: 4,
          suggestions: [
            {
              messageId: 'removeDuplicateInstrumentation',
              output: `require('@opentelemetry/auto-instrumentations-node/register');
`,
            },
          ],
        },
      ],
    },
    // the current bundle has aws-lambda: the same list enables it twice
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
const { AwsLambdaInstrumentation } = require('@opentelemetry/instrumentation-aws-lambda');
new NodeSDK({ instrumentations: [getNodeAutoInstrumentations(), new AwsLambdaInstrumentation()] }).start();`,
      filename: 'tracing.js',
      errors: [{ messageId: 'instrumentationInBundle', line: 4, suggestions: [{ messageId: 'removeDuplicateInstrumentation', output: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
new NodeSDK({ instrumentations: [getNodeAutoInstrumentations()] }).start();` }] }],
    },
    // miss class 11: instrumentations handed to a vendor wrapper that builds the NodeSDK (Elysia), the bundle spread into the list
    {
      code: `import { opentelemetry } from '@elysiajs/opentelemetry';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
export const plugin = opentelemetry({ instrumentations: [...getNodeAutoInstrumentations(), new UndiciInstrumentation()] });`,
      filename: 'instrumentation.ts',
      errors: [{ messageId: 'instrumentationInBundle', line: 4, suggestions: [{ messageId: 'removeDuplicateInstrumentation', output: `import { opentelemetry } from '@elysiajs/opentelemetry';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
export const plugin = opentelemetry({ instrumentations: [...getNodeAutoInstrumentations()] });` }] }],
    },
    // miss class 11: module-level instrumentations overlapped by an exported init that enables the bundle
    {
      code: `import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
registerInstrumentations({ instrumentations: [new HttpInstrumentation()] });
export function init() {
  registerInstrumentations({ instrumentations: [getNodeAutoInstrumentations()] });
}`,
      filename: 'tracing.ts',
      errors: [{ messageId: 'instrumentationInBundle', line: 4, suggestions: [] }],
    },
    // miss class 11: a standalone FetchInstrumentation next to the web bundle
    {
      code: `import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { getWebAutoInstrumentations } from '@opentelemetry/auto-instrumentations-web';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
const fetchInstrumentation = new FetchInstrumentation({ propagateTraceHeaderCorsUrls: [/.*/] });
registerInstrumentations({ instrumentations: [getWebAutoInstrumentations(), fetchInstrumentation] });`,
      filename: 'web-tracing.ts',
      errors: [{ messageId: 'instrumentationInBundle', line: 5 }],
    },
    // holdout miss (mohimenol-frontend-tracing:28): constructed and never listed, the instance is enabled by its constructor
    // (@opentelemetry/instrumentation 0.223.0 build/src/platform/browser/instrumentation.js:13-16) and wraps fetch
    // under the bundle's own FetchInstrumentation (the browser base class wraps without unwrapping first,
    // build/src/instrumentation.js:35 `_wrap = shimmer.wrap`); it is used further, so no edit removes it
    {
      code: `import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { getWebAutoInstrumentations } from '@opentelemetry/auto-instrumentations-web';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
const provider = new WebTracerProvider();
const fetchTracing = new FetchInstrumentation({ clearTimingResources: true });
fetchTracing.setTracerProvider(provider);
provider.register();
registerInstrumentations({ instrumentations: [getWebAutoInstrumentations()], tracerProvider: provider });
export default function Tracing({ children }) { return children; }`,
      filename: 'Tracing.jsx',
      errors: [{ messageId: 'instrumentationInBundle', line: 6, data: { name: '@opentelemetry/instrumentation-fetch', bundle: 'getWebAutoInstrumentations()', line: '9', consequence: 'each instance wraps the browser API again, so every request gets duplicated client spans and repeated trace headers', fix: '' }, suggestions: [] }],
    },
    // a conditional list spread next to the bundle: its branch runs together with the bundle
    {
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const verbose = process.env.VERBOSE === '1';
new NodeSDK({ instrumentations: [getNodeAutoInstrumentations(), ...(verbose ? [new HttpInstrumentation({ ignoreIncomingRequestHook: () => false })] : [])] }).start();`,
      filename: 'tracing.js',
      errors: [{ messageId: 'instrumentationInBundle', line: 5, suggestions: [] }],
    },
    // miss class 11: Uptrace's configureOpentelemetry enables the Node bundle when given no list
    {
      code: `import { configureOpentelemetry } from '@uptrace/node';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
const sdk = configureOpentelemetry({ dsn: process.env.UPTRACE_DSN, serviceName: 'api' });
sdk.start();
registerInstrumentations({ instrumentations: [new HttpInstrumentation()] });`,
      filename: 'tracing.ts',
      errors: [{ messageId: 'instrumentationInBundle', line: 6, suggestions: [{ messageId: 'removeDuplicateInstrumentation', output: `import { configureOpentelemetry } from '@uptrace/node';
const sdk = configureOpentelemetry({ dsn: process.env.UPTRACE_DSN, serviceName: 'api' });
sdk.start();
` }] }],
    },
  ],
});
