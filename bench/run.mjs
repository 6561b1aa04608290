// `npm run bench`: installs the real tree (bench/tree.mjs), then measures, side by side,
//   1. ESLint (`stats: true`): otel-safe rules' share of total lint time (bench/eslint.mjs), on
//      the worst tree and on an app-shaped one (bench/app-tree-spec/), with the lazy project index;
//   2. `otel-codemod add-guards --dry` vs jscodeshift's Runner with a no-op transform
//      (same parser, same workers) vs `grep -rl @opentelemetry` (the I/O floor); peak RSS;
//   3. `otel-codemod doctor` on a 5k-file subset (skipped, with a note, when the CLI has none);
// and checks the budgets. Prints ratios; `--json FILE` also writes the raw numbers.
// Options: --jobs N (workers for both codemod runs; default: CPUs), --repeat N (timed runs
// of the cheap rows, median kept; default 3), --only eslint,app,codemod,doctor,python (the
// default; also: eslint-concurrency, scaling, app-floor, walkers).
// Uses the built plugin and CLI in dist/ (`npm run build` first), or $OTEL_SAFE_BENCH_DIST.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { EXTENSIONS, ensureTree } from './tree.mjs';
import { measurePython } from './python-tree.mjs';
import { formatWalkers, measureWalkers } from './walkers.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const dist = path.resolve(process.env.OTEL_SAFE_BENCH_DIST ?? path.join(repo, 'dist'));
const cli = path.join(dist, 'cli.js');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const jobs = Number(opt('jobs', String(os.cpus().length)));
const repeat = Number(opt('repeat', '3'));
const only = new Set(opt('only', 'eslint,app,codemod,doctor,python').split(','));
const jsonOut = opt('json', undefined);

const BUDGET = { eslintShare: 0.01, eslintShareApp: 0.003, vsJscodeshift: 0.3, vsGrep: 5, rssMB: 300, doctorMs: 10_000 };

if (!existsSync(cli) || !existsSync(path.join(dist, 'index.js'))) {
  console.error(`bench: ${dist} has no cli.js/index.js: run \`npm run build\` first`);
  process.exit(2);
}

const log = (m) => process.stderr.write(`${m}\n`);
const ms = (x) => `${(x / 1000).toFixed(2)} s`;
// three decimals under 1 %: the app tree's budget is 0.3 %, and a run can land within 0.01 % of it
const pct = (x) => `${(x * 100).toFixed(Math.abs(x) < 0.01 ? 3 : 2)} %`;
const ratio = (x) => `${x.toFixed(2)}×`;
const verdict = (ok) => (ok ? 'OK  ' : 'FAIL');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const tree = ensureTree({ log });
const out = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${os.platform()} ${os.release()}` },
  loadavgBefore: os.loadavg(),
  tree: { dir: tree.tree, files: tree.files.length, dir5k: tree.tree5k, files5k: tree.files5k.length, versions: tree.versions },
  jobs,
  results: {},
};
log(`bench: tree ${tree.tree}: ${tree.files.length} source files; jobs ${jobs}; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

// GNU time gives each measured process's CPU time (user + sys, children included) and peak
// RSS (worker threads share the process; jscodeshift's forked workers count as children, of
// which the largest is reported). CPU time is the steadier number on a shared machine.
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const TIME_TAG = 'OTEL_SAFE_BENCH_TIME';

