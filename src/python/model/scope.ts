// Scopes and bindings of a Python file, collected in one walk: imports of every form
// (`import x`, `import x.y as z`, `from x import y as z`, `from x import *`), simple
// assignments, definitions, parameters and `global` declarations. Lookups follow Python's
// rules closely enough for the checks: function scopes see the module, class bodies are not
// seen from their methods, and a name bound several times in a scope resolves to the binding
// in force at the reference (the latest one before it, for the same scope).
import type { PyNode } from '../nodes';
import { field, fieldNodes } from '../nodes';

export type BindingKind = 'import' | 'from-import' | 'assign' | 'def' | 'class' | 'param' | 'other';

export interface Binding {
  readonly name: string;
  readonly kind: BindingKind;
  /** The statement or definition that binds the name. */
  readonly node: PyNode;
  /** `import`: the module the name denotes; `from-import`: the module imported from. */
  readonly module?: string;
  /** `from-import`: the imported name. */
  readonly member?: string;
  /** `assign`: the assigned expression. */
  readonly value?: PyNode;
  readonly scope: Scope;
}

export interface Scope {
  readonly node: PyNode;
  readonly kind: 'module' | 'function' | 'class';
  readonly parent: Scope | null;
  readonly bindings: Map<string, Binding[]>;
  /** Names declared `global` here: their bindings go to the module scope. */
  readonly globals: Set<string>;
  /** Modules imported with `from m import *` (module scope). */
  readonly starImports: string[];
}

const SCOPE_NODES: Readonly<Record<string, Scope['kind']>> = { function_definition: 'function', lambda: 'function', class_definition: 'class' };
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

export interface Scopes {
  readonly module: Scope;
  /** The scope a scope-creating node (module, def, lambda, class) opens. */
  readonly byNode: ReadonlyMap<PyNode, Scope>;
}

/** A node to visit in a scope, or a step to run between visits. */
type Task = { readonly node: PyNode; readonly scope: Scope } | (() => void);

/**
 * Collects every scope and binding of a module, in one depth-first walk in source order. The
 * walk keeps its tasks on an explicit stack (a file nests as deep as tree-sitter parses, far
 * beyond the call stack): `visitNode` binds what a node declares and returns what comes next.
 */
export function collectScopes(root: PyNode): Scopes {
  const byNode = new Map<PyNode, Scope>();
  const module = newScope(root, 'module', null);
  byNode.set(root, module);
  const tasks: Task[] = [];
  /** Runs `sequence` next, in its order. */
  const schedule = (sequence: readonly Task[]): void => {
    for (let i = sequence.length - 1; i >= 0; i--) tasks.push(sequence[i]!);
  };

  const visitNode = (node: PyNode, scope: Scope): Task[] => {
    const kind = SCOPE_NODES[node.type];
    if (kind) {
      const name = field(node, 'name');
      if (name?.text) bind(scope, name.text, kind === 'class' ? 'class' : 'def', node);
      // decorators, defaults, annotations and base classes are evaluated in the enclosing scope
      const body = field(node, 'body');
      const next: Task[] = node.children.filter((c) => c !== body && c.type !== 'parameters' && c.type !== 'lambda_parameters').map((c) => ({ node: c, scope }));
      next.push(() => {
        const inner = newScope(node, kind, scope);
        byNode.set(node, inner);
        const params = field(node, 'parameters');
        schedule([...(params ? parameterTasks(params, inner, scope) : []), ...(body ? [{ node: body, scope: inner }] : [])]);
      });
      return next;
    }
    // comprehensions: their loop variables live in their own scope; only the iterated values matter here
    if (!COMPREHENSIONS.has(node.type)) {
      switch (node.type) {
        case 'import_statement':
          bindImport(node, scope);
          return [];
        case 'import_from_statement':
          bindFromImport(node, scope);
          return [];
        case 'global_statement':
          for (const c of node.children) if (c.text) scope.globals.add(c.text);
          return [];
        case 'assignment':
          bindAssignment(node, scope);
          break;
        case 'augmented_assignment':
          bindTargets(field(node, 'left'), scope, node);
          break;
        case 'named_expression': {
          const name = field(node, 'name');
          if (name?.text) bind(scope, name.text, 'assign', node, { value: field(node, 'value') });
          break;
        }
        case 'for_statement':
        case 'for_in_clause':
          bindTargets(field(node, 'left'), scope, node);
          break;
        case 'as_pattern_target':
          bindTargets(node.children[0], scope, node);
          break;
      }
    }
    return node.children.map((c) => ({ node: c, scope }));
  };

  schedule(root.children.map((c) => ({ node: c, scope: module })));
  while (tasks.length > 0) {
    const task = tasks.pop()!;
    if (typeof task === 'function') task();
    else schedule(visitNode(task.node, task.scope));
  }
  return { module, byNode };
}

function newScope(node: PyNode, kind: Scope['kind'], parent: Scope | null): Scope {
  return { node, kind, parent, bindings: new Map(), globals: new Set(), starImports: [] };
}

