// Runtime proof with the real OTLP/HTTP exporter (exporter-trace-otlp-http 0.2xx) of the
// `baseEndpointAsTracesUrl` message of `no-hardcoded-exporter-endpoint`: given
// OTEL_EXPORTER_OTLP_ENDPOINT's value as `url`, the exporter posts to that URL as-is (the
// collector root); reading the same variable itself, it appends `/v1/traces`.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: Server;
let base: string;
const paths: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    paths.push(req.url ?? '');
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function exportOneSpan(exporter: OTLPTraceExporter): Promise<string | undefined> {
  const before = paths.length;
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.getTracer('base-endpoint').startSpan('one').end();
  await provider.forceFlush();
  await provider.shutdown();
  return paths.slice(before)[0];
}

describe('the base endpoint given as the traces URL (real exporter)', () => {
  it('`url: <OTEL_EXPORTER_OTLP_ENDPOINT>` posts to the collector root', async () => {
    expect(await exportOneSpan(new OTLPTraceExporter({ url: base }))).toBe('/');
  });

  it('the exporter reading OTEL_EXPORTER_OTLP_ENDPOINT itself appends /v1/traces', async () => {
    const saved = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = base;
    try {
      expect(await exportOneSpan(new OTLPTraceExporter())).toBe('/v1/traces');
    } finally {
      if (saved === undefined) delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
      else process.env.OTEL_EXPORTER_OTLP_ENDPOINT = saved;
    }
  });
});
