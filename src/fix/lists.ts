// Removing one item of a comma-separated list (array elements, object properties, arguments)
// with its separator, and adding a property to an object, so the rest keeps its formatting.
import type { Node } from '../ast/node';
import { getRange } from '../ast/node';
import type { TextEdit } from './text';
import { lineIndent } from './text';

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

/** True when a formatter keeps `object` expanded: its source breaks the line between `{` and the first property. */
export function isExpandedObject(source: string, object: Node): boolean {
  const first = object.properties[0];
  return first !== undefined && source.slice(getRange(object)[0], getRange(first)[0]).includes('\n');
}

/**
 * The edit that adds `entry` (`key: value`) after the last property of a non-empty object, in its
 * layout: on a line of its own at the last property's indent when the object is expanded, else
 * after a comma; an existing trailing comma stays last.
 */
export function appendProperty(source: string, object: Node, entry: string, eol: string): TextEdit {
  const last = object.properties.at(-1)!;
  const lastEnd = getRange(last)[1];
  const between = source.slice(lastEnd, getRange(object)[1] - 1);
  const comma = /^\s*,/.test(between) ? lastEnd + between.indexOf(',') + 1 : undefined;
  if (isExpandedObject(source, object)) {
    const indent = lineIndent(source, getRange(last)[0]);
    return comma === undefined ? { range: [lastEnd, lastEnd], text: `,${eol}${indent}${entry}` } : { range: [comma, comma], text: `${eol}${indent}${entry},` };
  }
  return comma === undefined ? { range: [lastEnd, lastEnd], text: `, ${entry}` } : { range: [comma, comma], text: ` ${entry},` };
}
