// Every span exported twice (python/no-duplicate-export). Set A.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reportSkip, runApp, useReceiver, venvsReady } from '../support/runtime';

const ready = venvsReady();
reportSkip(ready);

describe.skipIf(!ready)('double export (set A)', () => {
  const receiver = useReceiver({ beforeAll, afterAll, afterEach });

  it('one exporter behind two span processors: 2 spans per request before, 1 after removing the second processor', async () => {
    const before = await runApp({ set: 'A', app: 'double-export/before', receiver: receiver(), probe: true });
    expect(before.probe.filter((e) => e.event === 'span_processor').map((e) => e.processor)).toEqual(['BatchSpanProcessor', 'SimpleSpanProcessor']);
    expect(before.perRequest).toEqual([2, 2, 2]);
    const after = await runApp({ set: 'A', app: 'double-export/after', receiver: receiver(), probe: true });
    expect(after.perRequest).toEqual([1, 1, 1]);
  });

  it('opentelemetry-instrument + get_tracer_provider().add_span_processor(BatchSpanProcessor(OTLPSpanExporter())): 2 spans per request before, 1 after', async () => {
    const before = await runApp({ set: 'A', app: 'double-export-cli/before', receiver: receiver() });
    expect(before.perRequest).toEqual([2, 2, 2]);
    const after = await runApp({ set: 'A', app: 'double-export-cli/after', receiver: receiver() });
    expect(after.perRequest).toEqual([1, 1, 1]);
  });
});
