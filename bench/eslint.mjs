// ESLint over the bench tree with `stats: true`: what share of lint time the otel-safe
// rules take, on the whole tree, on the files that import OpenTelemetry, and per file on
// the fast path. Config: `@eslint/js` recommended + every otel-safe rule (the built
// plugin, as users load it), espree for JS and typescript-eslint's parser for TS.
// Usage: node bench/eslint.mjs <dir>   (prints one JSON object)
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { ESLint } = require('eslint');
const js = require('@eslint/js');
const tsParser = require('@typescript-eslint/parser');
// $OTEL_SAFE_BENCH_DIST: a private copy of dist/ (bench/run.mjs passes it on).
const dist = path.resolve(process.env.OTEL_SAFE_BENCH_DIST ?? path.join(repo, 'dist'));
const plugin = require(path.join(dist, 'index.js')).default ?? require(path.join(dist, 'index.js'));

const dir = path.resolve(process.argv[2] ?? '.');
const otelRules = Object.fromEntries(Object.keys(plugin.rules).map((r) => [`otel-safe/${r}`, 'error']));
const config = [
  { files: ['**/*.{js,mjs,cjs,jsx}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'], plugins: { 'otel-safe': plugin }, rules: { ...js.configs.recommended.rules, ...otelRules } },
];

// "Imports OpenTelemetry" for the split below: the text names an @opentelemetry/ module
// (the same test as the `grep -rl` row of the bench; the rules' own scan is a superset).
const OTEL = /@opentelemetry\//;

const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config, stats: true, cache: false, warnIgnored: false });
const t0 = process.hrtime.bigint();
const results = await eslint.lintFiles(['.']);
const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;

const empty = () => ({ files: 0, total: 0, parse: 0, rules: 0, otel: 0 });
const sums = { all: empty(), otel: empty(), nonOtel: empty() };
const perRule = {};
let fatal = 0;
for (const r of results) {
  if (r.messages.some((m) => m.fatal)) fatal++;
  const isOtel = OTEL.test(readFileSync(r.filePath, 'utf8'));
  for (const bucket of [sums.all, isOtel ? sums.otel : sums.nonOtel]) bucket.files++;
  for (const pass of r.stats?.times?.passes ?? []) {
    let otel = 0;
    let rules = 0;
    for (const [id, t] of Object.entries(pass.rules ?? {})) {
      rules += t.total;
      if (id.startsWith('otel-safe/')) {
        otel += t.total;
        perRule[id] = (perRule[id] ?? 0) + t.total;
      }
    }
    for (const bucket of [sums.all, isOtel ? sums.otel : sums.nonOtel]) {
      bucket.total += pass.total ?? 0; // absent on a file that does not parse
      bucket.parse += pass.parse?.total ?? 0;
      bucket.rules += rules;
      bucket.otel += otel;
    }
  }
}
console.log(
  JSON.stringify({
    dir,
    wallMs,
    fatal,
    sums,
    perRule,
    rules: Object.keys(otelRules),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    eslint: ESLint.version,
    tsParser: require('@typescript-eslint/parser/package.json').version,
  }),
);
