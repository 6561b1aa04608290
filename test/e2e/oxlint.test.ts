// oxlint (pinned in devDependencies) runs the plugin through `jsPlugins` with the
// `.oxlintrc.json` block of docs/oxlint.md, exactly as a user pastes it (the package found
// by name), and reports what ESLint reports: same file, line, column, rule and message, on
// every example app and every case of the shared corpus (skipped with a line when absent).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from '../package/build';
import { fromEslint, lintProjects, sortReports, type Report } from './lint-projects';

const OXLINT = path.join(root, 'node_modules', '.bin', 'oxlint');
const work = mkdtempSync(path.join(os.tmpdir(), 'otel-safe-oxlint-'));
const configFile = path.join(work, '.oxlintrc.json');
let rules: Record<string, 'error' | 'warn'>;

beforeAll(() => {
  ensureBuilt();
  // the package by name, as in a user's project
  mkdirSync(path.join(work, 'node_modules'));
  symlinkSync(root, path.join(work, 'node_modules', 'eslint-plugin-otel-safe'), 'dir');
  const doc = readFileSync(path.join(root, 'docs', 'oxlint.md'), 'utf8');
  const block = /<!-- begin generated oxlintrc[^>]*-->\n```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/oxlint.md has no generated .oxlintrc.json block');
  const config = JSON.parse(block) as { jsPlugins: string[]; rules: Record<string, 'error' | 'warn'> };
  rules = config.rules;
  // oxlint's own rules off, so only the plugin's reports are compared
  writeFileSync(configFile, JSON.stringify({ ...config, $schema: undefined, plugins: [], categories: { correctness: 'off' } }, null, 2));
}, 200_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface OxlintDiagnostic {
  readonly message: string;
  readonly code: string;
  readonly filename: string;
  readonly labels: readonly { span: { line: number; column: number } }[];
}

function runOxlint(cwd: string): Report[] {
  const r = spawnSync(OXLINT, ['-c', configFile, '--format', 'json', '.'], { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  // exit 1 when an error-level rule reports; anything else is a crash
  expect([0, 1], r.stderr).toContain(r.status);
  const { diagnostics } = JSON.parse(r.stdout) as { diagnostics: OxlintDiagnostic[] };
  return diagnostics.map((d) => {
    const rule = /^([\w-]+)\(([\w-]+)\)$/.exec(d.code);
    if (!rule) throw new Error(`unexpected oxlint diagnostic ${d.code}: ${d.message}`);
    return { file: d.filename.split(path.sep).join('/'), line: d.labels[0]!.span.line, column: d.labels[0]!.span.column, rule: `${rule[1]}/${rule[2]}`, message: d.message };
  });
}

async function runEslint(cwd: string): Promise<Report[]> {
  const { ESLint } = await import('eslint');
  const tsParser = await import('@typescript-eslint/parser');
  const plugin = require(path.join(root, 'dist', 'index.js'));
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
        languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true }, sourceType: 'module' } },
        plugins: { 'otel-safe': plugin },
        rules,
      },
    ],
  });
  return fromEslint(await eslint.lintFiles(['.']), cwd);
}

describe('oxlint with the docs/oxlint.md config', () => {
  it('runs every rule of the plugin', () => {
    const plugin = require(path.join(root, 'dist', 'index.js'));
    expect(Object.keys(rules).sort()).toEqual(Object.keys(plugin.rules).map((name) => `otel-safe/${name}`).sort());
  });

  it('reports what ESLint reports on the examples and the shared corpus', async () => {
    let oxlintMs = 0;
    let eslintMs = 0;
    let compared = 0;
    const projects = lintProjects();
    for (const project of projects) {
      let started = performance.now();
      const fromOxlint = sortReports(runOxlint(project.dir));
      oxlintMs += performance.now() - started;
      started = performance.now();
      const fromEslintApi = sortReports(await runEslint(project.dir));
      eslintMs += performance.now() - started;
      expect(fromOxlint, project.name).toEqual(fromEslintApi);
      compared += fromEslintApi.length;
    }
    console.log(`oxlint = ESLint on ${projects.length} projects, ${compared} reports (oxlint ${Math.round(oxlintMs)} ms incl. process start, ESLint API ${Math.round(eslintMs)} ms)`);
    // a comparison of two empty lists would prove nothing
    expect(compared).toBeGreaterThan(20);
  }, 600_000);
});
