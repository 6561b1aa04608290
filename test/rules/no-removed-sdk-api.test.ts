import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-removed-sdk-api';
import { generationOfVersion, projectGeneration } from '../../src/analysis/generation';
import { installedVersion, lockedVersion, packageVersion } from '../../src/project/versions';
import { createRuleTester } from '../support/rule-tester';
import { lint, lintWithSuggestions } from '../support/lint';

const projects = join(__dirname, '..', 'fixtures', 'projects');
const sdk1 = join(projects, 'sdk1-declared', 'src', 'tracing.js');
const sdk2 = join(projects, 'sdk2-installed', 'src', 'tracing.js');
const sdk3 = join(projects, 'sdk3-installed', 'src', 'tracing.js');
const lock2 = join(projects, 'sdk2-lockfile', 'tracing.js');
const malformed = join(projects, 'sdk-malformed', 'tracing.js');
const propagationOnly = join(projects, 'propagation-only-web', 'src', 'tracing.ts');
const manualApi = join(projects, 'sdk2-manual-api', 'src', 'tracing.js');
/** A file outside any project, with no node_modules above it: the generation is unknown. */
const nowhere = '/otel-safe-nonexistent/app/tracing.js';

describe('generation detection', () => {
  it('keeps the hand-made installed manifests (they live under node_modules/, which .gitignore must not drop)', () => {
    expect(existsSync(join(projects, 'sdk2-installed', 'node_modules', '@opentelemetry', 'sdk-trace-base', 'package.json'))).toBe(true);
    expect(existsSync(join(projects, 'sdk3-installed', 'node_modules', '@opentelemetry', 'sdk-trace', 'package.json'))).toBe(true);
  });

  it('maps versions and ranges of stable and experimental packages to generations', () => {
    expect(generationOfVersion('@opentelemetry/sdk-trace-base', '1.30.1')).toBe(1);
    expect(generationOfVersion('@opentelemetry/sdk-trace-base', '^2.0.1')).toBe(2);
    expect(generationOfVersion('@opentelemetry/sdk-trace', '3.1.1')).toBe(3);
    expect(generationOfVersion('@opentelemetry/core', '0.24.0')).toBe(0);
    expect(generationOfVersion('@opentelemetry/sdk-node', '~0.57.2')).toBe(1);
    expect(generationOfVersion('@opentelemetry/sdk-node', '0.223.0')).toBe(2);
    expect(generationOfVersion('@opentelemetry/sdk-node', '>=0.300.0 <0.400.0')).toBe(3);
    expect(generationOfVersion('@opentelemetry/sdk-node', '0.24.0')).toBe(0);
    expect(generationOfVersion('@opentelemetry/auto-instrumentations-node', '0.81.2')).toBe(2);
    expect(generationOfVersion('@opentelemetry/auto-instrumentations-node', '0.82.0')).toBe(3);
    expect(generationOfVersion('@opentelemetry/api', '1.10.0')).toBe(3);
    expect(generationOfVersion('@opentelemetry/api', '1.9.0')).toBeUndefined();
    expect(generationOfVersion('@opentelemetry/sdk-node', 'latest')).toBeUndefined();
    expect(generationOfVersion('@opentelemetry/sdk-node', 'github:open-telemetry/opentelemetry-js')).toBeUndefined();
    expect(generationOfVersion('@opentelemetry/instrumentation-express', '0.57.0')).toBeUndefined();
  });

  it('reads installed, locked and declared versions, preferring what is installed inside the project', () => {
    expect(installedVersion(join(projects, 'sdk2-installed', 'src'), '@opentelemetry/sdk-trace-base')).toBe('2.12.1');
    expect(packageVersion(sdk2, '@opentelemetry/sdk-trace-base')).toEqual({ name: '@opentelemetry/sdk-trace-base', version: '2.12.1', source: 'installed' });
    expect(packageVersion(lock2, '@opentelemetry/sdk-node')).toEqual({ name: '@opentelemetry/sdk-node', version: '0.210.0', source: 'lockfile' });
    expect(lockedVersion(join(projects, 'sdk2-lockfile'), '@opentelemetry/sdk-node')).toBe('0.210.0');
    // the repo's own node_modules (2.x) sit above sdk1-declared: they belong to another project
    expect(packageVersion(sdk1, '@opentelemetry/sdk-trace-base')).toEqual({ name: '@opentelemetry/sdk-trace-base', version: '^1.30.1', source: 'declared' });
    expect(projectGeneration(sdk1, undefined)?.gen).toBe(1);
    expect(projectGeneration(sdk2, undefined)?.gen).toBe(2);
    expect(projectGeneration(sdk3, undefined)?.gen).toBe(3);
    expect(projectGeneration(sdk3, 2)).toEqual({ gen: 2, source: 'pinned' });
    expect(projectGeneration(nowhere, undefined)).toBeUndefined();
  });

  it('treats malformed package.json and manifests as absent, never throwing', () => {
    expect(() => packageVersion(malformed, '@opentelemetry/sdk-node')).not.toThrow();
    expect(packageVersion(malformed, '@opentelemetry/sdk-trace-base')).toBeUndefined();
    expect(projectGeneration(malformed, undefined)).toBeUndefined();
  });
});

