import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/require-hmr-dispose';
import { createRuleTester } from '../support/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint } from '../support/lint';

const projectsDir = join(__dirname, '..', 'fixtures', 'projects');

const project = (rel: string) => join(__dirname, '..', 'fixtures', 'projects', rel);
const projectFile = (rel: string) => ({ code: readFileSync(project(rel), 'utf8'), filename: project(rel) });

const ruleTester = createRuleTester();
const fixtures = join(__dirname, '..', 'fixtures', 'codemods', 'add-hmr-dispose');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');
/** HM1: `src/telemetry.ts` of this project exports a NodeSDK; `src/main.ts` (the linted name) starts it. */
const nestMain = join(__dirname, '..', 'fixtures', 'projects', 'early-init-imported-sdk', 'src', 'main.ts');
const hotBootstrap = (start: string, hot = true) => `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { telemetry } from './telemetry';

declare const module: any;

async function bootstrap() {
  ${start}
  const app = await NestFactory.create(AppModule);
  await app.listen(3000);
${hot ? `  if (module.hot) {
    module.hot.accept();
    module.hot.dispose(() => app.close());
  }
` : ''}}
bootstrap();
`;

ruleTester.run('require-hmr-dispose', rule, {
  valid: [
    '',
    // HM1 look-alikes: the entry is not hot-updated, or a globalThis slot keeps the start to one per process
    { code: hotBootstrap('await telemetry.start();', false), filename: nestMain },
    { code: hotBootstrap(`const g = globalThis as { otelStarted?: boolean };
  if (!g.otelStarted) {
    g.otelStarted = true;
    await telemetry.start();
  }`), filename: nestMain },
    // Node code with no hot API: not an HMR context
    `
import { NodeSDK } from '@opentelemetry/sdk-node';
new NodeSDK({}).start();
    `,
    // plain API usage in a hot module
    `
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('cart');
import.meta.hot?.accept();
    `,
    // hand-over through import.meta.hot.data, read before init and written in dispose
    fixture('already-fixed.input.ts'),
    // a globalThis slot survives re-evaluation
    fixture('already-fixed-global-slot.input.js'),
    // a complete teardown lets the next instance register
    fixture('already-fixed-complete-teardown.input.js'),
    // Vite keeps import.meta.hot.data: writing it directly is a hand-over
    `
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
if (!import.meta.hot?.data.provider) {
  const provider = new WebTracerProvider();
  provider.register();
  if (import.meta.hot) import.meta.hot.data.provider = provider;
}
    `,
    // a flag handed over through module.hot.data
    fixture('seed-flag-reset.output.js'),
    // a dispose that cleans up unrelated state (a timer, a dev server) next to a slot-guarded setup
    `
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
let timer = setInterval(() => {}, 1000);
const KEY = Symbol.for('app.otel');
globalThis[KEY] ??= (() => {
  const p = new WebTracerProvider();
  p.register();
  return p;
})();
if (import.meta.hot) {
  import.meta.hot.accept();
  import.meta.hot.dispose(() => {
    clearInterval(timer);
    timer = null;
    devSocket.stop();
  });
}
    `,
    // code that re-runs inside one instance is no-duplicate-registration's business
    {
      code: `
import { useEffect } from 'react';
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
export function App() {
  useEffect(() => { new WebTracerProvider().register(); }, []);
  return <div />;
}
      `,
      filename: 'App.tsx',
    },
    // settings: hmr 'never' switches the rule off
    {
      code: fixture('vite-unguarded.input.ts'),
      filename: 'src/tracing.ts',
      settings: { 'otel-safe': { hmr: 'never' } },
    },
  ],
  invalid: [
    // HM1 (holdout3): a self-accepting webpack entry re-runs bootstrap(), which starts the SDK another module
    // built once (the ambient \`declare const module\` types the CommonJS global, it declares no local)
    {
      code: hotBootstrap('await telemetry.start();'),
      filename: nestMain,
      errors: [{ messageId: 'importedSdkStartedAgain', line: 8, data: { label: 'telemetry.start()', module: './telemetry.ts', api: 'module.hot', why: 'it uses the hot API' } }],
    },
    // Vite, unguarded module-level setup (both registrations reported; one suggestion rewrites the module)
    {
      code: fixture('vite-unguarded.input.ts'),
      filename: 'src/tracing.ts',
      errors: [
        { messageId: 'unguardedSetup', line: 11, column: 1, suggestions: [{ messageId: 'reuseAcrossUpdates', output: fixture('vite-unguarded.output.ts') }] },
        { messageId: 'unguardedSetup', line: 12, column: 1, suggestions: [{ messageId: 'reuseAcrossUpdates', output: fixture('vite-unguarded.output.ts') }] },
      ],
    },
    // webpack module.hot: a dispose that only shuts down
    {
      code: fixture('webpack-shutdown-only.input.js'),
      filename: 'src/tracing.js',
      errors: [
        { messageId: 'unguardedSetup', line: 5, suggestions: [{ messageId: 'reuseAcrossUpdates', output: fixture('webpack-shutdown-only.output.js') }] },
        { messageId: 'disposeWithoutHandover', line: 9, suggestions: [{ messageId: 'reuseAcrossUpdates', output: fixture('webpack-shutdown-only.output.js') }] },
      ],
    },
    // import.meta.webpackHot in strict ESM
    {
      code: fixture('webpack-esm-hot.input.mjs'),
      filename: 'src/tracing.mjs',
      errors: [
        { messageId: 'unguardedSetup', line: 8, suggestions: [{ messageId: 'reuseAcrossUpdates', output: fixture('webpack-esm-hot.output.mjs') }] },
        { messageId: 'unguardedSetup', line: 9, suggestions: [{ messageId: 'reuseAcrossUpdates', output: fixture('webpack-esm-hot.output.mjs') }] },
      ],
    },
    // the seed's recipe: a dispose that resets a module flag
    {
      code: fixture('seed-flag-reset.input.js'),
      filename: 'src/tracing.js',
      errors: [{ messageId: 'disposeResetsFlag', line: 20, suggestions: [{ messageId: 'handOverFlag', output: fixture('seed-flag-reset.output.js') }] }],
    },
    // a module flag in a React effect: Fast Refresh (Vite with @vitejs/plugin-react) resets it
    {
      code: fixture('react-effect-flag.input.tsx'),
      filename: project('hmr-vite-component-import/src/TelemetryBoundary.tsx'),
      errors: [{ messageId: 'setupInReactEffect', line: 11, suggestions: [{ messageId: 'handOverFlag', output: fixture('react-effect-flag.output.tsx') }] }],
    },
    // a module-level flag with no dispose at all
    {
      code: `
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
let ready = false;
if (!ready) {
  ready = true;
  new WebTracerProvider().register();
}
`,
      filename: 'src/ready.js',
      // a browser package alone is no evidence of HMR: here the user says the file is hot-reloaded
      settings: { 'otel-safe': { hmr: ['src/**'] } },
      errors: [
        {
          messageId: 'flagOnlyGuard',
          line: 6,
          suggestions: [
            {
              messageId: 'handOverFlag',
              output: `
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
let ready = import.meta.hot?.data.ready ?? false;
if (import.meta.hot) {
  import.meta.hot.dispose((data) => {
    data.ready = ready;
  });
}
if (!ready) {
  ready = true;
  new WebTracerProvider().register();
}
`,
            },
          ],
        },
      ],
    },
    // hot.data is read but nothing writes it
    {
      code: `
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
const provider = import.meta.hot?.data.provider ?? new WebTracerProvider();
if (!import.meta.hot?.data.provider) provider.register();
`,
      errors: [{ messageId: 'handoverNeverWritten', line: 4 }],
    },
    // a globalThis slot with a dispose that shuts the provider down and clears the slot: no hand-over, no disable
    {
      code: `
import { WebTracerProvider } from '@opentelemetry/sdk-trace-web';
const KEY = Symbol.for('app.otel');
if (!globalThis[KEY]) {
  globalThis[KEY] = new WebTracerProvider();
  globalThis[KEY].register();
}
import.meta.hot?.dispose(async () => {
  await globalThis[KEY].shutdown();
  globalThis[KEY] = undefined;
});
`,
      errors: [{ messageId: 'disposeWithoutHandover', line: 8 }],
    },
    // settings: hmr 'always' makes a Node module an HMR context (server HMR), CommonJS
    {
      code: `
const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();
`,
      filename: 'server.js',
      settings: { 'otel-safe': { hmr: 'always' } },
      errors: [
        {
          messageId: 'unguardedSetup',
          line: 4,
          suggestions: [
            {
              messageId: 'reuseAcrossUpdates',
              output: `
const { NodeSDK } = require('@opentelemetry/sdk-node');
function startTelemetry() {
  const sdk = new NodeSDK({});
  sdk.start();
  return { sdk };
}
// reuse the running telemetry across hot updates (otel-safe: add-hmr-dispose)
const telemetry = module.hot?.data?.telemetry ?? startTelemetry();
if (module.hot) {
  module.hot.dispose((data) => {
    data.telemetry = telemetry;
  });
}
`,
            },
          ],
        },
      ],
    },
    // settings: hmr globs
    {
      code: `
import { NodeSDK } from '@opentelemetry/sdk-node';
new NodeSDK({}).start();
`,
      filename: 'server/dev/otel.ts',
      settings: { 'otel-safe': { hmr: ['server/dev/**'] } },
      errors: [
        {
          messageId: 'unguardedSetup',
          line: 3,
          suggestions: [
            {
              messageId: 'reuseAcrossUpdates',
              output: `
import { NodeSDK } from '@opentelemetry/sdk-node';
function startTelemetry() {
  new NodeSDK({}).start();
  return {};
}
// reuse the running telemetry across hot updates (otel-safe: add-hmr-dispose)
const telemetry: ReturnType<typeof startTelemetry> =
  import.meta.hot?.data.telemetry ?? startTelemetry();
if (import.meta.hot) {
  import.meta.hot.dispose((data) => {
    data.telemetry = telemetry;
  });
}
`,
            },
          ],
        },
      ],
    },
  ],
});

