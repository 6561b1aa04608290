// Runtime proof with the real SDK (sdk-node 0.223, sdk-trace-base 2.x) of why
// `require-shutdown-handler` leaves a NodeSDK alone whose only trace pipeline exports nothing
// (holdout class H1): a NoopSpanProcessor passed as `traceExporter` (NodeSDK wraps it in a
// BatchSpanProcessor, whose export finds no `export()` on it), or an exporter class whose
// `export()` only reports success. Even `await sdk.shutdown()`, the flush the rule would ask
// for, delivers nothing there, while the same SDK with its env-default exporter delivers the span.
// (On sdk-node 0.223 the NoopSpanProcessor-as-exporter program even dies at that first export:
// the batch calls `export()` after the async resource settles, outside the promise that would
// catch the TypeError. Older SDKs report it to the global error handler. No rule covers that.)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from './otlp-receiver';

const repoModules = join(__dirname, '..', '..', 'node_modules');

/** Starts a NodeSDK with `options`, ends one span named after the program and the pid, awaits `shutdown()`. */
const program = (options: string, prelude = '') => `const { NodeSDK, tracing } = require('@opentelemetry/sdk-node');
const { trace } = require('@opentelemetry/api');
${prelude}
const sdk = new NodeSDK(${options});
sdk.start();
trace.getTracer('noop-pipeline').startSpan(require('node:path').basename(__filename, '.js') + '-' + process.pid).end();
sdk.shutdown().catch(() => {}).finally(() => process.exit(0));
`;

const programs = {
  envDefault: program('{}'),
  noopAsExporter: program('{ traceExporter: new tracing.NoopSpanProcessor() }'),
  noopProcessor: program('{ spanProcessors: [new tracing.NoopSpanProcessor()] }'),
  nullExporter: program('{ traceExporter: new NullExporter() }', 'class NullExporter { export(spans, done) { done({ code: 0 }); } shutdown() { return Promise.resolve(); } }'),
};

let receiver: Receiver;
const dir = mkdtempSync(join(tmpdir(), 'otel-safe-noop-pipeline-'));

beforeAll(async () => {
  receiver = await startReceiver();
  for (const [name, text] of Object.entries(programs)) writeFileSync(join(dir, `${name}.js`), text);
});
afterAll(async () => {
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a program to its end (killed after 15 s); the number of its spans the collector received. */
async function spansDelivered(name: keyof typeof programs, exitCode: number | null = 0): Promise<number> {
  const child = spawn(process.execPath, [join(dir, `${name}.js`)], {
    cwd: dir,
    env: { ...process.env, NODE_PATH: repoModules, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json', OTEL_TRACES_EXPORTER: 'otlp', OTEL_METRICS_EXPORTER: 'none', OTEL_LOGS_EXPORTER: 'none' },
    stdio: 'ignore',
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(timer);
  if (exitCode !== null) expect(code).toBe(exitCode);
  await new Promise((r) => setTimeout(r, 300));
  return receiver.names.filter((n) => n === `${name}-${child.pid}`).length;
}

describe('runtime: a NodeSDK whose trace pipeline exports nothing (real SDK, real OTLP/HTTP receiver)', () => {
  it('control: the env-default exporter delivers the span when shutdown() flushes it', async () => {
    expect(await spansDelivered('envDefault')).toBe(1);
  });
  it('a NoopSpanProcessor passed as traceExporter: nothing is delivered, even after shutdown()', async () => {
    expect(await spansDelivered('noopAsExporter', null)).toBe(0);
  });
  it('a NoopSpanProcessor as the only span processor: nothing is delivered, even after shutdown()', async () => {
    expect(await spansDelivered('noopProcessor')).toBe(0);
  });
  it('an exporter whose export() only reports success: nothing is delivered, even after shutdown()', async () => {
    expect(await spansDelivered('nullExporter')).toBe(0);
  });
});