const ruleTester = createRuleTester();
const pin = (g: 1 | 2 | 3) => ({ 'otel-safe': { sdkGeneration: g } });

const nodeProvider1x = `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const provider = new NodeTracerProvider();
provider.addSpanProcessor(new BatchSpanProcessor(new OTLPTraceExporter()));
provider.register();`;

ruleTester.run('no-removed-sdk-api', rule, {
  valid: [
    // a local function that does something else with its argument than `require` it: no SDK is known
    `function load(name) { return registry.get(name); }
const { NodeSDK } = load('@opentelemetry/sdk-node');
new NodeSDK({ traceExporters: [e] }).start();`,
    // 1.x still has addSpanProcessor (declared ranges say 1.x)
    { code: nodeProvider1x, filename: sdk1 },
    // unknown generation: sdk-trace-base could be 1.x, nothing is reported
    { code: nodeProvider1x, filename: nowhere },
    // 2.x still reads the singular option (deprecated, with a diag warning)
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
new NodeSDK({ spanProcessor: new BatchSpanProcessor(exp) }).start();`,
      filename: sdk2,
    },
    // 2.x NodeTracerProvider keeps register(); positional processors of sdk-trace-base are right
    {
      code: `import { NodeTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-node';
const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
provider.register();`,
      filename: sdk2,
    },
    // 1.x BasicTracerProvider has register()
    {
      code: `import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();`,
      filename: sdk1,
    },
    // the options shape of sdk-trace, directly or through a variable
    {
      code: `import { BatchSpanProcessor, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
const options = { exporter };
export const a = new BatchSpanProcessor({ exporter, maxQueueSize: 10 });
export const b = new SimpleSpanProcessor(options);
export function make(opts) { return new BatchSpanProcessor(opts); }`,
      filename: sdk3,
    },
    // every option 3.x reads
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
new NodeSDK({ serviceName: 's', spanProcessors: [], traceExporter: e, metricReaders: [], logRecordProcessors: [], instrumentations: [], resource: r, resourceDetectors: [], sampler: s, spanLimits: l, idGenerator: g, views: [], contextManager: c, textMapPropagator: null, autoDetectResources: false, ...rest }).start();`,
      filename: sdk3,
    },
    // 1.x still reads mergeResourceWithDefaults
    { code: `import { NodeSDK } from '@opentelemetry/sdk-node';\nnew NodeSDK({ mergeResourceWithDefaults: false });`, filename: sdk1 },
    // AsyncHooksContextManager exists up to 2.x
    { code: `import { AsyncHooksContextManager } from '@opentelemetry/context-async-hooks';\nnew AsyncHooksContextManager().enable();`, settings: pin(2), filename: nowhere },
    // processors unknown (options from elsewhere), or attached later in 1.x by code that receives the provider
    { code: `import { TracerProvider } from '@opentelemetry/sdk-trace';\nexport const p = new TracerProvider(config);`, filename: sdk3 },
    {
      code: `import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';\nconst provider = new NodeTracerProvider();\nattachProcessors(provider);\nprovider.register();`,
      filename: sdk1,
    },
    // options turn checks off
    { code: `import { TracerProvider } from '@opentelemetry/sdk-trace';\nexport const p = new TracerProvider();`, options: [{ checkMissingProcessors: false }], filename: sdk3 },
    { code: `import { NodeSDK } from '@opentelemetry/sdk-node';\nnew NodeSDK({ traceExporters: [e] });`, options: [{ checkSdkOptions: false }], filename: sdk3 },
    // a 3.x project that uses only 3.x packages
    {
      code: `import { trace } from '@opentelemetry/api';
import { TracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));`,
      filename: sdk3,
    },
    // sdk-node 0.223 still re-exports its namespaces
    { code: `const { tracing } = require('@opentelemetry/sdk-node');\nmodule.exports = new tracing.SimpleSpanProcessor(exporter);`, filename: sdk2 },
    // not OpenTelemetry
    { code: `const provider = new Provider();\nprovider.addSpanProcessor(p);\nprovider.register();`, filename: sdk3 },
      // FP class 8: a provider kept for `traceparent` on fetch calls, in a project with no exporter package
    { code: `import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
const provider = new WebTracerProvider();
provider.register();
registerInstrumentations({ instrumentations: [new FetchInstrumentation({ propagateTraceHeaderCorsUrls: [/.*/] })] });`, filename: propagationOnly },
  ],
  invalid: [
    // holdout11 D5: the same project, but the provider is handed a processor under \`spanProcessor\`, a key 2.x
    // providers do not read: the pipeline was meant to work, so this is no propagation-only provider
    {
      code: `import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { ConsoleSpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-web';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
const provider = new WebTracerProvider({ spanProcessor: new SimpleSpanProcessor(new ConsoleSpanExporter()) });
provider.register();
registerInstrumentations({ instrumentations: [new FetchInstrumentation()] });`,
      filename: propagationOnly,
      errors: [{ messageId: 'noSpanProcessor', line: 5, suggestions: [] }],
    },
    // --- addSpanProcessor ---------------------------------------------------------------
    {
      code: nodeProvider1x,
      filename: sdk2,
      errors: [
        // holdout5 A1: on 2.x addSpanProcessor() gives the provider nothing, so its construction has no processor either
        { messageId: 'noSpanProcessor', line: 4, data: { provider: 'NodeTracerProvider', where: 'SDK 2.x (@opentelemetry/sdk-trace-node 2.12.0 installed)' }, suggestions: [] },
        {
          messageId: 'removedProviderMethod',
          data: {
            method: 'addSpanProcessor',
            provider: 'NodeTracerProvider',
            where: 'SDK 2.x (@opentelemetry/sdk-trace-node 2.12.0 installed)',
            since: '2.x',
            replacement: 'the constructor option `spanProcessors`',
            fix: ' (`npx otel-codemod migrate-sdk --to 2`)',
          },
          suggestions: [
            {
              messageId: 'moveToSpanProcessors',
              output: `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const provider = new NodeTracerProvider({
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
});
provider.register();`,
            },
          ],
        },
      ],
    },
    {
      // sdk-trace's TracerProvider never had it, whatever is installed
      code: `import { TracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
const provider = new TracerProvider({ spanProcessors: [] });
const exporter = makeExporter();
provider.addSpanProcessor(new SimpleSpanProcessor({ exporter }));`,
      filename: nowhere,
      errors: [
        { messageId: 'noSpanProcessor', line: 2, suggestions: [] },
        {
          messageId: 'removedProviderMethod',
          data: { method: 'addSpanProcessor', provider: 'TracerProvider', where: '@opentelemetry/sdk-trace (2.9+ and 3.x)', since: '2.x', replacement: 'the constructor option `spanProcessors`', fix: ' (`npx otel-codemod migrate-sdk --to 2`)' },
          suggestions: [
            {
              messageId: 'moveToSpanProcessors',
              output: `import { TracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
const exporter = makeExporter();
const provider = new TracerProvider({
  spanProcessors: [new SimpleSpanProcessor({ exporter })],
});`,
            },
          ],
        },
      ],
    },
    {
      code: nodeProvider1x,
      filename: sdk1,
      options: [{ reportDeprecated: true }],
      errors: [
        {
          messageId: 'deprecatedProviderMethod',
          data: { method: 'addSpanProcessor', provider: 'NodeTracerProvider', where: 'SDK 1.x (@opentelemetry/sdk-trace-node ~1.30.0 in package.json)', since: '2.x', replacement: 'the constructor option `spanProcessors`', fix: ' (`npx otel-codemod migrate-sdk --to 2`)' },
          suggestions: [
            {
              messageId: 'moveToSpanProcessors',
              output: `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const provider = new NodeTracerProvider({
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
});
provider.register();`,
            },
          ],
        },
      ],
    },
    {
      // conditional attach: reported, no fix (moving it would change behaviour)
      code: `import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
const provider = new BasicTracerProvider();
if (process.env.DEBUG) provider.addSpanProcessor(debugProcessor);`,
      settings: pin(2),
      filename: nowhere,
      errors: [
        { messageId: 'noSpanProcessor', line: 2, suggestions: [] },
        {
          messageId: 'removedProviderMethod',
          data: { method: 'addSpanProcessor', provider: 'BasicTracerProvider', where: "SDK 2.x (settings['otel-safe'].sdkGeneration)", since: '2.x', replacement: 'the constructor option `spanProcessors`', fix: '' },
          suggestions: [],
        },
      ],
    },
    // --- NodeSDK options ----------------------------------------------------------------
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
new NodeSDK({ serviceName: 'api', spanProcessor: processor }).start();`,
      filename: sdk3,
      errors: [
        {
          messageId: 'removedSdkOption',
          data: { option: 'spanProcessor', replacement: 'spanProcessors', where: 'SDK 3.x (@opentelemetry/sdk-node 0.301.0 installed)', since: '3.x', fix: ' (`npx otel-codemod migrate-sdk --to 3`)' },
          suggestions: [
            {
              messageId: 'useListOption',
              data: { option: 'spanProcessor', replacement: 'spanProcessors' },
              output: `import { NodeSDK } from '@opentelemetry/sdk-node';
new NodeSDK({ serviceName: 'api', spanProcessors: [processor] }).start();`,
            },
          ],
        },
      ],
    },
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
const metricReader = reader();
new NodeSDK({ metricReader, spanProcessor: p });`,
      filename: sdk2,
      options: [{ reportDeprecated: true }],
      errors: [
        {
          messageId: 'deprecatedSdkOption',
          data: { option: 'metricReader', replacement: 'metricReaders', since: '3.x', where: 'SDK 2.x (@opentelemetry/sdk-node 0.223.0 installed)', fix: ' (`npx otel-codemod migrate-sdk --to 3`)' },
          suggestions: [
            {
              messageId: 'useListOption',
              data: { option: 'metricReader', replacement: 'metricReaders' },
              output: `import { NodeSDK } from '@opentelemetry/sdk-node';
const metricReader = reader();
new NodeSDK({ metricReaders: [metricReader], spanProcessor: p });`,
            },
          ],
        },
        {
          messageId: 'deprecatedSdkOption',
          suggestions: [
            {
              messageId: 'useListOption',
              data: { option: 'spanProcessor', replacement: 'spanProcessors' },
              output: `import { NodeSDK } from '@opentelemetry/sdk-node';
const metricReader = reader();
new NodeSDK({ metricReader, spanProcessors: [p] });`,
            },
          ],
        },
      ],
    },
    {
      // both given: spanProcessors wins, the singular one is reported without a fix
      code: `const { NodeSDK } = require('@opentelemetry/sdk-node');\nnew NodeSDK({ spanProcessors: [a], spanProcessor: b });`,
      settings: pin(3),
      filename: nowhere,
      errors: [{ messageId: 'removedSdkOption', suggestions: [] }],
    },
    {
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
new NodeSDK({ spanProcesors: [p], exporter: e, 'mergeResourceWithDefaults': true });`,
      filename: sdk2,
      errors: [
        { messageId: 'unknownSdkOption', data: { option: 'spanProcesors', where: 'SDK 2.x (@opentelemetry/sdk-node 0.223.0 installed)' }, suggestions: [] },
        { messageId: 'unknownSdkOption', data: { option: 'exporter', where: 'SDK 2.x (@opentelemetry/sdk-node 0.223.0 installed)' }, suggestions: [] },
        { messageId: 'unknownSdkOption', data: { option: 'mergeResourceWithDefaults', where: 'SDK 2.x (@opentelemetry/sdk-node 0.223.0 installed)' }, suggestions: [] },
      ],
    },
    {
      // options kept in a const
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';
const options = { serviceName: 'api', spanProcessor: processor };
new NodeSDK(options).start();`,
      filename: sdk3,
      errors: [
        {
          messageId: 'removedSdkOption',
          suggestions: [
            {
              messageId: 'useListOption',
              data: { option: 'spanProcessor', replacement: 'spanProcessors' },
              output: `import { NodeSDK } from '@opentelemetry/sdk-node';
const options = { serviceName: 'api', spanProcessors: [processor] };
new NodeSDK(options).start();`,
            },
          ],
        },
      ],
    },
    {
      // lockfile-detected 2.x (0.210.0)
      code: `import * as otel from '@opentelemetry/sdk-node';\nnew otel.NodeSDK({ traceExporters: [e] });`,
      filename: lock2,
      errors: [{ messageId: 'unknownSdkOption', data: { option: 'traceExporters', where: 'SDK 2.x (@opentelemetry/sdk-node 0.210.0 in the lockfile)' }, suggestions: [] }],
    },
    {
      // generation unknown: only names no generation reads
      code: `import { NodeSDK } from '@opentelemetry/sdk-node';\nnew NodeSDK({ mergeResourceWithDefaults: true, traceExporters: [e] });`,
      filename: nowhere,
      errors: [{ messageId: 'unknownSdkOption', data: { option: 'traceExporters', where: 'any SDK generation' }, suggestions: [] }],
    },
    // holdout12 (an Electron main process): the SDK loaded by a local wrapper that returns `require(name)` (with a
    // fallback path), into a `let` by a destructuring assignment; `metricExporter` and `traceSampler` are read by no generation
    {
      code: `function safeRequire(name) {
  try {
    return require(name);
  } catch (error) {
    if (process.resourcesPath) return require(require('path').join(process.resourcesPath, 'app.asar.unpacked', name));
    throw error;
  }
}
let NodeSDK;
({ NodeSDK } = safeRequire('@opentelemetry/sdk-node'));
new NodeSDK({ metricExporter: exporter, traceSampler: sampler }).start();`,
      filename: nowhere,
      errors: [
        { messageId: 'unknownSdkOption', line: 11, data: { option: 'metricExporter', where: 'any SDK generation' }, suggestions: [] },
        { messageId: 'unknownSdkOption', line: 11, data: { option: 'traceSampler', where: 'any SDK generation' }, suggestions: [] },
      ],
    },
    // --- processor shape ------------------------------------------------------------------
    {
      code: `import { BatchSpanProcessor as BSP } from '@opentelemetry/sdk-trace';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
export const p = new BSP(new OTLPTraceExporter(), { maxQueueSize: 100 });`,
      filename: sdk3,
      errors: [
        {
          messageId: 'positionalProcessor',
          data: { name: 'BatchSpanProcessor', module: '@opentelemetry/sdk-trace', where: 'SDK 3.x (@opentelemetry/sdk-trace 3.1.1 installed)', fix: ' (`npx otel-codemod migrate-sdk --to 3`)' },
          suggestions: [
            {
              messageId: 'passOptionsObject',
              output: `import { BatchSpanProcessor as BSP } from '@opentelemetry/sdk-trace';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
export const p = new BSP({
  exporter: new OTLPTraceExporter(),
  maxQueueSize: 100,
});`,
            },
          ],
        },
      ],
    },
    {
      code: `const { SimpleSpanProcessor, InMemorySpanExporter } = require('@opentelemetry/sdk-trace');
const exporter = new InMemorySpanExporter();
module.exports = [new SimpleSpanProcessor(exporter), new SimpleSpanProcessor(exporter, cfg)];`,
      filename: nowhere,
      errors: [
        {
          messageId: 'positionalProcessor',
          data: { name: 'SimpleSpanProcessor', module: '@opentelemetry/sdk-trace', where: '@opentelemetry/sdk-trace 2.9+ and 3.x', fix: ' (`npx otel-codemod migrate-sdk --to 3`)' },
          suggestions: [
            {
              messageId: 'passOptionsObject',
              output: `const { SimpleSpanProcessor, InMemorySpanExporter } = require('@opentelemetry/sdk-trace');
const exporter = new InMemorySpanExporter();
module.exports = [new SimpleSpanProcessor({ exporter }), new SimpleSpanProcessor(exporter, cfg)];`,
            },
          ],
        },
        {
          messageId: 'positionalProcessor',
          suggestions: [
            {
              messageId: 'passOptionsObject',
              output: `const { SimpleSpanProcessor, InMemorySpanExporter } = require('@opentelemetry/sdk-trace');
const exporter = new InMemorySpanExporter();
module.exports = [new SimpleSpanProcessor(exporter), new SimpleSpanProcessor({ exporter, ...cfg })];`,
            },
          ],
        },
      ],
    },
    // --- register() -----------------------------------------------------------------------
    // the replacement imports @opentelemetry/api and core, which sdk2-installed does not declare: left for a human, naming them
    {
      code: `import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register({ contextManager: cm });`,
      filename: sdk2,
      errors: [
        {
          messageId: 'removedRegister',
          data: {
            provider: 'BasicTracerProvider',
            where: 'SDK 2.x (@opentelemetry/sdk-trace-base 2.12.1 installed)',
            fix: ', after adding `@opentelemetry/api` and `@opentelemetry/core` to the dependencies in package.json (not declared there: the calls import from them)',
          },
          suggestions: [],
        },
      ],
    },
    {
      code: `import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register({ contextManager: cm });`,
      filename: manualApi,
      settings: pin(2),
      errors: [
        {
          messageId: 'removedRegister',
          data: { provider: 'BasicTracerProvider', where: "SDK 2.x (settings['otel-safe'].sdkGeneration)", fix: ' (`npx otel-codemod migrate-sdk --to 2`)' },
          suggestions: [
            {
              messageId: 'registerThroughApi',
              output: `import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { trace, context, propagation } from '@opentelemetry/api';
import {
  CompositePropagator,
  W3CTraceContextPropagator,
  W3CBaggagePropagator,
} from '@opentelemetry/core';
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
trace.setGlobalTracerProvider(provider);
context.setGlobalContextManager(cm);
propagation.setGlobalPropagator(
  new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
  }),
);`,
            },
          ],
        },
      ],
    },
    {
      // sdk-trace TracerProvider: a Node file gets the AsyncLocalStorage context manager; `context` is taken, so the import is aliased
      code: `import * as api from '@opentelemetry/api';
import { TracerProvider } from '@opentelemetry/sdk-trace';
export function handler(event, context) {
  const provider = new TracerProvider({ spanProcessors: [p] });
  provider.register({ propagator: null });
}`,
      filename: sdk3,
      errors: [
        {
          messageId: 'removedRegister',
          data: { provider: 'TracerProvider', where: 'SDK 3.x (@opentelemetry/sdk-trace 3.1.1 installed)', fix: ' (`npx otel-codemod migrate-sdk --to 3`)' },
          suggestions: [
            {
              messageId: 'registerThroughApi',
              output: `import * as api from '@opentelemetry/api';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
export function handler(event, context) {
  const provider = new TracerProvider({ spanProcessors: [p] });
  api.trace.setGlobalTracerProvider(provider);
  api.context.setGlobalContextManager(
    new AsyncLocalStorageContextManager().enable(),
  );
}`,
            },
          ],
        },
      ],
    },
    // --- removed exports and modules ----------------------------------------------------
    {
      code: `import { AsyncHooksContextManager } from '@opentelemetry/context-async-hooks';
const cm = new AsyncHooksContextManager();`,
      filename: sdk3,
      errors: [
        {
          messageId: 'removedExport',
          data: { name: 'AsyncHooksContextManager', module: '@opentelemetry/context-async-hooks', replacement: 'AsyncLocalStorageContextManager', since: '3.x', where: 'SDK 3.x (@opentelemetry/context-async-hooks 3.1.1 installed)', fix: ' (`npx otel-codemod migrate-sdk --to 3`)' },
          suggestions: [
            {
              messageId: 'useReplacementExport',
              data: { replacement: 'AsyncLocalStorageContextManager' },
              output: `import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
const cm = new AsyncLocalStorageContextManager();`,
            },
          ],
        },
      ],
    },
    {
      code: `import { NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { JaegerPropagator } from '@opentelemetry/propagator-jaeger';
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register({ propagator: new JaegerPropagator() });`,
      filename: sdk3,
      errors: [
        {
          messageId: 'moduleNotInGeneration',
          data: {
            module: '@opentelemetry/sdk-trace-node',
            last: '2.x',
            where: 'SDK 3.x (@opentelemetry/sdk-trace 3.1.1 installed)',
            instead: 'import from `@opentelemetry/sdk-trace` (npx otel-codemod migrate-sdk --to 3)',
          },
          suggestions: [
            {
              messageId: 'importFromSdkTrace',
              output: `import { TracerProvider as NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { JaegerPropagator } from '@opentelemetry/propagator-jaeger';
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register({ propagator: new JaegerPropagator() });`,
            },
          ],
        },
        { messageId: 'moduleNotInGeneration', suggestions: [] },
      ],
    },
    {
      // sdk-node's namespace re-exports are gone in 0.300
      code: `const { tracing } = require('@opentelemetry/sdk-node');
module.exports = new tracing.SimpleSpanProcessor(exporter);`,
      filename: sdk3,
      errors: [
        {
          messageId: 'removedExport',
          data: {
            name: 'tracing',
            module: '@opentelemetry/sdk-node',
            where: 'SDK 3.x (@opentelemetry/sdk-node 0.301.0 installed)',
            replacement: 'the exports of @opentelemetry/sdk-trace',
            since: '3.x',
            fix: '',
          },
          suggestions: [],
        },
      ],
    },
    // --- no span processor ----------------------------------------------------------------
    {
      code: `import { trace } from '@opentelemetry/api';
import { TracerProvider } from '@opentelemetry/sdk-trace';
trace.setGlobalTracerProvider(new TracerProvider({ resource }));`,
      filename: sdk3,
      errors: [{ messageId: 'noSpanProcessor', data: { provider: 'TracerProvider', where: 'SDK 3.x (@opentelemetry/sdk-trace 3.1.1 installed)' }, suggestions: [] }],
    },
    {
      code: `import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';\nnew NodeTracerProvider({ spanProcessors: [] }).register();`,
      filename: sdk2,
      errors: [{ messageId: 'noSpanProcessor', data: { provider: 'NodeTracerProvider', where: 'SDK 2.x (@opentelemetry/sdk-trace-node 2.12.0 installed)' }, suggestions: [] }],
    },
    {
      // 1.x: processors could be added later, but nothing here does
      code: `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');\nconst provider = new NodeTracerProvider();\nprovider.register();`,
      filename: sdk1,
      errors: [{ messageId: 'noSpanProcessor', suggestions: [] }],
    },
    // holdout5 A1: on 2.x both arms of a conditional construction are processor-less, with or without a later addSpanProcessor()
    {
      code: `import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
export function makeProvider(resource) {
  const provider = resource ? new NodeTracerProvider({ resource }) : new NodeTracerProvider();
  provider.addSpanProcessor(processor);
  return provider;
}`,
      filename: sdk2,
      errors: [
        { messageId: 'noSpanProcessor', line: 3, column: 31, suggestions: [] },
        { messageId: 'noSpanProcessor', line: 3, column: 70, suggestions: [] },
        { messageId: 'removedProviderMethod', line: 4, suggestions: [] },
      ],
    },
    {
      code: `import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
export const provider = process.env.SERVICE ? new NodeTracerProvider({ resource }) : new NodeTracerProvider();`,
      filename: sdk2,
      errors: [
        { messageId: 'noSpanProcessor', line: 2, column: 47, suggestions: [] },
        { messageId: 'noSpanProcessor', line: 2, column: 86, suggestions: [] },
      ],
    },
    // holdout5 A1: in the propagation-only project too, a provider handed a processor with addSpanProcessor() was meant to export
    {
      code: `import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { SimpleSpanProcessor, ConsoleSpanExporter } from '@opentelemetry/sdk-trace-base';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
const provider = new WebTracerProvider();
provider.addSpanProcessor(new SimpleSpanProcessor(new ConsoleSpanExporter()));
provider.register();
registerInstrumentations({ instrumentations: [new FetchInstrumentation()] });`,
      filename: propagationOnly,
      errors: [
        { messageId: 'noSpanProcessor', line: 5, suggestions: [] },
        { messageId: 'removedProviderMethod', line: 6, suggestions: 1 as unknown as readonly never[] },
      ],
    },
    // the same file with an exporter imported: the missing processor drops what was meant to be exported
    {
      code: `import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
const provider = new WebTracerProvider();
provider.register();
registerInstrumentations({ instrumentations: [new FetchInstrumentation({ propagateTraceHeaderCorsUrls: [/.*/] })] });
export const exporter = new OTLPTraceExporter();`,
      filename: propagationOnly,
      errors: [{ messageId: 'noSpanProcessor', suggestions: [] }],
    },
  ],
});

