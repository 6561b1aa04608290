// `node bench/python-tree.mjs` (also `npm run bench -- --only python`): the Python path on a real
// Python tree. Downloads one pinned pure-Python wheel from PyPI (`pip download`, no
// dependencies) into the bench cache, outside the repo, and unpacks its `.py` files. Then, from
// the sources bundled by esbuild (so no `npm run build` is needed):
//   - the text gate over every file (what a `.py` file without OpenTelemetry costs);
//   - parse (web-tree-sitter + conversion to plain nodes) and all seven checks, forced on every
//     file, per file: what a file that passes the gate costs;
//   - ESLint (`Linter`, the `otel-safe/python` language, every Python rule) per file, against
//     the same files linted with no rule: the language's overhead per file;
//   - how many times the wasm parser was loaded (once, and only when asked for).
// Prints one JSON object.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { cacheDir } from './tree.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
/** A large pure-Python package (BSD): its source is the tree. Pinned, so the numbers compare. */
export const PYTHON_PACKAGE = 'django==5.1.4';

function ensurePythonTree(log) {
  const root = path.join(cacheDir(), 'python');
  const tree = path.join(root, 'tree');
  const stamp = path.join(root, 'tree.stamp');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== PYTHON_PACKAGE) {
    log(`bench: downloading ${PYTHON_PACKAGE} (pip download --no-deps) into ${root} ...`);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    execFileSync('python3', ['-m', 'pip', 'download', '--quiet', '--no-deps', '--only-binary=:all:', '-d', root, PYTHON_PACKAGE], { stdio: 'inherit' });
    const wheel = readdirSync(root).find((f) => f.endsWith('.whl'));
    execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', path.join(root, wheel), tree]);
    writeFileSync(stamp, PYTHON_PACKAGE);
  }
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.py')) files.push(p);
    }
  };
  walk(tree);
  return { tree, files: files.sort() };
}

/** The Python path from the sources, bundled inside the repo (the grammar resolves from the devDependency). */
function bundle() {
  const out = path.join(here, '.cache', 'python-bench.cjs'); // git-ignored, inside the repo
  require('esbuild').buildSync({
    stdin: {
      contents: [
        "export { initPythonParser, parsePython, parserStats } from './src/python/parser';",
        "export { pythonChecks } from './src/python/checks';",
        "export { mayHaveFindings } from './src/python/table';",
        "export { pythonEslintLanguage } from './src/python/eslint/language';",
        "export { pythonRules } from './rules/python';",
      ].join('\n'),
      resolveDir: repo,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    outfile: out,
    external: ['web-tree-sitter', 'eslint'],
    logLevel: 'error',
  });
  return require(out);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measurePython({ log = (m) => process.stderr.write(`${m}\n`), rounds = 3 } = {}) {
  const { tree, files } = ensurePythonTree(log);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  const py = bundle();
  const settings = {};

  // the gate: every file, `rounds` times, median
  const gateMs = [];
  let passed = 0;
  for (let r = 0; r < rounds; r++) {
    passed = 0;
    const t = performance.now();
    for (const text of texts) if (py.mayHaveFindings(text, settings)) passed++;
    gateMs.push(performance.now() - t);
  }
  const loadsBeforeParse = py.parserStats.loads;

  // parse + checks forced on every file (as if each passed the gate)
  let t = performance.now();
  await py.initPythonParser();
  const loadMs = performance.now() - t;
  const parseMs = [];
  const checkMs = [];
  let findings = 0;
  let failures = 0;
  for (let r = 0; r < rounds; r++) {
    let parse = 0;
    let check = 0;
    findings = 0;
    failures = 0;
    for (let i = 0; i < files.length; i++) {
      t = performance.now();
      const parsed = py.parsePython(texts[i]);
      parse += performance.now() - t;
      t = performance.now();
      for (const c of py.pythonChecks) {
        try {
          findings += c.run({ tree: parsed, file: { path: files[i], text: texts[i] }, settings, cwd: tree }, undefined).length;
        } catch {
          failures++;
        }
      }
      check += performance.now() - t;
    }
    parseMs.push(parse);
    checkMs.push(check);
  }

  // ESLint: every Python rule vs none, same language, same files
  const { Linter } = require('eslint');
  const plugin = { languages: { python: py.pythonEslintLanguage }, rules: py.pythonRules };
  const ruleIds = Object.keys(py.pythonRules).map((id) => `otel-safe/${id}`);
  const config = (rules) => [{ files: ['**/*.py'], plugins: { 'otel-safe': plugin }, language: 'otel-safe/python', rules }];
  const lintMs = (cfg) => {
    const linter = new Linter({ configType: 'flat' });
    const tt = performance.now();
    for (let i = 0; i < files.length; i++) linter.verify(texts[i], cfg, files[i]);
    return performance.now() - tt;
  };
  const withRules = config(Object.fromEntries(ruleIds.map((id) => [id, 'error'])));
  const noRules = config({});
  // one untimed pass of each first: the first pass over the files also warms ESLint's own code
  lintMs(noRules);
  lintMs(withRules);
  const eslintAll = [];
  const eslintNone = [];
  for (let r = 0; r < rounds; r++) {
    eslintNone.push(lintMs(noRules));
    eslintAll.push(lintMs(withRules));
  }

  const perFile = (ms) => +((ms / files.length) * 1000).toFixed(1); // µs
  return {
    package: PYTHON_PACKAGE,
    tree,
    files: files.length,
    kb: Math.round(bytes / 1024),
    rounds,
    gate: { passed, totalMs: +median(gateMs).toFixed(1), usPerFile: perFile(median(gateMs)) },
    parser: { loadsBeforeAnyParse: loadsBeforeParse, loadsAfter: py.parserStats.loads, coldLoadMs: +loadMs.toFixed(1) },
    forcedOnEveryFile: {
      parseMs: +median(parseMs).toFixed(0),
      parseUsPerFile: perFile(median(parseMs)),
      checksMs: +median(checkMs).toFixed(0),
      checksUsPerFile: perFile(median(checkMs)),
      findings,
      checkFailures: failures,
    },
    eslint: {
      noRulesMs: +median(eslintNone).toFixed(0),
      allRulesMs: +median(eslintAll).toFixed(0),
      usPerFileNoRules: perFile(median(eslintNone)),
      usPerFileAllRules: perFile(median(eslintAll)),
      rulesUsPerFile: perFile(median(eslintAll) - median(eslintNone)),
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await measurePython(), null, 2));
