// What every Python check shares: the model lookup for a check input, finding construction
// (ranges from nodes), and the rule-id prefix.
import type { TextEdit } from '../../core/edits';
import type { Finding, Suggestion } from '../../core/finding';
import type { CheckInput } from '../../core/language';
import type { PyModel } from '../model';
import { getPyModel } from '../model';
import type { PyNode, PyTree } from '../nodes';

export const PYTHON_RULE_PREFIX = 'python/';

export function modelOf(input: CheckInput<PyTree>): PyModel {
  return getPyModel(input.tree, input.file.path, input.settings);
}

export function finding<M extends string>(ruleId: string, messageId: M, node: PyNode, data: Record<string, string>, suggestions: Suggestion<M>[] = []): Finding<M> {
  return { ruleId, messageId, data, range: [node.range[0], node.range[1]], suggestions };
}

/** A suggestion when its edits could be planned, else none (the finding is reported only). */
export function suggestion<M extends string>(messageId: M, edits: readonly TextEdit[] | undefined, data?: Record<string, string>): Suggestion<M>[] {
  return edits && edits.length > 0 ? [{ messageId, data, edits }] : [];
}

/** Line of a node, for messages that point at another statement. */
export function lineOf(node: PyNode): string {
  return String(node.loc.start.line);
}

/** Source text of a node. */
export function text(model: PyModel, node: PyNode): string {
  return model.text.slice(node.range[0], node.range[1]);
}
