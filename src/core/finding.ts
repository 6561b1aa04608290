// A finding: what a check reports, in any language, with no AST node in it. ESLint rules,
// the codemod engine, `doctor` and the CLI reporters all read this one shape.
import type { TextEdit } from './edits';

/** A way to fix a finding: its message and the edits it makes. */
export interface Suggestion<M extends string = string> {
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string>>;
  readonly edits: readonly TextEdit[];
}

/**
 * One problem a check found. `range` is in UTF-16 offsets of the file text. The codemod
 * applies the first suggestion's edits, a rule offers them all, so both fix the same thing.
 */
export interface Finding<M extends string = string> {
  readonly ruleId: string;
  readonly messageId: M;
  readonly data: Readonly<Record<string, string>>;
  readonly range: readonly [number, number];
  readonly suggestions: readonly Suggestion<M>[];
}

/** A finding with its rule's message formatted: what the CLI prints outside ESLint. */
export interface ReportedFinding<M extends string = string> extends Finding<M> {
  readonly message: string;
}
