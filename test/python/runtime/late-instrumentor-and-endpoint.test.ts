// python/no-late-instrumentor and python/no-hardcoded-exporter-endpoint. Set A.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reportSkip, runApp, useReceiver, venvsReady, type ReceivedSpan } from '../support/runtime';

const ready = venvsReady();
reportSkip(ready);

const LITERAL = 'http://otel-collector:4318';

describe.skipIf(!ready)('instrumented too late (set A)', () => {
  const receiver = useReceiver({ beforeAll, afterAll, afterEach });

  it('from flask import Flask, app built, then FlaskInstrumentor().instrument(): 0 spans per request before, 1 after instrument_app(app)', async () => {
    const before = await runApp({ set: 'A', app: 'late-instrumentor/before', receiver: receiver() });
    expect(before.perRequest).toEqual([0, 0, 0]);
    const after = await runApp({ set: 'A', app: 'late-instrumentor/after', receiver: receiver() });
    expect(after.perRequest).toEqual([1, 1, 1]);
  });
});

describe.skipIf(!ready)('hard-coded exporter endpoint (set A)', () => {
  const receiver = useReceiver({ beforeAll, afterAll, afterEach });
  // The literal collector host stands for a receiver path of its own, so the test sees which
  // endpoint each span went to: <run>/literal/v1/traces or <run>/env/v1/traces.
  const literalAtReceiver = (dir: string, base: string) => {
    const file = join(dir, 'app.py');
    const source = readFileSync(file, 'utf8');
    expect(source).toContain(LITERAL);
    writeFileSync(file, source.replaceAll(LITERAL, `${base}/literal`));
  };
  const envEndpoint = (base: string) => ({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${base}/env/v1/traces` });
  const perEndpoint = (spans: ReceivedSpan[]) => ({
    literal: spans.filter((s) => s.kind === 'SPAN_KIND_SERVER' && s.prefix.endsWith('/literal')).length,
    env: spans.filter((s) => s.kind === 'SPAN_KIND_SERVER' && s.prefix.endsWith('/env')).length,
  });

  it('literal endpoint= wins over OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 3 of 3 spans to the literal before', async () => {
    const before = await runApp({ set: 'A', app: 'hardcoded-endpoint/before', receiver: receiver(), prepare: literalAtReceiver, env: envEndpoint });
    expect(perEndpoint(before.spans)).toEqual({ literal: 3, env: 0 });
  });

  it('env-first rewrite: 3 of 3 spans to the env endpoint when it is set, 3 of 3 to the literal fallback when not', async () => {
    const withEnv = await runApp({ set: 'A', app: 'hardcoded-endpoint/after', receiver: receiver(), prepare: literalAtReceiver, env: envEndpoint });
    expect(perEndpoint(withEnv.spans)).toEqual({ literal: 0, env: 3 });
    const withoutEnv = await runApp({ set: 'A', app: 'hardcoded-endpoint/after', receiver: receiver(), prepare: literalAtReceiver });
    expect(perEndpoint(withoutEnv.spans)).toEqual({ literal: 3, env: 0 });
  });
});
