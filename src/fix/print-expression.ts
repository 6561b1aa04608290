// The user's expressions as layout documents (src/fix/layout.ts), for edits that add to a line the
// user wrote (a property inside an object literal, a prefix before a call): objects, arrays, calls
// and `new`, conditionals and `??`/`||`/`&&` break the way Prettier breaks them; anything else is
// kept as its source text.
import type { Node } from '../ast/node';
import { getRange, unwrap } from '../ast/node';
import type { Doc } from './layout';
import { conditionalGroup, group, ifBreak, indent, join, line, softline, sourceText } from './layout';
import { isExpandedObject } from './lists';
import { lineIndent, textOf } from './text';

/** Replaces the document of a node (its edited form) while the rest is printed from the source. */
export type Override = (node: Node) => Doc | undefined;

export interface ExpressionPrinter {
  readonly source: string;
  readonly override?: Override;
}

/** An expression as a document. */
export function expressionDoc(node: Node, p: ExpressionPrinter): Doc {
  const own = p.override?.(node);
  if (own !== undefined) return own;
  const n = node;
  switch (n.type) {
    case 'ObjectExpression':
      return objectDoc(n, p);
    case 'ArrayExpression':
      return listDoc('[', n.elements.map((e: Node | null) => (e ? expressionDoc(e, p) : '')), ']', false);
    case 'NewExpression':
    case 'CallExpression':
      if (n.optional || n.typeArguments || n.typeParameters) return leaf(n, p);
      return [n.type === 'NewExpression' ? 'new ' : '', calleeDoc(n.callee, p), argumentsDoc(n.arguments, p)];
    case 'UnaryExpression':
      return /^[a-z]/.test(n.operator) ? [`${n.operator} `, expressionDoc(n.argument, p)] : leaf(n, p);
    case 'ConditionalExpression':
      return group([expressionDoc(n.test, p), indent([line, '? ', expressionDoc(n.consequent, p), line, ': ', expressionDoc(n.alternate, p)])]);
    case 'LogicalExpression':
      return group([expressionDoc(n.left, p), ` ${n.operator}`, indent([line, expressionDoc(n.right, p)])]);
    default:
      return leaf(n, p);
  }
}

/** `key: value` of an object literal: a `??`/`||`/`&&` value breaks after the colon (Prettier's layout for a property). */
export function propertyDoc(prop: Node, p: ExpressionPrinter): Doc {
  const own = p.override?.(prop);
  if (own !== undefined) return own;
  if ((prop.type !== 'Property' && prop.type !== 'ObjectProperty') || prop.shorthand || prop.method || prop.kind !== 'init' || prop.computed) return leaf(prop, p);
  const v = unwrap(prop.value);
  const key = textOf(p.source, prop.key);
  if (v.type === 'LogicalExpression' && !p.override?.(v)) return keyValueDoc(key, logicalParts(expressionDoc(v.left, p), v.operator, expressionDoc(v.right, p)), true);
  return keyValueDoc(key, expressionDoc(prop.value, p), false);
}

/** `left op right` as the parts of a value that breaks after the operator. */
export function logicalParts(left: Doc, operator: string, right: Doc): Doc {
  return [left, ` ${operator}`, line, right];
}

/** `key: value`; `breakAfterColon` for a binary value (`url:` then the value indented on its own lines). */
export function keyValueDoc(key: string, value: Doc, breakAfterColon: boolean): Doc {
  if (breakAfterColon) return group([key, ':', group(indent([line, group(value)]))]);
  return [key, ': ', value];
}

function objectDoc(n: Node, p: ExpressionPrinter): Doc {
  if (n.properties.length === 0) return leaf(n, p);
  return objectLiteralDoc(n.properties.map((prop: Node) => propertyDoc(prop, p)), isExpandedObject(p.source, n));
}

/**
 * The callee of a call: its source, except `x(…).name` (one link of a chain), whose call is laid
 * out too (`Promise.race([…]).finally(…)` breaks inside the first call's arguments).
 */
function calleeDoc(callee: Node, p: ExpressionPrinter): Doc {
  const c = unwrap(callee);
  if (c.type === 'MemberExpression' && !c.computed && !c.optional && c.property.type === 'Identifier') {
    const object = unwrap(c.object);
    if ((object.type === 'CallExpression' || object.type === 'NewExpression') && object.callee.type !== 'MemberExpression') return [expressionDoc(object, p), `.${c.property.name}`];
  }
  return leaf(callee, p);
}

/** The node types a call hugs as its last argument (Prettier keeps `f(a, {` on the call's line). */
const HUGGED = ['ObjectExpression', 'ArrayExpression', 'ArrowFunctionExpression', 'FunctionExpression'];

/** `(a, b)`; a last argument that is an object, array or function is hugged when the rest fits. */
export function argumentsDoc(args: readonly Node[], p: ExpressionPrinter): Doc {
  const last = args.at(-1);
  return callArgumentsDoc(
    args.map((a) => expressionDoc(a, p)),
    !!last && HUGGED.includes(unwrap(last).type) && !(unwrap(last).type === 'ArrowFunctionExpression' && !huggableArrowBody(unwrap(last).body)),
  );
}

/** An arrow function Prettier hugs as a last argument: a block, object, array, call or conditional body. */
function huggableArrowBody(body: Node): boolean {
  return ['BlockStatement', 'ObjectExpression', 'ArrayExpression', 'CallExpression', 'NewExpression', 'ConditionalExpression', 'ArrowFunctionExpression'].includes(unwrap(body).type);
}

/** Arguments already laid out: `hugLast` when the last is an object, array or function literal. */
export function callArgumentsDoc(docs: readonly Doc[], hugLast: boolean): Doc {
  if (docs.length === 0) return '()';
  const all = listDoc('(', docs, ')', false);
  if (!hugLast) return all;
  const head = docs.slice(0, -1).flatMap((d) => [d, ', ']);
  const hugged = ['(', ...head, group(docs.at(-1)!, true), ')'];
  return conditionalGroup([['(', ...head, docs.at(-1)!, ')'], hugged, all]);
}

/** `{ a, b }` of property documents, expanded when `expanded` (the source had a line break after `{`). */
export function objectLiteralDoc(properties: readonly Doc[], expanded = false): Doc {
  if (properties.length === 0) return '{}';
  return group(['{', indent([line, join([',', line], properties)]), ifBreak(','), line, '}'], expanded);
}

/** `open a, b close` on one line, else one item per line with a trailing comma. */
export function listDoc(open: string, items: readonly Doc[], close: string, shouldBreak: boolean): Doc {
  if (items.length === 0) return open + close;
  return group([open, indent([softline, join([',', line], items)]), ifBreak(','), softline, close], shouldBreak);
}

/** A node's source text, re-indented from the indentation of the line it starts on. */
function leaf(n: Node, p: ExpressionPrinter): Doc {
  const [start] = getRange(n);
  return sourceText(textOf(p.source, n), lineIndent(p.source, start));
}
