#!/usr/bin/env node
// Scores the built Python checks of this checkout (dist/) against the labels of the Python
// real-world manifest (python.manifest.json), the way a user meets them:
// - every labelled `.py` file is linted with ESLint 9's Node API and the plugin's Python language
//   (`eslint-plugin-otel-safe/python`, flat config, every Python rule at `error`, the repository's
//   own ESLint config ignored, cwd = the materialized repository so requirements, lock files,
//   Procfiles and compose files are read as in the real repository);
// - `otel-codemod doctor --format json` runs once per repository; its findings on project files
//   (Procfile, Dockerfile, compose, scripts: not `.py`, which ESLint scores) are matched against
//   the `projectLabels`.
//
// A report is true when its rule is labelled on a line it covers: report lines [line, endLine]
// meet the label's [line, endLine]. A doctor report is true when it lands on a `projectLabels`
// anchor of its rule (file, line span); that anchor finds the label it is `sameFindingAs`. Any
// other report is false; one on a `lookalikes` line (its rule or `*`) is listed as such too.
// Recall is per (entry, rule) pair with labels: found when one of its labels was found; per-label
// recall is printed too. Parse errors never count as reports. Exit code non-zero only on a crash.
//
// usage: node bench/realworld/score-python.mjs --root DIR [--set dev|holdout|all] [--rule NAME]
//          [--verbose] [--json FILE] [--manifest FILE]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { quietEslintIgnoreWarning } from './eslint-setup.mjs';
import { emptyStats, oneLine, parseScoreArgs, printProblems, printScoreTable, scoreUsage, totalOf } from './score-report.mjs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

quietEslintIgnoreWarning();

const here = dirname(fileURLToPath(import.meta.url));
const checkout = resolve(here, '..', '..');
const args = parseScoreArgs(process.argv.slice(2), 'score-python.mjs');
const usage = (problem) => scoreUsage('score-python.mjs', problem);
if (!args.root) usage('--root is required (a folder written by materialize-python.mjs)');
const set = args.set ?? 'dev';
if (!['dev', 'holdout', 'all'].includes(set)) usage(`--set must be dev, holdout or all, not ${set}`);

const pythonEntry = join(checkout, 'dist', 'python.mjs');
const cliEntry = join(checkout, 'dist', 'cli.js');
if (!existsSync(pythonEntry) || !existsSync(cliEntry)) usage(`no build at ${pythonEntry}: run \`npm run build\` first`);
const { default: plugin } = await import(pathToFileURL(pythonEntry).href);
const req = createRequire(join(checkout, 'package.json'));
const { ESLint } = req('eslint');

const manifest = JSON.parse(readFileSync(resolve(args.manifest ?? join(here, 'python.manifest.json')), 'utf8'));
const ruleNames = Object.keys(plugin.rules).filter((r) => r.startsWith('python/')).sort();
const wanted = args.rule && !args.rule.startsWith('python/') ? `python/${args.rule}` : args.rule;
if (wanted && !ruleNames.includes(wanted)) usage(`unknown rule ${args.rule}; rules: ${ruleNames.join(', ')}`);
const scoredRules = wanted ? [wanted] : ruleNames;
const entries = manifest.entries.filter((e) => set === 'all' || e.set === set);
const repoDirOf = (repo) => join(resolve(args.root), repo.replace('/', '__'));

const overrideConfig = [
  {
    files: ['**/*.py'],
    plugins: { 'otel-safe': plugin },
    language: 'otel-safe/python',
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    rules: Object.fromEntries(ruleNames.map((r) => [`otel-safe/${r}`, 'error'])),
  },
];

