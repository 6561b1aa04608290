// env-exporter-endpoint: the edits that let an exporter's endpoint come from the environment.
import type { FileModel } from '../analysis';
import type { Node } from '../ast/node';
import { getRange } from '../ast/node';
import type { TextEdit } from './text';
import { textOf } from './text';

/** `'https://…'` → `process.env.VAR ?? 'https://…'`: the environment first, the literal as the fallback. */
export function planEnvFallback(value: Node, envVar: string, model: FileModel): TextEdit[] {
  return [{ range: getRange(value), text: `process.env.${envVar} ?? ${textOf(model.source, value)}` }];
}
