// Flask's reloader with opentelemetry-instrument (python/no-reloader-auto-instrumentation), and
// manual setup that runs in both reloader processes (python/no-reloader-double-init).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventsPerProcess, reportSkip, runApp, useReceiver, venvsReady } from '../support/runtime';

const ready = venvsReady();
reportSkip(ready);

describe.skipIf(!ready)('reloader vs opentelemetry-instrument (set B: instrumentation 0.62b1; set A: 0.66b1)', () => {
  const receiver = useReceiver({ beforeAll, afterAll, afterEach });

  it('0.62b1, app.run(debug=True): 0 spans per request before, 1 after use_reloader=False', async () => {
    const before = await runApp({ set: 'B', app: 'reloader-auto-instrumentation/before', receiver: receiver() });
    expect(before.output).toContain('Restarting with'); // the reloader really ran
    expect(before.perRequest).toEqual([0, 0, 0]);
    const after = await runApp({ set: 'B', app: 'reloader-auto-instrumentation/after', receiver: receiver() });
    expect(after.output).not.toContain('Restarting with');
    expect(after.perRequest).toEqual([1, 1, 1]);
  });

  it('0.62b1, flask run --debug: 0 spans per request before, 1 after --no-reload', async () => {
    const before = await runApp({ set: 'B', app: 'reloader-flask-run/before', receiver: receiver() });
    expect(before.output).toContain('Restarting with');
    expect(before.perRequest).toEqual([0, 0, 0]);
    const after = await runApp({ set: 'B', app: 'reloader-flask-run/after', receiver: receiver() });
    expect(after.perRequest).toEqual([1, 1, 1]);
  });

  it('0.62b1, FLASK_DEBUG=1 flask run: 0 spans per request (the same reloader, switched on by the environment)', async () => {
    const run = await runApp({
      set: 'B',
      app: 'reloader-flask-run/before',
      receiver: receiver(),
      command: 'FLASK_DEBUG=1 opentelemetry-instrument flask --app app run --host 127.0.0.1 --port $PORT',
    });
    expect(run.output).toContain('Restarting with');
    expect(run.perRequest).toEqual([0, 0, 0]);
  });

  it('0.66b1 (≥ 0.63b0), app.run(debug=True): 1 span per request already before, 1 after', async () => {
    const before = await runApp({ set: 'A', app: 'reloader-auto-instrumentation/before', receiver: receiver() });
    expect(before.output).toContain('Restarting with');
    expect(before.perRequest).toEqual([1, 1, 1]);
    const after = await runApp({ set: 'A', app: 'reloader-auto-instrumentation/after', receiver: receiver() });
    expect(after.perRequest).toEqual([1, 1, 1]);
  });

  it('0.66b1 (≥ 0.63b0), flask run --debug: 1 span per request already before, 1 after', async () => {
    const before = await runApp({ set: 'A', app: 'reloader-flask-run/before', receiver: receiver() });
    expect(before.output).toContain('Restarting with');
    expect(before.perRequest).toEqual([1, 1, 1]);
    const after = await runApp({ set: 'A', app: 'reloader-flask-run/after', receiver: receiver() });
    expect(after.perRequest).toEqual([1, 1, 1]);
  });
});

describe.skipIf(!ready)('reloader double init: which guard keeps setup out of the reloader parent (set A)', () => {
  const receiver = useReceiver({ beforeAll, afterAll, afterEach });
  const reloader = { APP_DEBUG: '1' };
  const plain = { APP_DEBUG: '0' };
  // The candidate the facts name first, alone: the after app with `or not debug` dropped.
  const reloaderCheckOnly = (dir: string) => {
    const file = join(dir, 'app.py');
    writeFileSync(file, readFileSync(file, 'utf8').replace('if is_running_from_reloader() or not debug:', 'if is_running_from_reloader():'));
  };
  const setups = (events: Parameters<typeof eventsPerProcess>[0]) => eventsPerProcess(events, 'tracer_provider');

  it('WERKZEUG_RUN_MAIN … or not app.debug before run(debug=True): setup in 2 processes (parent and child), 1 span per request', async () => {
    const run = await runApp({ set: 'A', app: 'reloader-double-init/before', receiver: receiver(), probe: true, env: reloader });
    expect(run.output).toContain('Restarting with');
    expect(setups(run.probe)).toEqual([1, 1]);
    expect(run.perRequest).toEqual([1, 1, 1]);
  });

  it('the same guard without the reloader (debug off): setup in 1 process, 1 span per request', async () => {
    const run = await runApp({ set: 'A', app: 'reloader-double-init/before', receiver: receiver(), probe: true, env: plain });
    expect(setups(run.probe)).toEqual([1]);
    expect(run.perRequest).toEqual([1, 1, 1]);
  });

  it('is_running_from_reloader() alone: setup in 1 process with the reloader, but in 0 without it (0 spans per request)', async () => {
    const withReloader = await runApp({ set: 'A', app: 'reloader-double-init/after', receiver: receiver(), probe: true, env: reloader, prepare: reloaderCheckOnly });
    expect(setups(withReloader.probe)).toEqual([1]);
    expect(withReloader.perRequest).toEqual([1, 1, 1]);
    const withoutReloader = await runApp({ set: 'A', app: 'reloader-double-init/after', receiver: receiver(), probe: true, env: plain, prepare: reloaderCheckOnly });
    expect(setups(withoutReloader.probe)).toEqual([]);
    expect(withoutReloader.perRequest).toEqual([0, 0, 0]);
  });

  it('is_running_from_reloader() or not <the flag passed to run()> (the fix): setup in 1 process with and without the reloader, 1 span per request', async () => {
    const withReloader = await runApp({ set: 'A', app: 'reloader-double-init/after', receiver: receiver(), probe: true, env: reloader });
    expect(withReloader.output).toContain('Restarting with');
    expect(setups(withReloader.probe)).toEqual([1]);
    expect(withReloader.perRequest).toEqual([1, 1, 1]);
    const withoutReloader = await runApp({ set: 'A', app: 'reloader-double-init/after', receiver: receiver(), probe: true, env: plain });
    expect(setups(withoutReloader.probe)).toEqual([1]);
    expect(withoutReloader.perRequest).toEqual([1, 1, 1]);
  });

  it("run(debug=True) as a literal: the quoted guard sets up in 2 processes before, is_running_from_reloader() in 1 after; 1 span per request", async () => {
    const before = await runApp({ set: 'A', app: 'reloader-double-init-literal/before', receiver: receiver(), probe: true });
    expect(setups(before.probe)).toEqual([1, 1]);
    expect(before.perRequest).toEqual([1, 1, 1]);
    const after = await runApp({ set: 'A', app: 'reloader-double-init-literal/after', receiver: receiver(), probe: true });
    expect(setups(after.probe)).toEqual([1]);
    expect(after.perRequest).toEqual([1, 1, 1]);
  });
});
