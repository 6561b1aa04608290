// Runtime proof with the real SDK (sdk-node 0.223, sdk-metrics 2.x) of what `require-hmr-dispose`
// says about a second `start()` of the same NodeSDK (HM1: a self-accepting entry re-runs the
// bootstrap that starts an SDK another module built once): start() has no guard of its own, the
// new tracer provider never becomes global (first wins), and with a metric reader the second
// start throws, because a reader binds to one MeterProvider only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoModules = join(__dirname, '..', '..', 'node_modules');
const dir = mkdtempSync(join(tmpdir(), 'otel-safe-second-start-'));

const probe = `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { PeriodicExportingMetricReader, InMemoryMetricExporter, AggregationTemporality } = require('@opentelemetry/sdk-metrics');
const { InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { trace } = require('@opentelemetry/api');
const withReader = process.argv[2] === 'reader';
const sdk = new NodeSDK({
  spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())],
  ...(withReader ? { metricReader: new PeriodicExportingMetricReader({ exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE) }) } : {}),
});
sdk.start();
const first = trace.getTracerProvider().getDelegate();
let error = null;
try { sdk.start(); } catch (e) { error = e.message; }
console.log(JSON.stringify({ error, sameGlobal: trace.getTracerProvider().getDelegate() === first, secondIsNew: sdk._tracerProvider !== first }));
process.exit(0);
`;

beforeAll(() => {
  symlinkSync(repoModules, join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'probe.cjs'), probe);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['probe.cjs', ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none', OTEL_LOGS_EXPORTER: 'none' } });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
}

describe('a second start() of the same NodeSDK (real sdk-node)', () => {
  it('builds a tracer provider that never becomes global', () => {
    expect(run()).toEqual({ error: null, sameGlobal: true, secondIsNew: true });
  }, 60_000);

  it('throws when the SDK has a metric reader', () => {
    // it throws while building the MeterProvider, before a second tracer provider exists
    expect(run('reader')).toEqual({ error: 'MetricReader can not be bound to a MeterProvider again.', sameGlobal: true, secondIsNew: false });
  }, 60_000);
});