// ---- ESLint on the labelled files
const results = [];
const eslintByRepo = new Map();
let crashed = 0;
for (const entry of entries) {
  const repoDir = repoDirOf(entry.repo);
  const path = join(repoDir, entry.path);
  const result = { id: entry.id, repo: entry.repo, path: entry.path, set: entry.set, kind: entry.kind, reports: [], parseError: null, crash: null, missing: false };
  results.push(result);
  if (!existsSync(path)) {
    result.missing = true;
    continue;
  }
  if (extname(path) !== '.py') result.parseError = `unsupported extension ${extname(path)}`;
  if (!eslintByRepo.has(repoDir)) eslintByRepo.set(repoDir, new ESLint({ cwd: repoDir, overrideConfigFile: true, overrideConfig, ignore: false }));
  try {
    const [lint] = await eslintByRepo.get(repoDir).lintFiles([path]);
    for (const m of lint.messages) {
      if (m.fatal) result.parseError = `${m.line}:${m.column} ${m.message}`;
      else if (m.ruleId?.startsWith('otel-safe/')) {
        const rule = m.ruleId.slice('otel-safe/'.length);
        if (scoredRules.includes(rule)) result.reports.push({ rule, file: entry.path, line: m.line, endLine: m.endLine ?? m.line, messageId: m.messageId, message: m.message });
      }
    }
  } catch (err) {
    crashed++;
    result.crash = String(err?.stack ?? err).split('\n').slice(0, 6).join('\n');
  }
}

