// The ESLint language `otel-safe/python` (ESLint ≥ 9.7, flat config). `parse` is synchronous,
// as ESLint requires: the wasm parser must be loaded first (`initPythonParser()`, awaited at the
// top of the `eslint-plugin-otel-safe/python` entry). The text gate runs here: a file that
// names no OpenTelemetry module is never handed to tree-sitter.
import { lineStarts, positionAt } from '../../core/location';
import type { PyNode } from '../nodes';
import { parsePython, pythonNodeTypes } from '../parser';
import { mayHaveFindings } from '../table';
import { PythonSourceCode } from './source-code';

export interface PythonLanguageOptions {
  /** Lint files with syntax errors on the recovered tree (default), or report them as parse errors. */
  tolerant?: boolean;
}

export interface TextFile {
  readonly body: string | Uint8Array;
  readonly path: string;
}

type ParseResult =
  | { ok: true; ast: PyNode; tree?: import('../nodes').PyTree }
  | { ok: false; errors: { message: string; line: number; column: number }[] };

let visitorKeys: Record<string, readonly string[]> | undefined;

/** Every node type has its named children under `children` (fields are properties as well). */
function getVisitorKeys(): Record<string, readonly string[]> {
  if (!visitorKeys) {
    visitorKeys = {};
    for (const t of pythonNodeTypes()) visitorKeys[t] = ['children'];
  }
  return visitorKeys;
}

export const pythonEslintLanguage = {
  fileType: 'text' as const,
  lineStart: 1 as const,
  columnStart: 0 as const,
  nodeTypeKey: 'type',
  defaultLanguageOptions: { tolerant: true } satisfies PythonLanguageOptions,
  get visitorKeys() {
    return getVisitorKeys();
  },

  validateLanguageOptions(options: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(options ?? {})) {
      if (key !== 'tolerant') throw new TypeError(`Unexpected key "${key}" in languageOptions for otel-safe/python (only "tolerant" is known).`);
      if (typeof value !== 'boolean') throw new TypeError('languageOptions.tolerant for otel-safe/python must be a boolean.');
    }
  },

  parse(file: TextFile, context: { languageOptions?: PythonLanguageOptions } = {}): ParseResult {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    if (!mayHaveFindings(text, undefined) && !text.includes('eslint-')) {
      // no check can report here (short of a configured registrar, which the rules ask for)
      const starts = lineStarts(text);
      const root: PyNode = { type: 'module', range: [0, text.length], loc: { start: { line: 1, column: 0 }, end: positionAt(starts, text.length) }, children: [], parent: null };
      return { ok: true, ast: root };
    }
    const tree = parsePython(text);
    const tolerant = context.languageOptions?.tolerant ?? true;
    if (!tolerant && tree.errors.length > 0) {
      return { ok: false, errors: tree.errors.map((e) => ({ message: e.type.startsWith('MISSING') || e.missing ? `Parsing error: missing ${e.type.replace(/^MISSING /, '')}` : 'Parsing error: invalid syntax', line: e.loc.start.line, column: e.loc.start.column + 1 })) };
    }
    return { ok: true, ast: tree.root, tree };
  },

  createSourceCode(file: TextFile, result: { ast: PyNode; tree?: import('../nodes').PyTree }): PythonSourceCode {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    return new PythonSourceCode(text, result.ast, result.tree, getVisitorKeys());
  },
};
