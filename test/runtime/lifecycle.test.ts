// Runtime proof with the real SDK (2.x line: sdk-node 0.223, exporter-trace-otlp-http 0.223.1)
// of `require-shutdown-handler` / `add-shutdown-handler`: a batching setup loses the spans it
// ended when the process is stopped (SIGTERM, SIGINT), restarted by nodemon (SIGUSR2), or
// just ends; after the codemod (the real transform, run on the program text) every span
// reaches a real OTLP/HTTP receiver on 127.0.0.1, the process exits with 128 + signal, and
// a collector that never answers cannot hold the exit longer than the shutdown timeout.
// `dev-simple-processor` alone makes spans of a nodemon-restarted dev server arrive.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo, Server, Socket } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jscodeshift from 'jscodeshift';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transforms } from '../../codemods';
import type { API } from '../../src/codemod/types';
import { SHUTDOWN_TIMEOUT_MS } from '../../src/fix/add-shutdown-handler';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../../src/index';

const repoModules = join(__dirname, '..', '..', 'node_modules');
const nodemonBin = join(repoModules, 'nodemon', 'bin', 'nodemon.js');
const SPANS = 5;
const api = { jscodeshift, j: jscodeshift, stats: () => {}, report: () => {} } as unknown as API;

const setup = `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { trace } = require('@opentelemetry/api');

const sdk = new NodeSDK({ traceExporter: new OTLPTraceExporter() });
sdk.start();
`;

// A server: ends ${SPANS} spans once listening, then waits for a signal.
const serverBefore = `const http = require('node:http');
${setup}
const server = http.createServer((req, res) => res.end('ok'));
server.listen(0, '127.0.0.1', () => {
  const tracer = trace.getTracer('lifecycle');
  for (let i = 0; i < ${SPANS}; i++) tracer.startSpan('run-' + process.pid + '-' + i).end();
  console.log('ready ' + process.pid);
});
`;

// A script: ends ${SPANS} spans and just ends.
const scriptBefore = `${setup}
const tracer = trace.getTracer('lifecycle');
for (let i = 0; i < ${SPANS}; i++) tracer.startSpan('run-' + process.pid + '-' + i).end();
console.log('done ' + process.pid);
`;

interface Receiver {
  url: string;
  names: string[];
  requests: number;
  close(): Promise<void>;
}

