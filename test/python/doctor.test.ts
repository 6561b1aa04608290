// `otel-codemod doctor` on a Python project: its processes (a Procfile's Gunicorn under
// opentelemetry-instrument, with a -c config and an app package) and the cross-file cases the
// per-file view cannot see alone: the preload config in one file and the import-time setup in
// another, the CLI in the Procfile and manual setup in the code.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { runDoctor } from '../../src/doctor';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'otel-safe-py-doctor-'));
  const files: Record<string, string> = {
    Procfile: 'web: opentelemetry-instrument gunicorn -c gunicorn.conf.py shop.wsgi:app\nworker: celery -A shop worker\n',
    'requirements.txt': 'opentelemetry-distro==0.62b1\n',
    'gunicorn.conf.py': 'preload_app = True\n\nfrom opentelemetry import trace\nfrom opentelemetry.sdk.trace import TracerProvider\n\n\ndef post_fork(server, worker):\n    trace.set_tracer_provider(TracerProvider())\n',
    'shop/__init__.py': '',
    'shop/wsgi.py': 'from flask import Flask\nfrom shop import tracing\n\napp = Flask(__name__)\n',
    'shop/tracing.py': 'from opentelemetry import trace\nfrom opentelemetry.sdk.trace import TracerProvider\n\ntrace.set_tracer_provider(TracerProvider())\n',
    'shop/unrelated.py': 'from opentelemetry import trace\nfrom opentelemetry.sdk.trace import TracerProvider\n\ntrace.set_tracer_provider(TracerProvider())\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('doctor on a Python project', () => {
  it('lists the Python process with the files it runs, and reports the cross-file findings on them', async () => {
    const { report, exitCode } = await runDoctor(root, { json: true });
    const proc = report.processes.findIndex((p) => p.kind === 'python' && p.name.startsWith('Procfile:1'));
    expect(proc).toBeGreaterThanOrEqual(0);
    expect([...report.processes[proc]!.entries].sort()).toEqual(['gunicorn.conf.py', 'shop/__init__.py', 'shop/tracing.py', 'shop/wsgi.py']);
    const found = report.findings.filter((f) => f.code === 'python').map((f) => `${f.locations[0]!.file}:${f.locations[0]!.line} ${/\(otel-safe\/([^)]+)\)$/.exec(f.message)![1]}`);
    expect(found.sort()).toEqual(
      [
        'gunicorn.conf.py:8 python/no-preload-double-init', // the preload config here, the import-time setup in shop/tracing.py
        'gunicorn.conf.py:8 python/no-provider-override', // the CLI in the Procfile
        'shop/tracing.py:4 python/no-provider-override',
      ].sort(),
    );
    expect(exitCode).toBe(1);
  });
});

// A setup function of the team's own (`acme.telemetry.init_tracing`, a Python registrar) is only
// known from settings['otel-safe']: doctor reads them per file, from package.json or --settings.
describe('doctor on a Python project: settings per file', () => {
  const REGISTRAR = { module: 'acme.telemetry', export: 'init_tracing', kind: 'sdk-start', language: 'python' };
  let project: string;
  const write = (files: Record<string, string>) => {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(dirname(join(project, rel)), { recursive: true });
      writeFileSync(join(project, rel), text);
    }
  };
  const ruleIds = (output: string) =>
    (JSON.parse(output) as { findings: { code: string; rule?: string; locations: { file: string; line: number }[] }[] }).findings
      .filter((f) => f.code === 'python')
      .map((f) => `${f.locations[0]!.file}:${f.locations[0]!.line} ${f.rule}`);
  const doctor = async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['doctor', '--format', 'json', ...args], { stdout: { write: (s: string) => ((stdout += s), true) }, stderr: { write: (s: string) => ((stderr += s), true) }, cwd: project, isTTY: false });
    return { code, stdout, stderr };
  };

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'otel-safe-py-doctor-settings-'));
    write({
      Procfile: 'web: python app.py\n',
      'app.py': 'from flask import Flask\n\nfrom acme.telemetry import init_tracing\n\ninit_tracing()\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(debug=True)\n',
      'acme/__init__.py': '',
      'acme/telemetry.py': 'def init_tracing():\n    pass\n',
    });
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('without the registrar the setup call is unknown: no Python finding', async () => {
    write({ 'package.json': JSON.stringify({ name: 'shop', private: true }) });
    const { code, stdout } = await doctor([]);
    expect(code).toBe(0);
    expect(ruleIds(stdout)).toEqual([]);
  });

  it('a Python registrar in package.json "otel-safe" reaches the Python checks', async () => {
    write({ 'package.json': JSON.stringify({ name: 'shop', private: true, 'otel-safe': { registrars: [REGISTRAR] } }) });
    const { stdout } = await doctor([]);
    expect(ruleIds(stdout)).toEqual(['app.py:5 python/no-reloader-double-init']);
  });

  it('a Python registrar given with --settings reaches the Python checks', async () => {
    write({ 'package.json': JSON.stringify({ name: 'shop', private: true }), 'otel-safe.json': JSON.stringify({ registrars: [REGISTRAR] }) });
    const { stdout } = await doctor(['--settings', 'otel-safe.json']);
    expect(ruleIds(stdout)).toEqual(['app.py:5 python/no-reloader-double-init']);
  });

  it('runDoctor takes the settings object as the JS side does', async () => {
    const { report } = await runDoctor(project, { settings: { registrars: [REGISTRAR as never] } });
    expect(report.findings.filter((f) => f.code === 'python').map((f) => f.rule)).toEqual(['python/no-reloader-double-init']);
  });
});
