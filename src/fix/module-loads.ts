// Import statements laid out as Prettier lays them out: `import { a, b } from 'm';` and
// `const { a, b } = require('m');` on one line when they fit the file's width, else one name per
// line with a trailing comma. A lone import name never breaks (Prettier keeps `import { X } from`
// on one line at any length); a lone destructured name does.
import type { FileModel } from '../analysis/model';
import type { Node } from '../ast/node';
import { getRange } from '../ast/node';
import type { Doc } from './layout';
import { group, ifBreak, indent, join, line } from './layout';
import { printLine } from './reprint';
import { lineIndent, mayHoldComment, textOf } from './text';

/** How a statement loads names: `import type? {…} from m`, or `const|let|var {…} = require(m)`. */
export type LoadShape = { readonly kind: 'import'; readonly typeOnly?: boolean } | { readonly kind: 'require'; readonly keyword: string };

/** The statement as a document: `names` are the specifiers' texts (`A`, `A as B`, `A: B`). */
export function moduleLoadDoc(shape: LoadShape, names: readonly string[], moduleText: string, semi: string): Doc {
  const head = shape.kind === 'import' ? `import ${shape.typeOnly ? 'type ' : ''}{` : `${shape.keyword} {`;
  const tail = shape.kind === 'import' ? `} from ${moduleText}${semi}` : `} = require(${moduleText})${semi}`;
  if (shape.kind === 'import' && names.length === 1) return `${head} ${names[0]} ${tail}`;
  return group([head, indent([line, join([',', line], names)]), ifBreak(','), line, tail]);
}

/** Prints a load statement at the indentation of the line `at` starts on. */
export function printModuleLoad(model: FileModel, at: number, shape: LoadShape, names: readonly string[], moduleText: string, semi: string): string {
  return printLine(model, lineIndent(model.source, at), moduleLoadDoc(shape, names, moduleText, semi));
}

/**
 * The shape of a load statement whose names are a plain `{…}` list with no comment inside (only
 * those are re-laid out; anything else keeps its text and gets the minimal edit): an import of named
 * specifiers, or a one-declarator destructuring of `require(m)`.
 */
export function relayableLoad(model: FileModel, statement: Node): { shape: LoadShape; items: Node[]; moduleNode: Node; semi: string } | undefined {
  const text = textOf(model.source, statement);
  if (mayHoldComment(text)) return undefined;
  const semi = text.endsWith(';') ? ';' : '';
  if (statement.type === 'ImportDeclaration') {
    if (statement.specifiers.length === 0 || statement.specifiers.some((s: Node) => s.type !== 'ImportSpecifier')) return undefined;
    if (statement.attributes?.length || statement.assertions?.length) return undefined;
    return { shape: { kind: 'import', typeOnly: statement.importKind === 'type' }, items: statement.specifiers, moduleNode: statement.source, semi };
  }
  if (statement.type !== 'VariableDeclaration' || statement.declarations.length !== 1) return undefined;
  const d = statement.declarations[0];
  const init = d.init;
  if (d.id.type !== 'ObjectPattern' || d.id.typeAnnotation || !init || init.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require') return undefined;
  if (init.arguments.length !== 1 || d.id.properties.some((p: Node) => p.type === 'RestElement')) return undefined;
  return { shape: { kind: 'require', keyword: statement.kind }, items: d.id.properties, moduleNode: init.arguments[0], semi };
}

/**
 * The load statement re-laid out with `names` in place of its list: one edit over the whole
 * statement. Only when the statement is laid out that way already (a formatted file); otherwise
 * undefined, and the caller edits the names alone, keeping the user's layout.
 */
export function relayLoad(model: FileModel, statement: Node, names: readonly string[], moduleText?: string): { range: [number, number]; text: string } | undefined {
  const load = relayableLoad(model, statement);
  if (!load || names.length === 0) return undefined;
  const range = getRange(statement);
  const originalModule = textOf(model.source, load.moduleNode);
  const asPrinted = printModuleLoad(model, range[0], load.shape, load.items.map((item) => textOf(model.source, item)), originalModule, load.semi);
  if (asPrinted !== textOf(model.source, statement)) return undefined;
  return { range, text: printModuleLoad(model, range[0], load.shape, names, moduleText ?? originalModule, load.semi) };
}
