// dedupe-instrumentations: the edits that remove an instrumentation registered twice, carrying a
// single instrumentation's config into the auto bundle's config map.
import type { FileModel } from '../analysis';
import type { InstrumentationEntry } from '../analysis/instrumentations';
import { objectOf } from '../analysis/instrumentations';
import type { Node } from '../ast/node';
import { findProperty, getKeyName, getRange, unwrap } from '../ast/node';
import type { Doc } from './layout';
import { callArgumentsDoc, expressionDoc, objectLiteralDoc, propertyDoc } from './print-expression';
import { appendProperty } from './lists';
import { planListItemRemoval, planListItemRemovalWith } from './remove-item';
import type { TextEdit } from './text';
import { getSourceStyle, quoteString, textOf } from './text';

export /** Removes the single instrumentation and carries its config into the bundle's config map. */
function planMoveIntoBundle(single: InstrumentationEntry, bundle: InstrumentationEntry, model: FileModel): TextEdit[] | undefined {
  if (unwrap(single.element) !== single.creation) return undefined;
  const config = single.creation.arguments[0] as Node | undefined;
  // the config moves into the bundle's map: the imports it uses stay
  const removal = planListItemRemoval(single, model, config);
  if (!removal) return undefined;
  if (!config || single.creation.arguments.length > 1) return config ? undefined : removal;
  if (!bundle.acceptsConfigMap) return undefined;
  if (unwrap(config).type === 'ObjectExpression' && unwrap(config).properties.length === 0) return removal;
  const style = getSourceStyle(model.source, model.filename, model.program);
  const entry = `${quoteString(single.name, style)}: ${textOf(model.source, config)}`;
  const map = bundle.configMap;
  const relaid = planRelaidMove(single, bundle, quoteString(single.name, style), config, model);
  if (relaid) return relaid;
  let insert: TextEdit;
  if (!map) {
    const [, end] = getRange(bundle.creation);
    insert = { range: [end - 1, end - 1], text: `{ ${entry} }` };
  } else {
    const obj = unwrap(map);
    if (obj.type !== 'ObjectExpression' || objectOf(map, model) !== obj) return undefined;
    if (findProperty(obj, single.name) || obj.properties.some((p: Node) => getKeyName(p) === single.name)) return undefined;
    const [s, e] = getRange(obj);
    if (obj.properties.length === 0) insert = { range: [s, e], text: `{ ${entry} }` };
    else insert = appendProperty(model.source, obj, entry, style.eol);
  }
  if (removal.some((r) => r.range[0] <= insert.range[0] && insert.range[1] <= r.range[1])) return undefined;
  return [...removal, insert];
}

/**
 * The same move as one edit of the expression around both lists, laid out again (the moved config
 * re-indented where it lands); undefined when the code is not laid out the way that printer lays
 * it out, or the map is not a plain object literal.
 */
function planRelaidMove(single: InstrumentationEntry, bundle: InstrumentationEntry, key: string, config: Node, model: FileModel): TextEdit[] | undefined {
  const p = { source: model.source };
  const entry: Doc = [key, ': ', expressionDoc(config, p)];
  const map = bundle.configMap;
  if (!map) {
    if (bundle.creation.arguments.length > 0) return undefined;
    return planListItemRemovalWith(single, { node: bundle.creation, doc: [textOf(model.source, bundle.creation.callee), callArgumentsDoc([objectLiteralDoc([entry])], true)] }, model, config);
  }
  const obj = unwrap(map);
  if (obj.type !== 'ObjectExpression' || objectOf(map, model) !== obj || obj.properties.length === 0) return undefined;
  if (findProperty(obj, single.name) || obj.properties.some((prop: Node) => getKeyName(prop) === single.name)) return undefined;
  const expanded = /\n/.test(model.source.slice(getRange(obj)[0], getRange(obj.properties[0])[0]));
  return planListItemRemovalWith(single, { node: obj, doc: objectLiteralDoc([...obj.properties.map((prop: Node) => propertyDoc(prop, p)), entry], expanded) }, model, config);
}
