#!/usr/bin/env node
// Real-world codemod run: every transform over the labelled files of the real-world JS set
// (bench/realworld/js.manifest.json, trees materialized by materialize.mjs), on a hard-linked
// scratch copy per transform (the CLI writes by rename, so the materialized trees stay as they
// are). For every file a transform changes it checks:
//   parses      the output parses (typescript-estree, JSX by extension)
//   idempotent  a second run changes nothing (`--check`)
//   literals    every string literal of the input is still in the output (none silently lost)
//   imports     every package the output newly imports is declared by the nearest package.json
//   rule        the paired rule(s) report nothing fixable afterwards (what they still report is
//               what the CLI listed as left for a human)
//   tsc         TypeScript outputs type-check where the input did (a single-file program with
//               Node's types; packages are not installed there, so "cannot find module" and
//               its kin are left out)
// Needs `npm run build` first (runs dist/cli.js and dist/index.js).
//
// usage: node bench/realworld/codemods.mjs [--root /work/realworld/js] [--set dev|holdout|…|all: a set of the manifest]
//          [--only transform,…] [--json FILE] [--verbose]
import { checkoutDirName } from './checkout-dir.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(join(repoRoot, 'package.json'));
const { parse } = require('@typescript-eslint/typescript-estree');
const { Linter } = require('eslint');
const tsParser = require('@typescript-eslint/parser');
const ts = require('typescript');
const plugin = require(join(repoRoot, 'dist', 'index.js'));
const cli = join(repoRoot, 'dist', 'cli.js');

const USAGE = 'usage: node bench/realworld/codemods.mjs [--root DIR] [--set NAME] [--only transform,…] [--json FILE] [--verbose]';
const args = parseArgs(process.argv.slice(2));
const root = resolve(args.root ?? '/work/realworld/js');
const entries = JSON.parse(readFileSync(join(repoRoot, 'bench', 'realworld', 'js.manifest.json'), 'utf8'));
// the manifest's own sets, or `all` (as score.mjs): an unknown name is an error, not an empty run
const sets = ['all', ...new Set(entries.map((e) => e.set))];
if (args.set !== undefined && !sets.includes(args.set)) {
  console.error(`--set must be one of ${sets.join(', ')}, not ${args.set}\n${USAGE}`);
  process.exit(2);
}
const manifest = entries.filter((e) => !args.set || args.set === 'all' || e.set === args.set);
const files = [...new Set(manifest.map((e) => `${checkoutDirName(entries, e)}/${e.path}`))].filter((f) => existsSync(join(root, f)));
const ADD_GUARDS_RULES = ['no-duplicate-registration', 'require-hmr-dispose', 'require-shutdown-handler', 'no-batch-processor-in-dev'];
// module-resolution diagnostics: a single-file program resolves nothing
const UNRESOLVED = new Set([2307, 2792, 7016, 2503, 2688, 2875]);

const list = JSON.parse(run(['list', '--json'], repoRoot).stdout).filter((t) => t.languages.includes('javascript'));
const transforms = list.filter((t) => !args.only || args.only.split(',').includes(t.name));

const results = [];
for (const t of transforms) {
  const scratch = mkdtempSync(join(tmpdir(), 'otel-safe-codemods-'));
  try {
    // hard links: cheap, and the CLI's rename-on-write leaves the originals alone
    const cp = spawnSync('cp', ['-al', `${root}/.`, scratch]);
    if (cp.status !== 0) throw new Error(`cp -al failed: ${cp.stderr}`);
    const extra = t.name === 'migrate-sdk' ? ['--to', '3'] : [];
    const first = JSON.parse(run([t.name, '--json', ...extra, '--', ...files], scratch).stdout);
    const changed = first.files.filter((f) => f.status === 'changed');
    const second = changed.length > 0 ? JSON.parse(run([t.name, '--check', '--json', ...extra, '--', ...changed.map((f) => f.path)], scratch).stdout) : { files: [] };
    const again = new Set(second.files.filter((f) => f.status === 'changed').map((f) => f.path));
    const rules = t.rule ? [t.rule] : ADD_GUARDS_RULES;
    for (const f of changed) {
      const input = readFileSync(join(root, f.path), 'utf8');
      const output = readFileSync(join(scratch, f.path), 'utf8');
      const checks = checkFile(f.path, input, output, join(scratch, f.path), rules, join(root, f.path));
      checks.idempotent = again.has(f.path) ? 'changes again on a second run' : undefined;
      results.push({ transform: t.name, path: f.path, left: (f.left ?? []).length, problems: Object.fromEntries(Object.entries(checks).filter(([, v]) => v)) });
    }
    results.push(...first.files.filter((f) => f.status === 'error').map((f) => ({ transform: t.name, path: f.path, problems: { error: f.error } })));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

report(results);

function checkFile(path, input, output, scratchPath, rules, originalPath) {
  const out = {};
  const tsx = /\.[jt]sx$/.test(path) || /\.js$/.test(path);
  let inAst;
  let outAst;
  try {
    inAst = parse(input, { jsx: tsx, range: true });
  } catch {
    inAst = undefined;
  }
  try {
    outAst = parse(output, { jsx: tsx, range: true });
  } catch (error) {
    out.parses = `does not parse: ${error.message.split('\n')[0]}`;
    return out;
  }
  if (inAst) {
    const before = literals(inAst);
    const after = new Set(literals(outAst));
    const lost = [...new Set(before)].filter((s) => !after.has(s));
    if (lost.length > 0) out.literals = `lost: ${lost.map((s) => JSON.stringify(s)).join(', ')}`;
    const had = new Set(imports(inAst));
    const declared = declaredPackages(dirname(originalPath));
    const undeclared = [...new Set(imports(outAst))].filter((m) => !had.has(m) && declared && !declared.has(m));
    if (undeclared.length > 0) out.imports = `imports undeclared ${undeclared.join(', ')}`;
  }
  const fixable = lintFixable(output, scratchPath, rules);
  if (fixable.length > 0) out.rule = `still fixable: ${fixable.join('; ')}`;
  if (/\.[cm]?tsx?$/.test(path)) {
    const before = tsDiagnostics(originalPath);
    const after = tsDiagnostics(scratchPath);
    if (before.length === 0 && after.length > 0) out.tsc = `new type errors: ${after.slice(0, 3).join(' | ')}`;
  }
  return out;
}

/**
 * String values of literals and template chunks (the URLs, names and keys a rewrite must keep);
 * module specifiers are left out (an import a removal leaves unused goes with it; imports are
 * checked on their own).
 */
function literals(ast) {
  const found = [];
  const specifiers = new Set();
  walk(ast, (n) => {
    if (n.source && /Import|Export/.test(n.type)) specifiers.add(n.source);
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]) specifiers.add(n.arguments[0]);
  });
  walk(ast, (n) => {
    if (specifiers.has(n)) return;
    if (n.type === 'Literal' && typeof n.value === 'string' && n.value !== '') found.push(n.value);
    if (n.type === 'TemplateElement' && n.value.cooked) found.push(n.value.cooked);
  });
  return found;
}

