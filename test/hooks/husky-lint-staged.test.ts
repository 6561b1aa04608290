// End to end with husky 9 + lint-staged 16 (the Node 20 line; 17 needs Node >= 22.22):
// a temp consumer installs them and ESLint from the npm registry, plus the `npm pack`
// tarball of this repository. A commit with an unguarded SDK setup is blocked by both
// ESLint (flat/recommended) and `otel-codemod add-guards --check`; after the codemod it passes.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndPack, childEnv, git, removeTempDirs, run, tempDir } from './support';

// Has its shutdown handlers (so only the missing guard is wrong): an exported init function starting an SDK.
// The init runs again from a request handler (same-file evidence: an exported init is reported
// only with a caller that re-runs it, and this consumer is a package).
const UNGUARDED_JS = `import http from 'node:http';
import { NodeSDK } from '@opentelemetry/sdk-node';

export function initTracing() {
  const sdk = new NodeSDK({ serviceName: 'shop' });
  sdk.start();
  return sdk;
}

const sdk = initTracing();
process.once('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));
process.once('SIGINT', () => sdk.shutdown().finally(() => process.exit(130)));

http
  .createServer((req, res) => {
    if (req.url === '/reset') initTracing();
    res.end('ok');
  })
  .listen(8080);
`;

describe('husky + lint-staged', () => {
  let consumer: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    const tarball = buildAndPack();

    consumer = tempDir('otel-safe-husky-');
    // vitest sets NODE_ENV=test, which switches lint-staged's output to listr2's event dump
    // (and NODE_ENV=production would make npm skip devDependencies): leave it unset
    env = childEnv();
    delete env.NODE_ENV;
    git(consumer, ['init', '--quiet', '-b', 'main']);
    writeFileSync(
      path.join(consumer, 'package.json'),
      `${JSON.stringify(
        {
          name: 'shop',
          version: '1.0.0',
          private: true,
          type: 'module',
          scripts: { prepare: 'husky' },
          'lint-staged': {
            '*.{js,jsx,ts,tsx,mjs,cjs,mts,cts}': ['eslint --max-warnings=0 --no-warn-ignored', 'otel-codemod add-guards --check'],
          },
        },
        null,
        2,
      )}\n`,
    );
    writeFileSync(
      path.join(consumer, 'eslint.config.js'),
      `import otel from 'eslint-plugin-otel-safe';\n\nexport default [otel.configs['flat/recommended']];\n`,
    );
    writeFileSync(path.join(consumer, '.gitignore'), 'node_modules/\n');
    const install = run(
      consumer,
      'npm',
      ['install', '--save-dev', '--save-exact', '--no-audit', '--no-fund', '--prefer-offline', 'husky@9.1.7', 'lint-staged@16.4.0', 'eslint@9.39.5', tarball],
      env,
    );
    expect(install.code, install.output).toBe(0);
    // `prepare: husky` points core.hooksPath at .husky/_; it is what every later `npm install` runs; `npm install <pkgs>` does not run the root's own prepare
    const prepare = run(consumer, 'npm', ['run', 'prepare'], env);
    expect(prepare.code, prepare.output).toBe(0);
    mkdirSync(path.join(consumer, '.husky'), { recursive: true });
    // --continue-on-error: the --check still runs (and names the files) when ESLint fails first
    writeFileSync(path.join(consumer, '.husky', 'pre-commit'), 'npx lint-staged --continue-on-error\n');
    chmodSync(path.join(consumer, '.husky', 'pre-commit'), 0o755);
    expect(git(consumer, ['config', 'core.hooksPath']).trim()).toBe('.husky/_');
    git(consumer, ['add', '-A']);
    git(consumer, ['commit', '--quiet', '--no-verify', '-m', 'init']);
  }, 600_000);

  afterAll(removeTempDirs);

  it('blocks a commit with an unguarded SDK setup (ESLint and --check both name the file), and passes it after add-guards', () => {
    mkdirSync(path.join(consumer, 'src'), { recursive: true });
    writeFileSync(path.join(consumer, 'src', 'tracing.js'), UNGUARDED_JS);
    writeFileSync(path.join(consumer, 'src', 'util.js'), 'export const answer = 42;\n');
    git(consumer, ['add', '-A']);

    const blocked = run(consumer, 'git', ['commit', '-m', 'add tracing'], env, 180_000);
    expect(blocked.code, blocked.output).toBe(1);
    expect(blocked.output).toContain('otel-safe/no-duplicate-registration');
    expect(blocked.output).toMatch(/src\/tracing\.js/);
    expect(blocked.output).toMatch(/would change: src\/tracing\.js/);
    expect(blocked.output).not.toMatch(/would change: src\/util\.js/);
    expect(git(consumer, ['rev-list', '--count', 'HEAD']).trim()).toBe('1');

    const fixed = run(consumer, 'npx', ['--no-install', 'otel-codemod', 'add-guards', 'src/tracing.js'], env);
    expect(fixed.code, fixed.output).toBe(0);
    expect(readFileSync(path.join(consumer, 'src', 'tracing.js'), 'utf8')).toContain("Symbol.for('otel-safe.");
    git(consumer, ['add', '-A']);

    const passed = run(consumer, 'git', ['commit', '-m', 'add tracing'], env, 180_000);
    expect(passed.code, passed.output).toBe(0);
    expect(git(consumer, ['rev-list', '--count', 'HEAD']).trim()).toBe('2');
  }, 400_000);

  it('the installed CLI runs doctor on the consumer', () => {
    const r = run(consumer, 'npx', ['--no-install', 'otel-codemod', 'doctor', '--json'], env);
    expect(r.code, r.output).toBe(0);
    const report = JSON.parse(r.output) as { apiCopies: unknown[]; findings: { severity: string }[] };
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
