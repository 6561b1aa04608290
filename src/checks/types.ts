import type { Node } from '../ast/node';
import type { TextEdit } from '../fix/text';

/** A suggestion: its message and the edits it makes. */
export interface Suggestion<M extends string> {
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string>>;
  readonly edits: readonly TextEdit[];
}

/**
 * One problem a check found. Rules report it (offering the suggestions); the paired
 * codemod applies the first suggestion's edits, so both fix exactly the same thing.
 */
export interface Finding<M extends string> {
  readonly messageId: M;
  readonly node: Node;
  readonly data: Readonly<Record<string, string>>;
  readonly suggestions: readonly Suggestion<M>[];
}
