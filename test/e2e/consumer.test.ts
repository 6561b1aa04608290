// Consumer end-to-end (SPEC §4, §8): `npm pack` the built package once, install the tarball
// into temp projects next to ESLint 8.57.1, the latest 9.x and the latest 10.x (from the npm
// registry; installs run in parallel and share a cache outside the repo), and lint a file with
// an unguarded registration through each documented config style, with ESLint's own CLI.
// Then run `npx otel-codemod add-guards` in a consumer: --check fails, the fix writes the
// guarded singleton, --check passes, and no-duplicate-registration is quiet on the result.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transforms } from '../../codemods';
import { ensureBuilt, root } from '../package/build';

const RULE = 'otel-safe/no-duplicate-registration';
const CACHE = process.env.OTEL_SAFE_E2E_CACHE ?? join(tmpdir(), 'otel-safe-e2e-cache');
const INSTALL_TIMEOUT = 240_000;

/** An Express-style middleware that starts a NodeSDK on every request (the SDK itself need not be installed). */
const TRACING_JS = `const express = require('express');
const { NodeSDK } = require('@opentelemetry/sdk-node');

const app = express();
app.use((req, res, next) => {
  new NodeSDK().start();
  next();
});

module.exports = app;
`;
const REGISTRATION_LINE = 6;

const ESLINTRC = JSON.stringify({ root: true, env: { node: true, es2022: true }, extends: ['plugin:otel-safe/recommended'] }, null, 2);

interface Project {
  dir: string;
  deps: string[];
  files: Record<string, string>;
}

let work: string;
let tarball: string;
const projects: Record<'v8' | 'v9' | 'v10', Project> = {
  v8: { dir: '', deps: ['eslint@8.57.1'], files: { '.eslintrc.json': ESLINTRC } },
  v9: {
    dir: '',
    deps: ['eslint@^9'],
    files: {
      'eslint.config.mjs': `import otel from 'eslint-plugin-otel-safe';\nexport default [otel.configs['flat/recommended']];\n`,
      '.eslintrc.json': ESLINTRC,
    },
  },
  v10: {
    dir: '',
    deps: ['eslint@^10', '@eslint/eslintrc@^3'],
    files: {
      'define-config.mjs': `import { defineConfig } from 'eslint/config';
import otel from 'eslint-plugin-otel-safe';
export default defineConfig([{ plugins: { 'otel-safe': otel }, extends: ['otel-safe/recommended'] }]);
`,
      'compat.mjs': `import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlatCompat } from '@eslint/eslintrc';
const compat = new FlatCompat({ baseDirectory: dirname(fileURLToPath(import.meta.url)) });
export default [...compat.extends('plugin:otel-safe/recommended')];
`,
      // the plugin imported AND reached through FlatCompat: one object, so no "Cannot redefine plugin"
      'mixed.mjs': `import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlatCompat } from '@eslint/eslintrc';
import otel from 'eslint-plugin-otel-safe';
const compat = new FlatCompat({ baseDirectory: dirname(fileURLToPath(import.meta.url)) });
export default [otel.configs['flat/recommended'], ...compat.extends('plugin:otel-safe/recommended')];
`,
    },
  },
};

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeout = 60_000) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}

function runAsync(cmd: string, args: string[], cwd: string, timeout: number): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: process.env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

interface EslintResult {
  filePath: string;
  messages: { ruleId: string | null; messageId?: string; line: number; severity: number; message: string; fatal?: boolean }[];
}

/** Runs the consumer's ESLint CLI with the JSON formatter; returns the parsed report and the raw output. */
function eslint(project: Project, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = run(process.execPath, [join(project.dir, 'node_modules', 'eslint', 'bin', 'eslint.js'), '-f', 'json', ...args], project.dir, env);
  let results: EslintResult[] = [];
  try {
    results = JSON.parse(r.stdout);
  } catch {
    throw new Error(`eslint ${args.join(' ')} exited ${r.status} without a JSON report:\n${r.stdout}\n${r.stderr}`);
  }
  return { ...r, results, messages: results.flatMap((f) => f.messages) };
}

function expectRegistrationReported(r: ReturnType<typeof eslint>) {
  const ours = r.messages.filter((m) => m.ruleId === RULE);
  expect(ours, JSON.stringify(r.messages) + r.stderr).toHaveLength(1);
  expect(ours[0]).toMatchObject({ severity: 2, line: REGISTRATION_LINE, messageId: 'registrationInRerunnableCode' });
  expect(r.messages.filter((m) => m.fatal)).toEqual([]);
  expect(r.status).toBe(1);
}

function writeFiles(dir: string, files: Record<string, string>) {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

beforeAll(async () => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'otel-safe-e2e-'));
  const packed = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root);
  expect(packed.status, packed.stderr).toBe(0);
  tarball = join(work, JSON.parse(packed.stdout)[0].filename);

  const installs = Object.entries(projects).map(async ([name, p]) => {
    p.dir = join(work, name);
    writeFiles(p.dir, { 'package.json': JSON.stringify({ name: `consumer-${name}`, version: '1.0.0', private: true }), 'src/tracing.js': TRACING_JS, ...p.files });
    const args = ['install', tarball, ...p.deps, '--cache', CACHE, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
    const r = await runAsync('npm', args, p.dir, INSTALL_TIMEOUT);
    if (r.status !== 0) throw new Error(`npm ${args.join(' ')} in ${p.dir} failed (${r.status}):\n${r.output}`);
  });
  await Promise.all(installs);
}, INSTALL_TIMEOUT + 60_000);

