// Runtime proof with the real SDK (sdk-trace-base 2.x, exporter-trace-otlp-http 0.223) of what
// `require-shutdown-handler` says a SimpleSpanProcessor loses: it exports each span as the span
// ends, so a process that just ends waits for that export (nothing lost: not reported by
// default), while SIGTERM with no handler cuts off the export still in flight (the message of
// the `inFlightExports` option); a handler that awaits `shutdown()` delivers it. The batching
// side (spans lost on SIGTERM, SIGINT, nodemon restarts and at the end of a script) is proved in
// test/runtime/lifecycle.test.ts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoModules = join(__dirname, '..', '..', 'node_modules');

const setup = `const { BasicTracerProvider, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter())] });
const tracer = provider.getTracer('span-loss');
`;

/** Ends one span, then: nothing (the script ends), or SIGTERM to itself in the same tick, with or without a flushing handler. */
const programs = {
  ends: `${setup}tracer.startSpan('ends-' + process.pid).end();\n`,
  sigterm: `${setup}tracer.startSpan('sigterm-' + process.pid).end();\nprocess.kill(process.pid, 'SIGTERM');\n`,
  handled: `${setup}process.once('SIGTERM', () => void provider.shutdown().finally(() => process.exit(143)));
tracer.startSpan('handled-' + process.pid).end();
process.kill(process.pid, 'SIGTERM');
`,
};

let server: Server;
let url: string;
const names: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'otel-safe-span-loss-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { resourceSpans?: { scopeSpans?: { spans?: { name: string }[] }[] }[] };
      for (const rs of body.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) names.push(s.name);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
  for (const [name, text] of Object.entries(programs)) writeFileSync(join(dir, `${name}.js`), text);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a program to its end (killed after 15 s: a hang fails the test); the pid names its span. */
function run(name: keyof typeof programs): Promise<{ pid: number; code: number | null; signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, [join(dir, `${name}.js`)], {
    cwd: dir,
    env: { ...process.env, NODE_PATH: repoModules, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url },
    stdio: 'ignore',
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ pid: child.pid!, code, signal });
    }),
  );
}

const arrived = async (prefix: string, pid: number) => {
  await new Promise((r) => setTimeout(r, 300));
  return names.filter((n) => n === `${prefix}-${pid}`).length;
};

describe('runtime: a SimpleSpanProcessor at the end of the process (real SDK, real OTLP/HTTP receiver)', () => {
  it('a script that just ends waits for the export in flight: the span arrives', async () => {
    const r = await run('ends');
    expect(r.code).toBe(0);
    expect(await arrived('ends', r.pid)).toBe(1);
  }, 30_000);

  it('SIGTERM with no handler cuts off the export in flight: the span never arrives', async () => {
    const r = await run('sigterm');
    expect(r.signal).toBe('SIGTERM');
    expect(await arrived('sigterm', r.pid)).toBe(0);
  }, 30_000);

  it('a SIGTERM handler that awaits shutdown() delivers it, then exits 143', async () => {
    const r = await run('handled');
    expect(r.code).toBe(143);
    expect(await arrived('handled', r.pid)).toBe(1);
  }, 30_000);
});
