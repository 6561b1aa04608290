// ESLint's `stylish` rows (`  5:3  error  message  rule`), columns aligned, under a file
// name the human report has already printed.
import type { Problem, ProblemSeverity } from './problem';

const LABEL: Record<ProblemSeverity, string> = { error: 'error', warning: 'warning', note: 'info' };

export type RowProblem = Pick<Problem, 'line' | 'column' | 'severity' | 'message' | 'ruleId'>;

/** One row per problem of one file, by position, two spaces of indent. */
export function formatProblemRows(problems: readonly RowProblem[]): string {
  const rows = [...problems]
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((p) => [`${p.line}:${p.column}`, LABEL[p.severity], p.message.replace(/\s*\n\s*/g, ' '), p.ruleId]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => `  ${row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ')}\n`).join('');
}
