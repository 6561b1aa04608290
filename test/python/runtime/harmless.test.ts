// Look-alikes the Python rules do not report, proven harmless with real processes. Set A.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reportSkip, runApp, useReceiver, venvsReady, type ReceivedSpan } from '../support/runtime';

const ready = venvsReady();
reportSkip(ready);

const named = (spans: ReceivedSpan[], name: string) => spans.filter((s) => s.name === name).length;
// A long batch delay: a span that arrives was flushed at exit, not by the schedule.
const flushOnlyAtExit = { OTEL_BSP_SCHEDULE_DELAY: '30000' };

describe.skipIf(!ready)('harmless look-alikes (set A)', () => {
  const receiver = useReceiver({ beforeAll, afterAll, afterEach });

  it('FlaskInstrumentor().instrument() twice: 1 span per request', async () => {
    const run = await runApp({ set: 'A', app: 'harmless-instrument-twice/before', receiver: receiver() });
    expect(run.output).toContain('Attempting to instrument while already instrumented');
    expect(run.perRequest).toEqual([1, 1, 1]);
  });

  it('instrument() then instrument_app(app): 1 span per request', async () => {
    const run = await runApp({ set: 'A', app: 'harmless-instrument-and-instrument-app/before', receiver: receiver() });
    expect(run.output).toContain('Attempting to instrument Flask app while already instrumented');
    expect(run.perRequest).toEqual([1, 1, 1]);
  });

  it('instrument_app(app) twice: 1 span per request', async () => {
    const run = await runApp({ set: 'A', app: 'harmless-instrument-app-twice/before', receiver: receiver() });
    expect(run.output).toContain('Attempting to instrument Flask app while already instrumented');
    expect(run.perRequest).toEqual([1, 1, 1]);
  });

  it('no atexit.register(provider.shutdown): the batched span still arrives at exit (1 of 1)', async () => {
    const run = await runApp({ set: 'A', app: 'harmless-no-atexit-shutdown/before', receiver: receiver(), oneShot: true, env: flushOnlyAtExit });
    expect(run.exitCode).toBe(0);
    expect(named(run.spans, 'build-report')).toBe(1);
  });

  it('shutdown_on_exit=False and no shutdown: the batched span is lost (0 of 1); with provider.shutdown() it arrives (1 of 1)', async () => {
    const lost = await runApp({ set: 'A', app: 'shutdown-on-exit-false/before', receiver: receiver(), oneShot: true, env: flushOnlyAtExit });
    expect(lost.exitCode).toBe(0);
    expect(named(lost.spans, 'build-report')).toBe(0);
    const shutDown = await runApp({
      set: 'A',
      app: 'shutdown-on-exit-false/before',
      receiver: receiver(),
      oneShot: true,
      env: flushOnlyAtExit,
      prepare: (dir) => {
        const file = join(dir, 'report.py');
        writeFileSync(file, readFileSync(file, 'utf8').replace('    main()\n', '    main()\n    provider.shutdown()\n'));
      },
    });
    expect(named(shutDown.spans, 'build-report')).toBe(1);
  });
});
