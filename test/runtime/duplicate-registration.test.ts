// Runtime proof with the real SDK (2.x line): setup code that a request handler runs on
// every request registers a provider per request. The first one wins; every later
// provider is built, never becomes global, and its exporter receives nothing, while
// the API reports each duplicate only through diag. After `otel-codemod add-guards`
// (the real transform, run on the program text) there is one provider and one exporter,
// and every span reaches it exactly once.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jscodeshift from 'jscodeshift';
import { afterAll, describe, expect, it } from 'vitest';
import { transforms } from '../../codemods';
import type { API } from '../../src/codemod/types';
import { lint } from '../support/lint';

const run = promisify(execFile);
const repoModules = join(__dirname, '..', '..', 'node_modules');
const REQUESTS = 3;

// A small HTTP service on 127.0.0.1 whose handler sets tracing up on every request (the bug).
const before = `const http = require('node:http');
const { trace, diag, DiagLogLevel } = require('@opentelemetry/api');
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { SimpleSpanProcessor, InMemorySpanExporter } = require('@opentelemetry/sdk-trace-base');

const exporters = [];
const track = (exporter) => (exporters.push(exporter), exporter);
let duplicateErrors = 0;
diag.setLogger({ error: (m) => { if (String(m).includes('duplicate registration')) duplicateErrors++; }, warn() {}, info() {}, debug() {}, verbose() {} }, DiagLogLevel.ERROR);

function setupTracing() {
  const provider = new NodeTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(track(new InMemorySpanExporter()))],
  });
  provider.register();
  return provider;
}

const server = http.createServer((req, res) => {
  setupTracing();
  trace.getTracer('shop').startSpan('GET ' + req.url).end();
  res.end('ok');
});

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  for (let i = 0; i < ${REQUESTS}; i++) await fetch('http://127.0.0.1:' + port + '/orders/' + i).then((r) => r.text());
  server.close();
  console.log(JSON.stringify({ exporters: exporters.map((e) => e.getFinishedSpans().length), duplicateErrors }));
});
`;

interface Outcome {
  exporters: number[];
  duplicateErrors: number;
}

const dir = mkdtempSync(join(tmpdir(), 'otel-safe-runtime-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function execute(name: string, source: string): Promise<Outcome> {
  const file = join(dir, name);
  writeFileSync(file, source);
  const { stdout } = await run(process.execPath, [file], { env: { ...process.env, NODE_PATH: repoModules }, timeout: 20_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Outcome;
}

describe('runtime: registration in a request handler (real SDK 2.x)', () => {
  const api = { jscodeshift, j: jscodeshift, stats: () => {}, report: () => {} } as unknown as API;
  const after = transforms['add-guards']!.run({ path: join(dir, 'after.js'), source: before }, api, {})!;

  it('the rule reports the unfixed program and not the fixed one', () => {
    expect(lint(before, 'service.js', 'no-duplicate-registration').map((m) => m.messageId)).toEqual(['registrationInRerunnableCode']);
    expect(after).not.toBe(before);
    expect(after).toContain("Symbol.for('otel-safe.NodeTracerProvider')");
    expect(lint(after, 'service.js', 'no-duplicate-registration')).toEqual([]);
  });

  it('before: every request after the first builds a provider whose exporter receives nothing', async () => {
    const outcome = await execute('before.js', before);
    expect(outcome.exporters).toEqual([REQUESTS, ...Array(REQUESTS - 1).fill(0)]);
    // each extra register() fails for trace, context and propagation, visible only through diag
    expect(outcome.duplicateErrors).toBe((REQUESTS - 1) * 3);
  });

  it('after the codemod: one provider, one exporter, every span exported exactly once', async () => {
    const outcome = await execute('after.js', after);
    expect(outcome.exporters).toEqual([REQUESTS]);
    expect(outcome.duplicateErrors).toBe(0);
  });
});
