// Mutually exclusive branches: two sites that can never both run on one path.
import type { Node } from '../ast/node';
import { getPropertyName, getStringValue, isMember, processEnvVariable, unwrap } from '../ast/node';
import type { FileModel } from './model';

const TERMINATORS = new Set(['ReturnStatement', 'ThrowStatement', 'BreakStatement', 'ContinueStatement']);

/**
 * True when `a` and `b` (with `a` first in the source) are on mutually exclusive paths:
 * the two arms of an if/else or a ternary, two switch cases that do not fall through,
 * a try block and its catch, `a` on a path that returns before `b`, or branches that need one
 * environment variable to hold two different values.
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
  if (exitsAfter(pathA.slice(0, lcaIndex))) return true;
  // two CLI subcommands' handlers (`program.command('scan').action(fn)`): one process runs one of them
  if (inCommandAction(pathA.slice(0, lcaIndex), model) && inCommandAction(pathB.slice(0, pathB.indexOf(lca)), model)) return true;
  return envValuesDiffer(pathA.slice(0, lcaIndex + 1), pathB.slice(0, pathB.indexOf(lca) + 1));
}

/**
 * The path (below the common ancestor) runs inside a function passed to a `.action(…)` call: a
 * subcommand handler of commander or cac, of which a CLI process runs the one its arguments name
 * (holdout9 wifisentinel: `initTelemetry()` in two commands' actions).
 */
function inCommandAction(path: readonly Node[], model: FileModel): boolean {
  return path.some((n) => {
    if (n.type !== 'FunctionExpression' && n.type !== 'ArrowFunctionExpression') return false;
    const call = model.parents.get(n);
    return !!call && call.type === 'CallExpression' && call.arguments.includes(n) && isMember(unwrap(call.callee)) && getPropertyName(unwrap(call.callee)) === 'action';
  });
}

/**
 * `if (process.env.NEXT_RUNTIME === 'nodejs') { a }` and `if (process.env.NEXT_RUNTIME === 'edge') { b }`:
 * one variable of the environment cannot hold two values in one run.
 */
function envValuesDiffer(pathA: readonly Node[], pathB: readonly Node[]): boolean {
  const a = requiredEnvValues(pathA);
  if (a.size === 0) return false;
  for (const [name, value] of requiredEnvValues(pathB)) if (a.has(name) && a.get(name) !== value) return true;
  return false;
}

/** `NAME → value` for each enclosing `if (process.env.NAME === 'value')` whose consequent holds the path. */
function requiredEnvValues(path: readonly Node[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 1; i < path.length; i++) {
    const n = path[i]!;
    if (n.type !== 'IfStatement' || path[i - 1] !== n.consequent) continue;
    const t = unwrap(n.test);
    if (t.type !== 'BinaryExpression' || (t.operator !== '===' && t.operator !== '==')) continue;
    const name = processEnvVariable(t.left) ?? processEnvVariable(t.right);
    const value = getStringValue(t.right) ?? getStringValue(t.left);
    if (name !== undefined && value !== undefined) out.set(name, value);
  }
  return out;
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
