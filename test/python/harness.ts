// Shared by the Python tests: ESLint's own RuleTester wired to vitest and to the
// `otel-safe/python` language (the wasm parser is loaded before any case runs), and a
// helper that runs a Python check on a text.
import { RuleTester } from 'eslint';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { pythonRules } from '../../rules/python';
import type { CheckInput } from '../../src/core/language';
import type { OtelSafeSettings } from '../../src/core/settings';
import { pythonEslintLanguage } from '../../src/python/eslint/language';
import { pythonLanguage } from '../../src/python/language';
import type { PyTree } from '../../src/python/nodes';
import { initPythonParser } from '../../src/python/parser';

(RuleTester as unknown as { afterAll: unknown }).afterAll = afterAll;
(RuleTester as unknown as { describe: unknown }).describe = describe;
(RuleTester as unknown as { it: unknown }).it = it;
(RuleTester as unknown as { itOnly: unknown }).itOnly = it.only;

/** Loads the parser once per test file, before the cases run. */
export function loadPythonParser(): void {
  beforeAll(() => initPythonParser());
}

export const testPlugin = { languages: { python: pythonEslintLanguage }, rules: pythonRules };

export function createPythonRuleTester(settings: OtelSafeSettings = {}): RuleTester {
  loadPythonParser();
  return new RuleTester({
    files: ['**/*.py'],
    plugins: { 'otel-safe': testPlugin as never },
    language: 'otel-safe/python',
    settings: { 'otel-safe': settings },
  } as never);
}

/** The input a check gets for `text` at `path`. */
export function checkInput(text: string, path = '/project/app.py', settings: OtelSafeSettings = {}): CheckInput<PyTree> {
  const file = { path, text };
  return { tree: pythonLanguage.parse(file), file, settings, cwd: undefined };
}

/** Dedents a template literal that starts with a newline (test cases read like the files they stand for). */
export function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const indent = Math.min(...raw.split('\n').filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return raw.split('\n').map((l) => l.slice(indent)).join('\n');
}

/** Fix context with no settings and no linter cwd (project globs then use the file's package). */
export const NO_CONTEXT = { settings: {}, cwd: undefined } as const;
