// `exporters.forEach((e) => provider.addSpanProcessor(new BatchSpanProcessor(e)))`: a loop
// variable that stands for each element of a local array, and the elements that array can hold
// (its literal items and what `exporters.push(…)` adds), so a check can look at each element
// the loop body receives.
import type { Node } from '../ast/node';
import { getPropertyName, getRange, isCall, isFunction, isMember, unwrap } from '../ast/node';
import type { FileModel } from './model';

export interface ArrayElement {
  /** The element expression (`new ZipkinExporter({ url })`). */
  readonly expr: Node;
  /** The `arr.push(x);` statement that adds it, undefined for an item of the array literal. */
  readonly statement: Node | undefined;
}

/**
 * The elements an identifier stands for when it is the loop variable over a local array: the
 * first parameter of `arr.forEach(fn)`'s callback, or `x` of `for (const x of arr)`. Only when
 * every element is known: `arr` is a `const` initialized with an array literal (no spread) and
 * every other use of it is a statement `arr.push(…)` (no spread) before the loop, or another loop
 * over it. Else undefined.
 */
export function loopElements(id: Node, model: FileModel): ArrayElement[] | undefined {
  const n = unwrap(id);
  if (n.type !== 'Identifier') return undefined;
  const b = model.scopeAt(n).resolve(n.name);
  if (!b || b.assignments.length > 0) return undefined;
  const decl = b.declaration;
  let array: Node | undefined;
  let loop: Node | undefined;
  if (b.kind === 'param' && isFunction(decl) && decl.params[0] === b.id) {
    const call = model.parents.get(decl);
    const callee = call && isCall(call) && call.arguments[0] === decl ? unwrap(call.callee) : undefined;
    if (callee && isMember(callee) && getPropertyName(callee) === 'forEach') {
      array = unwrap(callee.object);
      loop = call;
    }
  } else if (decl.type === 'VariableDeclarator') {
    const declaration = model.parents.get(decl);
    const forOf = declaration && model.parents.get(declaration);
    if (forOf?.type === 'ForOfStatement' && forOf.left === declaration) {
      array = unwrap(forOf.right);
      loop = forOf;
    }
  }
  if (array?.type !== 'Identifier' || !loop) return undefined;
  return arrayElements(array, loop, model);
}

function arrayElements(array: Node, loop: Node, model: FileModel): ArrayElement[] | undefined {
  const b = model.scopeAt(array).resolve(array.name);
  if (!b || b.kind !== 'const' || !b.init || b.init.path.length > 0) return undefined;
  const literal = unwrap(b.init.expr);
  if (literal.type !== 'ArrayExpression' || literal.elements.some((e: Node | null) => !e || e.type === 'SpreadElement')) return undefined;
  const out: ArrayElement[] = literal.elements.map((expr: Node) => ({ expr, statement: undefined }));
  const loopStart = getRange(loop)[0];
  for (const ref of b.references) {
    if (ref === array || readsOnlyInLoop(ref, model)) continue;
    const member = model.parents.get(ref);
    const call = member && model.parents.get(member);
    const statement = call && model.parents.get(call);
    const isPush = member && isMember(member) && member.object === ref && getPropertyName(member) === 'push' && call && isCall(call) && call.callee === member;
    if (!isPush || statement?.type !== 'ExpressionStatement') return undefined;
    if (getRange(call)[0] > loopStart || call.arguments.some((a: Node) => a.type === 'SpreadElement')) return undefined;
    for (const expr of call.arguments) out.push({ expr, statement });
  }
  return out;
}

/** `arr.forEach(…)` or `for (… of arr)`: a use that reads the elements and changes nothing. */
function readsOnlyInLoop(ref: Node, model: FileModel): boolean {
  const parent = model.parents.get(ref);
  if (parent?.type === 'ForOfStatement' && parent.right === ref) return true;
  const call = parent && isMember(parent) && parent.object === ref && getPropertyName(parent) === 'forEach' ? model.parents.get(parent) : undefined;
  return !!call && isCall(call) && call.callee === parent;
}
