// `otel-codemod` on a mixed JavaScript + Python project, through the built CLI (dist/cli.js, as a
// user runs it, worker threads included): `.py` files are processed with the JS ones by default,
// `--check` fails on them, `add-guards` fixes them, `--json` reports them, and `list` shows which
// transforms exist for which language.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dist, ensureBuilt } from '../package/build';

const APP = `from flask import Flask
from opentelemetry import trace
from opentelemetry.instrumentation.flask import FlaskInstrumentor
from opentelemetry.sdk.trace import TracerProvider

app = Flask(__name__)
FlaskInstrumentor().instrument()


@app.before_request
def start_tracing():
    trace.set_tracer_provider(TracerProvider())
`;
const FIXED = APP.replace('FlaskInstrumentor().instrument()', 'FlaskInstrumentor().instrument_app(app)').replace(
  '    trace.set_tracer_provider(TracerProvider())',
  '    if isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):\n        trace.set_tracer_provider(TracerProvider())',
);

let dir: string;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [join(dist, 'cli.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'otel-safe-py-cli-'));
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'mixed', version: '1.0.0', private: true }),
    'api/app.py': APP,
    'api/models.py': 'class User:\n    pass\n',
    'web/ok.js': 'module.exports = 1;\n',
  };
  // enough Python files for the worker threads to take part
  for (let i = 0; i < 40; i++) files[`api/jobs/job_${i}.py`] = `import os\n\nVALUE = ${i}\n`;
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}, 200_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('otel-codemod on Python files', () => {
  it('list --json shows the Python transforms, and the languages of shared names', () => {
    const r = cli(['list', '--json']);
    expect(r.status).toBe(0);
    const languages = Object.fromEntries((JSON.parse(r.stdout) as { name: string; languages: string[] }[]).map((t) => [t.name, t.languages]));
    for (const name of ['reuse-provider', 'guard-post-fork', 'guard-reloader', 'instrument-app', 'disable-reloader']) expect(languages[name]).toEqual(['python']);
    for (const name of ['add-guards', 'dedupe-span-processors', 'env-exporter-endpoint']) expect(languages[name]).toEqual(['javascript', 'python']);
  });

  it('add-guards --check --json fails and names the .py file (the others are unchanged)', () => {
    const r = cli(['add-guards', '--check', '--json', '--jobs', '2', '.']);
    expect(r.status, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as { files: { path: string; status: string }[] };
    const changed = report.files.filter((f) => f.status === 'changed' || f.status === 'would-change').map((f) => f.path);
    expect(changed).toEqual(['api/app.py']);
    expect(report.files.find((f) => f.path === 'api/models.py')?.status).toMatch(/skipped|unchanged/);
    expect(readFileSync(join(dir, 'api/app.py'), 'utf8')).toBe(APP);
  });

  it('add-guards writes the fixes, and --check passes afterwards', () => {
    const r = cli(['add-guards', '--jobs', '2', '.']);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'api/app.py'), 'utf8')).toBe(FIXED);
    expect(cli(['add-guards', '--check', '.']).status).toBe(0);
  });
});
