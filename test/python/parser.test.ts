// The Python parser: plain nodes with UTF-16 ranges, 1-based lines and 0-based columns, field
// properties, comments apart, recovery, and the syntax of Python 3.10–3.12 (written here, our own
// minimal cases). The language's strict parse (the codemod engine's) rejects recovered trees.
import { beforeAll, describe, expect, it } from 'vitest';
import { ParseError } from '../../src/core/language';
import { pythonLanguage } from '../../src/python/language';
import type { PyNode } from '../../src/python/nodes';
import { field, fieldNodes, operatorOf, walk } from '../../src/python/nodes';
import { initPythonParser, isPythonParserReady, parsePython, parserStats } from '../../src/python/parser';

beforeAll(() => initPythonParser());

function find(root: PyNode, type: string): PyNode {
  let hit: PyNode | undefined;
  walk(root, (n) => {
    if (!hit && n.type === type) hit = n;
  });
  if (!hit) throw new Error(`no ${type}`);
  return hit;
}

describe('parsePython', () => {
  it('loads once: a second init resolves without reloading', async () => {
    expect(isPythonParserReady()).toBe(true);
    await initPythonParser();
    expect(isPythonParserReady()).toBe(true);
  });

  it('gives UTF-16 ranges and columns (astral characters count two)', () => {
    const text = 's = "é😀"; x = foo(a, b=2)\n';
    const tree = parsePython(text);
    const call = find(tree.root, 'call');
    expect(text.slice(call.range[0], call.range[1])).toBe('foo(a, b=2)');
    expect(call.loc.start).toEqual({ line: 1, column: text.indexOf('foo') });
    expect(field(call, 'function')?.text).toBe('foo');
    const kw = find(tree.root, 'keyword_argument');
    expect(field(kw, 'name')?.text).toBe('b');
    expect(field(kw, 'value')?.text).toBe('2');
  });

  it('keeps CRLF line numbering and puts comments apart', () => {
    const tree = parsePython('a = 1\r\n# note\r\nb = 2  # trailing\r\n');
    expect(tree.comments.map((c) => [c.text, c.loc.start.line])).toEqual([
      ['# note', 2],
      ['# trailing', 3],
    ]);
    expect(tree.root.children.map((s) => s.loc.start.line)).toEqual([1, 3]);
    walk(tree.root, (n) => expect(n.type).not.toBe('comment'));
  });

  it('stores anonymous field children as text and repeated fields as arrays, with parent links', () => {
    const tree = parsePython('if a or not b.debug:\n    pass\nfrom x import (p as q, r)\n');
    const op = find(tree.root, 'boolean_operator');
    expect(operatorOf(op)).toBe('or');
    const imp = find(tree.root, 'import_from_statement');
    expect(fieldNodes(imp, 'name').map((n) => n.type)).toEqual(['aliased_import', 'dotted_name']);
    expect(op.parent?.type).toBe('if_statement');
  });

  it('parses the syntax of Python 3.10–3.12', () => {
    const cases: Record<string, string> = {
      'match (3.10)': 'match cmd:\n    case {"x": x, **rest}:\n        pass\n    case [a, *_] if a:\n        pass\n',
      'parenthesized context managers (3.10)': 'with (\n    open("a") as a,\n    open("b") as b,\n):\n    pass\n',
      'except* (3.11)': 'try:\n    pass\nexcept* ValueError as eg:\n    pass\n',
      'type parameters and type aliases (3.12)': 'class Box[T]:\n    pass\ndef first[T](xs: list[T]) -> T:\n    return xs[0]\ntype Pair[T] = tuple[T, T]\n',
      'f-strings with nested quotes (3.12)': 'name = "x"\nmsg = f"{", ".join([name, f"{name!r}"])}"\n',
      'walrus and positional-only parameters': 'def f(a, /, b, *, c):\n    if (n := len(a)) > 1:\n        return n\n',
    };
    for (const [what, text] of Object.entries(cases)) expect(parsePython(text).errors, what).toEqual([]);
  });

  it('recovers from a syntax error and records where', () => {
    const tree = parsePython('def broken(:\n    pass\nx = 1\n');
    expect(tree.errors.length).toBeGreaterThan(0);
    expect(tree.root.children.some((s) => s.type === 'expression_statement')).toBe(true);
  });

  it('counts parses', () => {
    const before = parserStats.parses;
    parsePython('x = 1\n');
    expect(parserStats.parses).toBe(before + 1);
  });
});

describe('pythonLanguage (the codemod engine)', () => {
  it('parses strictly: a recovered tree is a ParseError with a position', () => {
    expect(() => pythonLanguage.parse({ path: 'bad.py', text: 'x = (1,\n' })).toThrow(ParseError);
    try {
      pythonLanguage.parse({ path: 'bad.py', text: 'def f(:\n    pass\n' });
    } catch (e) {
      expect((e as ParseError).reason).toMatch(/at 1:\d+/);
    }
  });
});
