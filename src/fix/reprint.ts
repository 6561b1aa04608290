// Edits laid out where they land: a replacement printed from the column it starts at, with what
// follows it on the line, within the file's width (src/fix/layout.ts).
import type { Node } from '../ast/node';
import { getRange } from '../ast/node';
import type { FileModel } from '../analysis';
import type { Doc } from './layout';
import { group, ifBreak, indent, line, lineWidth, printDoc } from './layout';
import { expressionDoc, propertyDoc } from './print-expression';
import type { TextEdit } from './text';
import { getSourceStyle, lineIndent } from './text';

const widths = new WeakMap<object, number>();

/** The file's line width (memoized per program). */
export function widthOf(model: FileModel): number {
  let w = widths.get(model.program);
  if (w === undefined) {
    w = lineWidth(model.source);
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
  return printDoc(doc, {
    style: getSourceStyle(source, model.filename, model.program),
    width: widthOf(model),
    indent: lineIndent(source, range[0]),
    column: range[0] - lineStart,
    trailing: trailing.replace(/\s*(\/\/.*|\/\*.*)?$/, ''),
  });
}

/** Prints `doc` as a line of its own at `indentText` (a new statement). */
export function printLine(model: FileModel, indentText: string, doc: Doc): string {
  return printDoc(doc, { style: getSourceStyle(model.source, model.filename, model.program), width: widthOf(model), indent: indentText, column: indentText.length });
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
  const range = getRange(node);
  const own = printAt(model, range, replacement);
  const around = container ?? model.parents.get(node);
  if (!around || !onOneLine(model, around) || fitsOnItsLine(model, range, own)) return [{ range, text: own }];
  const top = outermostOneLine(model, node);
  if (top === node) return [{ range, text: own }];
  const doc = expressionDoc(top, { source: model.source, override: (n) => (n === node ? replacement : undefined) });
  return [{ range: getRange(top), text: printAt(model, getRange(top), doc) }];
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
 * `Object.defineProperty(globalThis, key, { value: true });` printed as a statement at `indentText`:
 * on one line when it fits, else the options object hugged and expanded (Prettier's layout).
 */
export function defineSlotLine(model: FileModel, indentText: string, key: string, options: readonly string[]): string {
  const object = group(['{', indent([line, ...options.flatMap((o, i) => (i === 0 ? [o] : [',', line, o]))]), ifBreak(','), line, '}']);
  return printLine(model, indentText, [`Object.defineProperty(globalThis, ${key}, `, object, ');']);
}

export { expressionDoc, propertyDoc };
