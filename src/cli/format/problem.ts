// The one shape every reporter prints: a problem at a place in a file, with the rule that
// names it. Transform runs and `doctor` both map their results onto it (src/cli/problems).

/** SARIF's levels; `note` is printed as `info` by stylish and as `notice` by github. */
export type ProblemSeverity = 'error' | 'warning' | 'note';

/** A span of a file: 1-based lines, 1-based UTF-16 columns, end exclusive (ESLint's and SARIF's convention). */
export interface Region {
  /** Relative to the working directory, forward slashes (`../x.ts` when outside it). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface Problem extends Region {
  /** `otel-safe/<rule>`, `otel-codemod/<transform>` or `doctor/<code>`. */
  readonly ruleId: string;
  readonly message: string;
  readonly severity: ProblemSeverity;
  readonly helpUri: string | undefined;
  /** Other places involved (a doctor finding across files), in the order the tool gave them. */
  readonly related?: readonly Region[];
}

/** What a reporter says about a rule it has results for (SARIF `tool.driver.rules`). */
export interface RuleDescriptor {
  readonly id: string;
  readonly description: string;
  readonly helpUri: string | undefined;
  readonly level: ProblemSeverity;
}

/** A file the tool could not process (unreadable, unparseable): not a finding about the code. */
export interface ProcessingError {
  readonly file: string;
  readonly message: string;
}

/** Everything a reporter needs from one run. */
export interface ProblemReport {
  /** `otel-codemod add-guards --check`, `otel-codemod doctor`: for headers and SARIF's invocation. */
  readonly command: string;
  /** Absolute working directory the `file`s are relative to (SARIF's SRCROOT). */
  readonly cwd: string;
  readonly problems: readonly Problem[];
  readonly rules: readonly RuleDescriptor[];
  readonly errors: readonly ProcessingError[];
}

/** Stable order for every reporter: by file, then position, then rule. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.ruleId, b.ruleId) || compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
