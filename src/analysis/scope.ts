import type { Node } from '../ast/node';
import { unwrap } from '../ast/node';

export type BindingKind = 'import' | 'const' | 'let' | 'var' | 'param' | 'function' | 'class' | 'catch';

/** Where an imported binding comes from. `name` is `*` for namespaces (also default imports and `require()`). */
export interface ImportSource {
  readonly module: string;
  readonly name: string;
}

/** An expression a binding takes its value from, with the scope it is evaluated in. */
export interface ValueSource {
  readonly expr: Node;
  readonly scope: Scope;
  /** Property path for destructuring: `const { a: { b } } = x` gives `['a', 'b']`. */
  readonly path: readonly string[];
}

/** A declared name: imports, variables, parameters, functions, classes. */
export interface Binding {
  readonly name: string;
  readonly kind: BindingKind;
  readonly id: Node;
  readonly scope: Scope;
  /** The declaring statement or declarator (`VariableDeclarator`, `FunctionDeclaration`, ...). */
  readonly declaration: Node;
  readonly importFrom?: ImportSource;
  /** The initializer (for `const x = init` and destructuring). */
  readonly init?: ValueSource;
  /** Values assigned later (`x = v`, `x ??= v`). */
  readonly assignments: ValueSource[];
  /** Identifiers that read or write the binding (declaration id excluded). */
  readonly references: Node[];
}

/** What a `const` holds when declared whole (`const x = init`, not destructured): its initializer, unwrapped. */
export function constInit(b: Binding | undefined): Node | undefined {
  return b?.kind === 'const' && b.init && b.init.path.length === 0 ? unwrap(b.init.expr) : undefined;
}

export type ScopeKind = 'module' | 'function' | 'block';

/** A lexical scope; `function` and `module` scopes take hoisted `var`s. */
export class Scope {
  readonly bindings = new Map<string, Binding>();
  readonly functionScope: Scope;

  constructor(
    readonly kind: ScopeKind,
    readonly node: Node,
    readonly parent: Scope | undefined,
  ) {
    this.functionScope = kind === 'block' && parent ? parent.functionScope : this;
  }

  /** The binding a name refers to from this scope, or undefined for globals. */
  resolve(name: string): Binding | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const b = s.bindings.get(name);
      if (b) return b;
    }
    return undefined;
  }

  declare(binding: Omit<Binding, 'scope' | 'assignments' | 'references'>): Binding {
    const existing = this.bindings.get(binding.name);
    if (existing) return existing; // `var x; var x;` and overloads: first declaration wins
    const full: Binding = { ...binding, scope: this, assignments: [], references: [] };
    this.bindings.set(binding.name, full);
    return full;
  }
}
