// Storage keys: a stable name for the storage an expression reads or writes (`binding:3`,
// `global.x`, `this:120.sdk`, `global[sym:app.sdk]`), so identity and guard checks compare
// storage rather than text; and the member assignments that write each key. Member chains and
// `Symbol.for` aliases are followed in loops: chains can be as long as the file.
import type { Node } from '../ast/node';
import { getPropertyName, getStringValue, isCall, isMember, unwrap } from '../ast/node';
import type { FileModel, MemberAssignment } from './model';
import { isGlobalObjectName } from './model';
import type { Binding, Scope } from './scope';

export interface StorageKeys {
  /** The key of the storage an expression names, evaluated in `scope` (defaults to the node's own, then memoized). */
  storageKey(expr: Node, scope?: Scope): string | undefined;
  /** Member assignments that write the storage named by a key. */
  assignmentsTo(key: string): readonly MemberAssignment[];
}

/**
 * Storage keys (`binding:3`, `global.x`, `this:120.sdk`, `global[sym:app.sdk]`) and the member
 * assignments that write each. Binding numbers are given in order of first use.
 */
export function createStorageKeys(model: FileModel): StorageKeys {
  return new StorageKeyIndex(model);
}

class StorageKeyIndex implements StorageKeys {
  private readonly bindingIds = new Map<Binding, number>();
  /** Keys of nodes asked without a scope (their own). */
  private readonly keys = new Map<Node, string | null>();
  /** Member assignments by the storage they write, indexed on first use (keeps lookups O(1) in large files). */
  private byKey: Map<string, MemberAssignment[]> | undefined;

  constructor(private readonly model: FileModel) {}

  /** Memoized for calls without a scope (the node's own). */
  storageKey(expr: Node, scope?: Scope): string | undefined {
    if (scope !== undefined) return this.computeStorageKey(expr, scope);
    const cached = this.keys.get(expr);
    if (cached !== undefined) return cached ?? undefined;
    const key = this.computeStorageKey(expr, undefined);
    this.keys.set(expr, key ?? null);
    return key;
  }

  assignmentsTo(key: string): readonly MemberAssignment[] {
    if (!this.byKey) {
      this.byKey = new Map();
      for (const a of this.model.memberAssignments) {
        const k = this.storageKey(a.target, a.value.scope);
        if (!k) continue;
        const list = this.byKey.get(k);
        if (list) list.push(a);
        else this.byKey.set(k, [a]);
      }
    }
    return this.byKey.get(key) ?? [];
  }

  private bindingId(b: Binding): number {
    let id = this.bindingIds.get(b);
    if (id === undefined) this.bindingIds.set(b, (id = this.bindingIds.size + 1));
    return id;
  }

  /** Resolves a member chain: the key of its root, then each property from the root outwards (a loop: chains can be long). */
  private computeStorageKey(expr: Node, scope?: Scope): string | undefined {
    const s = scope ?? this.model.scopeAt(expr);
    const chain: Node[] = [];
    let n = unwrap(expr);
    while (isMember(n)) {
      chain.push(n);
      n = unwrap(n.object);
    }
    let key = this.rootKey(n, s);
    for (let i = chain.length - 1; i >= 0 && key !== undefined; i--) {
      const prop = this.propertyKey(chain[i]!, s);
      key = prop === undefined ? undefined : `${key}${prop}`;
    }
    return key;
  }

  /** The key of what a member chain starts from: a variable, the global object, `this`, `import.meta`. */
  private rootKey(n: Node, s: Scope): string | undefined {
    if (n.type === 'Identifier') {
      const b = s.resolve(n.name);
      if (!b) return isGlobalObjectName(n.name) ? 'global' : `free:${n.name}`;
      // a const alias of the global object (`const g = globalThis as ...`) is the global object
      if (b.kind === 'const' && b.init && b.init.path.length === 0) {
        const init = unwrap(b.init.expr);
        if (init.type === 'Identifier' && isGlobalObjectName(init.name) && !b.init.scope.resolve(init.name)) return 'global';
      }
      return `binding:${this.bindingId(b)}`;
    }
    if (n.type === 'ThisExpression') {
      const cls = this.model.classOf(n);
      return cls ? `this:${cls.range?.[0] ?? cls.start}` : undefined;
    }
    if (n.type === 'MetaProperty') return 'import.meta';
    return undefined;
  }

  /** `.name`, `["str"]`, `[sym:name]` (a `Symbol.for` key, directly or through a const). */
  private propertyKey(n: Node, scope: Scope): string | undefined {
    if (!n.computed) return n.property?.name === undefined ? undefined : `.${n.property.name}`;
    const str = getStringValue(n.property);
    if (str !== undefined) return `.${str}`;
    const sym = symbolFor(n.property, scope);
    if (sym !== undefined) return `[sym:${sym}]`;
    const p = unwrap(n.property);
    if (p.type === 'Identifier') {
      const b = scope.resolve(p.name);
      return b ? `[binding:${this.bindingId(b)}]` : undefined;
    }
    return undefined;
  }
}

/** The key of `Symbol.for('key')`, directly or through const bindings (followed in a loop; a cycle of consts has none). */
export function symbolFor(expr: Node, scope: Scope): string | undefined {
  const seen = new Set<Binding>();
  for (let e = expr, s = scope; ; ) {
    const n = unwrap(e);
    if (isCall(n)) {
      const callee = unwrap(n.callee);
      if (isMember(callee) && getPropertyName(callee) === 'for' && unwrap(callee.object).type === 'Identifier' && unwrap(callee.object).name === 'Symbol') {
        return getStringValue(n.arguments[0]);
      }
      return undefined;
    }
    if (n.type !== 'Identifier') return undefined;
    const b = s.resolve(n.name);
    if (!(b?.kind === 'const' && b.init && b.init.path.length === 0) || seen.has(b)) return undefined;
    seen.add(b);
    e = b.init.expr;
    s = b.init.scope;
  }
}
