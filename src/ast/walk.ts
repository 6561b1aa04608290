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

/** Stack entry that stands for "leave this node" rather than "enter it". */
const LEAVE = Symbol('leave');

/**
 * Depth-first walk over runtime code (types skipped), in source order within a node.
 * Iterative (an explicit stack, no recursion), so a file nested as deep as any parser
 * accepts (a 10,000-link member chain) cannot overflow the call stack here.
 */
export function walk(root: Node, visitor: WalkVisitor): void {
  // three parallel stacks (node, parent, key or LEAVE): no object per visited node
  const nodes: Node[] = [root];
  const parents: (Node | undefined)[] = [undefined];
  const keys: (string | undefined | typeof LEAVE)[] = [undefined];
  const leave = visitor.leave;
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const parent = parents.pop();
    const key = keys.pop();
    if (key === LEAVE) {
      leave!.call(visitor, node, parent);
      continue;
    }
    if (TYPE_ONLY.has(node.type)) continue;
    if (visitor.enter(node, parent, key) === false) continue;
    if (leave) {
      nodes.push(node);
      parents.push(parent);
      keys.push(LEAVE);
    }
    const first = nodes.length;
    for (const k in node) {
      if (SKIP_KEYS.has(k)) continue;
      const value = node[k];
      if (Array.isArray(value)) {
        for (const item of value) {
          if (!isNode(item)) continue;
          nodes.push(item);
          parents.push(node);
          keys.push(k);
        }
      } else if (isNode(value)) {
        nodes.push(value);
        parents.push(node);
        keys.push(k);
      }
    }
    reverseFrom(first, nodes, keys);
  }
}

/** Reverses the children just pushed, so the first child is popped (visited) first. Their parents are all the same node: no swap. */
function reverseFrom(first: number, nodes: Node[], keys: (string | undefined | typeof LEAVE)[]): void {
  for (let i = first, j = nodes.length - 1; i < j; i++, j--) {
    const n = nodes[i]!;
    nodes[i] = nodes[j]!;
    nodes[j] = n;
    const k = keys[i];
    keys[i] = keys[j];
    keys[j] = k;
  }
}