/** Package names imported or required (bare specifiers only, `node:` and builtins left out). */
function imports(ast) {
  const specs = [];
  walk(ast, (n) => {
    if ((n.type === 'ImportDeclaration' || n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration') && n.source) specs.push(n.source.value);
    if (n.type === 'ImportExpression' && n.source.type === 'Literal') specs.push(n.source.value);
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal') specs.push(n.arguments[0].value);
  });
  const builtins = new Set(require('node:module').builtinModules);
  return specs
    .filter((s) => typeof s === 'string' && !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:') && !builtins.has(s.split('/')[0]))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]));
}

/** Dependencies of every kind in the nearest package.json, or undefined outside any package. */
function declaredPackages(dir) {
  for (let d = dir; d.startsWith(root); d = dirname(d)) {
    const file = join(d, 'package.json');
    if (!existsSync(file)) continue;
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      return new Set([pkg.name, ...['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((k) => Object.keys(pkg[k] ?? {}))]);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Reports of the paired rules that still carry a fix (a suggestion). */
function lintFixable(text, filename, rules) {
  const linter = new Linter({ configType: 'flat', cwd: dirname(filename) });
  const messages = linter.verify(
    text,
    [
      {
        files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
        languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { 'otel-safe': plugin },
        rules: Object.fromEntries(rules.map((r) => [`otel-safe/${r}`, 'error'])),
      },
    ],
    filename,
  );
  return messages.filter((m) => m.ruleId && (m.suggestions?.length ?? 0) > 0).map((m) => `${m.line}:${m.column} ${m.ruleId}`);
}

/** A single-file program's diagnostics (code and text), module resolution left out. */
function tsDiagnostics(file) {
  // Node's own types (our @types/node): generated code may use `process` where the input did not
  const program = ts.createProgram([file], {
    noEmit: true,
    typeRoots: [join(repoRoot, 'node_modules', '@types')],
    skipLibCheck: true,
    strict: false,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.Preserve,
    types: ['node'],
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  });
  const source = program.getSourceFile(file);
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
    .filter((d) => !UNRESOLVED.has(d.code))
    .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || key === 'range' || key === 'loc') continue;
    if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
    else if (value && typeof value === 'object') walk(value, visit);
  }
}

function run(argv, cwd) {
  const r = spawnSync(process.execPath, [cli, ...argv], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status === 2 || r.error) throw new Error(`otel-codemod ${argv.slice(0, 3).join(' ')}: ${r.stderr || r.error}`);
  return r;
}

function report(rows) {
  const names = [...new Set(rows.map((r) => r.transform))];
  const checks = ['parses', 'idempotent', 'literals', 'imports', 'rule', 'tsc', 'error'];
  console.log(`${files.length} labelled files${args.set ? ` (${args.set})` : ''}; per transform: files changed, then files failing each check\n`);
  console.log(['transform'.padEnd(26), 'changed', 'left', ...checks].join('  '));
  for (const name of names) {
    const own = rows.filter((r) => r.transform === name);
    const changed = own.filter((r) => !r.problems.error);
    const cells = checks.map((c) => String(own.filter((r) => r.problems[c]).length).padStart(c.length));
    console.log([name.padEnd(26), String(changed.length).padStart(7), String(changed.reduce((n, r) => n + r.left, 0)).padStart(4), ...cells].join('  '));
  }
  const failing = rows.filter((r) => Object.keys(r.problems).length > 0);
  if (failing.length > 0) console.log(`\n${failing.length} file runs with a failing check:`);
  for (const r of failing) for (const [check, why] of Object.entries(r.problems)) console.log(`  ${r.transform}  ${r.path}  ${check}: ${String(why).slice(0, 300)}`);
  if (args.json) writeFileSync(args.json, JSON.stringify({ files: files.length, rows }, null, 2));
  if (args.verbose) for (const r of rows) console.log(`${r.transform}  ${relative(root, join(root, r.path))}`);
}

/** The options; `--help` prints the usage, and an unknown option or a missing value stops with it (exit 2). */
function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (a === '--verbose') out.verbose = true;
    else if (['--root', '--set', '--only', '--json'].includes(a) && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) out[a.slice(2)] = argv[++i];
    else {
      console.error(`${a.startsWith('--') ? `option ${a} needs a value or is unknown` : `unexpected argument ${a}`}\n${USAGE}`);
      process.exit(2);
    }
  }
  return out;
}
