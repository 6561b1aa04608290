// Do the Flask mechanisms apply to FastAPI/uvicorn and Django? The same real-process checks.
// Set B: instrumentation 0.62b1 (fastapi 0.141.1, uvicorn 0.55.0, Django 5.2.19);
// set A: 0.66b1 (fastapi 0.165.0, uvicorn 0.55.0, Django 5.2.19).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventsPerProcess, reportSkip, runApp, spansPerExporter, useReceiver, venvsReady } from '../support/runtime';

const ready = venvsReady();
reportSkip(ready);

describe.skipIf(!ready)('uvicorn and Django under opentelemetry-instrument', () => {
  const receiver = useReceiver({ beforeAll, afterAll, afterEach });

  it('uvicorn --reload, 0.62b1: 0 spans per request before, 1 after dropping --reload', async () => {
    const before = await runApp({ set: 'B', app: 'uvicorn-reload-cli/before', receiver: receiver() });
    expect(before.output).toContain('Started reloader process');
    expect(before.perRequest).toEqual([0, 0, 0]);
    const after = await runApp({ set: 'B', app: 'uvicorn-reload-cli/after', receiver: receiver() });
    expect(after.output).not.toContain('Started reloader process');
    expect(after.perRequest).toEqual([1, 1, 1]);
  });

  it('uvicorn --reload, 0.66b1 (≥ 0.63b0): 1 span per request already before', async () => {
    const run = await runApp({ set: 'A', app: 'uvicorn-reload-cli/before', receiver: receiver() });
    expect(run.output).toContain('Started reloader process');
    expect(run.perRequest).toEqual([1, 1, 1]);
  });

  it('uvicorn --workers 2, 0.62b1: 0 spans per request', async () => {
    const run = await runApp({ set: 'B', app: 'uvicorn-workers-cli/before', receiver: receiver() });
    expect(run.output).toContain('Started parent process');
    expect(run.perRequest).toEqual([0, 0, 0]);
  });

  it('uvicorn --workers 2, 0.66b1: 1 span per request', async () => {
    const run = await runApp({ set: 'A', app: 'uvicorn-workers-cli/before', receiver: receiver() });
    expect(run.output).toContain('Started parent process');
    expect(run.perRequest).toEqual([1, 1, 1]);
  });

  it('Django runserver (autoreloader), 0.62b1: 0 spans per request before, 1 after adding --noreload', async () => {
    const before = await runApp({ set: 'B', app: 'django-runserver-cli/before', receiver: receiver() });
    expect(before.output).toContain('Watching for file changes');
    expect(before.perRequest).toEqual([0, 0, 0]);
    const after = await runApp({ set: 'B', app: 'django-runserver-cli/after', receiver: receiver() });
    expect(after.output).not.toContain('Watching for file changes');
    expect(after.perRequest).toEqual([1, 1, 1]);
  });

  it('Django runserver (autoreloader), 0.66b1 (≥ 0.63b0): 1 span per request already before', async () => {
    const run = await runApp({ set: 'A', app: 'django-runserver-cli/before', receiver: receiver() });
    expect(run.output).toContain('Watching for file changes');
    expect(run.perRequest).toEqual([1, 1, 1]);
  });
});

describe.skipIf(!ready)('uvicorn and Django reloaders with manual setup (set A)', () => {
  const receiver = useReceiver({ beforeAll, afterAll, afterEach });

  it('uvicorn.run("app:app", reload=True) from python app.py, setup at module level: setup in the reloader parent once and in the child twice (as __mp_main__ and as app); 1 span per request', async () => {
    const run = await runApp({ set: 'A', app: 'uvicorn-reload-double-init/before', receiver: receiver(), probe: true });
    expect(run.output).toContain('Overriding of current TracerProvider is not allowed');
    expect(eventsPerProcess(run.probe, 'tracer_provider')).toEqual([1, 2]);
    // 3 requests × 3 spans (the server span and two ASGI send spans), all through the child's first exporter
    expect(spansPerExporter(run.probe)).toEqual([0, 9, 0]);
    expect(run.perRequest).toEqual([1, 1, 1]);
  });

  it('Django: setup in manage.py main() + runserver autoreloader: setup in 2 processes (parent and child), 1 span per request', async () => {
    const run = await runApp({ set: 'A', app: 'django-runserver-double-init/before', receiver: receiver(), probe: true });
    expect(run.output).toContain('Watching for file changes');
    expect(eventsPerProcess(run.probe, 'tracer_provider')).toEqual([1, 1]);
    expect(spansPerExporter(run.probe)).toEqual([0, 3]);
    expect(run.perRequest).toEqual([1, 1, 1]);
  });
});
