// env-exporter-endpoint: the edits that let an exporter's endpoint come from the environment.
import type { FileModel } from '../analysis';
import type { Node } from '../ast/node';
import { getRange, unwrap } from '../ast/node';
import type { TextEdit } from './text';
import { textOf } from './text';

/**
 * `url: 'https://…'` → `url: process.env.VAR ?? 'https://…'`: the environment first, the
 * user's value kept as the fallback (a literal, a const, or the shorthand's variable).
 */
export function planEnvFallback(prop: Node, envVar: string, model: FileModel): TextEdit[] {
  if (prop.shorthand) {
    const name = textOf(model.source, unwrap(prop.value));
    return [{ range: getRange(prop), text: `${name}: process.env.${envVar} ?? ${name}` }];
  }
  const value = prop.value as Node;
  return [{ range: getRange(value), text: `process.env.${envVar} ?? ${textOf(model.source, value)}` }];
}