// ---- doctor on each repository: its Python findings on project files
const doctorByRepo = new Map();
for (const repo of new Set(entries.map((e) => e.repo))) {
  const repoDir = repoDirOf(repo);
  if (!existsSync(repoDir)) continue;
  const reports = [];
  let output;
  try {
    output = execFileSync(process.execPath, [cliEntry, 'doctor', '.', '--format', 'json'], { cwd: repoDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (err) {
    // exit 1 means "problems found"; anything else is a crash
    if (err.status === 1 && err.stdout) output = err.stdout;
    else {
      crashed++;
      doctorByRepo.set(repo, { reports, crash: String(err?.stderr || err).split('\n').slice(0, 6).join('\n') });
      continue;
    }
  }
  for (const f of JSON.parse(output).findings) {
    const at = f.locations?.[0];
    if (f.code !== 'python' || !at || extname(at.file) === '.py' || !scoredRules.includes(f.rule)) continue;
    reports.push({ rule: f.rule, file: at.file, line: at.line, endLine: at.line, message: f.message });
  }
  doctorByRepo.set(repo, { reports, crash: null });
}

// ---- scoring
const meets = (a, b) => a.line <= (b.endLine ?? b.line) && b.line <= (a.endLine ?? a.line);
const stats = Object.fromEntries(scoredRules.map((r) => [r, emptyStats()]));
const falsePositives = [];
const lookalikeHits = [];
const misses = [];
const anchoredDoctor = new Set(); // doctor reports that matched a projectLabel of an entry in the set
for (const [i, entry] of entries.entries()) {
  const result = results[i];
  const doctor = doctorByRepo.get(entry.repo)?.reports ?? [];
  for (const rule of scoredRules) {
    const s = stats[rule];
    const labels = entry.labels?.[rule] ?? [];
    const anchors = (entry.projectLabels ?? []).filter((p) => p.rule === rule);
    const found = new Set();
    for (const report of result.reports.filter((r) => r.rule === rule)) {
      s.reports++;
      const hit = labels.filter((l) => meets(report, l));
      if (hit.length > 0) {
        s.tp++;
        for (const l of hit) found.add(l);
        continue;
      }
      s.fp++;
      falsePositives.push({ id: entry.id, rule, file: entry.path, line: report.line, messageId: report.messageId, message: report.message });
      const look = (entry.lookalikes ?? []).find((l) => (l.rule === rule || l.rule === '*') && meets(report, l));
      if (look) lookalikeHits.push({ id: entry.id, rule, line: report.line, why: look.why });
    }
    for (const anchor of anchors) {
      for (const report of doctor.filter((r) => r.rule === rule && r.file === anchor.file && meets(r, anchor))) {
        if (anchoredDoctor.has(report)) continue; // one doctor report counts once, whichever entry shares the anchor
        anchoredDoctor.add(report);
        s.reports++;
        s.tp++;
        const same = labels.find((l) => l.line === anchor.sameFindingAs) ?? labels.find((l) => meets(l, { line: anchor.sameFindingAs }));
        if (same) found.add(same);
      }
    }
    if (labels.length === 0) continue;
    s.pairs++;
    s.lines += labels.length;
    s.linesFound += found.size;
    if (found.size > 0) s.pairsFound++;
    for (const l of labels) {
      if (found.has(l)) continue;
      const elsewhere = result.reports.filter((r) => r.rule === rule).map((r) => `${r.line}:${r.messageId}`).join(', ');
      misses.push({ id: entry.id, rule, line: l.line, why: l.why, trigger: l.trigger?.kind ?? null, scope: l.scope ?? null, pairFound: found.size > 0, reportedElsewhere: elsewhere || null });
    }
  }
}
// doctor reports on project files that no projectLabel anchors: false positives of their repository
for (const [repo, { reports }] of doctorByRepo) {
  for (const report of reports) {
    if (anchoredDoctor.has(report)) continue;
    const s = stats[report.rule];
    s.reports++;
    s.fp++;
    falsePositives.push({ id: `${repo} (doctor)`, rule: report.rule, file: report.file, line: report.line, messageId: 'doctor', message: report.message });
  }
}

const total = totalOf(stats);

// ---- report
const repos = new Set(entries.map((e) => e.repo)).size;
console.log(`set: ${set}  entries: ${entries.length}  repositories: ${repos}  checks: eslint-plugin-otel-safe/python + otel-codemod doctor\n`);
printScoreTable(scoredRules, stats, total, 'labels');

const parseErrors = results.filter((r) => r.parseError);
const missingFiles = results.filter((r) => r.missing);
const crashes = [...results.filter((r) => r.crash), ...[...doctorByRepo].filter(([, d]) => d.crash).map(([repo, d]) => ({ id: `${repo} (doctor)`, path: '.', crash: d.crash }))];
printProblems(missingFiles, parseErrors, crashes);
console.log(`\nFALSE POSITIVES (${falsePositives.length}; on look-alike lines: ${lookalikeHits.length}):`);
for (const f of falsePositives) console.log(`  ${f.id} ${f.file}:${f.line} ${f.rule}/${f.messageId}: ${oneLine(f.message, args.verbose)}`);
console.log(`\nMISSES (${misses.length} labels; ${total.pairs - total.pairsFound} pairs):`);
for (const m of misses) {
  const note = m.pairFound ? ' (pair found on another label)' : m.reportedElsewhere ? ` (rule reported ${m.reportedElsewhere})` : '';
  const tags = [m.trigger && `trigger: ${m.trigger}`, m.scope && `scope: ${m.scope}`].filter(Boolean).join(', ');
  console.log(`  ${m.id}:${m.line} ${m.rule}${tags ? ` [${tags}]` : ''}${note}${args.verbose ? `: ${m.why}` : ''}`);
}
if (args.verbose) {
  console.log('\nALL REPORTS:');
  for (const r of results) for (const rep of r.reports) console.log(`  ${r.id} ${r.path}:${rep.line}-${rep.endLine} ${rep.rule}/${rep.messageId}: ${oneLine(rep.message, true)}`);
  for (const [repo, { reports }] of doctorByRepo) for (const rep of reports) console.log(`  ${repo} (doctor) ${rep.file}:${rep.line} ${rep.rule}: ${oneLine(rep.message, true)}`);
}
if (args.json) {
  const doctor = Object.fromEntries([...doctorByRepo].map(([repo, d]) => [repo, d]));
  writeFileSync(resolve(args.json), JSON.stringify({ set, rules: stats, total, falsePositives, lookalikeHits, misses, parseErrors: parseErrors.map((r) => ({ id: r.id, error: r.parseError })), crashes: crashes.map((r) => ({ id: r.id, error: r.crash })), results, doctor }, null, 2) + '\n');
}
process.exitCode = crashed > 0 ? 1 : 0;

