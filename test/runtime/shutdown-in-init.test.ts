// Runtime proof (real SDK: sdk-node 0.223, exporter-trace-otlp-http 0.223.1, a local OTLP/HTTP
// receiver) of add-guards on the most common shape: an exported `initTelemetry()` that starts a
// NodeSDK, called by mistake from a request handler in another module. The server answers three
// requests (one span each) and gets SIGTERM.
//   - before: every request starts another SDK, nothing flushes, and SIGTERM kills the process
//     with the batched spans: none arrive;
//   - after `otel-codemod add-guards` (the real CLI on the project): one SDK, the signal
//     handlers installed once (next to the start, inside the guard) although the init ran three
//     times, all three spans arrive and the process exits 143.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { loadRegistry } from '../../src/cli/registry';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../../src/index';
import { startReceiver, waitFor, type Receiver } from './otlp-receiver';

const repoModules = join(__dirname, '..', '..', 'node_modules');
const REQUESTS = 3;

const TELEMETRY = `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');

/**
 * Starts tracing for the shop.
 */
function initTelemetry() {
  const sdk = new NodeSDK({ serviceName: 'shop', traceExporter: new OTLPTraceExporter() });
  sdk.start();
}

module.exports = { initTelemetry };
`;

// Each response says how many SIGTERM listeners the process has after the init ran again.
const SERVER = `const http = require('node:http');
const { trace } = require('@opentelemetry/api');
const { initTelemetry } = require('./telemetry');

let served = 0;
const server = http.createServer((req, res) => {
  initTelemetry();
  trace.getTracer('shop').startSpan('request-' + process.pid + '-' + served++).end();
  res.end(String(process.listenerCount('SIGTERM')));
});
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
`;

const root = mkdtempSync(join(tmpdir(), 'otel-safe-init-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
  writeFileSync(join(root, 'package.json'), '{ "name": "shop", "private": true, "main": "server.js", "scripts": { "start": "node server.js" } }\n');
  writeFileSync(join(root, 'server.js'), SERVER);
  writeFileSync(join(root, 'telemetry.js'), TELEMETRY);
});
afterAll(() => receiver.close());

/** Every otel-safe rule on a file at its real path in the temp project (outside the repo, hence cwd '/'). */
function lint(source: string, filename: string): { ruleId: string | null; message: string }[] {
  const linter = new Linter({ configType: 'flat', cwd: '/' });
  const rules = Object.fromEntries(Object.keys(plugin.rules).map((r) => [`otel-safe/${r}`, 'error' as const]));
  const messages = linter.verify(source, [{ files: ['**/*.js'], languageOptions: { parser: tsParser }, plugins: { 'otel-safe': plugin as never }, rules }], filename);
  if (messages.some((m) => !m.ruleId)) throw new Error(messages.map((m) => m.message).join('\n'));
  return messages.map((m) => ({ ruleId: m.ruleId, message: m.message }));
}

function get(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/' }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });
}

interface Outcome {
  readonly received: number;
  readonly sigtermListeners: readonly number[];
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Starts the server, sends three requests, then SIGTERM; counts the spans of this process the receiver got. */
async function serveThreeThenSigterm(): Promise<Outcome> {
  const child: ChildProcess = spawn(process.execPath, ['server.js'], {
    cwd: root,
    env: { ...process.env, NODE_PATH: repoModules, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.url, OTEL_METRICS_EXPORTER: 'none', OTEL_LOGS_EXPORTER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  // generous: loading the SDK in a child takes seconds on a loaded 2-core machine (npm test runs files in parallel)
  const killer = setTimeout(() => child.kill('SIGKILL'), 50_000);
  try {
    await waitFor(() => /port \d+/.test(out), 40_000, 'the server to listen');
    const port = Number(/port (\d+)/.exec(out)![1]);
    const sigtermListeners: number[] = [];
    for (let i = 0; i < REQUESTS; i++) sigtermListeners.push(Number(await get(port)));
    child.kill('SIGTERM');
    const exit = await exited;
    await new Promise((r) => setTimeout(r, 200));
    return { received: receiver.names.filter((n) => n.startsWith(`request-${child.pid}-`)).length, sigtermListeners, ...exit };
  } finally {
    clearTimeout(killer);
    // a failed wait must not leave the server running after the test
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

describe('runtime: an init called from a request handler, SIGTERM after three requests (real SDK, real receiver)', () => {
  const results: Record<string, Outcome> = {};
  afterAll(() => console.log(`shutdown-in-init runtime results: ${JSON.stringify(results)}`));

  it('before add-guards: three SDKs started, no handler, every span lost', async () => {
    expect(lint(TELEMETRY, join(root, 'telemetry.js')).map((m) => m.ruleId)).toEqual(['otel-safe/no-duplicate-registration', 'otel-safe/require-shutdown-handler']);
    const before = await serveThreeThenSigterm();
    results.before = before;
    expect(before.sigtermListeners).toEqual([0, 0, 0]);
    expect(before.signal).toBe('SIGTERM');
    expect(before.received).toBe(0);
  }, 120_000);

  it('after add-guards: handlers installed once, next to the start inside the guard; all three spans arrive; exit 143', async () => {
    let stdout = '';
    const code = await runCli(['add-guards', 'telemetry.js'], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true }, cwd: root, isTTY: false, workerScript: undefined }, await loadRegistry());
    expect(code, stdout).toBe(0);
    const fixed = readFileSync(join(root, 'telemetry.js'), 'utf8');
    expect(stdout).toContain('changed: telemetry.js');
    expect(stdout).not.toContain('Left for a human');
    // the handlers sit in guard-registration's factory, after the start
    const factory = fixed.slice(fixed.indexOf('??= (() => {'), fixed.indexOf('})());'));
    expect(factory.search(/process\.once\(\s*'SIGTERM'/)).toBeGreaterThan(factory.indexOf('sdk.start();'));
    expect(lint(fixed, join(root, 'telemetry.js'))).toEqual([]);

    const after = await serveThreeThenSigterm();
    results.after = after;
    expect(after.sigtermListeners).toEqual([1, 1, 1]);
    expect(after.code).toBe(143);
    expect(after.received).toBe(REQUESTS);
  }, 120_000);
});
