// Runtime proof with the real SDK (sdk-node 0.223) behind `require-shutdown-handler`'s
// `unboundShutdownListener`: `process.on('SIGTERM', sdk.shutdown)` hands Node the bare method,
// which Node calls with `this` set to `process`. NodeSDK's `shutdown()` then finds none of its
// providers (build/src/sdk.js:245-258 reads `this._tracerProvider`), resolves, and flushes
// nothing; the same call bound to the SDK exports the batched span.
import { NodeSDK, tracing } from '@opentelemetry/sdk-node';
import { trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';

describe('NodeSDK shutdown passed as a bare listener', () => {
  it('flushes nothing when called with this = process, and flushes the batch when bound', async () => {
    // an exporter that keeps what it received (the in-memory one clears itself on shutdown)
    const received: string[] = [];
    const exporter: tracing.SpanExporter = {
      export: (spans, done) => {
        received.push(...spans.map((s) => s.name));
        done({ code: 0 });
      },
      shutdown: () => Promise.resolve(),
    };
    const sdk = new NodeSDK({ spanProcessors: [new tracing.BatchSpanProcessor(exporter)] });
    sdk.start();
    trace.getTracer('unbound-shutdown').startSpan('queued').end();

    // what Node does with `process.on('SIGTERM', sdk.shutdown)`: emit calls the listener with this = process
    const listener: (this: unknown) => Promise<void> = sdk.shutdown;
    await expect(listener.call(process)).resolves.toBeUndefined();
    expect(received).toEqual([]);

    await sdk.shutdown();
    expect(received).toEqual(['queued']);
  });
});
