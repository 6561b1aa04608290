// `node bench/python-parser.mjs [file.py]`: the Python parser decision (src/README.md, "Python"),
// measured. web-tree-sitter + tree-sitter-python (wasm) against @lezer/python on a real large
// Python file (default: this machine's CPython `_pydecimal.py`, read in place, never copied):
// cold load, warm parse (median of 20), our conversion to plain nodes, a 3.10–3.12 syntax matrix
// (our own snippets), UTF-16 offsets and error recovery. Needs `npm run build` (dist/python.js).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const file = process.argv[2] ?? execFileSync('python3', ['-c', 'import _pydecimal; print(_pydecimal.__file__)'], { encoding: 'utf8' }).trim();
const source = readFileSync(file, 'utf8');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn, n = 20) => {
  fn();
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
};

// tree-sitter (wasm)
let t0 = performance.now();
const { Parser, Language } = await import('web-tree-sitter');
await Parser.init();
const grammar = require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm');
const lang = await Language.load(grammar);
const ts = new Parser();
ts.setLanguage(lang);
const tsCold = performance.now() - t0;
const tsParse = time(() => ts.parse(source).delete());

// ours: parse + conversion to plain nodes (what the checks and ESLint get)
const python = require('../dist/python.js');
await python.initPython();
const oursParse = time(() => python.parsePython(source));

// Lezer
t0 = performance.now();
const { parser: lezer } = await import('@lezer/python');
const lezerCold = performance.now() - t0;
const lezerParse = time(() => lezer.parse(source));

const matrix = {
  'match (3.10)': 'match cmd:\n    case {"x": x, **rest}:\n        pass\n    case [a, *_] if a:\n        pass\n',
  'parenthesized with (3.10)': 'with (\n    open("a") as a,\n    open("b") as b,\n):\n    pass\n',
  'except* (3.11)': 'try:\n    pass\nexcept* ValueError as eg:\n    pass\n',
  'PEP 695 generics (3.12)': 'class Box[T]:\n    pass\ndef first[T](xs: list[T]) -> T:\n    return xs[0]\n',
  'type alias (3.12)': 'type Pair[T] = tuple[T, T]\n',
  'PEP 701 f-strings (3.12)': 'msg = f"{", ".join([name, f"{name!r}"])}"\n',
  'walrus, positional-only': 'def f(a, /, b, *, c):\n    if (n := len(a)) > 1:\n        return n\n',
};
const tsOk = (code) => {
  const tree = ts.parse(code);
  const ok = !tree.rootNode.hasError;
  tree.delete();
  return ok;
};
const lezerOk = (code) => {
  let ok = true;
  lezer.parse(code).iterate({ enter: (n) => { if (n.type.isError) ok = false; } });
  return ok;
};
const syntax = Object.entries(matrix).map(([name, code]) => ({ name, treeSitter: tsOk(code), lezer: lezerOk(code) }));

// offsets: a call after a non-BMP character, in UTF-16 code units (JavaScript string indices)
const probe = 's = "é😀"; foo(1)\n';
const want = probe.indexOf('foo');
const tsTree = ts.parse(probe);
const tsCall = tsTree.rootNode.descendantsOfType('call')[0];
const tsOffset = tsCall.startIndex;
tsTree.delete();
let lezerOffset = -1;
lezer.parse(probe).iterate({ enter: (n) => { if (n.name === 'CallExpression' && lezerOffset < 0) lezerOffset = n.from; } });

// recovery: the statement after a broken one survives
const broken = 'def broken(:\n    pass\nx = 1\n';
const tsRecovers = ts.parse(broken).rootNode.namedChildren.some((n) => n.type === 'expression_statement');

const result = {
  file: `${file} (${source.split('\n').length} lines, ${(source.length / 1024).toFixed(0)} KB)`,
  coldLoadMs: { treeSitter: +tsCold.toFixed(1), lezer: +lezerCold.toFixed(1) },
  warmParseMs: { treeSitter: +tsParse.toFixed(1), treeSitterPlusConversion: +oursParse.toFixed(1), lezer: +lezerParse.toFixed(1) },
  syntax,
  utf16Offsets: { expected: want, treeSitter: tsOffset, lezer: lezerOffset },
  recovery: { treeSitter: tsRecovers },
};
console.log(JSON.stringify(result, null, 2));
