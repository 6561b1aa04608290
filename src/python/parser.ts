// The Python parser: web-tree-sitter with the tree-sitter-python grammar (wasm), loaded
// lazily and once (src/README.md, "Python", says why this parser). `parsePython` is
// synchronous after `initPythonParser()` resolved, which ESLint's `parse` needs. The wasm
// tree is converted to plain nodes (nodes.ts) and freed before returning.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Language as TsLanguage, Parser as TsParser, TreeCursor } from 'web-tree-sitter';
import { lineStarts, positionAt } from '../core/location';
import type { PyNode, PyTree } from './nodes';
import { fieldKey } from './nodes';
import { workStats } from '../work-stats';

const GRAMMAR_FILE = 'tree-sitter-python.wasm';

let parser: TsParser | undefined;
let nodeTypes: readonly string[] = [];
let loading: Promise<void> | undefined;

/** Work counters for the fast-path tests: parses actually run through tree-sitter, and loads of the wasm runtime and grammar. */
export const parserStats = workStats('pythonParser', { parses: 0, loads: 0 });

/**
 * Where the grammar is: next to the built code (the build copies it into dist/), else the
 * devDependency that ships the same file (running from source: tests, benchmarks).
 */
export function grammarPath(): string {
  const beside = join(__dirname, GRAMMAR_FILE);
  if (existsSync(beside)) return beside;
  return require.resolve(`@vscode/tree-sitter-wasm/wasm/${GRAMMAR_FILE}`);
}

/** Loads web-tree-sitter and the grammar; idempotent, concurrent callers share one load. */
export function initPythonParser(): Promise<void> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined; // a failed load may be retried
    throw error;
  });
  return loading;
}

async function load(): Promise<void> {
  parserStats.loads++;
  // imported here, not at the top: the JavaScript path never loads the wasm runtime
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  const language: TsLanguage = await Language.load(grammarPath());
  const p = new Parser();
  p.setLanguage(language);
  const types = new Set<string>();
  for (let id = 0; id < language.nodeTypeCount; id++) {
    const name = language.nodeTypeForId(id);
    if (name && language.nodeTypeIsNamed(id)) types.add(name);
  }
  nodeTypes = [...types];
  parser = p;
}

/** The grammar's named node types (for ESLint's visitor keys); empty before the parser is loaded. */
export function pythonNodeTypes(): readonly string[] {
  return nodeTypes;
}

export function isPythonParserReady(): boolean {
  return parser !== undefined;
}

/** Parses Python source into plain nodes. Requires `initPythonParser()` to have resolved. */
export function parsePython(text: string): PyTree {
  if (!parser) throw new Error('The Python parser is not loaded: await initPythonParser() first.');
  parserStats.parses++;
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const cursor = tree.walk();
    try {
      return convert(cursor, text);
    } finally {
      cursor.delete();
    }
  } finally {
    tree.delete(); // the tree lives on the wasm heap until deleted
  }
}

interface Frame {
  readonly node: PyNode;
}

/** Walks the tree once with a cursor, keeping named nodes (anonymous field children become strings). */
function convert(cursor: TreeCursor, text: string): PyTree {
  const starts = lineStarts(text);
  const comments: PyNode[] = [];
  const errors: PyNode[] = [];
  const make = (type: string, start: number, end: number): PyNode => ({
    type,
    range: [start, end],
    loc: { start: positionAt(starts, start), end: positionAt(starts, end) },
    children: [],
    parent: null,
  });
  const root = make(cursor.nodeType, cursor.startIndex, cursor.endIndex);
  const stack: Frame[] = [{ node: root }];
  if (!cursor.gotoFirstChild()) return { root, comments, text, errors };
  for (;;) {
    const parent = stack[stack.length - 1]!.node;
    const fieldName = cursor.currentFieldName;
    let descend = false;
    if (cursor.nodeIsNamed) {
      let end = cursor.endIndex;
      // a comment token ends before the line break; tree-sitter keeps the \r of a CRLF in it
      if (cursor.nodeType === 'comment') while (end > cursor.startIndex && text.charCodeAt(end - 1) === 13) end--;
      const node = make(cursor.nodeType, cursor.startIndex, end);
      if (cursor.nodeIsMissing) {
        node.missing = true;
        errors.push(node);
      } else if (node.type === 'ERROR') errors.push(node);
      if (node.type === 'comment') {
        node.text = text.slice(node.range[0], node.range[1]);
        comments.push(node);
      } else {
        node.parent = parent;
        parent.children.push(node);
        if (fieldName) addField(parent, fieldName, node);
        descend = cursor.gotoFirstChild();
        if (descend) stack.push({ node });
        else node.text = text.slice(node.range[0], node.range[1]);
      }
    } else {
      if (cursor.nodeIsMissing) errors.push(make(`MISSING ${cursor.nodeType}`, cursor.startIndex, cursor.endIndex));
      if (fieldName) addField(parent, fieldName, cursor.nodeType);
    }
    if (descend) continue;
    // next sibling, or climb until one exists
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return { root, comments, text, errors };
      const done = stack.pop()!.node;
      if (done.children.length === 0 && done.text === undefined) done.text = text.slice(done.range[0], done.range[1]);
      if (stack.length === 0) return { root, comments, text, errors };
    }
  }
}

function addField(parent: PyNode, name: string, value: PyNode | string): void {
  const key = fieldKey(name);
  const existing = parent[key];
  if (existing === undefined) parent[key] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else parent[key] = [existing, value];
}
