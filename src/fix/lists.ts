// Removing one item of a comma-separated list (array elements, object properties, arguments)
// with its separator, so the rest keeps its formatting.
import type { Node } from '../ast/node';
import { getRange } from '../ast/node';
import type { TextEdit } from './text';

/** The edit that removes `item` from `items` (taking the following comma, or the preceding one for the last item). */
export function removeListItem(source: string, items: readonly Node[], item: Node): TextEdit {
  const i = items.indexOf(item);
  const [s, e] = getRange(item);
  if (items.length === 1) {
    // drop a trailing comma after the only item too
    const after = /^\s*,/.exec(source.slice(e));
    return { range: [s, after ? e + after[0].length : e], text: '' };
  }
  if (i < items.length - 1) return { range: [s, getRange(items[i + 1]!)[0]], text: '' };
  return { range: [getRange(items[i - 1]!)[1], e], text: '' };
}

/** Whitespace-insensitive source text of a node, for comparing two constructions. */
export function normalizedText(source: string, node: Node | undefined): string {
  if (!node) return '';
  const [s, e] = getRange(node);
  return source.slice(s, e).replace(/\s+/g, '').replace(/,([}\])])/g, '$1');
}
