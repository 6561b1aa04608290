// A second set_tracer_provider is ignored (python/no-provider-override): the exporters on the
// new provider receive nothing. Set A (api/sdk 1.45.1, instrumentation 0.66b1).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventsPerProcess, reportSkip, runApp, spansPerExporter, useReceiver, venvsReady, type ReceivedSpan } from '../support/runtime';

const ready = venvsReady();
reportSkip(ready);

const servedBy = (spans: ReceivedSpan[], service: string) =>
  spans.filter((s) => s.kind === 'SPAN_KIND_SERVER' && String(s.resource['service.name']).startsWith(service)).length;

describe.skipIf(!ready)('provider override (set A)', () => {
  const receiver = useReceiver({ beforeAll, afterAll, afterEach });

  it('second set_tracer_provider on one path: 0 spans per request before, 1 after reusing the set provider', async () => {
    const before = await runApp({ set: 'A', app: 'provider-override/before', receiver: receiver(), probe: true });
    expect(before.output).toContain('Overriding of current TracerProvider is not allowed');
    expect(before.probe.filter((e) => e.event === 'set_tracer_provider').map((e) => e.accepted)).toEqual([true, false]);
    expect(spansPerExporter(before.probe)).toEqual([0]); // the only OTLP exporter sits on the ignored provider
    expect(before.perRequest).toEqual([0, 0, 0]);
    const after = await runApp({ set: 'A', app: 'provider-override/after', receiver: receiver(), probe: true });
    expect(after.output).not.toContain('Overriding');
    expect(after.perRequest).toEqual([1, 1, 1]);
  });

  it('app factory called twice: the second provider and exporter export 0 spans (1 span per request via the first) before; one provider, 1 span per request after', async () => {
    const before = await runApp({ set: 'A', app: 'provider-override-factory/before', receiver: receiver(), probe: true });
    expect(before.output).toContain('Overriding of current TracerProvider is not allowed');
    expect(eventsPerProcess(before.probe, 'tracer_provider')).toEqual([2]);
    expect(spansPerExporter(before.probe)).toEqual([3, 0]);
    expect(before.perRequest).toEqual([1, 1, 1]);
    const after = await runApp({ set: 'A', app: 'provider-override-factory/after', receiver: receiver(), probe: true });
    expect(after.output).not.toContain('Overriding');
    expect(eventsPerProcess(after.probe, 'tracer_provider')).toEqual([1]);
    expect(spansPerExporter(after.probe)).toEqual([3]);
    expect(after.perRequest).toEqual([1, 1, 1]);
  });

  it("under opentelemetry-instrument: the app's provider (service orders) gets 0 spans per request, the CLI's 1, before; 1 per request after", async () => {
    const before = await runApp({ set: 'A', app: 'provider-override-cli/before', receiver: receiver() });
    expect(before.output).toContain('Overriding of current TracerProvider is not allowed');
    expect(servedBy(before.spans, 'orders')).toBe(0);
    expect(servedBy(before.spans, 'unknown_service')).toBe(3);
    expect(before.perRequest).toEqual([1, 1, 1]);
    const after = await runApp({ set: 'A', app: 'provider-override-cli/after', receiver: receiver() });
    expect(after.output).not.toContain('Overriding');
    expect(after.perRequest).toEqual([1, 1, 1]);
  });
});
