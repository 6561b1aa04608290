// What the real-world scorers (score.mjs for JavaScript, score-python.mjs) share: their options,
// the per-rule counters and the table they print, and the problem lists' formatting.

/** Parses `--root --set --rule --json --manifest --verbose`; anything else is a usage error. */
export function parseScoreArgs(argv, script) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--verbose') out.verbose = true;
    else if (a === '--adjudicated' && script === 'score.mjs') out.adjudicated = true;
    else if (['--root', '--set', '--rule', '--json', '--manifest'].includes(a)) out[a.slice(2)] = argv[++i];
    else scoreUsage(script, `unknown option ${a}`);
  }
  return out;
}

export function scoreUsage(script, problem) {
  console.error(`${problem}\nusage: node bench/realworld/${script} --root DIR [--set NAME|all] [--rule NAME] [--verbose] [--json FILE] [--manifest FILE]${script === 'score.mjs' ? ' [--adjudicated]' : ''}`);
  process.exit(2);
}

/** One rule's counters: reports judged true/false, labelled (file, rule) pairs and labels found. */
export const emptyStats = () => ({ reports: 0, tp: 0, fp: 0, pairs: 0, pairsFound: 0, lines: 0, linesFound: 0 });

/** The counters of every rule summed. */
export function totalOf(stats) {
  const total = emptyStats();
  for (const s of Object.values(stats)) for (const k of Object.keys(total)) total[k] += s[k];
  return total;
}

/** Prints the table per rule and overall; `labelColumn` names the per-label recall ('lines', 'labels'). */
export function printScoreTable(scoredRules, stats, total, labelColumn) {
  const ratio = (a, b) => (b === 0 ? '-' : (a / b).toFixed(2));
  const rows = [...scoredRules.map((r) => [r, stats[r]]), ['overall', total]];
  const header = ['rule', 'reports', 'true', 'false', 'precision', 'pairs', 'found', 'recall', labelColumn, `${labelColumn.replace(/s$/, '')} recall`];
  const table = rows.map(([name, s]) => [name, s.reports, s.tp, s.fp, ratio(s.tp, s.reports), s.pairs, s.pairsFound, ratio(s.pairsFound, s.pairs), s.lines, ratio(s.linesFound, s.lines)]);
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => String(row[c]).length)));
  const line = (cells) => cells.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ');
  console.log(line(header));
  for (const row of table) console.log(line(row));
}

/** The files not materialized, that did not parse, or crashed the linter. */
export function printProblems(missingFiles, parseErrors, crashes) {
  if (missingFiles.length) console.log(`\nNOT MATERIALIZED (${missingFiles.length}): ${missingFiles.map((r) => r.id).join(', ')}`);
  if (parseErrors.length) console.log(`\nPARSE ERRORS (${parseErrors.length}):\n${parseErrors.map((r) => `  ${r.id} ${r.path}: ${r.parseError}`).join('\n')}`);
  if (crashes.length) console.log(`\nCRASHES (${crashes.length}):\n${crashes.map((r) => `  ${r.id} ${r.path}:\n    ${r.crash.replace(/\n/g, '\n    ')}`).join('\n')}`);
}

/** A message on one line, cut at 160 characters unless `full`. */
export function oneLine(text, full) {
  const flat = text.replace(/\s+/g, ' ');
  return full || flat.length <= 160 ? flat : `${flat.slice(0, 157)}...`;
}
