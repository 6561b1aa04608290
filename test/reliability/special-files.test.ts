// FIFOs (and sockets, devices) where a project or source file is expected are never read: a read
// would block forever. otel-codemod, doctor and ESLint with the plugin finish within seconds and
// the CLI names what it skipped. Each run is a child process with a timeout, so a regression
// fails the test instead of hanging it.
import { spawnSync } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree } from '../cli/helpers';

const repoRoot = path.resolve(__dirname, '../..');
const distCli = path.join(repoRoot, 'dist/cli.js');
const SETUP = "const { NodeSDK } = require('@opentelemetry/sdk-node');\nconst sdk = new NodeSDK({});\nsdk.start();\n";
/** A hang shows as a timeout (status null) long before vitest's own. */
const TIMEOUT_MS = 15_000;

function mkfifo(root: string, ...files: string[]): void {
  execFileSync('mkfifo', files.map((f) => path.join(root, f)));
}

function run(cwd: string, args: readonly string[]) {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: TIMEOUT_MS });
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

const canMkfifo = process.platform !== 'win32';

describe.skipIf(!canMkfifo || !existsSync(distCli))('FIFOs named like project files (built dist/ needed)', () => {
  it('otel-codemod skips them with a note, and reports a FIFO named like a source file', () => {
    const root = makeTree({ 'src/index.js': SETUP });
    mkfifo(root, 'package.json', '.gitignore', 'nodemon.json', 'package-lock.json', 'tsconfig.json', 'requirements.txt', 'src/fifo.js');
    const result = run(root, [distCli, 'add-guards', '--dry', '--json', '.']);
    expect(result.status).toBe(0);
    expect(result.seconds).toBeLessThan(TIMEOUT_MS / 1000);
    const report = JSON.parse(result.stdout) as { files: { path: string; status: string; reason?: string }[] };
    expect(report.files.map(({ path: file, status, reason }) => ({ path: file, status, ...(reason ? { reason } : {}) }))).toEqual([
      { path: 'src/fifo.js', status: 'skipped', reason: 'FIFO, not a regular file' },
      { path: 'src/index.js', status: 'changed' },
    ]);
    const note = result.stderr.split('\n').find((l) => l.startsWith('note: skipped'));
    expect(note).toMatch(/where a regular file was expected/);
    for (const name of ['.gitignore', 'package.json', 'src/fifo.js']) expect(note).toContain(name);
  });

  it('doctor finishes with a note', () => {
    const root = makeTree({ 'src/index.js': SETUP });
    mkfifo(root, 'package.json', '.gitignore', 'nodemon.json', 'package-lock.json', 'tsconfig.json');
    const result = run(root, [distCli, 'doctor', '--json', '.']);
    expect(result.status).not.toBeNull();
    expect(result.seconds).toBeLessThan(TIMEOUT_MS / 1000);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stderr).toMatch(/^note: skipped .*package\.json/m);
  });

  it('ESLint with the plugin finishes on a package whose project files are FIFOs', () => {
    // A FIFO package.json beside the ESLint config itself hangs Node's module loader (ESLint alone
    // too), so the FIFOs sit in a workspace package, where only otel-safe looks for them.
    const root = makeTree({
      'package.json': '{ "name": "root", "private": true }',
      'packages/app/src/index.js': SETUP,
      'lint.cjs': [
        "const { ESLint } = require(process.env.ESLINT_PATH);",
        "const plugin = require(process.env.PLUGIN_PATH);",
        "const rules = process.env.WITH_PLUGIN ? Object.fromEntries(Object.keys(plugin.rules).map((r) => ['otel-safe/' + r, 'error'])) : {};",
        "const eslint = new ESLint({ cwd: __dirname, overrideConfigFile: true, overrideConfig: [{ files: ['**/*.js'], plugins: { 'otel-safe': plugin }, rules }] });",
        "eslint.lintFiles(['packages']).then((results) => console.log(JSON.stringify(results.flatMap((r) => r.messages.map((m) => m.ruleId + ':' + m.messageId)))));",
      ].join('\n'),
    });
    mkfifo(root, '.gitignore', 'packages/app/package.json', 'packages/app/.gitignore', 'packages/app/nodemon.json', 'packages/app/package-lock.json', 'packages/app/tsconfig.json');
    const env = { ...process.env, ESLINT_PATH: require.resolve('eslint'), PLUGIN_PATH: path.join(repoRoot, 'dist/index.js') };
    const alone = spawnSync(process.execPath, ['lint.cjs'], { cwd: root, encoding: 'utf8', timeout: TIMEOUT_MS, env });
    expect(alone.status).toBe(0); // the premise: ESLint alone lints this tree
    const started = performance.now();
    const withPlugin = spawnSync(process.execPath, ['lint.cjs'], { cwd: root, encoding: 'utf8', timeout: TIMEOUT_MS, env: { ...env, WITH_PLUGIN: '1' } });
    expect(withPlugin.status).toBe(0);
    expect((performance.now() - started) / 1000).toBeLessThan(TIMEOUT_MS / 1000);
    expect(JSON.parse(withPlugin.stdout)).toContain('otel-safe/require-shutdown-handler:missingShutdown');
  });
});
