// Where code runs and in what order: at import, under `if __name__ == "__main__":`, inside a
// function, inside a loop; whether two statements can both run on one path (branches of one
// `if`/`try`/`match`, or an early `return` between them, say no); and the calls a body makes
// in order, with the bodies of the local functions it calls inlined.
import type { PyNode } from '../nodes';
import { field, operatorOf } from '../nodes';

const FUNCTIONS = new Set(['function_definition', 'lambda']);
const LOOPS = new Set(['for_statement', 'while_statement']);
const BODY_CONTAINERS = new Set(['module', 'block']);

/** The innermost function (def or lambda) containing `node`, or undefined at module level. */
export function enclosingFunction(node: PyNode): PyNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (FUNCTIONS.has(n.type)) return n;
  return undefined;
}

/** True when `node` runs when its module is imported (class bodies included). */
export function runsAtImport(node: PyNode): boolean {
  return enclosingFunction(node) === undefined;
}

/** `if __name__ == "__main__":` (either operand order, `==`). */
export function isMainGuard(node: PyNode): boolean {
  if (node.type !== 'if_statement') return false;
  const cond = field(node, 'condition');
  if (cond?.type !== 'comparison_operator' || operatorOf(cond, 'operators') !== '==') return false;
  const [a, b] = cond.children;
  const isName = (n: PyNode | undefined): boolean => n?.type === 'identifier' && n.text === '__name__';
  const isMain = (n: PyNode | undefined): boolean => n?.type === 'string' && stringValue(n) === '__main__';
  return (isName(a) && isMain(b)) || (isName(b) && isMain(a));
}

/** The module-level `if __name__ == "__main__":` block containing `node`. */
export function mainBlockOf(node: PyNode): PyNode | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (FUNCTIONS.has(n.type)) return undefined;
    if (isMainGuard(n) && n.parent?.type === 'module' && contains(field(n, 'consequence'), node)) return n;
  }
  return undefined;
}

/** The value of a plain string literal (no interpolation), else undefined. */
export function stringValue(node: PyNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    const parts = node.children.map(stringValue);
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  if (node.type !== 'string') return undefined;
  let out = '';
  for (const c of node.children) {
    if (c.type === 'string_content') out += c.text ?? '';
    else if (c.type === 'interpolation') return undefined;
    else if (c.type === 'escape_sequence') out += c.text ?? '';
  }
  return out;
}

/** The loop (within the same function) that contains `node`. */
export function enclosingLoop(node: PyNode): PyNode | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (FUNCTIONS.has(n.type)) return undefined;
    if (LOOPS.has(n.type) && contains(field(n, 'body'), node)) return n;
  }
  return undefined;
}

export function contains(container: PyNode | undefined, node: PyNode): boolean {
  return !!container && node.range[0] >= container.range[0] && node.range[1] <= container.range[1] && container !== node;
}

/** The statement (a child of a block or the module) containing `node`. */
export function statementOf(node: PyNode): PyNode {
  let n = node;
  while (n.parent && !BODY_CONTAINERS.has(n.parent.type)) n = n.parent;
  return n;
}

/** Ancestors of a node, innermost first. */
function ancestors(node: PyNode): PyNode[] {
  const out: PyNode[] = [];
  for (let n = node.parent; n; n = n.parent) out.push(n);
  return out;
}

/**
 * True when `a` and `b` (a before b) cannot both run in one pass: they sit in different
 * branches of one `if`/`try`/`match`/conditional expression, or the block holding `a`
 * returns or raises after it, before `b`.
 */
export function areExclusive(a: PyNode, b: PyNode): boolean {
  const ofB = new Set(ancestors(b));
  let childA: PyNode = a;
  for (const anc of ancestors(a)) {
    if (ofB.has(anc)) {
      const childB = ancestors(b).find((x) => x.parent === anc) ?? b;
      return branchesDiffer(anc, childA, childB);
    }
    if (anc.type === 'block' && leavesAfter(anc, childA)) return true;
    childA = anc;
  }
  return false;
}

function branchesDiffer(common: PyNode, childA: PyNode, childB: PyNode): boolean {
  if (childA === childB) return false;
  switch (common.type) {
    case 'if_statement':
      // the condition runs before every branch; different branches exclude each other
      return childA !== field(common, 'condition') && childB !== field(common, 'condition');
    case 'conditional_expression':
      return common.children.indexOf(childA) !== 1 && common.children.indexOf(childB) !== 1;
    case 'try_statement': {
      const kind = (n: PyNode): string => (n.type === 'block' || n.type === 'else_clause' ? 'body' : n.type === 'except_clause' || n.type === 'except_group_clause' ? 'handler' : 'finally');
      const ka = kind(childA);
      const kb = kind(childB);
      return ka !== kb && ka !== 'finally' && kb !== 'finally';
    }
    case 'match_statement':
    case 'block': // a match statement's cases sit in its block
      return childA.type === 'case_clause' && childB.type === 'case_clause';
    default:
      return false;
  }
}

/** A `return`/`raise`/`continue`/`break` directly in `block` after the statement `child`. */
function leavesAfter(block: PyNode, child: PyNode): boolean {
  const i = block.children.indexOf(child);
  return i >= 0 && block.children.slice(i + 1).some((s) => s.type === 'return_statement' || s.type === 'raise_statement' || s.type === 'continue_statement' || s.type === 'break_statement');
}

/** A call in execution order, with the calls of local functions that led to it. */
export interface OrderedCall {
  readonly call: PyNode;
  /** The call sites in the walked body that led here (outermost first); empty for a direct call. */
  readonly via: readonly PyNode[];
}

/**
 * The calls `body` makes, in source order, skipping nested function and class-method bodies,
 * with each call of a local function followed by the calls its body makes (`localCallee` says
 * which function a call runs; recursion and depth are bounded).
 */
export function callsInOrder(body: PyNode, localCallee: (call: PyNode) => PyNode | undefined, maxDepth = 4): OrderedCall[] {
  const out: OrderedCall[] = [];
  // an explicit stack of steps (walk a node's children; then, after a child's subtree, take the
  // call it is): bodies nest as deep as the file does
  type Step = { readonly walk: PyNode; readonly via: readonly PyNode[]; readonly active: ReadonlySet<PyNode> } | { readonly after: PyNode; readonly via: readonly PyNode[]; readonly active: ReadonlySet<PyNode> };
  const steps: Step[] = [{ walk: body, via: [], active: new Set() }];
  const schedule = (sequence: readonly Step[]): void => {
    for (let i = sequence.length - 1; i >= 0; i--) steps.push(sequence[i]!);
  };
  while (steps.length > 0) {
    const step = steps.pop()!;
    const { via, active } = step;
    if ('after' in step) {
      const child = step.after;
      if (child.type !== 'call') continue;
      out.push({ call: child, via });
      const fn = localCallee(child);
      if (fn && !active.has(fn) && via.length < maxDepth) {
        const fbody = field(fn, 'body');
        if (fbody) schedule([{ walk: fbody, via: [...via, child], active: new Set([...active, fn]) }]);
      }
      continue;
    }
    const next: Step[] = [];
    for (const child of step.walk.children) {
      if (FUNCTIONS.has(child.type) || child.type === 'decorated_definition') continue;
      if (child.type === 'class_definition') {
        // a class body runs, its methods do not
        const cbody = field(child, 'body');
        if (cbody) next.push({ walk: cbody, via, active });
        continue;
      }
      next.push({ walk: child, via, active }, { after: child, via, active }); // arguments and callee first in source order
    }
    schedule(next);
  }
  return out;
}
