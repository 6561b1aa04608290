// Where a transform run reports a file: the engine's own findings (src/core/engine.ts), each
// with its rule, message and range — what the fixes fixed (at their place in the original
// text) and what they left for a human. A transform without that account (a third-party entry)
// is reported by the region it changed.
import type { FixOutcome } from '../../core/engine';
import { toOriginalRange } from '../../core/engine';
import type { ReportedFinding } from '../../core/finding';
import { lineStarts, positionAt } from '../../core/location';

/** A problem in one file, before the file name is attached: plain data (crosses worker threads). */
export interface FileProblem {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly ruleId: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface ChangedFile {
  /** The transform's name as typed (`add-guards`). */
  readonly transform: string;
  /** As the report shows it: relative to the working directory when inside it. */
  readonly displayPath: string;
  readonly before: string;
  readonly after: string;
}

/** What a run fixed and what it left in one file, as problems with 1-based positions. */
export interface FindingProblems {
  /** Fixed (or, in a dry run, would be fixed), at their place in the original text. */
  readonly fixed: FileProblem[];
  /** Left for a human: where they are in the file as the run leaves it (the original text in a dry run). */
  readonly left: FileProblem[];
}

/**
 * The engine's account of a file as problems. Fixed findings are errors (a `--check` run fails
 * on them); what is left is a warning, an error with `--strict`.
 */
export function findingProblems(outcome: FixOutcome<ReportedFinding>, before: string, options: { readonly dry: boolean; readonly strict: boolean }): FindingProblems {
  const original = lineStarts(before);
  const final = options.dry ? original : lineStarts(outcome.text);
  const fixed = outcome.fixed.map((f) => problem(f, f.range, original, 'error'));
  const left = outcome.left.map((f) => problem(f, options.dry ? toOriginalRange(f.range, outcome.passes, outcome.text) : f.range, final, options.strict ? 'error' : 'warning'));
  return { fixed: dedupe(fixed), left: dedupe(left) };
}

function problem(f: ReportedFinding, range: readonly [number, number], starts: readonly number[], severity: FileProblem['severity']): FileProblem {
  const start = positionAt(starts, range[0]);
  const end = positionAt(starts, range[1]);
  return { line: start.line, column: start.column + 1, endLine: end.line, endColumn: end.column + 1, ruleId: `otel-safe/${f.ruleId}`, message: f.message, severity };
}

/** One row per rule, place and message (two findings fixed by one edit are one problem to a reader). */
function dedupe(problems: FileProblem[]): FileProblem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.line}:${p.column}:${p.ruleId}:${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The problems of a file a transform without findings would change (empty when it would not). */
export function findFileProblems(file: ChangedFile): FileProblem[] {
  const region = changedRegion(file.before, file.after);
  if (!region) return [];
  const lines = region.line === region.endLine ? `line ${region.line}` : `lines ${region.line}-${region.endLine}`;
  return [
    {
      ...region,
      ruleId: `otel-codemod/${file.transform}`,
      message: `otel-codemod ${file.transform} would rewrite this file from here (${lines}). Run \`npx otel-codemod ${file.transform} ${file.displayPath}\`, review the change and commit it.`,
      severity: 'error',
    },
  ];
}

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * The lines of `before` that differ from `after`: from the first differing line to the last
 * one (after the common tail), without their indentation and trailing blanks. A pure insertion
 * is reported at the line the new text goes before (or the last line, when appended).
 */
export function changedRegion(before: string, after: string): Omit<FileProblem, 'ruleId' | 'message' | 'severity'> | undefined {
  if (before === after) return undefined;
  const a = before.split(LINE_BREAK);
  const b = after.split(LINE_BREAK);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  if (start > a.length - 1) start = a.length - 1; // only a line break changed or text appended: the last line
  const last = Math.max(start, endA);
  const first = a[start]!;
  const column = first.length - first.trimStart().length + 1;
  const endColumn = a[last]!.trimEnd().length + 1;
  return { line: start + 1, column, endLine: last + 1, endColumn: last === start ? Math.max(column, endColumn) : endColumn };
}