// holdout8 ticketblitz: `new Resource(…)` where the locked @opentelemetry/resources is 2.x, which exports
// `Resource` as a type only (2.0.0 build/src/index.js:18-30; test/runtime/removed-resource.test.ts)
describe('no-removed-sdk-api: the Resource class of resources 1.x', () => {
  const file = (version: string) => join(__dirname, '..', 'fixtures', 'projects', `resources-${version}-lockfile`, 'src', 'tracing.ts');
  const sdk = `import { Resource } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
const sdk = new NodeSDK({ resource: new Resource({ 'service.name': 'api' }) });
sdk.start();
`;
  it('is reported on 2.x, and the fix calls resourceFromAttributes', () => {
    const [report, ...rest] = lintWithSuggestions(sdk, file('2.0.0'), 'no-removed-sdk-api');
    expect(rest).toEqual([]);
    expect(report?.messageId).toBe('removedExport');
    expect(report?.message).toContain('`Resource` is not exported by `@opentelemetry/resources` in SDK 2.x (@opentelemetry/resources 2.0.0 in the lockfile)');
    expect(report?.message).toContain('(`npx otel-codemod migrate-sdk --to 2`)');
    expect(report?.suggestions.map((s) => s.output)).toEqual([sdk.replace('import { Resource }', 'import { resourceFromAttributes }').replace('new Resource(', 'resourceFromAttributes(')]);
  });
  it('is not reported on 1.x', () => {
    expect(lintWithSuggestions(sdk, file('1.30.1'), 'no-removed-sdk-api')).toEqual([]);
  });
  it('offers no rename where the name has another use (a type, a static call)', () => {
    for (const code of [
      `import { Resource } from '@opentelemetry/resources';\nexport const base: Resource = new Resource({ 'service.name': 'api' });\n`,
      `const { Resource } = require('@opentelemetry/resources');\nmodule.exports = Resource.default().merge(new Resource({ 'service.name': 'api' }));\n`,
    ]) {
      const [report] = lintWithSuggestions(code, file('2.0.0'), 'no-removed-sdk-api');
      expect(report?.messageId).toBe('removedExport');
      expect(report?.suggestions).toEqual([]);
    }
  });
});

// holdout17 bitbrat: the options object gets `spanProcessors` assigned after its literal, when an exporter loaded
describe('no-removed-sdk-api: provider options completed after the literal', () => {
  const code = (assign: string) => `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const config = { resource: undefined };
${assign}
const provider = new NodeTracerProvider(config);
provider.register();
`;
  it('is not a provider without processors', () => {
    expect(lint(code('config.spanProcessors = [new BatchSpanProcessor(new OTLPTraceExporter())];'), sdk2, 'no-removed-sdk-api')).toEqual([]);
  });
  it('is one when nothing writes the object', () => {
    expect(lint(code(''), sdk2, 'no-removed-sdk-api').map((m) => m.messageId)).toEqual(['noSpanProcessor']);
  });
});
