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
  // The traces variable, the generic one (the exporter appends /v1/traces to it), or neither.
  const tracesVar = (base: string) => ({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${base}/env/v1/traces`, OTEL_EXPORTER_OTLP_ENDPOINT: `${base}/generic` });
  const genericVar = (base: string) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: `${base}/generic` });
  const neither = ['OTEL_EXPORTER_OTLP_ENDPOINT'];
  const perEndpoint = (spans: ReceivedSpan[]) => {
    const server = spans.filter((s) => s.kind === 'SPAN_KIND_SERVER');
    const at = (suffix: string) => server.filter((s) => s.prefix.endsWith(suffix)).length;
    return { literal: at('/literal'), env: at('/env'), generic: at('/generic'), total: server.length };
  };

  it('literal endpoint= wins over both variables: 3 of 3 spans to the literal before, with the traces variable or the generic one set', async () => {
    const withTraces = await runApp({ set: 'A', app: 'hardcoded-endpoint/before', receiver: receiver(), prepare: literalAtReceiver, env: tracesVar });
    expect(perEndpoint(withTraces.spans)).toEqual({ literal: 3, env: 0, generic: 0, total: 3 });
    const withGeneric = await runApp({ set: 'A', app: 'hardcoded-endpoint/before', receiver: receiver(), prepare: literalAtReceiver, env: genericVar });
    expect(perEndpoint(withGeneric.spans)).toEqual({ literal: 3, env: 0, generic: 0, total: 3 });
  });

  it('env-first rewrite (None if either variable else literal): 3 of 3 spans to the traces variable, to the generic one when only it is set, to the literal when neither is', async () => {
    const withTraces = await runApp({ set: 'A', app: 'hardcoded-endpoint/after', receiver: receiver(), prepare: literalAtReceiver, env: tracesVar });
    expect(perEndpoint(withTraces.spans)).toEqual({ literal: 0, env: 3, generic: 0, total: 3 });
    const withGeneric = await runApp({ set: 'A', app: 'hardcoded-endpoint/after', receiver: receiver(), prepare: literalAtReceiver, env: genericVar });
    expect(perEndpoint(withGeneric.spans)).toEqual({ literal: 0, env: 0, generic: 3, total: 3 });
    const withNeither = await runApp({ set: 'A', app: 'hardcoded-endpoint/after', receiver: receiver(), prepare: literalAtReceiver, unset: neither });
    expect(perEndpoint(withNeither.spans)).toEqual({ literal: 3, env: 0, generic: 0, total: 3 });
  });
});
