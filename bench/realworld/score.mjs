#!/usr/bin/env node
// Scores the built plugin of this checkout (dist/) against the labels of the real-world manifest.
// Every labelled file is linted in place, inside its materialized repository (cwd = that
// repository, so package.json scripts, lockfiles and sibling files are read as in the real repo),
// with every rule of the plugin at `error` and the repository's own ESLint config ignored.
//
// A report is a true positive when the labels list its rule on a line it covers (its start line,
// or any line up to its end line: one multi-line node may carry the label on any of its lines);
// anything else is a false positive. Recall is per (file, rule) pair with labels: found when at
// least one labelled line was reported; per-line recall is printed too. Parse errors are recorded
// apart and never count as reports. The exit code is non-zero only when linting crashed.
//
// With --adjudicated the labels are corrected by the second engineer's verdicts (js.adjudication.json,
// see adjudication.mjs); without it they are the labeller's, as the blind scores were taken.
//
// usage: node bench/realworld/score.mjs --root DIR [--set NAME|all: the manifest's sets] [--rule NAME]
//          [--verbose] [--json FILE] [--manifest FILE] [--adjudicated]
import { applyAdjudication } from './adjudication.mjs';
import { jsOverrideConfig, quietEslintIgnoreWarning } from './eslint-setup.mjs';
import { checkoutDirName } from './checkout-dir.mjs';
import { createRequire } from 'node:module';
import { emptyStats, oneLine, parseScoreArgs, printProblems, printScoreTable, scoreUsage, totalOf } from './score-report.mjs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

quietEslintIgnoreWarning();

const here = dirname(fileURLToPath(import.meta.url));
const checkout = resolve(here, '..', '..');
const args = parseScoreArgs(process.argv.slice(2), 'score.mjs');
const usage = (problem) => scoreUsage('score.mjs', problem);
if (!args.root) usage('--root is required (a folder written by materialize.mjs)');
const set = args.set ?? 'dev';

const distEntry = join(checkout, 'dist', 'index.js');
if (!existsSync(distEntry)) usage(`no build at ${distEntry}: run \`npm run build\` first`);
const req = createRequire(join(checkout, 'package.json'));
const plugin = req(distEntry);
const { ESLint } = req('eslint');
const tsParser = req('@typescript-eslint/parser');

const ruleNames = Object.keys(plugin.rules).sort();
if (args.rule && !ruleNames.includes(args.rule)) usage(`unknown rule ${args.rule}; rules: ${ruleNames.join(', ')}`);
const scoredRules = args.rule ? [args.rule] : ruleNames;
const labelled = JSON.parse(readFileSync(resolve(args.manifest ?? join(here, 'js.manifest.json')), 'utf8'));
const verdicts = args.adjudicated ? JSON.parse(readFileSync(join(here, 'js.adjudication.json'), 'utf8')) : [];
let manifest = labelled;
try {
  manifest = applyAdjudication(labelled, verdicts);
} catch (err) {
  usage(`js.adjudication.json: ${err.message}`);
}
// the sets are the manifest's own (a new holdout set needs no edit here)
const sets = ['all', ...new Set(manifest.map((f) => f.set))];
if (!sets.includes(set)) usage(`--set must be one of ${sets.join(', ')}, not ${set}`);
const files = manifest.filter((f) => set === 'all' || f.set === set);

const TS = new Set(['.ts', '.tsx', '.mts', '.cts']);
const overrideConfig = jsOverrideConfig(plugin, tsParser, ruleNames);

const results = [];
const eslintByRepo = new Map();
let crashed = 0;
for (const file of files) {
  const repoDir = join(resolve(args.root), checkoutDirName(manifest, file));
  const path = join(repoDir, file.path);
  const result = { id: file.id, repo: file.repo, path: file.path, set: file.set, kind: file.kind, reports: [], parseError: null, crash: null, missing: false };
  results.push(result);
  if (!existsSync(path)) {
    result.missing = true;
    continue;
  }
  if (!eslintByRepo.has(repoDir)) eslintByRepo.set(repoDir, new ESLint({ cwd: repoDir, overrideConfigFile: true, overrideConfig, ignore: false }));
  try {
    const [lint] = await eslintByRepo.get(repoDir).lintFiles([path]);
    for (const m of lint.messages) {
      if (m.fatal) result.parseError = `${m.line}:${m.column} ${m.message}`;
      else if (m.ruleId?.startsWith('otel-safe/')) {
        const rule = m.ruleId.slice('otel-safe/'.length);
        if (scoredRules.includes(rule)) result.reports.push({ rule, line: m.line, endLine: m.endLine ?? m.line, messageId: m.messageId, message: m.message });
      }
    }
  } catch (err) {
    crashed++;
    result.crash = String(err?.stack ?? err).split('\n').slice(0, 6).join('\n');
  }
  if (!TS.has(extname(path)) && !['.js', '.jsx', '.mjs', '.cjs'].includes(extname(path))) result.parseError ??= `unsupported extension ${extname(path)}`;
}

