// dedupe-span-processors: the edits that remove a second span processor in front of the same
// exporter — its `addSpanProcessor(p);` statement (and imports left unused), or its list item.
import type { FileModel } from '../analysis';
import type { Node } from '../ast/node';
import { unwrap } from '../ast/node';
import { planListItemRemoval, planUnusedImportRemoval } from './remove-item';
import type { TextEdit } from './text';
import { statementLineRange } from './text';

/** A processor to remove: the element of its list (or the statement that attaches it). */
export interface ProcessorRemoval {
  readonly element: Node;
  readonly list: Node | undefined;
  readonly registration: Node;
  /** The `provider.addSpanProcessor(p);` statement, for processors attached by call. */
  readonly statement: Node | undefined;
  /** The processor's storage when it is a variable (`p`). */
  readonly processorKey: string | undefined;
}

export function planProcessorRemoval(entry: ProcessorRemoval, model: FileModel): TextEdit[] | undefined {
  if (entry.statement) {
    const range = statementLineRange(model.source, entry.statement);
    return [{ range, text: '' }, ...planUnusedImportRemoval([range], model)];
  }
  if (unwrap(entry.element).type !== 'NewExpression' && !entry.processorKey) return undefined;
  return entry.list ? planListItemRemoval({ element: entry.element, list: entry.list, registration: entry.registration }, model) : undefined;
}
