// Where a node sits among statements and functions: shared by the analyses and the fix planners.
import type { Node } from '../ast/node';
import { isCall, isFunction, unwrap } from '../ast/node';
import type { FileModel } from './model';

/** True for a function called where it is written (`(() => { ... })()`): it runs with its parent. */
export function isImmediatelyInvoked(fn: Node, model: FileModel): boolean {
  const parent = model.parents.get(fn);
  return !!parent && isCall(parent) && unwrap(parent.callee) === fn;
}

/** The function whose single run executes the node (immediately invoked functions run with their parent), or the Program. */
export function executionContext(node: Node, model: FileModel): Node {
  for (const a of model.ancestors(node)) {
    if (isFunction(a) && !isImmediatelyInvoked(a, model)) return a;
  }
  return model.program;
}

/** The expression statement or variable declaration a node is part of (not crossing another statement or a function). */
export function enclosingStatement(node: Node, model: FileModel): Node | undefined {
  for (const n of [node, ...model.ancestors(node)]) {
    if (n.type === 'ExpressionStatement' || n.type === 'VariableDeclaration') return n;
    if (n !== node && (n.type.endsWith('Statement') || isFunction(n) || n.type === 'Program')) return undefined;
  }
  return undefined;
}

/** The statement list (Program, block or switch-case body) that directly holds `stmt`. */
export function statementList(stmt: Node, model: FileModel): Node[] | undefined {
  const parent = model.parents.get(stmt);
  if (!parent) return undefined;
  if (parent.type === 'BlockStatement' || parent.type === 'Program' || parent.type === 'StaticBlock') return parent.body;
  if (parent.type === 'SwitchCase') return parent.consequent;
  return undefined;
}

/** The statement of the module body that holds a node (undefined for the program itself). */
export function topLevelStatement(node: Node, model: FileModel): Node | undefined {
  let child = node;
  for (const a of model.ancestors(node)) {
    if (a === model.program) return child;
    child = a;
  }
  return undefined;
}