// ---- scoring
const covers = (report, line) => line >= report.line && line <= report.endLine;
const stats = Object.fromEntries(scoredRules.map((r) => [r, emptyStats()]));
const falsePositives = [];
const misses = [];
for (const [i, file] of files.entries()) {
  const result = results[i];
  for (const rule of scoredRules) {
    const labels = file.labels[rule] ?? [];
    const reports = result.reports.filter((r) => r.rule === rule);
    const s = stats[rule];
    for (const report of reports) {
      s.reports++;
      if (labels.some((l) => covers(report, l.line))) s.tp++;
      else {
        s.fp++;
        falsePositives.push({ id: file.id, rule, line: report.line, messageId: report.messageId, message: report.message });
      }
    }
    if (labels.length === 0) continue;
    s.pairs++;
    const found = labels.filter((l) => reports.some((r) => covers(r, l.line)));
    s.lines += labels.length;
    s.linesFound += found.length;
    if (found.length > 0) s.pairsFound++;
    for (const l of labels) {
      if (found.includes(l)) continue;
      const elsewhere = reports.map((r) => `${r.line}:${r.messageId}`).join(', ');
      misses.push({ id: file.id, rule, line: l.line, why: l.why, pairFound: found.length > 0, reportedElsewhere: elsewhere || null });
    }
  }
}

const total = totalOf(stats);

// ---- report
const repos = new Set(files.map((f) => f.repo)).size;
const applied = verdicts.filter((v) => files.some((f) => f.id === v.id)).length;
const labelsLine = args.adjudicated ? `adjudicated (${applied} verdicts of js.adjudication.json apply)` : 'as labelled';
console.log(`set: ${set}  files: ${files.length}  repositories: ${repos}  labels: ${labelsLine}  plugin: ${plugin.meta?.name ?? 'eslint-plugin-otel-safe'}@${plugin.meta?.version ?? '?'}\n`);
printScoreTable(scoredRules, stats, total, 'lines');

const parseErrors = results.filter((r) => r.parseError);
const missingFiles = results.filter((r) => r.missing);
const crashes = results.filter((r) => r.crash);
printProblems(missingFiles, parseErrors, crashes);
console.log(`\nFALSE POSITIVES (${falsePositives.length}):`);
for (const f of falsePositives) console.log(`  ${f.id}:${f.line} ${f.rule}/${f.messageId}: ${oneLine(f.message, args.verbose)}`);
console.log(`\nMISSES (${misses.length} labelled lines; ${total.pairs - total.pairsFound} pairs):`);
for (const m of misses) {
  const note = m.pairFound ? ' (pair found on another line)' : m.reportedElsewhere ? ` (rule reported ${m.reportedElsewhere})` : '';
  console.log(`  ${m.id}:${m.line} ${m.rule}${note}${args.verbose ? `: ${m.why}` : ''}`);
}
if (args.verbose) {
  console.log('\nALL REPORTS:');
  for (const r of results) for (const rep of r.reports) console.log(`  ${r.id}:${rep.line}-${rep.endLine} ${rep.rule}/${rep.messageId}: ${oneLine(rep.message, true)}`);
}
if (args.json) {
  writeFileSync(resolve(args.json), JSON.stringify({ set, rules: stats, total, falsePositives, misses, parseErrors: parseErrors.map((r) => ({ id: r.id, error: r.parseError })), crashes: crashes.map((r) => ({ id: r.id, error: r.crash })), results }, null, 2) + '\n');
}
process.exitCode = crashed > 0 ? 1 : 0;

