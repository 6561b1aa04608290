// End to end with the real `pre-commit` (Debian package): a consumer repository uses a
// snapshot of this repository as its hook repo (`repo: <path>`, `rev: <sha>`). pre-commit
// installs it the way it installs any node hook (npm install, npm pack, npm install -g);
// a commit with an unguarded SDK setup is blocked and names the file, and after
// `otel-codemod add-guards` the same commit passes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import { childEnv, git, removeTempDirs, run, snapshotRepo, tempDir, UNGUARDED_SETUP } from './support';

/** A Flask app that sets up tracing in a request hook: every request after the first builds a provider that is ignored. */
const FLASK_APP = `from flask import Flask
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider

app = Flask(__name__)


@app.before_request
def start_tracing():
    trace.set_tracer_provider(TracerProvider())
`;

const hasPreCommit = (() => {
  try {
    execFileSync('pre-commit', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasPreCommit && !process.env.CI)('pre-commit framework', () => {
  let consumer: string;
  let env: NodeJS.ProcessEnv;
  let hookRepo: { dir: string; sha: string };

  beforeAll(() => {
    hookRepo = snapshotRepo();
    consumer = tempDir('otel-safe-consumer-');
    env = childEnv({ PRE_COMMIT_HOME: tempDir('otel-safe-pre-commit-home-') });
    git(consumer, ['init', '--quiet', '-b', 'main']);
    writeFileSync(
      path.join(consumer, '.pre-commit-config.yaml'),
      `repos:
  - repo: ${hookRepo.dir}
    rev: ${hookRepo.sha}
    hooks:
      - id: otel-codemod-check
      - id: otel-doctor
      - id: otel-eslint
`,
    );
    // the ESLint hook needs a CommonJS config: ESM ignores the NODE_PATH of pre-commit's environment
    writeFileSync(path.join(consumer, 'eslint.config.cjs'), "const otel = require('eslint-plugin-otel-safe');\nmodule.exports = [otel.configs['flat/recommended']];\n");
    writeFileSync(path.join(consumer, 'README.md'), '# shop\n');
    git(consumer, ['add', '-A']);
    git(consumer, ['commit', '--quiet', '--no-verify', '-m', 'init']);
    const install = run(consumer, 'pre-commit', ['install'], env);
    expect(install.code, install.output).toBe(0);
    // builds and installs the hook environment (npm install + prepack build in the clone)
    const hooks = run(consumer, 'pre-commit', ['install-hooks'], env);
    expect(hooks.code, hooks.output).toBe(0);
  }, 900_000);

  afterAll(removeTempDirs);

  it('validates the manifest', () => {
    const r = run(hookRepo.dir, 'pre-commit', ['validate-manifest', '.pre-commit-hooks.yaml'], env);
    expect(r.code, r.output).toBe(0);
  });

  it('blocks a commit with an unguarded SDK setup (exit 1, file named), and passes it after add-guards', async () => {
    mkdirSync(path.join(consumer, 'src'), { recursive: true });
    writeFileSync(path.join(consumer, 'src', 'tracing.ts'), UNGUARDED_SETUP);
    writeFileSync(path.join(consumer, 'src', 'util.ts'), 'export const answer = 42;\n');
    git(consumer, ['add', '-A']);

    const blocked = run(consumer, 'git', ['commit', '-m', 'add tracing'], env);
    expect(blocked.code, blocked.output).toBe(1);
    expect(blocked.output).toMatch(/otel-safe \(otel-codemod add-guards --check\)\.+Failed/);
    expect(blocked.output).toContain('- exit code: 1');
    expect(blocked.output).toContain('would change: src/tracing.ts');
    expect(blocked.output).not.toContain('src/util.ts');
    expect(git(consumer, ['rev-list', '--count', 'HEAD']).trim()).toBe('1');

    let out = '';
    const code = await runCli(['add-guards', 'src/tracing.ts'], {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (out += t) },
      cwd: consumer,
      isTTY: false,
    });
    expect(code, out).toBe(0);
    expect(readFileSync(path.join(consumer, 'src', 'tracing.ts'), 'utf8')).toContain("Symbol.for('otel-safe.");
    git(consumer, ['add', '-A']);

    const passed = run(consumer, 'git', ['commit', '-m', 'add tracing'], env);
    expect(passed.code, passed.output).toBe(0);
    expect(passed.output).toMatch(/otel-safe \(otel-codemod add-guards --check\)\.+Passed/);
    // the whole-project hook runs once (pass_filenames: false) and finds nothing wrong here
    expect(passed.output).toMatch(/otel-safe \(otel-codemod doctor\)\.+Passed/);
    expect(git(consumer, ['rev-list', '--count', 'HEAD']).trim()).toBe('2');
  }, 120_000);

  it('blocks a commit with setup in a Flask request hook (a .py file), and passes it after add-guards', async () => {
    mkdirSync(path.join(consumer, 'api'), { recursive: true });
    writeFileSync(path.join(consumer, 'api', 'app.py'), FLASK_APP);
    writeFileSync(path.join(consumer, 'api', 'models.py'), 'class User:\n    pass\n');
    git(consumer, ['add', '-A']);

    const blocked = run(consumer, 'git', ['commit', '-m', 'add the api'], env);
    expect(blocked.code, blocked.output).toBe(1);
    expect(blocked.output).toMatch(/otel-safe \(otel-codemod add-guards --check\)\.+Failed/);
    expect(blocked.output).toContain('would change: api/app.py');
    expect(blocked.output).not.toContain('api/models.py');

    let out = '';
    const code = await runCli(['add-guards', 'api'], {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (out += t) },
      cwd: consumer,
      isTTY: false,
    });
    expect(code, out).toBe(0);
    expect(readFileSync(path.join(consumer, 'api', 'app.py'), 'utf8')).toContain('if isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):');
    git(consumer, ['add', '-A']);

    const passed = run(consumer, 'git', ['commit', '-m', 'add the api'], env);
    expect(passed.code, passed.output).toBe(0);
    expect(passed.output).toMatch(/otel-safe \(otel-codemod add-guards --check\)\.+Passed/);
    // restore the commit count the next test expects
    git(consumer, ['reset', '--quiet', '--hard', 'HEAD~1']);
  }, 120_000);

  it('runs ESLint with the plugin: blocks an unguarded setup in a JS file, passes it after add-guards', async () => {
    writeFileSync(
      path.join(consumer, 'src', 'middleware.js'),
      [
        "const { NodeSDK } = require('@opentelemetry/sdk-node');",
        '',
        'function initTracing() {',
        "  const sdk = new NodeSDK({ serviceName: 'shop' });",
        '  sdk.start();',
        '  return sdk;',
        '}',
        'exports.initTracing = initTracing;',
        '',
        'const sdk = initTracing();',
        "process.once('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));",
        "process.once('SIGINT', () => sdk.shutdown().finally(() => process.exit(130)));",
        '',
      ].join('\n'),
    );
    git(consumer, ['add', '-A']);

    const blocked = run(consumer, 'git', ['commit', '-m', 'add middleware'], env);
    expect(blocked.code, blocked.output).toBe(1);
    expect(blocked.output).toMatch(/otel-safe \(eslint with the plugin\)\.+Failed/);
    expect(blocked.output).toContain('middleware.js');
    expect(blocked.output).toContain('otel-safe/no-duplicate-registration');
    expect(git(consumer, ['rev-list', '--count', 'HEAD']).trim()).toBe('2');

    const code = await runCli(['add-guards', 'src/middleware.js'], { stdout: { write: () => true }, stderr: { write: () => true }, cwd: consumer, isTTY: false });
    expect(code).toBe(0);
    git(consumer, ['add', '-A']);

    const passed = run(consumer, 'git', ['commit', '-m', 'add middleware'], env);
    expect(passed.code, passed.output).toBe(0);
    expect(passed.output).toMatch(/otel-safe \(eslint with the plugin\)\.+Passed/);
    expect(git(consumer, ['rev-list', '--count', 'HEAD']).trim()).toBe('3');
  }, 120_000);
});
