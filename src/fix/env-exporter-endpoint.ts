// env-exporter-endpoint: the edits that let an exporter's endpoint come from the environment.
import type { FileModel } from '../analysis';
import type { Node } from '../ast/node';
import { getRange, unwrap } from '../ast/node';
import type { Doc } from './layout';
import { group, indent, line, sourceText } from './layout';
import { keyValueDoc, logicalParts } from './print-expression';
import { printAt, replaceProperty } from './reprint';
import type { TextEdit } from './text';
import { lineIndent, textOf } from './text';

/**
 * `url: 'https://…'` → `url: process.env.VAR ?? 'https://…'`: the environment first, the
 * user's value kept as the fallback (a literal, a const, or the shorthand's variable), laid out
 * within the file's width (the object expanded when its line would overflow).
 */
export function planEnvFallback(prop: Node, envVar: string, model: FileModel): TextEdit[] {
  const value = unwrap(prop.value);
  const key = prop.shorthand ? textOf(model.source, value) : textOf(model.source, prop.key);
  const fallback = sourceText(textOf(model.source, prop.shorthand ? value : prop.value), lineIndent(model.source, getRange(prop.value)[0]));
  const doc = keyValueDoc(key, logicalParts(`process.env.${envVar}`, '??', fallback), true);
  const object = model.parents.get(prop);
  if (object?.type !== 'ObjectExpression') return [{ range: getRange(prop), text: `${key}: process.env.${envVar} ?? ${textOf(model.source, prop.value)}` }];
  return replaceProperty(model, object, prop, doc);
}

/**
 * `url: <value>` → `url: process.env.VAR ?? <fallback>`: the variable the exporter reads first,
 * the user's value (rewritten by the caller so it means what the exporter would do) kept behind
 * it, so none of its literals is lost.
 */
export function planSignalFirst(prop: Node, envVar: string, fallback: Doc, model: FileModel): TextEdit[] {
  const key = textOf(model.source, prop.key);
  const doc = keyValueDoc(key, logicalParts(`process.env.${envVar}`, '??', fallback), true);
  const object = model.parents.get(prop);
  if (object?.type !== 'ObjectExpression') return [{ range: getRange(prop), text: printAt(model, getRange(prop), doc) }];
  return replaceProperty(model, object, prop, doc);
}

/** `(test ? a : b)` after `??`, broken before `?` and `:` as Prettier breaks a conditional. */
export function conditionalFallback(test: string, consequent: string, alternate: string): Doc {
  return group(['(', test, indent([line, '? ', consequent, line, ': ', alternate]), ')']);
}

/** `(guard && value)` after `??`, broken after `&&`. */
export function guardedFallback(guard: string, value: string): Doc {
  return group(['(', guard, ' &&', indent([line, value]), ')']);
}
