// The crash scan (not part of `npm test`): ESLint with every otel-safe rule over a large tree of
// real npm packages (bench/crash-scan-spec/: Next.js, Angular, webpack, Sentry, React Native,
// Babel, rxjs, express and the OpenTelemetry SDK with its instrumentations, pinned with their
// lockfile). For every file it records whether ESLint with the plugin threw, reported a fatal
// parse error, or got an otel-safe `internalError` report; a failure is the plugin's when ESLint
// alone lints the same file. It also reports the slowest files for the otel-safe rules.
//
// Usage: node bench/crash-scan.mjs [--limit N] [--json out.json]
//   OTEL_SAFE_CRASH_SCAN_CACHE=dir   where the packages are installed (default bench/.cache/crash-scan)
//   OTEL_SAFE_BENCH_DIST=dir         a built copy of the plugin other than dist/
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const specDir = path.join(here, 'crash-scan-spec');
const { Linter } = require('eslint');
const tsParser = require('@typescript-eslint/parser');
const dist = path.resolve(process.env.OTEL_SAFE_BENCH_DIST ?? path.join(repo, 'dist'));
const plugin = require(path.join(dist, 'index.js')).default ?? require(path.join(dist, 'index.js'));

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const limit = Number(opt('limit') ?? Infinity);
const EXT = /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx)$/;
const TS = /\.(ts|mts|cts|tsx)$/;

/** Installs the pinned packages once per spec (npm ci --ignore-scripts) and returns node_modules. */
function ensureInstall() {
  const cache = path.resolve(process.env.OTEL_SAFE_CRASH_SCAN_CACHE ?? path.join(here, '.cache', 'crash-scan'));
  const stamp = path.join(cache, 'install.stamp');
  const hash = createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) hash.update(readFileSync(path.join(specDir, f)));
  const digest = hash.digest('hex').slice(0, 16);
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== digest) {
    process.stderr.write(`crash-scan: installing the packages into ${cache} ...\n`);
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    for (const f of ['package.json', 'package-lock.json']) copyFileSync(path.join(specDir, f), path.join(cache, f));
    execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: cache, stdio: 'inherit' });
    writeFileSync(stamp, digest);
  }
  return cache;
}

function sourceFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (e.isFile() && EXT.test(e.name)) out.push(p);
  }
  return out;
}

// otel-safe's time per file: each rule's create() and listeners timed (ESLint's own stats cover whole passes)
let otelMs = 0;
function timed(rules) {
  return Object.fromEntries(
    Object.entries(rules).map(([name, rule]) => [
      name,
      {
        ...rule,
        create(context) {
          const t0 = performance.now();
          const listener = rule.create(context);
          otelMs += performance.now() - t0;
          return Object.fromEntries(
            Object.entries(listener).map(([k, fn]) => [
              k,
              (...a) => {
                const t = performance.now();
                try {
                  return fn(...a);
                } finally {
                  otelMs += performance.now() - t;
                }
              },
            ]),
          );
        },
      },
    ]),
  );
}

const otelPlugin = { ...plugin, rules: timed(plugin.rules) };
const otelRules = Object.fromEntries(Object.keys(plugin.rules).map((r) => [`otel-safe/${r}`, 'error']));
const config = (withPlugin) => [
  { ignores: ['!**/node_modules/'] },
  { files: ['**/*.{js,mjs,cjs,jsx}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } },
  ...(withPlugin ? [{ files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'], plugins: { 'otel-safe': otelPlugin }, rules: otelRules }] : []),
];

/** 'ok' | 'fatal' (a parse error) | 'exception', and the otel-safe internalError reports. */
function lint(linter, text, file, withPlugin) {
  try {
    const messages = linter.verify(text, config(withPlugin), file);
    const internal = messages.filter((m) => m.messageId === 'internalError');
    const fatal = messages.find((m) => m.fatal);
    return { outcome: fatal ? 'fatal' : 'ok', message: fatal?.message, internal, reports: messages.filter((m) => m.ruleId?.startsWith('otel-safe/')).length };
  } catch (error) {
    return { outcome: 'exception', message: String(error.message).split('\n').slice(0, 3).join(' | '), internal: [], reports: 0 };
  }
}

const root = ensureInstall();
const files = sourceFiles(path.join(root, 'node_modules')).sort().slice(0, limit);
const linter = new Linter({ configType: 'flat', cwd: root });
const started = performance.now();
const perFile = [];
const crashes = [];
const parseErrors = { both: 0, eslintAloneToo: [] };
let namingOtel = 0;
let reports = 0;
for (const [i, file] of files.entries()) {
  const text = readFileSync(file, 'utf8');
  const rel = path.relative(root, file);
  if (text.includes('@opentelemetry/')) namingOtel++;
  otelMs = 0;
  const t0 = performance.now();
  const result = lint(linter, text, rel, true);
  const totalMs = performance.now() - t0;
  perFile.push({ file: rel, otelMs, totalMs, chars: text.length });
  reports += result.reports;
  if (result.internal.length > 0) crashes.push({ file: rel, kind: 'internalError', message: result.internal[0].message });
  if (result.outcome !== 'ok') {
    // the plugin's failure only when ESLint alone lints the file
    const alone = lint(linter, text, rel, false);
    if (alone.outcome === 'ok') crashes.push({ file: rel, kind: result.outcome, message: result.message });
    else if (result.outcome === 'fatal') parseErrors.both++;
    else parseErrors.eslintAloneToo.push({ file: rel, outcome: alone.outcome, message: alone.message });
  }
  if ((i + 1) % 2000 === 0) process.stderr.write(`crash-scan: ${i + 1}/${files.length} files, ${crashes.length} crashes\n`);
}
const wallMs = performance.now() - started;
const sum = (xs, f) => xs.reduce((a, x) => a + f(x), 0);
const otelTotal = sum(perFile, (f) => f.otelMs);
const lintTotal = sum(perFile, (f) => f.totalMs);
const versions = Object.fromEntries(Object.keys(JSON.parse(readFileSync(path.join(specDir, 'package.json'), 'utf8')).dependencies).map((p) => [p, JSON.parse(readFileSync(path.join(root, 'node_modules', p, 'package.json'), 'utf8')).version]));
const summary = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length}× ${os.cpus()[0]?.model.trim()}, Node ${process.version}, ESLint ${require('eslint/package.json').version}`,
  packages: versions,
  files: files.length,
  filesNamingOpenTelemetry: namingOtel,
  declarationFiles: files.filter((f) => /\.d\.[cm]?ts$/.test(f)).length,
  crashes: crashes.length,
  parseErrors: parseErrors.both,
  eslintAloneFailsToo: parseErrors.eslintAloneToo.length,
  otelSafeReports: reports,
  wallSeconds: +(wallMs / 1000).toFixed(1),
  lintSeconds: +(lintTotal / 1000).toFixed(1),
  otelSafeSeconds: +(otelTotal / 1000).toFixed(2),
  otelSafeShare: +((otelTotal / lintTotal) * 100).toFixed(2),
  slowest: [...perFile].sort((a, b) => b.otelMs - a.otelMs).slice(0, 10).map((f) => ({ file: f.file, otelMs: +f.otelMs.toFixed(1), lintMs: +f.totalMs.toFixed(1), chars: f.chars })),
  crashList: crashes,
  eslintAloneFailures: parseErrors.eslintAloneToo,
};
const out = opt('json');
if (out) writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
if (crashes.length > 0) process.exitCode = 1;
