// ESLint over the bench tree with `stats: true`: what share of lint time the otel-safe
// rules take, on the whole tree, on the files that import OpenTelemetry, and per file on
// the fast path. Config: bench/eslint-bench.config.mjs. Also reports otel-safe's work counters
// (models built, the project index: how often, how many files, how long) and its calls of 0.5 ms
// or more on files without OpenTelemetry (mostly pauses).
// Usage: node bench/eslint.mjs [--concurrency N|auto|off] <dir>   (prints one JSON object)
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const { ESLint } = require('eslint');
// the configuration, with the plugin from $OTEL_SAFE_BENCH_DIST (bench/run.mjs passes it on)
const configFile = path.join(here, 'eslint-bench.config.mjs');
const { otelRules } = await import(configFile);

const args = process.argv.slice(2);
const at = args.indexOf('--concurrency');
// ESLint's own option: worker threads, each loading the configuration file (`off`: this thread)
const concurrency = at >= 0 ? args.splice(at, 2)[1] : 'off';
const dir = path.resolve(args[0] ?? '.');

// "Imports OpenTelemetry" for the split below: the text names an @opentelemetry/ module
// (the same test as the `grep -rl` row of the bench; the rules' own scan is a superset).
const OTEL = /@opentelemetry\//;

const eslint = new ESLint({ cwd: dir, overrideConfigFile: configFile, stats: true, cache: false, warnIgnored: false, concurrency: /^\d+$/.test(concurrency) ? Number(concurrency) : concurrency });
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const results = await eslint.lintFiles(['.']);
const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
const cpu = process.cpuUsage(cpu0); // this process's threads, workers included
// otel-safe's work counters (src/work-stats.ts): this thread's only, so without --concurrency
const work = concurrency === 'off' ? globalThis[Symbol.for('otel-safe.workStats')] : undefined;

const empty = () => ({ files: 0, total: 0, parse: 0, rules: 0, otel: 0 });
const sums = { all: empty(), otel: empty(), nonOtel: empty() };
const perRule = {};
// otel-safe rule calls of LONG_MS or more on files without OpenTelemetry, where a call otherwise
// takes a few microseconds: mostly garbage-collection pauses that started inside the timed window,
// also the few such files the start-file gate reads imports for, and megabyte-long texts
const LONG_MS = 0.5;
const long = { thresholdMs: LONG_MS, calls: 0, ms: 0 };
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
        if (!isOtel && t.total >= LONG_MS) {
          long.calls++;
          long.ms += t.total;
        }
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
    cpuMs: (cpu.user + cpu.system) / 1000,
    concurrency,
    work,
    fatal,
    sums,
    long,
    perRule,
    rules: Object.keys(otelRules),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    eslint: ESLint.version,
    tsParser: require('@typescript-eslint/parser/package.json').version,
  }),
);