afterAll(() => {
  if (work && !process.env.OTEL_SAFE_E2E_KEEP) rmSync(work, { recursive: true, force: true });
});

describe('ESLint 8.57.1', () => {
  it("installs the ESLint version asked for", () => {
    expect(JSON.parse(readFileSync(join(projects.v8.dir, 'node_modules/eslint/package.json'), 'utf8')).version).toBe('8.57.1');
  });

  it(".eslintrc.json extends: ['plugin:otel-safe/recommended']", () => {
    expectRegistrationReported(eslint(projects.v8, ['src']));
  });
});

describe('ESLint 9 (latest 9.x)', () => {
  it('installs a 9.x', () => {
    expect(JSON.parse(readFileSync(join(projects.v9.dir, 'node_modules/eslint/package.json'), 'utf8')).version).toMatch(/^9\./);
  });

  it("flat config: [otel.configs['flat/recommended']]", () => {
    expectRegistrationReported(eslint(projects.v9, ['src']));
  });

  it("eslintrc (ESLINT_USE_FLAT_CONFIG=false): extends: ['plugin:otel-safe/recommended']", () => {
    const r = eslint(projects.v9, ['src'], { ESLINT_USE_FLAT_CONFIG: 'false' });
    expectRegistrationReported(r);
    expect(r.stderr).toMatch(/eslintrc/i); // really the eslintrc path: ESLint 9 warns that it is deprecated
  });
});

describe('ESLint 10 (latest 10.x)', () => {
  it('installs a 10.x', () => {
    expect(JSON.parse(readFileSync(join(projects.v10.dir, 'node_modules/eslint/package.json'), 'utf8')).version).toMatch(/^10\./);
  });

  it("defineConfig({ plugins: { 'otel-safe': otel }, extends: ['otel-safe/recommended'] })", () => {
    expectRegistrationReported(eslint(projects.v10, ['-c', 'define-config.mjs', 'src']));
  });

  it("FlatCompat.extends('plugin:otel-safe/recommended')", () => {
    expectRegistrationReported(eslint(projects.v10, ['-c', 'compat.mjs', 'src']));
  });

  it('import + FlatCompat together do not redefine the plugin', () => {
    const r = eslint(projects.v10, ['-c', 'mixed.mjs', 'src']);
    expect(r.stderr).not.toMatch(/Cannot redefine plugin/);
    expectRegistrationReported(r);
  });
});

describe('npx otel-codemod in a consumer', () => {
  it('add-guards --check fails, add-guards fixes, --check passes, the registration rule is quiet on the result', () => {
    const app = join(projects.v10.dir, 'app');
    // the CLI runs without jscodeshift, which the package no longer depends on (lean install)
    expect(existsSync(join(projects.v10.dir, 'node_modules', 'jscodeshift'))).toBe(false);
    writeFiles(app, { 'src/tracing.js': TRACING_JS, 'src/other.js': "module.exports = 1;\n" });
    const npx = (args: string[]) => run('npx', ['--no-install', 'otel-codemod', ...args], app);

    const before = npx(['add-guards', '--check', 'src/']);
    expect(before.status, before.stdout + before.stderr).toBe(1);
    expect(readFileSync(join(app, 'src/tracing.js'), 'utf8')).toBe(TRACING_JS);

    const fix = npx(['add-guards', 'src/']);
    expect(fix.status, fix.stdout + fix.stderr).toBe(0);
    const fixed = readFileSync(join(app, 'src/tracing.js'), 'utf8');
    expect(fixed).toContain("Symbol.for('otel-safe.NodeSDK')");
    expect(fixed).not.toBe(TRACING_JS);
    expect(readFileSync(join(app, 'src/other.js'), 'utf8')).toBe('module.exports = 1;\n');

    const after = npx(['add-guards', '--check', 'src/']);
    expect(after.status, after.stdout + after.stderr).toBe(0);
    expect(readFileSync(join(app, 'src/tracing.js'), 'utf8')).toBe(fixed);

    // the rewritten file parses and the rule paired with the step that rewrote it is quiet
    const lint = eslint(projects.v10, ['-c', 'define-config.mjs', 'app/src']);
    expect(lint.messages.filter((m) => m.fatal || m.ruleId === null)).toEqual([]);
    expect(lint.messages.filter((m) => m.ruleId === RULE)).toEqual([]);
  });

  it('list names every transform', () => {
    const r = run('npx', ['--no-install', 'otel-codemod', 'list'], projects.v9.dir);
    expect(r.status, r.stderr).toBe(0);
    for (const name of Object.keys(transforms)) expect(r.stdout).toContain(name);
  });
});
