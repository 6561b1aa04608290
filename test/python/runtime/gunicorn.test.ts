// Gunicorn preload_app + setup at import + setup in post_fork (python/no-preload-double-init).
// Set A (gunicorn 27.0.1).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reportSkip, runApp, spansPerExporter, useReceiver, venvsReady, type ProbeEvent } from '../support/runtime';

const ready = venvsReady();
reportSkip(ready);

/** The span processors added in the process that served the requests (the worker). */
const workerProcessors = (events: ProbeEvent[]) => {
  const worker = events.find((e) => e.event === 'export')?.pid;
  return events.filter((e) => e.event === 'span_processor' && e.pid === worker).length;
};

describe.skipIf(!ready)('gunicorn preload + post_fork (set A)', () => {
  const receiver = useReceiver({ beforeAll, afterAll, afterEach });

  it('preload + init at import + post_fork init: 2 spans per request before, 1 after a ProxyTracerProvider check in post_fork', async () => {
    const before = await runApp({ set: 'A', app: 'gunicorn-preload/before', receiver: receiver(), probe: true, stopSignal: 'SIGTERM' });
    expect(before.output).toContain('Overriding of current TracerProvider is not allowed');
    expect(workerProcessors(before.probe)).toBe(1); // post_fork's, added to the provider inherited from the master
    expect(before.perRequest).toEqual([2, 2, 2]);
    const after = await runApp({ set: 'A', app: 'gunicorn-preload/after', receiver: receiver(), probe: true, stopSignal: 'SIGTERM' });
    expect(after.output).not.toContain('Overriding');
    expect(workerProcessors(after.probe)).toBe(0);
    expect(after.perRequest).toEqual([1, 1, 1]);
  });

  it('the same files without preload_app: 1 span per request (post_fork sets up first, the import-time provider is ignored)', async () => {
    const run = await runApp({
      set: 'A',
      app: 'gunicorn-preload/before',
      receiver: receiver(),
      probe: true,
      stopSignal: 'SIGTERM',
      prepare: (dir) => {
        const config = join(dir, 'gunicorn.conf.py');
        writeFileSync(config, readFileSync(config, 'utf8').replace('preload_app = True\n', ''));
      },
    });
    expect(run.output).toContain('Overriding of current TracerProvider is not allowed');
    expect(spansPerExporter(run.probe)).toEqual([3, 0]); // post_fork's exporter, then the import-time one
    expect(run.perRequest).toEqual([1, 1, 1]);
  });

  it('no preload + post_fork only: 1 span per request', async () => {
    const run = await runApp({ set: 'A', app: 'gunicorn-post-fork-only/before', receiver: receiver(), probe: true, stopSignal: 'SIGTERM' });
    expect(run.output).not.toContain('Overriding');
    expect(run.perRequest).toEqual([1, 1, 1]);
  });
});
