// Where a transform run reports a file it would change. Today: the changed region of the
// text (first to last changed line of the original). The swap point for the engine's own
// findings (each with its rule, message and range; src/core/location.ts turns the range into
// positions): replace the body of `findFileProblems`, nothing else reads the text.

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

/** The problems of a file the transform would change (empty when it would not). */
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