/** An OTLP/HTTP JSON receiver (what exporter-trace-otlp-http posts): records span names. */
async function startReceiver(): Promise<Receiver> {
  const r = { names: [] as string[], requests: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      r.requests++;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        resourceSpans?: { scopeSpans?: { spans?: { name: string }[] }[] }[];
      };
      for (const rs of body.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) r.names.push(s.name);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    get names() {
      return r.names;
    },
    get requests() {
      return r.requests;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function start(cmd: string[], cwd: string, collector: string, detached = false): Run {
  const child = spawn(process.execPath, cmd, {
    cwd,
    detached,
    env: {
      ...process.env,
      NODE_PATH: repoModules,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: collector,
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, output: () => out, exited };
}

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Resolves with the exit, or kills the process (a hang is a failure, never a stuck test). */
async function exitWithin(run: Run, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }> {
  const timer = setTimeout(() => run.child.kill('SIGKILL'), ms);
  const result = await run.exited;
  clearTimeout(timer);
  return result;
}

const root = mkdtempSync(join(tmpdir(), 'otel-safe-lifecycle-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

/** The real add-shutdown-handler transform on a program text at its path in a project. */
function codemod(dir: string, file: string, source: string): string {
  const out = transforms['add-shutdown-handler']!.run({ path: join(dir, file), source }, api, {});
  expect(out, 'the codemod rewrites the program').toBeTruthy();
  expect(out).not.toBe(source);
  return out!;
}

/** Lints a program at its real path in a temp project (outside the repo, hence cwd '/'). */
function lint(source: string, filename: string, rule: string): { messageId?: string; message: string }[] {
  const linter = new Linter({ configType: 'flat', cwd: '/' });
  const messages = linter.verify(
    source,
    [{ files: ['**/*.js'], languageOptions: { parser: tsParser }, plugins: { 'otel-safe': plugin as never }, rules: { [`otel-safe/${rule}`]: 'error' } }],
    filename,
  );
  if (messages.some((m) => !m.ruleId)) throw new Error(messages.map((m) => m.message).join('\n'));
  return messages.map((m) => ({ messageId: m.messageId, message: m.message }));
}

const results: Record<string, unknown> = {};
afterAll(() => {
  console.log(`lifecycle runtime results: ${JSON.stringify(results, null, 1)}`);
});

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

const received = (pid: number | undefined) => receiver.names.filter((n) => n.startsWith(`run-${pid}-`)).length;

describe('runtime: shutdown on signals (real SDK, real OTLP/HTTP receiver)', () => {
  const dir = project('server', { 'package.json': '{ "name": "server", "private": true, "scripts": { "start": "node server.js" } }' });
  const after = codemod(dir, 'server.js', serverBefore);

  it('the rule reports the unfixed program and not the fixed one', () => {
    expect(lint(serverBefore, join(dir, 'server.js'), 'require-shutdown-handler').map((m) => m.messageId)).toEqual(['missingShutdown']);
    expect(lint(after, join(dir, 'server.js'), 'require-shutdown-handler')).toEqual([]);
    expect(after).not.toContain('otel-safe/'); // self-contained: no import from this package
  });

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal}: spans ended before the signal arrive only after the codemod; exit ${code}`, async () => {
      writeFileSync(join(dir, 'before.js'), serverBefore);
      writeFileSync(join(dir, 'after.js'), after);
      const outcome: Record<string, unknown> = {};
      for (const variant of ['before', 'after'] as const) {
        const run = start([`${variant}.js`], dir, receiver.url);
        await waitFor(() => /ready \d+/.test(run.output()), 15_000, `${variant} ready`);
        const sentAt = Date.now();
        run.child.kill(signal);
        const exit = await exitWithin(run, 15_000);
        await new Promise((r) => setTimeout(r, 200));
        outcome[variant] = { sent: SPANS, received: received(run.child.pid), code: exit.code, signal: exit.signal, exitMs: exit.at - sentAt };
        if (variant === 'before') {
          expect(received(run.child.pid), 'spans lost without a handler').toBe(0);
          expect(exit.signal).toBe(signal);
        } else {
          expect(received(run.child.pid), run.output()).toBe(SPANS);
          expect(exit.code).toBe(code);
        }
      }
      results[signal] = outcome;
    }, 60_000);
  }
});

describe('runtime: a script that just ends', () => {
  const dir = project('script', { 'package.json': '{ "name": "script", "private": true }' });
  const after = codemod(dir, 'script.js', scriptBefore);

  it('spans are received only after the codemod; the script still exits 0 on its own', async () => {
    writeFileSync(join(dir, 'before.js'), scriptBefore);
    writeFileSync(join(dir, 'after.js'), after);
    const outcome: Record<string, unknown> = {};
    for (const variant of ['before', 'after'] as const) {
      const t0 = Date.now();
      const run = start([`${variant}.js`], dir, receiver.url);
      const exit = await exitWithin(run, 20_000);
      await new Promise((r) => setTimeout(r, 200));
      outcome[variant] = { sent: SPANS, received: received(run.child.pid), code: exit.code, ms: exit.at - t0 };
      expect(exit.code, run.output()).toBe(0);
      expect(received(run.child.pid), run.output()).toBe(variant === 'before' ? 0 : SPANS);
    }
    results.script = outcome;
  }, 60_000);
});

describe('runtime: a real nodemon restart (SIGUSR2)', () => {
  const dir = project('nodemon-app', {
    'package.json': '{ "name": "nodemon-app", "private": true, "scripts": { "dev": "nodemon server.js" }, "devDependencies": { "nodemon": "3.1.14" } }',
    'watched.js': 'module.exports = 1;\n',
  });
  const after = codemod(dir, 'server.js', serverBefore);

  it('the codemod flushes and re-raises SIGUSR2 in a nodemon project', () => {
    expect(after).toContain("process.on('SIGUSR2', onRestart)");
    expect(lint(serverBefore, join(dir, 'server.js'), 'require-shutdown-handler')[0]?.message).toContain('SIGUSR2');
  });

  it('spans ended before the restart are received only after the codemod', async () => {
    const outcome: Record<string, unknown> = {};
    for (const variant of ['before', 'after'] as const) {
      writeFileSync(join(dir, 'server.js'), variant === 'before' ? serverBefore : after);
      const run = start([nodemonBin, '--watch', 'watched.js', '--delay', '0.1', '--no-stdin', 'server.js'], dir, receiver.url, true);
      try {
        await waitFor(() => /ready \d+/.test(run.output()), 20_000, `${variant} first run`);
        const firstPid = Number(/ready (\d+)/.exec(run.output())![1]);
        writeFileSync(join(dir, 'watched.js'), `module.exports = ${Date.now()};\n`);
        await waitFor(() => (run.output().match(/ready \d+/g) ?? []).length >= 2, 20_000, `${variant} restart`);
        await new Promise((r) => setTimeout(r, 300));
        outcome[variant] = { sent: SPANS, receivedFromFirstRun: received(firstPid) };
        expect(received(firstPid), run.output()).toBe(variant === 'before' ? 0 : SPANS);
      } finally {
        try {
          process.kill(-run.child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
        await exitWithin(run, 5_000);
      }
    }
    results.nodemon = outcome;
  }, 90_000);
});

describe('runtime: dev-simple-processor under a real nodemon restart', () => {
  const dir = project('nodemon-simple', {
    'package.json': '{ "name": "nodemon-simple", "private": true, "scripts": { "dev": "nodemon server.js", "start": "node server.js" } }',
    'watched.js': 'module.exports = 1;\n',
  });
  const out = transforms['dev-simple-processor']!.run({ path: join(dir, 'server.js'), source: serverBefore }, api, {});

  it('without any shutdown handler, spans ended before the restart arrive once the processor is simple (NODE_ENV=development)', async () => {
    // the codemod's form: the exporter built once, the processors from sdk-node's `tracing` (the file imports sdk-node; this project declares no SDK package)
    expect(out).toMatch(/process\.env\.NODE_ENV === 'production'\s*\?\s*new tracing\.BatchSpanProcessor\(traceExporter\)\s*:\s*new tracing\.SimpleSpanProcessor\(traceExporter\)/);
    const outcome: Record<string, unknown> = {};
    for (const variant of ['before', 'after'] as const) {
      writeFileSync(join(dir, 'server.js'), variant === 'before' ? serverBefore : out!);
      const run = start([nodemonBin, '--watch', 'watched.js', '--delay', '0.1', '--no-stdin', 'server.js'], dir, receiver.url, true);
      try {
        await waitFor(() => /ready \d+/.test(run.output()), 20_000, `${variant} first run`);
        const firstPid = Number(/ready (\d+)/.exec(run.output())![1]);
        await new Promise((r) => setTimeout(r, 300));
        writeFileSync(join(dir, 'watched.js'), `module.exports = ${Date.now()};\n`);
        await waitFor(() => (run.output().match(/ready \d+/g) ?? []).length >= 2, 20_000, `${variant} restart`);
        await new Promise((r) => setTimeout(r, 300));
        outcome[variant] = { sent: SPANS, receivedFromFirstRun: received(firstPid) };
        expect(received(firstPid), run.output()).toBe(variant === 'before' ? 0 : SPANS);
      } finally {
        try {
          process.kill(-run.child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
        await exitWithin(run, 5_000);
      }
    }
    results['nodemon, dev-simple-processor only'] = outcome;
  }, 90_000);
});

describe('runtime: a dead collector cannot hang the exit', () => {
  const dir = project('dead', { 'package.json': '{ "name": "dead", "private": true }' });
  const after = codemod(dir, 'server.js', serverBefore);
  let blackHole: Server;
  const sockets: Socket[] = [];
  let deadUrl = '';
  let hangingUrl = '';

  beforeAll(async () => {
    // nothing listening: a port that was free a moment ago
    const probe = createTcpServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    deadUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/v1/traces`;
    await new Promise((resolve) => probe.close(resolve));
    // a collector that accepts and never answers
    blackHole = createTcpServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    hangingUrl = `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}/v1/traces`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => blackHole.close(resolve));
  });

  it('baseline: an unbounded shutdown waits for the exporter when the collector never answers', async () => {
    const unbounded = `${serverBefore}process.on('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));\n`;
    writeFileSync(join(dir, 'unbounded.js'), unbounded);
    const run = start(['unbounded.js'], dir, hangingUrl);
    await waitFor(() => /ready \d+/.test(run.output()), 15_000, 'ready');
    const sentAt = Date.now();
    run.child.kill('SIGTERM');
    const exit = await exitWithin(run, 40_000);
    const ms = exit.at - sentAt;
    results['dead collector (never answers), unbounded handler'] = { code: exit.code, signal: exit.signal, exitMs: ms };
    expect(ms).toBeGreaterThan(SHUTDOWN_TIMEOUT_MS + 1500);
  }, 60_000);

  for (const kind of ['nothing listening', 'never answers'] as const) {
    it(`${kind}: SIGTERM exits 143 within the shutdown timeout`, async () => {
      writeFileSync(join(dir, 'after.js'), after);
      const run = start(['after.js'], dir, kind === 'nothing listening' ? deadUrl : hangingUrl);
      await waitFor(() => /ready \d+/.test(run.output()), 15_000, 'ready');
      const sentAt = Date.now();
      run.child.kill('SIGTERM');
      const exit = await exitWithin(run, 20_000);
      const ms = exit.at - sentAt;
      results[`dead collector (${kind})`] = { code: exit.code, exitMs: ms, timeoutMs: SHUTDOWN_TIMEOUT_MS };
      expect(exit.code, run.output()).toBe(143);
      expect(ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1500);
    }, 40_000);
  }
});
