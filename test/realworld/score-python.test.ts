// bench/realworld/score-python.mjs on a two-entry manifest of our own: a labelled finding found
// (true), an unlabelled report on a look-alike line (false, listed as a look-alike hit), a
// labelled finding not reported (a miss), and the per-check precision and recall from them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from '../package/build';

const PROVIDER = 'python/no-provider-override';
const ENDPOINT = 'python/no-hardcoded-exporter-endpoint';

const FILES: Record<string, string> = {
  'acme__shop/requirements.txt': 'opentelemetry-sdk\n',
  // line 6: the second set_tracer_provider on one path; line 8: a literal endpoint
  'acme__shop/tracing.py': [
    'from opentelemetry import trace',
    'from opentelemetry.sdk.trace import TracerProvider',
    'from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter',
    '',
    'trace.set_tracer_provider(TracerProvider())',
    'trace.set_tracer_provider(TracerProvider())',
    '',
    'exporter = OTLPSpanExporter(endpoint="http://localhost:4318/v1/traces")',
    '',
  ].join('\n'),
  // one registration: nothing to report, though the manifest says otherwise (a miss)
  'acme__shop/worker.py': 'from opentelemetry import trace\nfrom opentelemetry.sdk.trace import TracerProvider\n\ntrace.set_tracer_provider(TracerProvider())\n',
};

const entry = (id: string, path: string, extra: object) => ({ id, repo: 'acme/shop', commit: '0'.repeat(40), path, blob: '0'.repeat(40), set: 'dev', kind: 'script', context: [], labels: {}, ...extra });
const MANIFEST = {
  language: 'python',
  rules: [PROVIDER, ENDPOINT],
  entries: [
    entry('shop-tracing', 'tracing.py', {
      labels: { [PROVIDER]: [{ line: 5, endLine: 6, why: 'the second registration is ignored' }] },
      lookalikes: [{ rule: ENDPOINT, line: 8, why: 'treated as fine for this test' }],
    }),
    entry('shop-worker', 'worker.py', { labels: { [PROVIDER]: [{ line: 4, why: 'a label the checks cannot see' }] } }),
  ],
};

let work: string;
let scored: { rules: Record<string, { reports: number; tp: number; fp: number; pairs: number; pairsFound: number }>; falsePositives: { id: string; rule: string; line: number }[]; lookalikeHits: { id: string; line: number }[]; misses: { id: string; line: number }[] };
let stdout: string;

beforeAll(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'otel-safe-score-python-'));
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(work, rel)), { recursive: true });
    writeFileSync(join(work, rel), text);
  }
  writeFileSync(join(work, 'manifest.json'), JSON.stringify(MANIFEST));
  const r = spawnSync(process.execPath, [join(root, 'bench/realworld/score-python.mjs'), '--root', work, '--manifest', join(work, 'manifest.json'), '--set', 'all', '--json', join(work, 'out.json')], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  stdout = r.stdout;
  scored = JSON.parse(readFileSync(join(work, 'out.json'), 'utf8'));
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('score-python.mjs', () => {
  it('counts a report inside a labelled span as true, and a labelled finding not reported as a miss', () => {
    expect(scored.rules[PROVIDER]).toMatchObject({ reports: 1, tp: 1, fp: 0, pairs: 2, pairsFound: 1 });
    expect(scored.misses.map((m) => `${m.id}:${m.line}`)).toEqual(['shop-worker:4']);
  });

  it('counts an unlabelled report as false and lists it as a look-alike hit', () => {
    expect(scored.rules[ENDPOINT]).toMatchObject({ reports: 1, tp: 0, fp: 1, pairs: 0 });
    expect(scored.falsePositives.map((f) => `${f.id}:${f.line} ${f.rule}`)).toEqual([`shop-tracing:8 ${ENDPOINT}`]);
    expect(scored.lookalikeHits.map((f) => `${f.id}:${f.line}`)).toEqual(['shop-tracing:8']);
  });

  it('prints the table per check', () => {
    expect(stdout).toMatch(/python\/no-provider-override\s+1\s+1\s+0\s+1\.00\s+2\s+1\s+0\.50/);
    expect(stdout).toMatch(/overall\s+2\s+1\s+1\s+0\.50\s+2\s+1\s+0\.50/);
  });
});
