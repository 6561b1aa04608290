// Runtime proof with the real SDK (2.x line) for the duplicate-configuration rules:
//   - `getNodeAutoInstrumentations()` + `new UndiciInstrumentation()` in one NodeSDK: two undici
//     client spans per `fetch()` to a local server (the undici instrumentation subscribes to a
//     diagnostics channel, so instances stack);
//   - one exporter behind a SimpleSpanProcessor and a BatchSpanProcessor: every span exported twice.
// Each "after" program is produced by running the real codemod on the "before" text, and
// yields exactly one span per operation.
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
const api = { jscodeshift, j: jscodeshift, stats: () => {}, report: () => {} } as unknown as API;

const instrumentationsBefore = `const http = require('node:http');
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { SimpleSpanProcessor, InMemorySpanExporter } = require('@opentelemetry/sdk-trace-base');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici');

const exporter = new InMemorySpanExporter();
const sdk = new NodeSDK({
  spanProcessors: [new SimpleSpanProcessor(exporter)],
  instrumentations: [getNodeAutoInstrumentations(), new UndiciInstrumentation()],
});
sdk.start();

const server = http.createServer((req, res) => res.end('ok'));
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  for (let i = 0; i < ${REQUESTS}; i++) await fetch('http://127.0.0.1:' + port + '/items/' + i).then((r) => r.text());
  server.close();
  // SimpleSpanProcessor exports once the SDK's resource is resolved: flush before counting
  await require('@opentelemetry/api').trace.getTracerProvider().getDelegate().forceFlush();
  const spans = exporter.getFinishedSpans();
  const client = spans.filter((s) => s.kind === 2 && s.instrumentationScope.name === '@opentelemetry/instrumentation-undici');
  console.log(JSON.stringify({ fetches: ${REQUESTS}, clientSpans: client.length, total: spans.length }));
  await sdk.shutdown();
});
`;

const processorsBefore = `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { SimpleSpanProcessor, BatchSpanProcessor, InMemorySpanExporter } = require('@opentelemetry/sdk-trace-base');

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(exporter), new BatchSpanProcessor(exporter)],
});
provider.register();

const tracer = provider.getTracer('checkout');
for (let i = 0; i < ${REQUESTS}; i++) tracer.startSpan('op-' + i).end();
provider.forceFlush().then(() => {
  console.log(JSON.stringify({ ended: ${REQUESTS}, exported: exporter.getFinishedSpans().length }));
});
`;

const dir = mkdtempSync(join(tmpdir(), 'otel-safe-duplicates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function execute<T>(name: string, source: string): Promise<T> {
  const file = join(dir, name);
  writeFileSync(file, source);
  const { stdout } = await run(process.execPath, [file], {
    env: { ...process.env, NODE_PATH: repoModules, OTEL_LOGS_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none' },
    timeout: 25_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as T;
}

describe('runtime: auto bundle + UndiciInstrumentation (real SDK 2.x)', () => {
  const after = transforms['dedupe-instrumentations']!.run({ path: join(dir, 'instr-after.js'), source: instrumentationsBefore }, api, {})!;

  it('the rule reports the unfixed program and not the codemod output', () => {
    expect(lint(instrumentationsBefore, 'otel.js', 'no-duplicate-instrumentation').map((m) => m.messageId)).toEqual(['instrumentationInBundle']);
    expect(after).not.toContain('UndiciInstrumentation');
    expect(lint(after, 'otel.js', 'no-duplicate-instrumentation')).toEqual([]);
  });

  it('before: two client spans per fetch; after the codemod: exactly one', async () => {
    const b = await execute<{ fetches: number; clientSpans: number }>('instr-before.js', instrumentationsBefore);
    const a = await execute<{ fetches: number; clientSpans: number }>('instr-after.js', after);
    console.log(`undici client spans for ${REQUESTS} fetches: before ${b.clientSpans}, after ${a.clientSpans}`);
    expect(b.clientSpans).toBe(2 * REQUESTS);
    expect(a.clientSpans).toBe(REQUESTS);
  }, 60_000);
});

describe('runtime: one exporter behind Simple + Batch processors (real SDK 2.x)', () => {
  const after = transforms['dedupe-span-processors']!.run({ path: join(dir, 'proc-after.js'), source: processorsBefore }, api, {})!;

  it('the rule reports the unfixed program and not the codemod output', () => {
    expect(lint(processorsBefore, 'otel.js', 'no-duplicate-span-processor').map((m) => m.messageId)).toEqual(['exporterBehindTwoProcessors']);
    expect(after).not.toContain('new BatchSpanProcessor');
    expect(lint(after, 'otel.js', 'no-duplicate-span-processor')).toEqual([]);
  });

  it('before: every span exported twice; after the codemod: exactly once', async () => {
    const b = await execute<{ ended: number; exported: number }>('proc-before.js', processorsBefore);
    const a = await execute<{ ended: number; exported: number }>('proc-after.js', after);
    console.log(`spans exported for ${REQUESTS} ended: before ${b.exported}, after ${a.exported}`);
    expect(b.exported).toBe(2 * REQUESTS);
    expect(a.exported).toBe(REQUESTS);
  }, 60_000);
});
