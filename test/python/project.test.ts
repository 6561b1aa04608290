// Project facts for Python files: the processes a project starts (Procfile, Dockerfile,
// docker-compose, package.json scripts, shell scripts) and the opentelemetry-instrumentation
// version it installs or pins; which launches run a given file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getPythonProject, launchesRunning } from '../../src/python/project';
import { planNoReloadFlag } from '../../src/fix/python/disable-reloader';
import { describeLine } from '../../src/python/project/launches';
import { instrumentationVersion, reloaderBreaksWith } from '../../src/python/project/versions';

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'otel-safe-py-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('command lines', () => {
  it('reads opentelemetry-instrument wrappers, their options, and the runner behind them', () => {
    const [l] = describeLine('opentelemetry-instrument --traces_exporter console --service_name shop gunicorn -w 4 --preload -c conf/gunicorn.py pkg.wsgi:app', 'Procfile', 1, '/p');
    expect(l).toMatchObject({ runner: 'gunicorn', instrumented: true, preload: true, config: 'conf/gunicorn.py', module: 'pkg.wsgi', workers: 4 });
    expect(l!.env.OTEL_TRACES_EXPORTER).toBe('console');
  });

  it('reads flask run flags and environment (FLASK_DEBUG, --debug, --no-reload, --app)', () => {
    expect(describeLine('FLASK_DEBUG=1 flask --app shop.app run', 'f', 1, '/p')[0]).toMatchObject({ runner: 'flask', debug: true, reload: undefined, module: 'shop.app' });
    expect(describeLine('poetry run opentelemetry-instrument flask run --debug --no-reload', 'f', 1, '/p')[0]).toMatchObject({ instrumented: true, debug: true, reload: false });
    expect(describeLine('python -m flask run', 'f', 1, '/p')[0]).toMatchObject({ runner: 'flask' });
    expect(describeLine('flask db upgrade', 'f', 1, '/p')).toEqual([]);
  });

  it('reads the commands inside concurrently / sh -c', () => {
    const launches = describeLine('concurrently "flask --app=main:app run --reload" "uvicorn api:app --port 5001 --reload"', 'f', 1, '/p');
    expect(launches.map((l) => `${l.runner}:${l.module}:${l.reload}`)).toEqual(['flask:main:true', 'uvicorn:api:true']);
  });

  it('reads python scripts and modules, and uvicorn', () => {
    expect(describeLine('exec python3 -u app.py', 'f', 1, '/p')[0]).toMatchObject({ runner: 'python', script: 'app.py' });
    expect(describeLine('python -m shop', 'f', 1, '/p')[0]).toMatchObject({ runner: 'python', module: 'shop' });
    expect(describeLine('uvicorn main:app --reload --port 8000', 'f', 1, '/p')[0]).toMatchObject({ runner: 'uvicorn', module: 'main', reload: true });
    expect(describeLine('node server.js', 'f', 1, '/p')).toEqual([]);
  });
});

describe('the --no-reload rewrite of a flask run command (for command files)', () => {
  it('adds --no-reload after --debug (else after run), drops --reload, and leaves other lines alone', () => {
    expect(planNoReloadFlag('opentelemetry-instrument flask --app app run --debug --port $PORT')).toBe('opentelemetry-instrument flask --app app run --debug --no-reload --port $PORT');
    expect(planNoReloadFlag('FLASK_DEBUG=1 flask run --reload')).toBe('FLASK_DEBUG=1 flask run --no-reload');
    expect(planNoReloadFlag('flask run --no-reload')).toBeUndefined();
    expect(planNoReloadFlag('gunicorn app:app')).toBeUndefined();
  });
});

