// Edits laid out where they land: a replacement printed from the column it starts at, with what
// follows it on the line, within the file's width (src/fix/layout.ts).
import type { Node } from '../ast/node';
import { getRange, unwrap } from '../ast/node';
import type { FileModel } from '../analysis';
import type { Doc } from './layout';
import { group, indent, line, lineWidth, printDoc } from './layout';
import { callArgumentsDoc, expressionDoc, listDoc, objectLiteralDoc, propertyDoc } from './print-expression';
import type { Override } from './print-expression';
import type { TextEdit } from './text';
import { columnsOf, getSourceStyle, lineIndent, mayHoldComment, textOf } from './text';

const widths = new WeakMap<object, number>();

/** The file's line width (memoized per program). */
export function widthOf(model: FileModel): number {
  let w = widths.get(model.program);
  if (w === undefined) {
    w = lineWidth(model.source, getSourceStyle(model.source, model.filename, model.program));
    widths.set(model.program, w);
  }
  return w;
}

/** Prints `doc` in place of `range`, starting at the range's column, the rest of its last line counted. */
export function printAt(model: FileModel, range: readonly [number, number], doc: Doc): string {
  const source = model.source;
  const lineStart = source.lastIndexOf('\n', range[0] - 1) + 1;
  const lineEnd = source.indexOf('\n', range[1]);
  const trailing = source.slice(range[1], lineEnd < 0 ? source.length : lineEnd).replace(/\r$/, '');
  const style = getSourceStyle(source, model.filename, model.program);
  return printDoc(doc, {
    style,
    width: widthOf(model),
    indent: lineIndent(source, range[0]),
    column: columnsOf(source.slice(lineStart, range[0]), style),
    trailing: trailing.replace(/\s*(\/\/.*|\/\*.*)?$/, ''),
  });
}

/** Prints `doc` as a line of its own at `indentText` (a new statement). */
export function printLine(model: FileModel, indentText: string, doc: Doc): string {
  const style = getSourceStyle(model.source, model.filename, model.program);
  return printDoc(doc, { style, width: widthOf(model), indent: indentText, column: columnsOf(indentText, style) });
}

/** True when the text of a range plus what follows it on the line fits the width from the range's column. */
function fitsOnItsLine(model: FileModel, range: readonly [number, number], text: string): boolean {
  if (text.includes('\n')) return false;
  const source = model.source;
  const lineStart = source.lastIndexOf('\n', range[0] - 1) + 1;
  const lineEnd = source.indexOf('\n', range[1]);
  const rest = source.slice(range[1], lineEnd < 0 ? source.length : lineEnd).replace(/\r$/, '');
  return range[0] - lineStart + text.length + rest.length <= widthOf(model);
}

/**
 * Replaces a property of an object literal by `replacement` (a document). On its own line, or when
 * the object's line still fits, only the property changes; otherwise the object is laid out again
 * (expanded), the other properties printed from their source.
 */
export function replaceProperty(model: FileModel, object: Node, prop: Node, replacement: Doc): TextEdit[] {
  return replaceNode(model, prop, replacement, object);
}

/**
 * Replaces a node by `replacement` (a document). When it fits on its line, or the expression
 * around it already spans lines, only the node changes; otherwise the largest one-line object,
 * array, call or `new` around it is laid out again, the rest printed from its source.
 */
export function replaceNode(model: FileModel, node: Node, replacement: Doc, container?: Node): TextEdit[] {
  const relaid = relayout(model, node, (n) => (n === node ? replacement : undefined));
  if (relaid) return [relaid];
  const range = getRange(node);
  const own = printAt(model, range, replacement);
  const around = container ?? model.parents.get(node);
  if (!around || !onOneLine(model, around) || fitsOnItsLine(model, range, own)) return [{ range, text: own }];
  const top = outermostOneLine(model, node);
  if (top === node) return [{ range, text: own }];
  const doc = expressionDoc(top, { source: model.source, override: (n) => (n === node ? replacement : undefined) });
  return [{ range: getRange(top), text: printAt(model, getRange(top), doc) }];
}

/**
 * The expression around `node` laid out again with `override` (an edited part), the way a
 * formatter re-lays a statement after an edit: a list that no longer fits breaks, one that fits
 * again joins. Only when the expression is already laid out as this printer lays it out (a
 * formatted file); otherwise, or with a comment inside, undefined: the caller keeps its edit minimal.
 */
export function relayout(model: FileModel, node: Node | readonly Node[], override: Override): TextEdit | undefined {
  const nodes = Array.isArray(node) ? (node as readonly Node[]) : [node as Node];
  // one expression around every edited part, else the parts are not laid out together
  const top = nodes.map((n) => layoutRoot(model, n)).reduce((a, b) => (contains(a, b) ? a : contains(b, a) ? b : undefined) as Node);
  if (!top) return undefined;
  const range = getRange(top);
  const text = textOf(model.source, top);
  if (mayHoldComment(text)) return undefined;
  if (printAt(model, range, expressionDoc(top, { source: model.source })) !== text) return undefined;
  return { range, text: printAt(model, range, expressionDoc(top, { source: model.source, override })) };
}