// HMR needs evidence (issue 12): a dev server with HMR in the project, and a module inside an
// accepting boundary (test/fixtures/projects/hmr-*).

ruleTester.run('require-hmr-dispose (evidence from the project)', rule, {
  valid: [
    // imported only by the entry: an edit reloads the page, nothing runs twice
    projectFile('hmr-vite-entry-only/src/tracing.ts'),
    // a Node server that imports a browser package is not hot-swapped
    projectFile('hmr-node-server/src/server.ts'),
    // the same component importer, but Vite without a React refresh plugin: no boundary accepts, the page reloads
    projectFile('hmr-vite-no-react-plugin/src/tracing.ts'),
  ],
  invalid: [
    {
      // imported by a component module: Fast Refresh accepts its updates and re-runs it
      ...projectFile('hmr-vite-component-import/src/tracing.ts'),
      errors: [{ messageId: 'unguardedSetup', line: 5, suggestions: 1 as unknown as readonly never[] }],
    },
  ],
});

// holdout8: what a repeated setup does, said truly (gourd, exsense)
describe('require-hmr-dispose: what runs again', () => {
  const instrumentations = `import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
registerInstrumentations({ instrumentations: [new FetchInstrumentation()] });
`;
  const hmrEverywhere = { 'otel-safe': { hmr: ['src/**'] } };
  const message = (project: string) => lint(instrumentations, join(projectsDir, project, 'src', 'tracing.ts'), 'require-hmr-dispose', hmrEverywhere)[0]?.message;

  it('instrumentation-fetch from 0.215.0 on stacks a wrapper per instance', () => {
    expect(message('hmr-fetch-0.300.0')).toContain('instrumentation-fetch (0.215.0 on) wraps `fetch` once more for each: duplicated client spans');
  });
  it('before 0.215.0 the newest instance replaces the patch: no doubled spans claimed', () => {
    const said = message('hmr-fetch-0.54.2');
    expect(said).toContain("each replaces the previous one's `fetch` patch (instrumentation-fetch before 0.215.0 unwraps first)");
    expect(said).not.toContain('duplicated');
  });
  // holdout13: the setup runs only in an exported init a component's effect calls through a dynamic import: its
  // re-runs are the effect's (no-duplicate-registration), not the module's re-evaluation
  it('leaves an init that only an effect calls to no-duplicate-registration', () => {
    const file = join(projectsDir, 'hmr-next-effect-dynamic-init', 'src', 'otel-client.ts');
    expect(lint(readFileSync(file, 'utf8'), file, 'require-hmr-dispose')).toEqual([]);
    expect(lint(readFileSync(file, 'utf8'), file, 'no-duplicate-registration').map((r) => r.line)).toEqual([10, 11]);
  });
  // holdout17 wildcat: the init returns early on a `globalThis` flag read through a helper imported by a tsconfig
  // alias (`@/lib/otel-state`), which returns `false` on the server and `Boolean(slots[KEY])` in the browser
  it('leaves an init guarded by an imported globalThis helper', () => {
    const file = join(projectsDir, 'hmr-next-imported-guard', 'src', 'otel-client.ts');
    expect(lint(readFileSync(file, 'utf8'), file, 'require-hmr-dispose')).toEqual([]);
    expect(lint(readFileSync(file, 'utf8'), file, 'no-duplicate-registration')).toEqual([]);
    // the same helper keeping its flag in a local variable guards nothing
    const local = readFileSync(file, 'utf8').replace("import { isOtelInitialized, markOtelInitialized } from '@/lib/otel-state';", 'function isOtelInitialized(): boolean { const seen = false; return seen; }\nfunction markOtelInitialized(): void {}');
    expect(lint(local, file, 'no-duplicate-registration').map((r) => r.messageId)).toEqual(['registrationInRerunnableCode', 'registrationInRerunnableCode']);
  });
  it('a Next.js module whose other importer chain is dead code is still hot-updated through its component', () => {
    const file = join(projectsDir, 'hmr-next-orphan-importer', 'src', 'lib', 'otel.ts');
    const [report, ...rest] = lint(readFileSync(file, 'utf8'), file, 'require-hmr-dispose');
    expect(rest).toEqual([]);
    expect(report?.messageId).toBe('flagOnlyGuard');
    expect(report?.line).toBe(10);
    expect(report?.message).toContain('so the new instance runs it again: every hot update builds another provider that never becomes global');
    expect(report?.message).not.toContain('fetch');
  });
});

// holdout2 sosialhjelp (seen again with @grafana/faro-react in the table): a second initializeFaro returns the
// running instance (@grafana/faro-core 2.x initialize.js), so a hot update's re-run is harmless
describe('require-hmr-dispose: a vendor init that refuses a second call', () => {
  it('is not reported in a hot-updated module', () => {
    for (const module of ['@grafana/faro-react', '@grafana/faro-web-sdk']) {
      const code = `import { initializeFaro } from '${module}';\ninitializeFaro({ url: '/collect', app: { name: 'web' } });\n`;
      expect(lint(code, join(projectsDir, 'hmr-fetch-0.300.0', 'src', 'faro.ts'), 'require-hmr-dispose', { 'otel-safe': { hmr: ['src/**'] } })).toEqual([]);
    }
  });
});