describe('project files', () => {
  it('finds launches in a Procfile, a Dockerfile (ENTRYPOINT + CMD, ENV), docker-compose and package.json scripts', () => {
    const dir = project({
      Procfile: 'web: opentelemetry-instrument gunicorn app:app\nworker: celery -A shop worker\n',
      Dockerfile: 'FROM python:3.12\nENV FLASK_DEBUG=1\nENTRYPOINT ["opentelemetry-instrument"]\nCMD ["flask", "run", "--host", "0.0.0.0"]\n',
      'docker-compose.yml': 'services:\n  api:\n    build: .\n    command: ["opentelemetry-instrument", "python", "api.py"]\n    environment:\n      - OTEL_TRACES_EXPORTER=console\n  admin:\n    command: python admin.py\n',
      'package.json': JSON.stringify({ scripts: { 'dev:api': 'opentelemetry-instrument uvicorn main:app --reload' } }),
      'requirements.txt': 'flask\n',
    });
    const launches = getPythonProject(join(dir, 'app.py'))!.launches;
    const summary = launches.map((l) => `${l.file.slice(dir.length + 1)}:${l.runner}:${l.instrumented}:${l.script ?? l.module ?? ''}:${l.debug}`);
    expect(summary.sort()).toEqual(
      [
        'Procfile:gunicorn:true:app:false',
        'Dockerfile:flask:true::true',
        'docker-compose.yml:python:true:api.py:false',
        'docker-compose.yml:python:false:admin.py:false',
        'package.json:uvicorn:true:main:false',
      ].sort(),
    );
    expect(launches.find((l) => l.script === 'api.py')!.env.OTEL_TRACES_EXPORTER).toBe('console');
  });

  it('joins continued lines, carries `export`s, reads justfiles and process files one folder down', () => {
    const dir = project({
      'start.sh': 'export OTEL_PYTHON_LOGGING_AUTO_INSTRUMENTATION_ENABLED=true\nopentelemetry-instrument \\\n  gunicorn\n',
      justfile: 'run:\n    python manage.py runserver 0.0.0.0:8000\n',
      'compose-files/docker-compose.yml': 'services:\n  web:\n    command: flask run --debug\n',
      'circus.ini': '[watcher:api]\ncmd = opentelemetry-instrument gunicorn -c gunicorn.conf.py\nargs = api:app\n\n[env:api]\nOTEL_TRACES_EXPORTER = console\n',
      'requirements.txt': 'flask\n',
    });
    const launches = getPythonProject(join(dir, 'app.py'))!.launches;
    const gunicorn = launches.find((l) => l.runner === 'gunicorn' && l.file.endsWith('start.sh'))!;
    expect(gunicorn).toMatchObject({ instrumented: true, config: 'gunicorn.conf.py', line: 2 });
    expect(gunicorn.env.OTEL_PYTHON_LOGGING_AUTO_INSTRUMENTATION_ENABLED).toBe('true');
    expect(launches.find((l) => l.script === 'manage.py')?.args).toEqual(['runserver', '0.0.0.0:8000']);
    expect(launches.find((l) => l.runner === 'flask')).toMatchObject({ debug: true, file: join(dir, 'compose-files', 'docker-compose.yml') });
    const circus = launches.find((l) => l.file.endsWith('circus.ini'))!;
    expect(circus).toMatchObject({ runner: 'gunicorn', module: 'api', instrumented: true, line: 2 });
    expect(circus.env.OTEL_TRACES_EXPORTER).toBe('console');
  });

  it('runs a file as the entry, or through the entry\'s imports', () => {
    const dir = project({
      Procfile: 'web: opentelemetry-instrument gunicorn shop.wsgi:app\n',
      'shop/__init__.py': '',
      'shop/wsgi.py': 'from shop.app import create_app\napp = create_app()\n',
      'shop/app.py': 'from flask import Flask\nfrom shop import telemetry\n',
      'shop/telemetry.py': 'from opentelemetry import trace\n',
      'shop/unrelated.py': 'x = 1\n',
      'pyproject.toml': '[project]\nname = "shop"\n',
    });
    const p = getPythonProject(join(dir, 'shop', 'telemetry.py'))!;
    expect(launchesRunning(p, join(dir, 'shop', 'wsgi.py'))).toHaveLength(1);
    expect(launchesRunning(p, join(dir, 'shop', 'telemetry.py'))).toHaveLength(1);
    expect(launchesRunning(p, join(dir, 'shop', 'unrelated.py'))).toHaveLength(0);
  });
});

describe('opentelemetry-instrumentation version', () => {
  it('prefers the installed version, then lock files, then pins and bounds', () => {
    const venv = project({
      '.venv/lib/python3.12/site-packages/opentelemetry_instrumentation-0.62b1.dist-info/METADATA': '',
      'poetry.lock': '[[package]]\nname = "opentelemetry-instrumentation"\nversion = "0.66b2"\n',
    });
    expect(instrumentationVersion(venv)).toMatchObject({ version: '0.62b1', source: 'installed', reloaderBreaks: true });
    expect(instrumentationVersion(project({ 'uv.lock': 'version = 1\n\n[[package]]\nname = "opentelemetry-distro"\nversion = "0.63b0"\n' }))).toMatchObject({ version: '0.63b0', source: 'lockfile', reloaderBreaks: false });
    expect(instrumentationVersion(project({ 'Pipfile.lock': JSON.stringify({ default: { 'opentelemetry-instrumentation': { version: '==0.55b0' } } }) }))).toMatchObject({ version: '0.55b0', reloaderBreaks: true });
    expect(instrumentationVersion(project({ 'requirements-prod.txt': 'opentelemetry-instrumentation-flask>=0.63b0,<1\n' }))).toMatchObject({ source: 'bound', reloaderBreaks: false });
    expect(instrumentationVersion(project({ 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.12"\nopentelemetry-distro = "0.61b0"\n' }))).toMatchObject({ version: '0.61b0', source: 'pinned', reloaderBreaks: true });
    expect(instrumentationVersion(project({ 'requirements.txt': 'opentelemetry-distro\n' }))).toBeUndefined();
  });

  it('compares bounds with the release that fixed the reloader (0.63b0)', () => {
    expect(reloaderBreaksWith('==0.62b1')).toBe(true);
    expect(reloaderBreaksWith('==0.63b0')).toBe(false);
    expect(reloaderBreaksWith('<0.63b0')).toBe(true);
    expect(reloaderBreaksWith('<=0.62b1')).toBe(true);
    expect(reloaderBreaksWith('<1.0')).toBeUndefined();
    expect(reloaderBreaksWith('>=0.50b0')).toBeUndefined();
    expect(reloaderBreaksWith('>=0.64b0')).toBe(false);
  });
});