/**
 * The outermost expression a formatter lays out together with `node`: up through property values,
 * object and array literals, arguments (not callees), conditionals and `??`/`||`/`&&`.
 */
function layoutRoot(model: FileModel, node: Node): Node {
  let top = node;
  for (let child = node, n = model.parents.get(node); n; child = n, n = model.parents.get(n)) {
    if (n.type === 'Property' || n.type === 'ObjectProperty') {
      if (n.value !== child || n.computed || n.method || (n.kind && n.kind !== 'init')) break;
      continue;
    }
    if (n.type === 'SpreadElement') continue;
    if (n.type === 'ObjectExpression' || n.type === 'ArrayExpression' || n.type === 'ConditionalExpression' || n.type === 'LogicalExpression') top = n;
    else if ((n.type === 'CallExpression' || n.type === 'NewExpression') && n.arguments.includes(child)) top = n;
    else break;
  }
  return top;
}

function contains(outer: Node | undefined, inner: Node | undefined): boolean {
  if (!outer || !inner) return false;
  const [os, oe] = getRange(outer);
  const [is, ie] = getRange(inner);
  return os <= is && ie <= oe;
}

function onOneLine(model: FileModel, node: Node): boolean {
  return !model.source.slice(...getRange(node)).includes('\n');
}

/**
 * The largest one-line object, array, call or `new` around `node` (through properties, elements
 * and arguments): when an inner object expands, a formatter expands the ones on its line too.
 */
function outermostOneLine(model: FileModel, node: Node): Node {
  let top = node;
  for (let n = model.parents.get(node); n; n = model.parents.get(n)) {
    if (n.type === 'Property' || n.type === 'ObjectProperty' || n.type === 'SpreadElement') continue;
    if (!['ObjectExpression', 'ArrayExpression', 'CallExpression', 'NewExpression'].includes(n.type) || !onOneLine(model, n)) break;
    top = n;
  }
  return top;
}

/**
 * `head = rhs`: a `??`/`||`/`&&` or binary value breaks after the `=` (Prettier's layout for an
 * assignment of one), anything else breaks inside the value.
 */
export function assignmentDoc(head: string, rhs: Doc, breakAfterOperator: boolean): Doc {
  return breakAfterOperator ? [head, ' =', group(indent([line, rhs]))] : [head, ' = ', rhs];
}

/** An expression statement (after `prefix`), or a one-declarator declaration, as a document; else undefined. */
function statementDoc(model: FileModel, stmt: Node, prefix: string): Doc | undefined {
  const p = { source: model.source };
  const semi = textOf(model.source, stmt).endsWith(';') ? ';' : '';
  if (stmt.type === 'ExpressionStatement') return [prefix, expressionDoc(stmt.expression, p), semi];
  if (prefix || stmt.type !== 'VariableDeclaration' || stmt.declarations.length !== 1 || !stmt.declarations[0].init) return undefined;
  const init = stmt.declarations[0].init;
  const head = model.source.slice(getRange(stmt)[0], getRange(init)[0]).replace(/\s*=\s*$/, '');
  if (head.includes('\n')) return undefined;
  return [assignmentDoc(head, expressionDoc(init, p), ['LogicalExpression', 'BinaryExpression'].includes(unwrap(init).type)), semi];
}

/**
 * A statement of the user's moved `deeper` columns in (into a function body), laid out again at
 * its new depth, `prefix` (`const x = `) written before it: what a formatter does to a line that
 * no longer fits. Undefined when the statement is not laid out the printer's way where it is now
 * (or has a comment inside): then it moves as it is. The text is at the statement's current
 * indentation (the mover adds the depth).
 */
export function relayMovedStatement(model: FileModel, stmt: Node, deeper: number, prefix = ''): string | undefined {
  const text = textOf(model.source, stmt);
  const [start] = getRange(stmt);
  const indentText = lineIndent(model.source, start);
  if (mayHoldComment(text) || model.source.slice(model.source.lastIndexOf('\n', start - 1) + 1, start) !== indentText) return undefined;
  const doc = statementDoc(model, stmt, '');
  if (!doc || printLine(model, indentText, doc) !== text) return undefined;
  const style = getSourceStyle(model.source, model.filename, model.program);
  const column = columnsOf(indentText, style);
  return printDoc(prefix ? statementDoc(model, stmt, prefix)! : doc, { style, width: widthOf(model) - deeper, indent: indentText, column });
}

/**
 * `Object.defineProperty(globalThis, key, { value: true });` printed as a statement at `indentText`:
 * on one line when it fits, else the options object hugged and expanded when the line up to `{`
 * fits, else one argument per line (Prettier's layout).
 */
export function defineSlotLine(model: FileModel, indentText: string, key: string, options: readonly string[]): string {
  return printLine(model, indentText, ['Object.defineProperty', callArgumentsDoc(['globalThis', key, objectLiteralDoc(options)], true), ';']);
}

/**
 * `callee(a, b);` printed as a statement at `indentText`: on one line when it fits, else one
 * argument per line (Prettier's layout for arguments it does not hug).
 */
export function callLine(model: FileModel, indentText: string, callee: string, args: readonly Doc[]): string {
  return printLine(model, indentText, [callee, listDoc('(', args, ')', false), ';']);
}

export { expressionDoc, propertyDoc };
