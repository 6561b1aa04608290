// Removing one element of a registration list (an instrumentation, a span processor, an
// option): the element with its comma, the whole statement when the list was all it
// registered, and the OpenTelemetry imports the removal leaves unused.
import type { FileModel } from '../analysis';
import type { Binding } from '../analysis/scope';
import type { Node } from '../ast/node';
import { getRange, getStaticRequire, unwrap } from '../ast/node';
import type { Doc } from './layout';
import { removeListItem } from './lists';
import { expressionDoc, listDoc } from './print-expression';
import { relayout } from './reprint';
import type { TextEdit } from './text';
import { statementLineRange, textOf } from './text';
import { relayLoad } from './module-loads';

/**
 * Removes `element` from its array literal (or the whole `registerInstrumentations({ instrumentations: [x] })` statement).
 * `kept`: a part of it the caller writes elsewhere (a config moved into the bundle), whose imports stay.
 */
export function planListItemRemoval(entry: { element: Node; list: Node | undefined; registration: Node }, model: FileModel, kept?: Node): TextEdit[] | undefined {
  const list = entry.list;
  if (!list || list.type !== 'ArrayExpression' || !list.elements.includes(entry.element)) return undefined;
  if (list.elements.length === 1) {
    const stmt = wholeStatement(entry.registration, list, model);
    if (stmt) {
      const range = statementLineRange(model.source, stmt);
      return [{ range, text: '' }, ...planUnusedImportRemoval([range], model, kept)];
    }
  }
  const edit = relaidWithout(list, entry.element, model) ?? removeListItem(model.source, list.elements, entry.element);
  return [edit, ...planUnusedImportRemoval([getRange(entry.element)], model, kept)];
}

/**
 * Removes `element` from its list and replaces `also.node` by `also.doc`, the expression around
 * both laid out again as one edit; undefined when that cannot be done (see `relayout`). `kept` as
 * for `planListItemRemoval`.
 */
export function planListItemRemovalWith(entry: { element: Node; list: Node | undefined }, also: { node: Node; doc: Doc }, model: FileModel, kept?: Node): TextEdit[] | undefined {
  const list = entry.list;
  if (!list || list.type !== 'ArrayExpression' || list.elements.length < 2 || !list.elements.includes(entry.element)) return undefined;
  // the other node may be an element of the same list (the bundle next to the removed instance): the list's doc carries it
  const edit = relayout(model, [list, also.node], (n) => (n === list ? listWithout(list, entry.element, model, also) : n === also.node ? also.doc : undefined));
  return edit && [edit, ...planUnusedImportRemoval([getRange(entry.element)], model, kept)];
}

/**
 * The list without one element, as the layout printer prints an array; `replaced` may be an element
 * or a node inside one (the bundle's config map, an argument of the element next to the removed one).
 */
function listWithout(list: Node, element: Node, model: FileModel, replaced?: { node: Node; doc: Doc }): Doc {
  const override = replaced && ((n: Node) => (n === replaced.node ? replaced.doc : undefined));
  const docOf = (e: Node | null): Doc => (!e ? '' : expressionDoc(e, { source: model.source, override }));
  return listDoc('[', list.elements.filter((e: Node | null) => e !== element).map(docOf), ']', false);
}

/** The list's expression laid out again without `element` (a list that fits again joins onto one line). */
function relaidWithout(list: Node, element: Node, model: FileModel): TextEdit | undefined {
  return relayout(model, list, (n) => (n === list ? listWithout(list, element, model) : undefined));
}

/** Removes a property from an object literal, and the imports that leaves unused. */
export function planPropertyRemoval(object: Node, prop: Node, model: FileModel): TextEdit[] {
  let edit: TextEdit = removeListItem(model.source, object.properties, prop);
  if (object.properties.length === 1) {
    // `new X({ url })` becomes `new X()`; any other lone object becomes `{}`
    const parent = model.parents.get(object);
    const soleArgument = parent && (parent.type === 'NewExpression' || parent.type === 'CallExpression') && parent.arguments.length === 1 && parent.arguments[0] === object;
    edit = { range: getRange(object), text: soleArgument ? '' : '{}' };
  }
  return [edit, ...planUnusedImportRemoval([edit.range as [number, number]], model)];
}

/** The `registerInstrumentations({ instrumentations: [x] })` statement when the list is its only content. */
function wholeStatement(registration: Node, list: Node, model: FileModel): Node | undefined {
  const opts = registration.arguments?.[0] ? unwrap(registration.arguments[0]) : undefined;
  if (!opts || opts.type !== 'ObjectExpression' || opts.properties.length !== 1 || unwrap(opts.properties[0].value ?? opts) !== list) return undefined;
  if (registration.type === 'NewExpression') return undefined;
  const parent = model.parents.get(registration);
  if (parent?.type !== 'ExpressionStatement') return undefined;
  return parent;
}

/**
 * Import specifiers (ESM or destructured `require` of OpenTelemetry modules) whose every reference
 * lies in the removed ranges, outside `kept` (text the edits write again elsewhere).
 */
export function planUnusedImportRemoval(removed: readonly (readonly [number, number])[], model: FileModel, kept?: Node): TextEdit[] {
  const within = (n: Node, r: readonly [number, number]) => getRange(n)[0] >= r[0] && getRange(n)[1] <= r[1];
  const inside = (n: Node) => removed.some((r) => within(n, r)) && !(kept && within(n, getRange(kept)));
  const edits: TextEdit[] = [];
  const moduleScope = model.scopes.get(model.program)!;
  const byDeclaration = new Map<Node, Binding[]>();
  for (const b of moduleScope.bindings.values()) {
    const fromOtel = b.importFrom ? !!model.table.module(b.importFrom.module) : b.init && isOtelRequire(b.init.expr, model);
    if (!fromOtel || b.references.length === 0 || !b.references.every(inside)) continue;
    const holder = b.kind === 'import' ? b.declaration : model.parents.get(b.declaration);
    if (!holder || inside(holder)) continue;
    byDeclaration.set(holder, [...(byDeclaration.get(holder) ?? []), b]);
  }
  for (const [holder, unused] of byDeclaration) {
    const items: Node[] =
      holder.type === 'ImportDeclaration'
        ? holder.specifiers
        : holder.declarations?.length === 1 && holder.declarations[0].id.type === 'ObjectPattern'
          ? holder.declarations[0].id.properties
          : [];
    const unusedItems = items.filter((item) => unused.some((b) => b.id === (item.local ?? item.value)));
    if (unusedItems.length === 0) continue;
    if (unusedItems.length === items.length) {
      edits.push({ range: statementLineRange(model.source, holder), text: '' });
      continue;
    }
    const relaid = relayLoad(model, holder, items.filter((item) => !unusedItems.includes(item)).map((item) => textOf(model.source, item)));
    if (relaid) {
      edits.push(relaid);
      continue;
    }
    const remaining = [...items];
    for (const item of unusedItems) {
      edits.push(removeListItem(model.source, remaining, item));
      remaining.splice(remaining.indexOf(item), 1);
    }
  }
  return edits;
}

function isOtelRequire(expr: Node, model: FileModel): boolean {
  const m = getStaticRequire(expr);
  return !!m && !!model.table.module(m);
}
