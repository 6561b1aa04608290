import type { CliIo } from './io';
import { formatProblemRows } from './format/stylish';
import type { FileResult } from './process-file';

/** More would-change files than this, and the fix command repeats the paths the user gave instead. */
const MAX_FILES_IN_FIX_COMMAND = 20;

export interface RunReport {
  readonly transform: string;
  /** Nothing was written: `--dry` or `--check`. */
  readonly dry: boolean;
  readonly check: boolean;
  /** Sorted by path. */
  readonly files: readonly FileResult[];
  readonly durationMs: number;
}

export interface Summary {
  readonly changed: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly errors: number;
  readonly durationMs: number;
}

export interface HumanOutputOptions {
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** The paths from the command line, for the fix command when many files would change. */
  readonly givenPaths: readonly string[];
}

export function summarize(report: RunReport): Summary {
  const count = (status: FileResult['status']): number => report.files.filter((file) => file.status === status).length;
  return {
    changed: count('changed'),
    unchanged: count('unchanged'),
    skipped: count('skipped'),
    errors: count('error'),
    durationMs: Math.round(report.durationMs),
  };
}

/** 0 done, 1 `--check` found a file that would change, 3 some file could not be processed (worse, so it wins). */
export function exitCodeOf(report: RunReport): number {
  const summary = summarize(report);
  if (summary.errors > 0) return 3;
  if (report.check && summary.changed > 0) return 1;
  return 0;
}

/** The `--json` document: the only thing written to stdout. */
export function formatJson(report: RunReport): string {
  const document = {
    transform: report.transform,
    dry: report.dry,
    check: report.check,
    files: report.files,
    summary: summarize(report),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Changed files (and their diffs) and the summary go to stdout; errors, verbose notes
 * and the `--check` advice go to stderr, so stdout stays a clean list (or patch).
 */
export function writeHumanReport(report: RunReport, io: CliIo, options: HumanOutputOptions): void {
  const changedLabel = report.dry ? 'would change' : 'changed';
  for (const file of report.files) {
    switch (file.status) {
      case 'changed':
        if (!options.quiet || report.check) {
          io.stdout.write(`${changedLabel}: ${file.path}\n`);
          if (file.problems && file.problems.length > 0) io.stdout.write(formatProblemRows(file.problems));
        }
        if (file.diff !== undefined) io.stdout.write(file.diff); // asked for explicitly, so even with --quiet
        break;
      case 'error':
        io.stderr.write(`error: ${file.path}: ${file.error ?? 'unknown error'}\n`);
        break;
      case 'skipped':
        if (options.verbose) io.stderr.write(`skipped: ${file.path}${file.reason ? ` (${file.reason})` : ''}\n`);
        break;
      case 'unchanged':
        if (options.verbose) io.stderr.write(`unchanged: ${file.path}\n`);
        break;
    }
  }
  if (options.quiet) return;

  const summary = summarize(report);
  const mode = report.check ? ' --check' : report.dry ? ' --dry' : '';
  io.stdout.write(
    `otel-codemod ${report.transform}${mode}: ${summary.changed} ${changedLabel}, ${summary.unchanged} unchanged, ` +
      `${summary.skipped} skipped, ${plural(summary.errors, 'error')} (${(summary.durationMs / 1000).toFixed(1)}s)\n`,
  );
  if (report.check && summary.changed > 0) {
    const changed = report.files.filter((file) => file.status === 'changed').map((file) => file.path);
    const paths = changed.length <= MAX_FILES_IN_FIX_COMMAND ? changed : options.givenPaths;
    io.stderr.write(
      `\n${plural(changed.length, 'file')} would change, so this commit / CI check is blocked.\n` +
        `To fix, run this, review the changes and add them to the commit:\n\n` +
        `  npx otel-codemod ${report.transform} ${paths.map(shellQuote).join(' ')}\n\n`,
    );
  }
}

/** `name  description`, one line each, names padded into a column. */
export function formatTransformList(entries: readonly { readonly name: string; readonly description: string }[]): string {
  const width = Math.max(0, ...entries.map((entry) => entry.name.length));
  return entries.map((entry) => `${entry.name.padEnd(width)}  ${entry.description}\n`).join('');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Paths are pasted into a shell; quote the ones that need it. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
