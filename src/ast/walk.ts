import type { Node } from './node';
import { isNode } from './node';

// Keys that never hold runtime code: position data, comments, parser bookkeeping,
// and TypeScript type positions (walking types is pure cost for our analyses).
const SKIP_KEYS = new Set([
  'parent',
  'loc',
  'range',
  'start',
  'end',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'comments',
  'tokens',
  'extra',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'superTypeParameters',
  'superTypeArguments',
  'implements',
  'decorators',
  'predicate',
]);

// Declarations that only describe types.
const TYPE_ONLY = new Set([
  'TSInterfaceDeclaration',
  'TSTypeAliasDeclaration',
  'TSDeclareFunction',
  'TSEnumDeclaration',
  'TSModuleDeclaration',
  'TSAbstractMethodDefinition',
  'TSIndexSignature',
  'TSDeclareMethod',
  'TSTypeAnnotation',
  'TSTypeReference',
]);

export interface WalkVisitor {
  /** Called before children; return false to skip the subtree. */
  enter(node: Node, parent: Node | undefined, key: string | undefined): boolean | void;
  leave?(node: Node, parent: Node | undefined): void;
}

/** Depth-first walk over runtime code (types skipped), in source order within a node. */
export function walk(root: Node, visitor: WalkVisitor): void {
  visit(root, undefined, undefined);

  function visit(node: Node, parent: Node | undefined, key: string | undefined): void {
    if (TYPE_ONLY.has(node.type)) return;
    if (visitor.enter(node, parent, key) === false) return;
    for (const k in node) {
      if (SKIP_KEYS.has(k)) continue;
      const value = node[k];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) visit(item, node, k);
      } else if (isNode(value)) {
        visit(value, node, k);
      }
    }
    visitor.leave?.(node, parent);
  }
}
