// Runtime proof with the real SDK (sdk-node, instrumentation-grpc, @grpc/grpc-js) of what
// `require-early-init` says about when an instrumented library is patched. A patched module's
// `Server.prototype.register` carries shimmer's `__wrapped` mark.
// - CommonJS: a require before the start is patched only when some module requires it again
//   after the start; that later require patches the shared exports in place, so the early
//   reference is patched too (a preload that needs `@grpc/grpc-js` for exporter credentials is
//   not too early: the app requires it later). With no later require it stays unpatched.
// - ESM: static imports are evaluated before the module's code, so the module that starts the
//   SDK never sees its own imports patched (not even a dynamic import after the start, without
//   the loader hook); a `--import` preload patches the app's ESM imports only when it registers
//   `@opentelemetry/instrumentation/hook.mjs`, and a `--require` preload does not patch them.
// - E3: an early load only for exporter configuration (`new Metadata()`) leaves the rest of the app
//   as it would be without it: an ESM preload importing grpc-js before it registers the hook still
//   gets the app's import patched, and a CommonJS module of an ESM app requiring it later is patched.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoModules = join(__dirname, '..', '..', 'node_modules');
const dir = mkdtempSync(join(tmpdir(), 'otel-safe-early-init-'));

const startCjs = `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { GrpcInstrumentation } = require('@opentelemetry/instrumentation-grpc');
new NodeSDK({ spanProcessors: [], instrumentations: [new GrpcInstrumentation()] }).start();
`;
const startEsm = `import { NodeSDK } from '@opentelemetry/sdk-node';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
new NodeSDK({ spanProcessors: [], instrumentations: [new GrpcInstrumentation()] }).start();
`;
const patched = (ref: string) => `!!${ref}.Server.prototype.register.__wrapped`;

const files: Record<string, string> = {
  // a preload that needs grpc-js (exporter credentials) before it starts the SDK
  'preload-early.cjs': `globalThis.early = require('@grpc/grpc-js');\n${startCjs}`,
  'app-requires.cjs': `const grpc = require('@grpc/grpc-js');\nconsole.log(JSON.stringify({ app: ${patched('grpc')}, early: ${patched('globalThis.early')} }));\n`,
  'app-silent.cjs': `console.log(JSON.stringify({ early: ${patched('globalThis.early')} }));\n`,
  // one module: an import, then the start, then a dynamic import
  'same-module.mjs': `import grpc from '@grpc/grpc-js';\n${startEsm}const again = await import('@grpc/grpc-js');\nconsole.log(JSON.stringify({ imported: ${patched('grpc')}, dynamic: ${patched('again.default')} }));\n`,
  'preload.mjs': startEsm,
  'preload-hook.mjs': `import { register } from 'node:module';\nregister('@opentelemetry/instrumentation/hook.mjs', import.meta.url);\nawait import('./preload.mjs');\n`,
  'preload.cjs': startCjs,
  'app.mjs': `import grpc from '@grpc/grpc-js';\nconsole.log(JSON.stringify({ app: ${patched('grpc')} }));\n`,
  // E3: an ESM preload that imports grpc-js (exporter metadata) before it registers the loader hook
  'preload-hook-early.mjs': `import { register } from 'node:module';\nimport { Metadata } from '@grpc/grpc-js';\nglobalThis.metadata = new Metadata();\nregister('@opentelemetry/instrumentation/hook.mjs', import.meta.url);\nawait import('./preload.mjs');\n`,
  // E3: an ESM entry whose first import starts the SDK after importing grpc-js for the exporter
  'start-early.mjs': `import { Metadata } from '@grpc/grpc-js';\n${startEsm}globalThis.metadata = new Metadata();\n`,
  'app-requires-late.cjs': `const grpc = require('@grpc/grpc-js');\nconsole.log(JSON.stringify({ app: ${patched('grpc')} }));\n`,
  'entry-cjs-app.mjs': `import './start-early.mjs';\nimport './app-requires-late.cjs';\n`,
  'entry-esm-app.mjs': `import './start-early.mjs';\nimport './app.mjs';\n`,
};

beforeAll(() => {
  symlinkSync(repoModules, join(dir, 'node_modules'), 'dir');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): Record<string, boolean> {
  const out = execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8', timeout: 30_000, env: { ...process.env, OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none', OTEL_LOGS_EXPORTER: 'none' } });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, boolean>;
}

describe('when an instrumentation patches a library (real SDK, grpc-js)', () => {
  it('CommonJS: the app requiring a module after the preload patches it, the preload’s early reference too', () => {
    expect(run('--require', './preload-early.cjs', 'app-requires.cjs')).toEqual({ app: true, early: true });
  }, 60_000);

  it('CommonJS: a module required before the start and never again stays unpatched', () => {
    expect(run('--require', './preload-early.cjs', 'app-silent.cjs')).toEqual({ early: false });
  }, 60_000);

  it('ESM: imports of the module that starts the SDK are never patched', () => {
    expect(run('same-module.mjs')).toEqual({ imported: false, dynamic: false });
  }, 60_000);

  it('ESM app: patched by an --import preload only with the loader hook registered; never by --require', () => {
    expect(run('--import', './preload.mjs', 'app.mjs')).toEqual({ app: false });
    expect(run('--import', './preload-hook.mjs', 'app.mjs')).toEqual({ app: true });
    expect(run('--require', './preload.cjs', 'app.mjs')).toEqual({ app: false });
  }, 90_000);

  it('ESM: an import for exporter configuration before the hook is registered does not keep the app from being patched', () => {
    expect(run('--import', './preload-hook-early.mjs', 'app.mjs')).toEqual({ app: true });
  }, 60_000);

  it('ESM entry: a later require of the app is patched after an early import in the start module; an ESM import is not, early import or not', () => {
    expect(run('entry-cjs-app.mjs')).toEqual({ app: true });
    expect(run('entry-esm-app.mjs')).toEqual({ app: false });
  }, 60_000);
});
