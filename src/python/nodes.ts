// Plain Python syntax nodes: what the tree-sitter tree becomes once converted (parser.ts).
// No wasm object survives the conversion, so nodes can be kept, cached and handed to
// ESLint like any AST. Field children are properties named after the grammar's fields
// (`call.function`, `keyword_argument.value`); a field that repeats holds an array, and an
// anonymous field child (an operator) holds its text.

export interface PyPosition {
  readonly line: number;
  readonly column: number;
}

export interface PyNode {
  readonly type: string;
  /** UTF-16 offsets into the file text, end exclusive (ESLint's `range`, and text edits'). */
  readonly range: [number, number];
  /** 1-based lines, 0-based UTF-16 columns. */
  readonly loc: { readonly start: PyPosition; readonly end: PyPosition };
  /** Named children in source order (comments excluded: they are the tree's `comments`). */
  readonly children: PyNode[];
  parent: PyNode | null;
  /** The source text of a named leaf (`identifier`, `integer`, `string_content`, `true`...). */
  text?: string;
  /** A node tree-sitter inserted to recover from a syntax error. */
  missing?: true;
  [field: string]: unknown;
}

/** A parsed file: the `module` node, its comments, and where the parser had to recover. */
export interface PyTree {
  readonly root: PyNode;
  readonly comments: readonly PyNode[];
  readonly text: string;
  /** ERROR and MISSING nodes (empty for a file that parses cleanly). */
  readonly errors: readonly PyNode[];
}

/** Grammar field names that would collide with a node's own keys are stored with a trailing `_` (`type` → `type_`). */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['type', 'range', 'loc', 'children', 'parent', 'text', 'missing']);

/** The property a grammar field is stored under. */
export function fieldKey(name: string): string {
  return RESERVED_KEYS.has(name) ? `${name}_` : name;
}

/** The single node of a field (the first one when it repeats). */
export function field(node: PyNode | null | undefined, name: string): PyNode | undefined {
  const v = node?.[fieldKey(name)];
  if (Array.isArray(v)) return v[0] as PyNode | undefined;
  return isNode(v) ? v : undefined;
}

/** Every node of a field. */
export function fieldNodes(node: PyNode | null | undefined, name: string): PyNode[] {
  const v = node?.[fieldKey(name)];
  if (Array.isArray(v)) return v.filter(isNode);
  return isNode(v) ? [v] : [];
}

/** The text of an anonymous field child (`boolean_operator.operator` → `or`). */
export function operatorOf(node: PyNode | null | undefined, name = 'operator'): string | undefined {
  const v = node?.[fieldKey(name)];
  return typeof v === 'string' ? v : undefined;
}

export function isNode(v: unknown): v is PyNode {
  return !!v && typeof v === 'object' && typeof (v as PyNode).type === 'string' && Array.isArray((v as PyNode).children);
}

/** Depth-first, pre-order walk over named nodes; `visit` returning false skips the node's children. */
export function walk(node: PyNode, visit: (n: PyNode) => boolean | void): void {
  const stack: PyNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (visit(n) === false) continue;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
}

/** The nearest ancestor (or the node itself) of one of `types`. */
export function closest(node: PyNode | null, types: ReadonlySet<string> | string): PyNode | undefined {
  for (let n = node; n; n = n.parent) if (typeof types === 'string' ? n.type === types : types.has(n.type)) return n;
  return undefined;
}

/** The source text of a node. */
export function textOf(source: string, node: PyNode): string {
  return source.slice(node.range[0], node.range[1]);
}
