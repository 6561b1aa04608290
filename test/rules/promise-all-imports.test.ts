// holdout9 L2: OpenTelemetry classes taken from `await Promise.all([import(…), …])` (the lazy-load idiom of
// Nuxt/Nitro server plugins and client plugins) are the classes the rules know, element by element.
import { describe, expect, it } from 'vitest';
import { lint } from '../support/lint';

const lazyPair = (wrap: (list: string) => string) => `export async function setupTracing() {
  const [{ NodeSDK }, { OTLPTraceExporter }] = ${wrap(`[
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
  ]`)};
  const sdk = new NodeSDK({ traceExporter: new OTLPTraceExporter({ url: 'http://collector.internal:4318/v1/traces' }) });
  sdk.start();
  return sdk;
}
`;

const endpointLines = (source: string): number[] => lint(source, 'server/plugins/otel.ts', 'no-hardcoded-exporter-endpoint').map((m) => m.line);

describe('array destructuring of dynamic imports', () => {
  it('follows each element of `await Promise.all([...])` to its module', () => {
    expect(endpointLines(lazyPair((list) => `await Promise.all(${list})`))).toEqual([6]);
  });

  it('follows a plain array literal the same way', () => {
    expect(endpointLines(lazyPair((list) => list))).toEqual([6]);
  });

  it('keeps the element position: a hole or a spread before an element leaves it unknown', () => {
    const holed = `const [, { OTLPTraceExporter }] = await Promise.all([import('@opentelemetry/sdk-node'), import('@opentelemetry/exporter-trace-otlp-http')]);
export const exporter = new OTLPTraceExporter({ url: 'http://collector.internal:4318/v1/traces' });
`;
    expect(endpointLines(holed)).toEqual([2]);
    const spread = `const mods = [import('@opentelemetry/sdk-node')];
const [{ OTLPTraceExporter }] = await Promise.all([...mods, import('@opentelemetry/exporter-trace-otlp-http')]);
export const exporter = new OTLPTraceExporter({ url: 'http://collector.internal:4318/v1/traces' });
`;
    expect(endpointLines(spread)).toEqual([]);
  });

  it('does not read `Promise.allSettled` results as modules (each is a { status, value } record)', () => {
    expect(endpointLines(lazyPair((list) => `await Promise.allSettled(${list})`))).toEqual([]);
  });

  it('counts the registrations made through the destructured classes', () => {
    const twice = `import { trace } from '@opentelemetry/api';
export async function start() {
  const [{ NodeTracerProvider }, { BasicTracerProvider }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
  ]);
  new NodeTracerProvider().register();
  trace.setGlobalTracerProvider(new BasicTracerProvider());
}
start();
`;
    const reports = lint(twice, 'src/otel.ts', 'no-duplicate-registration');
    expect(reports.map((m) => [m.messageId, m.line])).toEqual([['conflictingRegistration', 8]]);
  });
});

describe('the resolved array of `Promise.all([import(…), …]).then(([…]) => …)` (holdout11 L3)', () => {
  it('gives each destructured element its module', () => {
    const source = `const base = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
Promise.all([import('@opentelemetry/sdk-trace-node'), import('@opentelemetry/exporter-trace-otlp-http')]).then(
  ([{ NodeTracerProvider, SimpleSpanProcessor }, { OTLPTraceExporter }]) => {
    const provider = new NodeTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: 'http://collector.internal:4318/v1/traces' }))],
    });
    provider.register();
  },
);
`;
    expect(endpointLines(source)).toEqual([5]);
  });
});