function bind(scope: Scope, name: string, kind: BindingKind, node: PyNode, extra: { module?: string; member?: string; value?: PyNode } = {}): void {
  let target = scope;
  if (scope.globals.has(name)) while (target.parent) target = target.parent;
  const list = target.bindings.get(name) ?? [];
  list.push({ name, kind, node, scope: target, ...extra });
  target.bindings.set(name, list);
}

/** `a.b.c` as written (identifiers joined by dots). */
export function dottedName(node: PyNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type !== 'dotted_name') return undefined;
  return node.children.map((c) => c.text).join('.');
}

function bindImport(node: PyNode, scope: Scope): void {
  for (const item of fieldNodes(node, 'name')) {
    if (item.type === 'aliased_import') {
      const module = dottedName(field(item, 'name'));
      const alias = field(item, 'alias')?.text;
      if (module && alias) bind(scope, alias, 'import', node, { module });
    } else {
      // `import a.b.c` binds `a`, the top package
      const module = dottedName(item);
      if (module) bind(scope, module.split('.')[0]!, 'import', node, { module: module.split('.')[0]! });
    }
  }
}

function bindFromImport(node: PyNode, scope: Scope): void {
  const from = field(node, 'module_name');
  // relative imports are the project's own modules: bound, but to no module of the table
  const module = from?.type === 'dotted_name' ? dottedName(from) : undefined;
  if (node.children.some((c) => c.type === 'wildcard_import')) {
    if (module) scope.starImports.push(module);
    return;
  }
  for (const item of fieldNodes(node, 'name')) {
    const isAlias = item.type === 'aliased_import';
    const member = dottedName(isAlias ? field(item, 'name') : item);
    const local = isAlias ? field(item, 'alias')?.text : member;
    if (!member || !local) continue;
    if (module) bind(scope, local, 'from-import', node, { module, member });
    else bind(scope, local, 'other', node);
  }
}

function bindAssignment(node: PyNode, scope: Scope): void {
  // `a = b = value`: every target gets the innermost value
  let value = field(node, 'right');
  while (value?.type === 'assignment') value = field(value, 'right');
  for (let n: PyNode | undefined = node; n?.type === 'assignment'; n = field(n, 'right')) {
    const left = field(n, 'left');
    if (left?.type === 'identifier' && left.text) bind(scope, left.text, value ? 'assign' : 'other', node, { value });
    else bindTargets(left, scope, node);
  }
}

/** Names bound by a target we do not follow (tuples, loop variables, `as` targets): bound, value unknown; nested targets in a loop. */
function bindTargets(target: PyNode | undefined, scope: Scope, node: PyNode): void {
  const stack: PyNode[] = target ? [target] : [];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (t.type === 'identifier') {
      if (t.text) bind(scope, t.text, 'other', node);
      continue;
    }
    if (t.type === 'attribute' || t.type === 'subscript') continue;
    for (let i = t.children.length - 1; i >= 0; i--) stack.push(t.children[i]!);
  }
}

/** Binding each parameter in the function's scope, each default visited in the enclosing one, in order. */
function parameterTasks(params: PyNode, inner: Scope, outer: Scope): Task[] {
  const out: Task[] = [];
  for (const p of params.children) {
    const name = p.type === 'identifier' ? p : (field(p, 'name') ?? p.children.find((c) => c.type === 'identifier'));
    if (name?.text) out.push(() => bind(inner, name.text!, 'param', p));
    const dflt = field(p, 'value');
    if (dflt) out.push({ node: dflt, scope: outer });
  }
  return out;
}

/** The innermost scope containing `node`. */
export function scopeOf(scopes: Scopes, node: PyNode): Scope {
  for (let n: PyNode | null = node.parent; n; n = n.parent) {
    const s = scopes.byNode.get(n);
    // a def's name, decorators and defaults belong to the enclosing scope, its body to its own
    if (s && (n.type === 'module' || isInside(node, field(n, 'body')) || isInside(node, field(n, 'parameters')))) return s;
  }
  return scopes.module;
}

function isInside(node: PyNode, container: PyNode | undefined): boolean {
  return !!container && node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}

/** The binding a name refers to at `at` (undefined: a builtin, a star import, or unbound). */
export function lookup(scopes: Scopes, name: string, at: PyNode): Binding | undefined {
  const start = scopeOf(scopes, at);
  for (let s: Scope | null = start; s; s = s.parent) {
    if (s !== start && s.kind === 'class') continue; // methods do not see class attributes
    if (s.globals.has(name) && s.kind !== 'module') continue;
    const list = s.bindings.get(name);
    if (!list || list.length === 0) continue;
    if (s === start) {
      // the latest binding before the reference, else (a later one: a loop or a function body) the last
      let chosen: Binding | undefined;
      for (const b of list) if (b.node.range[0] < at.range[0]) chosen = b;
      return chosen ?? list[list.length - 1];
    }
    return list[list.length - 1];
  }
  return undefined;
}
