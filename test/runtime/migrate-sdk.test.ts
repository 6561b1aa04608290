// Runtime proofs for `otel-codemod migrate-sdk`, with the real SDKs:
//   1.x → 2.x: a 1.x-style setup (`addSpanProcessor`) throws on the repo's real 2.x SDK; the
//              program the codemod writes runs there and exports every span;
//   2.x → 3.x: a 2.x setup (sdk-trace-node, positional processors, `register()`) runs on 2.x but
//              not on 3.x; the codemod's program runs on the real 3.x SDK (Node 22, installed at
//              test time into a cache directory outside the repo) and exports every span, nested
//              spans keeping their parent (the context manager was set up) on both processors.
// The "after" programs are the codemod's output on the "before" text, not hand-written.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jscodeshift from 'jscodeshift';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transforms } from '../../codemods';
import type { API } from '../../src/codemod/types';
import { lint } from '../support/lint';

const run = promisify(execFile);
const repoModules = join(__dirname, '..', '..', 'node_modules');
const api = { jscodeshift, j: jscodeshift, stats: () => {}, report: () => {} } as unknown as API;
const dir = mkdtempSync(join(tmpdir(), 'otel-safe-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function migrate(source: string, to: 2 | 3, name: string): string {
  return transforms['migrate-sdk']!.run({ path: join(dir, name), source }, api, { settings: {}, to })!;
}

interface Outcome {
  spans: Record<string, number>;
  /** Every child span's parent is the span that was active when it started. */
  nested: boolean;
}

async function execute(node: string, file: string, source: string, modules: string): Promise<{ code: number; outcome?: Outcome; stderr: string }> {
  writeFileSync(file, source);
  try {
    const { stdout, stderr } = await run(node, [file], { env: { ...process.env, NODE_PATH: modules, OTEL_LOG_LEVEL: '' }, timeout: 20_000 });
    return { code: 0, outcome: JSON.parse(stdout.trim().split('\n').at(-1)!) as Outcome, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    const last = err.stdout?.trim().split('\n').at(-1);
    const outcome = last?.startsWith('{') ? (JSON.parse(last) as Outcome) : undefined;
    return { code: typeof err.code === 'number' ? err.code : 1, stderr: err.stderr ?? String(e), ...(outcome ? { outcome } : {}) };
  }
}

// Shared tail: two nested spans per request, then flush and print what each exporter holds.
const workload = (exporters: string) => `
const tracer = trace.getTracer('checkout');
for (let i = 0; i < 3; i++) {
  tracer.startActiveSpan('order ' + i, (parent) => {
    tracer.startActiveSpan('charge ' + i, (child) => child.end());
    parent.end();
  });
}
const parentOf = (s) => (s.parentSpanContext ? s.parentSpanContext.spanId : s.parentSpanId);
// a broken processor makes forceFlush reject; report what arrived anyway
provider.forceFlush().catch((e) => console.error('forceFlush failed: ' + (e && e.message))).then(() => {
  const spans = {};
  let nested = true;
  for (const [name, memory] of Object.entries({ ${exporters} })) {
    const finished = memory.getFinishedSpans();
    spans[name] = finished.length;
    for (const s of finished) {
      if (!s.name.startsWith('charge')) continue;
      const parent = finished.find((p) => p.name === s.name.replace('charge', 'order'));
      if (!parent || parentOf(s) !== parent.spanContext().spanId) nested = false;
    }
  }
  console.log(JSON.stringify({ spans, nested }));
  return provider.shutdown().catch((e) => console.error('shutdown failed: ' + e.message));
});
`;

describe('runtime: migrate-sdk --to 2 on the real 2.x SDK', () => {
  // 1.x style: processors attached after construction, the exporter declared after the provider
  const before = `const { trace } = require('@opentelemetry/api');
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { SimpleSpanProcessor, InMemorySpanExporter } = require('@opentelemetry/sdk-trace-base');

const provider = new NodeTracerProvider();
const exporter = new InMemorySpanExporter();
provider.addSpanProcessor(new SimpleSpanProcessor(exporter));
provider.register();
${workload('exporter')}`;
  const after = migrate(before, 2, 'tracing.js');

  it('the rule reports the 1.x program under 2.x and nothing on the migrated one', () => {
    const settings = { 'otel-safe': { sdkGeneration: 2 } };
    // the construction has no processor on 2.x (addSpanProcessor is gone), the call throws: both reported (holdout5 A1)
    expect(lint(before, 'tracing.js', 'no-removed-sdk-api', settings).map((m) => m.messageId)).toEqual(['noSpanProcessor', 'removedProviderMethod']);
    expect(after).toContain('new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })');
    expect(after).not.toContain('addSpanProcessor');
    expect(lint(after, 'tracing.js', 'no-removed-sdk-api', settings)).toEqual([]);
  });

  it('before: the 1.x program throws on 2.x (addSpanProcessor was removed)', async () => {
    const result = await execute(process.execPath, join(dir, 'before-2.cjs'), before, repoModules);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/addSpanProcessor is not a function/);
  });

  it('after: the migrated program exports all 6 spans, children under their parents', async () => {
    const result = await execute(process.execPath, join(dir, 'after-2.cjs'), after, repoModules);
    expect(result.stderr).toBe('');
    expect(result.outcome).toEqual({ spans: { exporter: 6 }, nested: true });
  });
});

// ---------------------------------------------------------------------------------------------
// 3.x: Node >= 22.15 and the 3.x packages, installed outside the repo

const cache = process.env.OTEL_SAFE_SDK3_CACHE ?? join(tmpdir(), 'otel-safe-sdk3-cache');
const PACKAGES = ['node@22', '@opentelemetry/sdk-trace@3.1.1', '@opentelemetry/api@1.10.0', '@opentelemetry/context-async-hooks@3.x', '@opentelemetry/core@3.x'];
let node22 = '';

/** The Node 22 binary: the `node` package's bin (a hard link its postinstall makes), else the platform package it installs. */
function findNode22(): string | undefined {
  const platform = `node-${process.platform}-${process.arch}`;
  const candidates = [
    join(cache, 'node_modules', 'node', 'bin', 'node'),
    join(cache, 'node_modules', 'node', 'node_modules', platform, 'bin', 'node'),
    join(cache, 'node_modules', platform, 'bin', 'node'),
  ];
  for (const bin of candidates) {
    if (!existsSync(bin)) continue;
    try {
      const version = execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
      const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
      if (major! > 22 || (major === 22 && minor! >= 15)) return bin;
    } catch {
      // not executable here (no postinstall ran): try the next one
    }
  }
  return undefined;
}

function installed(): boolean {
  try {
    const v = JSON.parse(readFileSync(join(cache, 'node_modules', '@opentelemetry', 'sdk-trace', 'package.json'), 'utf8')).version;
    return v === '3.1.1' && existsSync(join(cache, 'node_modules', '@opentelemetry', 'context-async-hooks')) && !!findNode22();
  } catch {
    return false;
  }
}

describe('runtime: migrate-sdk --to 3 on the real 3.x SDK (Node 22)', () => {
  beforeAll(() => {
    mkdirSync(cache, { recursive: true });
    if (!installed()) {
      execFileSync('npm', ['install', '--prefix', cache, ...PACKAGES, '--prefer-offline', '--no-audit', '--no-fund'], { stdio: 'pipe', timeout: 240_000 });
    }
    node22 = findNode22() ?? '';
  }, 300_000);

  // A 2.x setup: sdk-trace-node, positional processors, register()
  const before = `const { trace } = require('@opentelemetry/api');
const { NodeTracerProvider, SimpleSpanProcessor, BatchSpanProcessor, InMemorySpanExporter } = require('@opentelemetry/sdk-trace-node');

const simple = new InMemorySpanExporter();
const batched = new InMemorySpanExporter();
const provider = new NodeTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(simple), new BatchSpanProcessor(batched, { scheduledDelayMillis: 20 })],
});
provider.register();
${workload('simple, batched')}`;
  const after = migrate(before, 3, 'tracing.cjs');

  it('finds a usable Node >= 22.15 and the 3.x packages in the cache', () => {
    expect(node22, `a Node 22 binary under ${cache}`).not.toBe('');
    const sdk = JSON.parse(readFileSync(join(cache, 'node_modules', '@opentelemetry', 'sdk-trace', 'package.json'), 'utf8'));
    expect(sdk.version).toBe('3.1.1');
  });

  it('the rule reports the 2.x program under 3.x and nothing on the migrated one', () => {
    const settings = { 'otel-safe': { sdkGeneration: 3 } };
    expect(lint(before, 'tracing.cjs', 'no-removed-sdk-api', settings).map((m) => m.messageId)).toEqual(['moduleNotInGeneration']);
    expect(after).toContain("require('@opentelemetry/sdk-trace')");
    expect(after).toContain('new SimpleSpanProcessor({ exporter: simple })');
    expect(after).toContain('new BatchSpanProcessor({ exporter: batched, scheduledDelayMillis: 20 })');
    expect(after).toContain('trace.setGlobalTracerProvider(provider)');
    expect(after).toContain('context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable())');
    expect(after).not.toContain('.register(');
    expect(lint(after, 'tracing.cjs', 'no-removed-sdk-api', settings)).toEqual([]);
  });

  it('before: the 2.x program exports all 6 spans on each processor on the real 2.x SDK', async () => {
    const result = await execute(process.execPath, join(dir, 'before-on-2.cjs'), before, repoModules);
    expect(result.stderr).toBe('');
    expect(result.outcome).toEqual({ spans: { simple: 6, batched: 6 }, nested: true });
  });

  it('before: the 2.x program does not run on 3.x (sdk-trace-node has no 3.x release)', async () => {
    const result = await execute(node22, join(cache, 'before-on-3.cjs'), before, join(cache, 'node_modules'));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Cannot find module '@opentelemetry\/sdk-trace-node'/);
  });

  // Half-migrated: already on @opentelemetry/sdk-trace, but with the positional processor arguments of 2.x
  const positional = `const { trace, context } = require('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const { TracerProvider, SimpleSpanProcessor, InMemorySpanExporter } = require('@opentelemetry/sdk-trace');

const simple = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor(simple)] });
trace.setGlobalTracerProvider(provider);
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
${workload('simple')}`;

  it('positional: 3.x constructs the processor, then exports nothing; the codemod passes { exporter } and all 6 spans arrive', async () => {
    const settings = { 'otel-safe': { sdkGeneration: 3 } };
    expect(lint(positional, 'tracing.cjs', 'no-removed-sdk-api', settings).map((m) => m.messageId)).toEqual(['positionalProcessor']);
    const fixed = migrate(positional, 3, 'positional.cjs');
    expect(fixed).toContain('new SimpleSpanProcessor({ exporter: simple })');
    const broken = await execute(node22, join(cache, 'positional-before.cjs'), positional, join(cache, 'node_modules'));
    expect(broken.outcome).toEqual({ spans: { simple: 0 }, nested: true });
    // the export fails inside the SDK (silently: the global error handler goes to diag), and shutdown() rejects
    expect(broken.code).toBe(0);
    expect(broken.stderr).toMatch(/shutdown failed: Cannot read properties of undefined \(reading 'shutdown'\)/);
    const result = await execute(node22, join(cache, 'positional-after.cjs'), fixed, join(cache, 'node_modules'));
    expect(result.outcome).toEqual({ spans: { simple: 6 }, nested: true });
  });

  it('after: the migrated program exports all 6 spans on each processor on 3.x, children under their parents', async () => {
    const result = await execute(node22, join(cache, 'after-on-3.cjs'), after, join(cache, 'node_modules'));
    expect(result.stderr).toBe('');
    expect(result.outcome).toEqual({ spans: { simple: 6, batched: 6 }, nested: true });
  });
});
