// Mutually exclusive branches: two sites that can never both run on one path.
import type { Node } from '../ast/node';
import type { FileModel } from './model';

const TERMINATORS = new Set(['ReturnStatement', 'ThrowStatement', 'BreakStatement', 'ContinueStatement']);

/**
 * True when `a` and `b` (with `a` first in the source) are on mutually exclusive paths:
 * the two arms of an if/else or a ternary, two switch cases that do not fall through,
 * a try block and its catch, or `a` on a path that returns before `b`.
 */
export function areMutuallyExclusive(a: Node, b: Node, model: FileModel): boolean {
  const pathA = [a, ...model.ancestors(a)];
  const pathB = [b, ...model.ancestors(b)];
  const setB = new Set(pathB);
  const lcaIndex = pathA.findIndex((n) => setB.has(n));
  if (lcaIndex <= 0) return false;
  const lca = pathA[lcaIndex]!;
  const childA = pathA[lcaIndex - 1]!;
  const childB = pathB[pathB.indexOf(lca) - 1];
  if (!childB) return false;

  switch (lca.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
      return (childA === lca.consequent && childB === lca.alternate) || (childA === lca.alternate && childB === lca.consequent);
    case 'SwitchStatement':
      return childA !== childB && childA.type === 'SwitchCase' && endsWithExit(childA.consequent);
    case 'TryStatement':
      return childA === lca.block && childB === lca.handler;
  }
  // `a` sits in a branch that leaves before control reaches `b`
  return exitsAfter(pathA.slice(0, lcaIndex));
}

/** True when some statement list on the path below the common ancestor leaves after the path's statement. */
function exitsAfter(path: Node[]): boolean {
  for (let i = 1; i < path.length; i++) {
    const container = path[i]!;
    const list: Node[] | undefined =
      container.type === 'BlockStatement' ? container.body : container.type === 'SwitchCase' ? container.consequent : undefined;
    if (!list) continue;
    const idx = list.indexOf(path[i - 1]!);
    if (idx >= 0 && list.slice(idx + 1).some((s) => TERMINATORS.has(s.type))) return true;
  }
  return false;
}

/** True when a statement list (or a block nested in it, however deep) returns, throws, breaks or continues. */
function endsWithExit(statements: readonly Node[]): boolean {
  const lists = [statements];
  while (lists.length > 0) {
    for (const s of lists.pop()!) {
      if (TERMINATORS.has(s.type)) return true;
      if (s.type === 'BlockStatement') lists.push(s.body);
    }
  }
  return false;
}
