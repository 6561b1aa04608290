// Python as a language of the core (src/core/language.ts): `.py` files, the one-scan text
// gate, the lazily loaded wasm parser. The codemod engine parses strictly: a file (or a
// rewrite) with syntax the parser had to recover from is a ParseError and stays untouched.
import type { Language, SourceFile } from '../core/language';
import { ParseError } from '../core/language';
import { positionAt, lineStarts } from '../core/location';
import type { OtelSafeSettings } from '../core/settings';
import type { PyTree } from './nodes';
import { initPythonParser, parsePython } from './parser';
import { mayHaveFindings } from './table';

export const pythonLanguage: Language<PyTree> = {
  id: 'python',
  extensions: ['py'],
  mayHaveFindings(file: SourceFile, settings: OtelSafeSettings): boolean {
    return mayHaveFindings(file.text, settings);
  },
  init: initPythonParser,
  parse(file: SourceFile): PyTree {
    const tree = parsePython(file.text);
    const first = tree.errors[0];
    if (first) {
      const at = positionAt(lineStarts(file.text), first.range[0]);
      const what = first.missing ? `missing ${first.type}` : first.type.startsWith('MISSING ') ? `missing \`${first.type.slice(8)}\`` : 'invalid syntax';
      throw new ParseError(file.path, `${what} at ${at.line}:${at.column + 1}`);
    }
    return tree;
  },
};
