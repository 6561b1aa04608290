#!/usr/bin/env node
// Lints the unlabelled OpenTelemetry files of the materialized real-world repositories: every
// source file that names `@opentelemetry/` (or a vendor SDK the table knows) and is not a labelled
// manifest file, inside its repository (cwd = that repository, so package.json scripts, lockfiles
// and sibling files are read as in the real repo), with every rule of the plugin at `error`.
// Nothing is scored (no labels exist): the output is the list of reports, and `--compare FILE`
// prints what changed against an earlier run, which is how a change to the analysis is checked
// for new reports on real code before anyone judges them.
//
// usage: node bench/realworld/sweep.mjs --root DIR [--dist DIR] [--json FILE] [--compare FILE]
//   --dist: a built plugin other than this checkout's dist/ (e.g. bench/.cache/dist-<name>)
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkoutDirName } from './checkout-dir.mjs';
import { jsOverrideConfig, quietEslintIgnoreWarning } from './eslint-setup.mjs';

quietEslintIgnoreWarning();

const here = dirname(fileURLToPath(import.meta.url));
const checkout = resolve(here, '..', '..');
const args = parseArgs(process.argv.slice(2));
if (!args.root) usage('--root is required (a folder written by materialize.mjs)');
const dist = resolve(args.dist ?? join(checkout, 'dist'));
if (!existsSync(join(dist, 'index.js'))) usage(`no build at ${dist}: run \`npm run build\` first`);
const req = createRequire(join(checkout, 'package.json'));
const plugin = req(join(dist, 'index.js'));
const { ESLint } = req('eslint');
const tsParser = req('@typescript-eslint/parser');

const SOURCE = new Set(['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts']);
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'out', '.next', 'coverage', 'vendor']);
// the table's module names, so vendor SDKs count too (the plugin's own text gate decides the rest)
const MARKERS = ['@opentelemetry/', '@vercel/otel', '@azure/monitor-opentelemetry', '@honeycombio/', '@grafana/faro', '@traceloop/', '@microlabs/otel-cf-workers', 'langfuse', '@baselime/', '@highlight-run/', '@sentry/opentelemetry'];
const MAX_BYTES = 512 * 1024;

const manifest = JSON.parse(readFileSync(join(here, 'js.manifest.json'), 'utf8'));
const labelled = new Set(manifest.map((e) => join(checkoutDirName(manifest, e), e.path)));
const root = resolve(args.root);

const overrideConfig = jsOverrideConfig(plugin, tsParser, Object.keys(plugin.rules));

const reports = {};
let files = 0;
let parseErrors = 0;
for (const repoDir of readdirSync(root).sort()) {
  const repoRoot = join(root, repoDir);
  if (!statSync(repoRoot).isDirectory()) continue;
  const candidates = sourceFiles(repoRoot).filter((f) => !labelled.has(relative(root, f)) && namesOtel(f));
  if (candidates.length === 0) continue;
  const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: true, overrideConfig, ignore: false });
  for (const file of candidates) {
    files++;
    const [result] = await eslint.lintFiles([file]);
    const found = [];
    for (const m of result.messages) {
      if (m.fatal) parseErrors++;
      else if (m.ruleId?.startsWith('otel-safe/')) found.push({ rule: m.ruleId.slice('otel-safe/'.length), line: m.line, messageId: m.messageId, message: m.message });
    }
    if (found.length > 0) reports[relative(root, file)] = found;
  }
}

const count = Object.values(reports).reduce((n, r) => n + r.length, 0);
console.log(`${files} unlabelled files naming OpenTelemetry, ${count} reports on ${Object.keys(reports).length} files, ${parseErrors} parse errors (plugin: ${relative(checkout, dist) || dist})`);
if (args.json) writeFileSync(args.json, `${JSON.stringify({ files, parseErrors, reports }, null, 1)}\n`);
if (args.compare) compare(JSON.parse(readFileSync(args.compare, 'utf8')).reports, reports);

function compare(before, after) {
  const key = (r) => `${r.rule}:${r.line}:${r.messageId}`;
  for (const file of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const a = new Map((before[file] ?? []).map((r) => [key(r), r]));
    const b = new Map((after[file] ?? []).map((r) => [key(r), r]));
    for (const [k, r] of b) if (!a.has(k)) console.log(`+ ${file}:${r.line} ${r.rule}/${r.messageId}: ${r.message}`);
    for (const [k, r] of a) if (!b.has(k)) console.log(`- ${file}:${r.line} ${r.rule}/${r.messageId}: ${r.message}`);
  }
}

function sourceFiles(dir) {
  const out = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop();
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) stack.push(join(d, entry.name));
      } else if (entry.isFile() && SOURCE.has(extname(entry.name)) && !/\.d\.[cm]?ts$/.test(entry.name)) out.push(join(d, entry.name));
    }
  }
  return out.sort();
}

function namesOtel(file) {
  if (statSync(file).size > MAX_BYTES) return false;
  const text = readFileSync(file, 'utf8');
  return MARKERS.some((m) => text.includes(m));
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (!['root', 'dist', 'json', 'compare'].includes(name) || argv[i + 1] === undefined) usage(`unknown or incomplete option ${argv[i]}`);
    out[name] = argv[++i];
  }
  return out;
}

function usage(problem) {
  console.error(`sweep.mjs: ${problem}\nusage: node bench/realworld/sweep.mjs --root DIR [--dist DIR] [--json FILE] [--compare FILE]`);
  process.exit(2);
}
