// One verdict for the four add-guards rules: after `add-guards` on the examples and on a tree of
// our codemod fixtures, ESLint (the recommended config), `add-guards --check` and `doctor` agree.
// Nothing any of them reports for those rules is called fixable: no suggestion, no codemod named;
// what ESLint still reports is exactly what add-guards lists as left for a human, and --check
// passes (it fails on those only with --strict).
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index';
import { loadRegistry, type Registry } from '../../src/cli/registry';
import { runIn, tempDir } from '../cli/helpers';

const ADD_GUARDS_RULES = ['no-duplicate-registration', 'require-hmr-dispose', 'require-shutdown-handler', 'no-batch-processor-in-dev'].map((r) => `otel-safe/${r}`);
const CODE = /\.[cm]?[jt]sx?$/;
const repo = join(__dirname, '..', '..');

let registry: Registry;
beforeAll(async () => {
  registry = await loadRegistry();
});

/** Every file under `root` (no node_modules), relative. */
function walk(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(full).isDirectory() ? walk(root, full) : [relative(root, full)];
  });
}

/** The codemod fixtures of the add-guards steps as a project tree: inputs under their plain names, project files beside them. */
function fixtureTree(): string {
  const root = tempDir();
  const fixtures = join(repo, 'test', 'fixtures', 'codemods');
  for (const transform of ['add-guards', 'guard-registration', 'add-shutdown-handler', 'add-hmr-dispose', 'dev-simple-processor']) {
    const base = join(fixtures, transform);
    const files = walk(base);
    // scenarios that need settings the CLI would not find stay out
    const withSettings = new Set(files.filter((f) => f.endsWith('.settings.json')).map((f) => f.replace('.settings.json', '')));
    for (const file of files) {
      if (/\.(output|left|settings)\./.test(file) || /\.(left|settings)\.json$/.test(file)) continue;
      const scenario = file.replace(/\.input\.[cm]?[jt]sx?$/, '');
      if (withSettings.has(scenario)) continue;
      const target = join(root, transform, file.replace('.input.', '.'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, readFileSync(join(base, file)));
    }
  }
  return root;
}

function examplesTree(): string {
  const root = tempDir();
  cpSync(join(repo, 'examples'), root, { recursive: true, filter: (src) => !src.includes('node_modules') });
  return root;
}

interface Report {
  file: string;
  line: number;
  rule: string;
  message: string;
  suggestions: number;
}

/** ESLint with the recommended config over every code file of the tree: the add-guards rules' reports. */
function eslintReports(root: string): Report[] {
  // cwd: the tree, so the config's `files` globs match its files
  const linter = new Linter({ configType: 'flat', cwd: root });
  const out: Report[] = [];
  for (const file of walk(root).filter((f) => CODE.test(f))) {
    const messages = linter.verify(
      readFileSync(join(root, file), 'utf8'),
      [
        {
          files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
          languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
          plugins: { 'otel-safe': plugin as never },
          rules: plugin.configs.recommended.rules,
        },
      ],
      join(root, file),
    );
    for (const m of messages) {
      if (m.fatal) throw new Error(`${file}: ${m.message}`);
      if (m.ruleId && ADD_GUARDS_RULES.includes(m.ruleId)) out.push({ file, line: m.line, rule: m.ruleId, message: m.message, suggestions: m.suggestions?.length ?? 0 });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
}

interface JsonRun {
  summary: { changed: number; left: number };
  files: { path: string; status: string; left?: { line: number; ruleId: string; message: string }[] }[];
}

async function agree(root: string): Promise<{ left: number; changed: number }> {
  const applied = await runIn(root, ['add-guards', '--json', '.'], { registry });
  expect(applied.code, applied.stderr).toBe(0);
  const changed = (JSON.parse(applied.stdout) as JsonRun).summary.changed;

  const check = await runIn(root, ['add-guards', '--check', '--json', '.'], { registry });
  expect(check.code, 'add-guards --check after add-guards').toBe(0);
  const report = JSON.parse(check.stdout) as JsonRun;
  expect(report.summary.changed, 'nothing would change').toBe(0);
  const left = report.files.flatMap((f) => (f.left ?? []).map((l) => ({ file: f.path, line: l.line, rule: l.ruleId, message: l.message })));

  const eslint = eslintReports(root);
  // ESLint calls nothing fixable: no suggestion, no codemod named
  for (const r of eslint) {
    expect(r.suggestions, `${r.file}:${r.line} ${r.rule} has a suggestion after add-guards`).toBe(0);
    expect(r.message, `${r.file}:${r.line}`).not.toMatch(/otel-codemod/);
  }
  // and reports exactly what add-guards left for a human
  const key = (r: { file: string; line: number; rule: string }) => `${r.file}:${r.line} ${r.rule}`;
  expect(eslint.map(key).sort()).toEqual(left.map(key).sort());
  for (const l of left) expect(l.message).not.toMatch(/otel-codemod/);

  // --strict turns the same list into a failure
  const strict = await runIn(root, ['add-guards', '--check', '--strict', '.'], { registry });
  expect(strict.code).toBe(left.length > 0 ? 1 : 0);

  // doctor names no codemod either: what it reports after the run is for a human
  const doctor = await runIn(root, ['doctor', '--json'], { registry });
  expect([0, 1]).toContain(doctor.code);
  const findings = (JSON.parse(doctor.stdout) as { findings: { code: string; message: string }[] }).findings;
  for (const f of findings) expect(f.message, f.code).not.toMatch(/otel-codemod|codemod/);
  return { left: left.length, changed };
}

describe('one verdict after add-guards', () => {
  it('on the examples', async () => {
    const { changed } = await agree(examplesTree());
    expect(changed, 'the examples have something to fix').toBeGreaterThan(0);
  }, 120_000);

  it('on a tree of the codemod fixtures', async () => {
    const { changed, left } = await agree(fixtureTree());
    expect(changed).toBeGreaterThan(10);
    // the conflicts the fixtures keep on purpose (express-app) are left, not hidden
    expect(left).toBeGreaterThan(0);
  }, 180_000);
});