/** Runs a command: wall ms, CPU ms, peak RSS MB (NaN without GNU time), exit status, output. */
function timed(cmd, argv, options = {}) {
  const [c, a] = GNU_TIME ? [GNU_TIME, ['-f', `${TIME_TAG} %e %U %S %M`, cmd, ...argv]] : [cmd, argv];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(c, a, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  let cpuMs = NaN;
  let rssMB = NaN;
  let stderr = r.stderr ?? '';
  const at = stderr.lastIndexOf(TIME_TAG);
  if (at >= 0) {
    const [, , user, sys, kb] = stderr.slice(at).trim().split(/\s+/);
    cpuMs = (Number(user) + Number(sys)) * 1000;
    rssMB = Number(kb) / 1024;
    stderr = stderr.slice(0, at);
  }
  return { wallMs, cpuMs, rssMB, status: r.status, stdout: r.stdout, stderr };
}

const runCli = (argv, cwd) => timed(process.execPath, [cli, ...argv], { cwd });
const secs = (t) => `${ms(t.wallMs)} wall, ${ms(t.cpuMs)} CPU`;

const lines = [];
const row = (name, value, note = '') => lines.push(`  ${name.padEnd(52)} ${String(value).padStart(12)}  ${note}`);

// ---------------------------------------------------------------------------------- ESLint
/**
 * ESLint with stats over `dir` (bench/eslint.mjs), its rows under `label`; `concurrency`: ESLint's
 * option; `floor`: the otel-safe rules replaced by rules of the same names that do nothing
 * (bench/floor-plugin.mjs).
 */
function eslintRows(dir, label, budget, concurrency = 'off', floor = false) {
  log(`bench: [${label}] ESLint with stats (concurrency ${concurrency}) ...`);
  const env = { ...process.env, OTEL_SAFE_BENCH_DIST: dist, OTEL_SAFE_BENCH_FLOOR: floor ? '1' : '0' };
  const r = timed(process.execPath, [path.join(here, 'eslint.mjs'), '--concurrency', concurrency, dir], { env });
  if (r.status !== 0) throw new Error(`eslint bench failed: ${r.stderr}`);
  const e = JSON.parse(r.stdout);
  const { all, otel, nonOtel } = e.sums;
  const share = all.otel / all.total;
  const who = floor ? 'stand-in' : 'otel-safe';
  lines.push(`ESLint [${label}] ${e.eslint} (espree + @typescript-eslint/parser ${e.tsParser}; @eslint/js recommended + ${e.rules.length} ${who} rules; concurrency ${concurrency}), ${all.files} files, ${e.fatal} with parse errors, wall ${ms(e.wallMs)}, CPU ${ms(e.cpuMs)}, peak RSS ${e.maxRssMB.toFixed(0)} MB`);
  row('lint time (parse + all rules), whole tree', ms(all.total), `parse ${ms(all.parse)}, all rules ${ms(all.rules)}`);
  if (floor) row('stand-in rules doing nothing, whole tree', `${all.otel.toFixed(0)} ms`, `${pct(share)} of total (no budget: ESLint's own cost of ${e.rules.length} rules)`);
  else row('otel-safe rules, whole tree', `${all.otel.toFixed(0)} ms`, `${pct(share)} of total  ${verdict(share <= budget)} (budget ≤ ${pct(budget)})`);
  row(`  … on the ${otel.files} files naming @opentelemetry/`, `${otel.otel.toFixed(1)} ms`, `${pct(otel.otel / otel.total)} of their lint time; ${(otel.otel / otel.files).toFixed(3)} ms/file`);
  row(`  … on the ${nonOtel.files} other files (fast path)`, `${nonOtel.otel.toFixed(1)} ms`, `${pct(nonOtel.otel / nonOtel.total)} of their lint time; ${((nonOtel.otel / nonOtel.files) * 1000).toFixed(1)} µs/file`);
  // what decides a run at the budget's edge: the pauses ESLint's timing charges to whichever rule is running
  const { long } = e;
  row(`  … of which calls ≥ ${long.thresholdMs} ms there (mostly pauses)`, `${long.ms.toFixed(1)} ms`, `${long.calls} calls; the share without them: ${pct((all.otel - long.ms) / all.total)}`);
  row(`${who} vs all of @eslint/js recommended`, ratio(all.otel / (all.rules - all.otel)), `${who} time / other rules time`);
  row(`${who} vs parse only (≈ share in an ${who}-only config)`, pct(all.otel / (all.parse + all.otel)), '');
  if (e.work && !floor) {
    const { analysis, projectIndex } = e.work;
    row('file models built (the rest: text checks only)', String(analysis?.modelsBuilt ?? 'n/a'), `${analysis?.textChecks ?? 'n/a'} text checks`);
    // charged to whichever rule asked for caller evidence first, so it is inside the otel-safe time above
    row('project index (lazy: only for caller evidence)', projectIndex ? `${projectIndex.built} built` : 'n/a', projectIndex ? `${projectIndex.files} files indexed, ${ms(projectIndex.ms)} (${pct(projectIndex.ms / all.total)} of lint time)` : '');
  }
  for (const [id, t] of Object.entries(e.perRule).sort((a, b) => b[1] - a[1])) row(`    ${id}`, ms(t), pct(t / all.total));
  return { ...e, share, shareOtelFiles: otel.otel / otel.total, shareNonOtelFiles: nonOtel.otel / nonOtel.total };
}

if (only.has('eslint')) out.results.eslint = eslintRows(tree.tree, 'worst tree', BUDGET.eslintShare);
// the app tree, installed or checked and listed once for both of its rows
let appTree;
const ensureAppTree = () => (appTree ??= ensureTree({ log, spec: 'app' }));
if (only.has('app')) {
  const app = ensureAppTree();
  out.tree.app = { dir: app.tree, files: app.files.length, versions: app.versions };
  out.results.eslintApp = eslintRows(app.tree, `app tree: ${app.files.length} files`, BUDGET.eslintShareApp);
}
if (only.has('app-floor')) {
  // what ESLint's stats charge to this many rules that do nothing, on the same tree: the floor under the app row
  const app = ensureAppTree();
  out.results.eslintAppFloor = eslintRows(app.tree, `app tree: ${app.files.length} files, stand-in rules that do nothing`, BUDGET.eslintShareApp, 'off', true);
}
if (only.has('eslint-concurrency')) {
  // scaling: the same lint in 2 of ESLint's worker threads (stats still per file; CPU covers every thread)
  out.results.eslintConcurrency = eslintRows(tree.tree, 'worst tree, ESLint --concurrency 2', BUDGET.eslintShare, '2');
}

// --------------------------------------------------------------------------------- codemod
/** The run of median wall time among `n` runs of `f`. */
function medianRun(n, f) {
  const runs = Array.from({ length: n }, f);
  const m = median(runs.map((r) => r.wallMs));
  return { ...runs.find((r) => r.wallMs === m), runs: runs.map((r) => ({ wallMs: r.wallMs, cpuMs: r.cpuMs, rssMB: r.rssMB })) };
}
// GNU time counts CPU in 10 ms steps: below that, a CPU ratio means nothing.
const cpuRatio = (a, b) => (b.cpuMs >= 10 ? a.cpuMs / b.cpuMs : NaN);
const both = (a, b) => `${ratio(a.wallMs / b.wallMs)} wall, ${Number.isNaN(cpuRatio(a, b)) ? 'n/a' : ratio(cpuRatio(a, b))} CPU`;
const within = (a, b, budget) =>
  `${verdict(a.wallMs / b.wallMs <= budget)} wall / ${Number.isNaN(cpuRatio(a, b)) ? 'n/a ' : verdict(cpuRatio(a, b) <= budget)} CPU (budget ≤ ${budget}×)`;

function codemodRows(dir, label, withJscodeshift) {
  const include = EXTENSIONS.flatMap((x) => ['--include', `*.${x}`]);
  const grepArgs = ['-rl', ...include, '@opentelemetry', '.'];
  timed('grep', grepArgs, { cwd: dir }); // warms the page cache for every row after it
  const grep = medianRun(repeat, () => timed('grep', grepArgs, { cwd: dir }));
  const grepFiles = grep.stdout.trim().split('\n').filter(Boolean).length;

  log(`bench: [${label}] otel-codemod add-guards --dry --json --jobs ${jobs} (x${repeat}) ...`);
  const ag = medianRun(repeat, () => runCli(['add-guards', '--dry', '--json', '--jobs', String(jobs), '.'], dir));
  if (ag.status !== 0 && ag.status !== 3) throw new Error(`add-guards exited ${ag.status}: ${ag.stderr.slice(0, 2000)}`);
  const report = JSON.parse(ag.stdout);
  const statuses = {};
  for (const f of report.files) statuses[f.status] = (statuses[f.status] ?? 0) + 1;
  const errors = report.files.filter((f) => f.status === 'error').slice(0, 5).map((f) => `${f.path}: ${f.error}`);
  const rssMB = Math.max(...ag.runs.map((r) => r.rssMB));

  let js;
  if (withJscodeshift) {
    log(`bench: [${label}] jscodeshift Runner, no-op transform, ${jobs} workers ...`);
    const parserBundle = path.join(tree.root, 'otel-safe-parser.cjs');
    require('esbuild').buildSync({ entryPoints: [path.join(repo, 'src/codemod/parser.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node18', outfile: parserBundle, logLevel: 'error' });
    js = timed(process.execPath, [path.join(here, 'jscodeshift-noop.mjs'), dir, String(jobs)], { env: { ...process.env, OTEL_SAFE_BENCH_PARSER: parserBundle } });
    if (js.status !== 0) throw new Error(`jscodeshift bench failed: ${js.stderr.slice(0, 2000)}`);
    js.result = JSON.parse(js.stdout.trim().split('\n').pop()); // Runner prints per-file errors on stdout even when silent
  }

  lines.push(`Codemod [${label}]: ${report.files.length} files, ${grepFiles} naming @opentelemetry (${jobs} workers; whole-process wall and CPU time, median run of ${repeat} except jscodeshift)`);
  row('grep -rl @opentelemetry (I/O floor)', `${ms(grep.wallMs)}`, `${ms(grep.cpuMs)} CPU`);
  if (js) row(`jscodeshift ${js.result.version} Runner, no-op transform (1 run)`, ms(js.wallMs), `${ms(js.cpuMs)} CPU; unchanged ${js.result.nochange + js.result.skip}, errors ${js.result.error}`);
  row('otel-codemod add-guards --dry', ms(ag.wallMs), `${ms(ag.cpuMs)} CPU; ${Object.entries(statuses).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (js) row('add-guards / jscodeshift no-op', both(ag, js), within(ag, js, BUDGET.vsJscodeshift));
  row('add-guards / grep -rl', both(ag, grep), within(ag, grep, BUDGET.vsGrep));
  row('add-guards peak RSS (all worker threads)', `${rssMB.toFixed(0)} MB`, `${verdict(rssMB <= BUDGET.rssMB)} (budget ≤ ${BUDGET.rssMB} MB)`);
  for (const e of errors) lines.push(`    error: ${e}`);
  return { files: report.files.length, grepFiles, grep, addGuards: { ...ag, stdout: undefined, stderr: undefined }, statuses, errors, rssMB, jscodeshift: js && { ...js, stdout: undefined, stderr: js.stderr.slice(0, 300) } };
}

if (only.has('codemod')) {
  out.results.codemod = codemodRows(tree.tree, 'whole tree', true);
  // The fast path alone: a package that never names OpenTelemetry.
  out.results.codemodFastPath = codemodRows(path.join(tree.tree, 'rxjs'), 'rxjs only: no OpenTelemetry, all fast path', false);
}

if (only.has('scaling')) {
  // otel-codemod with one worker vs two on the worst tree (median run of `repeat` each, interleaved)
  const args = (j) => ['add-guards', '--dry', '--json', '--jobs', String(j), '.'];
  const runs = { 1: [], 2: [] };
  for (let i = 0; i < repeat; i++) for (const j of [1, 2]) runs[j].push(runCli(args(j), tree.tree));
  const pick = (rs) => rs.find((r) => r.wallMs === median(rs.map((x) => x.wallMs)));
  const [one, two] = [pick(runs[1]), pick(runs[2])];
  lines.push(`Scaling [worst tree]: otel-codemod add-guards --dry, --jobs 1 vs --jobs 2 (median run of ${repeat}, interleaved)`);
  row('--jobs 1', ms(one.wallMs), `${ms(one.cpuMs)} CPU, peak RSS ${one.rssMB.toFixed(0)} MB`);
  row('--jobs 2', ms(two.wallMs), `${ms(two.cpuMs)} CPU, peak RSS ${two.rssMB.toFixed(0)} MB`);
  row('--jobs 2 / --jobs 1', ratio(two.wallMs / one.wallMs), `wall; ${ratio(two.cpuMs / one.cpuMs)} CPU`);
  out.results.scaling = { jobs1: { ...one, stdout: undefined, stderr: undefined }, jobs2: { ...two, stdout: undefined, stderr: undefined } };
}

// --------------------------------------------------------------------------------- walkers
if (only.has('walkers')) {
  // the CLI's directory walk against fdir, tinyglobby and fast-glob (issue 16), each in fresh processes
  out.results.walkers = {};
  for (const [name, dir] of [['worst', tree.tree], ['app', ensureAppTree().tree]]) {
    log(`bench: walkers on the ${name} tree (x${Math.max(repeat, 5)}) ...`);
    out.results.walkers[name] = measureWalkers(dir, { repeat: Math.max(repeat, 5), log });
    lines.push(formatWalkers(dir, out.results.walkers[name]));
  }
}

// ---------------------------------------------------------------------------------- python
if (only.has('python')) {
  log('bench: the Python path on a real Python tree (bench/python-tree.mjs) ...');
  const p = await measurePython({ log, rounds: repeat });
  out.results.python = p;
  lines.push(`Python [${p.package}: ${p.files} .py files, ${p.kb} KB] (in-process, median of ${p.rounds} rounds)`);
  row('text gate (one scan), per file', `${p.gate.usPerFile} µs`, `${p.gate.passed} of ${p.files} files pass it`);
  row('wasm parser loads', `${p.parser.loadsAfter}`, `${p.parser.loadsBeforeAnyParse} before the first parse; cold load ${p.parser.coldLoadMs} ms`);
  row('parse + conversion, forced on every file', `${(p.forcedOnEveryFile.parseUsPerFile / 1000).toFixed(2)} ms`, 'per file (what a file that passes the gate costs)');
  row('all seven checks, forced on every file', `${(p.forcedOnEveryFile.checksUsPerFile / 1000).toFixed(2)} ms`, `per file; ${p.forcedOnEveryFile.findings} findings, ${p.forcedOnEveryFile.checkFailures} failures`);
  row('ESLint, otel-safe/python language, no rule', `${p.eslint.usPerFileNoRules} µs`, 'per file (the language: gate + bare tree)');
  row('ESLint, every Python rule', `${p.eslint.usPerFileAllRules} µs`, `per file; the rules add ${p.eslint.rulesUsPerFile} µs/file`);
}

// ---------------------------------------------------------------------------------- doctor
if (only.has('doctor')) {
  const help = timed(process.execPath, [cli, '--help']);
  if (!/\bdoctor\b/.test(help.stdout + help.stderr)) {
    out.results.doctor = { skipped: `${cli} --help lists no doctor command (src/doctor/ not built in yet)` };
    lines.push(`Doctor: SKIPPED: ${out.results.doctor.skipped}`);
  } else {
    log(`bench: otel-codemod doctor on the 5k-file subset (x${repeat}) ...`);
    const d = medianRun(repeat, () => runCli(['doctor', '.'], tree.tree5k));
    const summary = (d.stdout.match(/^otel-codemod doctor:.*$/m) ?? [''])[0];
    out.results.doctor = { wallMs: d.wallMs, cpuMs: d.cpuMs, status: d.status, rssMB: d.rssMB, runs: d.runs, files: tree.files5k.length, summary };
    lines.push(`Doctor on ${tree.tree5k}: ${tree.files5k.length} source files (exit ${d.status}; median run of ${repeat}): ${summary}`);
    row('otel-codemod doctor', ms(d.wallMs), `${ms(d.cpuMs)} CPU; ${verdict(d.wallMs <= BUDGET.doctorMs)} wall / ${verdict(d.cpuMs <= BUDGET.doctorMs)} CPU (budget < ${ms(BUDGET.doctorMs)}); peak RSS ${d.rssMB.toFixed(0)} MB`);
  }
}

out.loadavgAfter = os.loadavg();
let others = '';
try {
  others = execFileSync('sh', ['-c', 'ps -eo pcpu=,comm= | sort -rn | head -5'], { encoding: 'utf8' }).trim().replace(/\s*\n\s*/g, '; ');
} catch {}
out.busiestProcesses = others;
console.log(`otel-safe bench ${out.date}: ${out.machine.cpus}× ${out.machine.cpu}, ${out.machine.memGB} GB, Node ${out.machine.node}`);
console.log(`tree: ${tree.files.length} files (${Object.entries(tree.versions.direct).map(([k, v]) => `${k}@${v}`).join(', ')}; ${tree.versions.packages} packages)`);
console.log(`load average before/after: ${out.loadavgBefore.map((l) => l.toFixed(2)).join(' ')} / ${out.loadavgAfter.map((l) => l.toFixed(2)).join(' ')} (other work on the machine skews wall times)`);
console.log(lines.join('\n'));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(out, null, 2));
