// The one walk behind the file model (model.ts): each kind of node has a named step that
// records what the analyses need — scopes and the bindings declared in them, references and
// assignments, calls, returns, class fields, module loads and hot-API references.
// The walk is iterative (src/ast/walk.ts) and so is every step: nothing here recurses in
// proportion to how deeply the file nests.
import type { Node } from '../ast/node';
import { getDynamicImport, getKeyName, getPropertyName, getStaticRequire, getStringValue, isCall, isFunction, isMember, markRequireAliasCall, unwrap } from '../ast/node';
import { walk } from '../ast/walk';
import { HOT_API_PROPERTIES } from '../otel/modules';
import type { Table } from '../otel/table';
import type { Binding, BindingKind, ImportSource, ValueSource } from './scope';
import { constInit, Scope } from './scope';

export interface MemberAssignment {
  /** The assigned member expression (`globalThis[K]`, `this.sdk`). */
  readonly target: Node;
  readonly value: ValueSource;
  /** The AssignmentExpression (or class property) itself. */
  readonly node: Node;
}

export interface ModuleImport {
  readonly module: string;
  /** ImportDeclaration, require/import() call, or TSImportEqualsDeclaration. */
  readonly node: Node;
  /** Imported only for its side effect (`import 'm'`, `require('m');`). */
  readonly sideEffectOnly: boolean;
}

/** What the walk records (FileModel documents each field). */
export interface ModelFacts {
  readonly parents: Map<Node, Node>;
  readonly scopes: Map<Node, Scope>;
  readonly calls: Node[];
  readonly memberAssignments: MemberAssignment[];
  readonly thisProps: Map<Node, Map<string, ValueSource[]>>;
  readonly returns: Map<Node, ValueSource[]>;
  readonly otelImports: ModuleImport[];
  readonly importedModules: Set<string>;
  /** Config types of table modules imported by name (`import type { ResolveConfigFn }`): local name → module and type. */
  readonly configTypeImports: Map<string, { module: string; type: string }>;
  readonly moduleLoads: ModuleImport[];
  readonly hotReferences: Node[];
  readonly hasJsx: boolean;
}

/** A pattern still to declare, with the initializer its identifiers take their value from. */
interface PendingPattern {
  readonly pattern: Node | null | undefined;
  readonly init: { expr: Node; scope: Scope } | undefined;
  readonly path: string[];
}

/** Walks a Program once and records the model's facts; `record()` returns them. */
export class ModelBuilder {
  private readonly facts = {
    parents: new Map<Node, Node>(),
    scopes: new Map<Node, Scope>(),
    calls: [] as Node[],
    memberAssignments: [] as MemberAssignment[],
    thisProps: new Map<Node, Map<string, ValueSource[]>>(),
    returns: new Map<Node, ValueSource[]>(),
    otelImports: [] as ModuleImport[],
    importedModules: new Set<string>(),
    configTypeImports: new Map<string, { module: string; type: string }>(),
    moduleLoads: [] as ModuleImport[],
    hotReferences: [] as Node[],
    hasJsx: false,
  };
  /** Identifiers that declare a name (not references to one). */
  private readonly declarationIds = new Set<Node>();
  /** Function bodies: their scope is the function's, not a block's. */
  private readonly functionBodies = new Set<Node>();
  private readonly classStack: Node[] = [];
  private readonly functionStack: Node[] = [];
  private scope: Scope;

  constructor(
    private readonly program: Node,
    private readonly table: Table,
    /** The text names `createRequire`: only then is a call's callee looked up as a `require` alias. */
    private readonly mayAliasRequire = false,
  ) {
    this.scope = new Scope('module', program, undefined);
  }

  record(): ModelFacts {
    this.pushScope(this.scope);
    this.hoist(this.program.body, this.scope);
    walk(this.program, {
      enter: (node, parent, key) => this.enter(node, parent, key),
      leave: (node) => this.leave(node),
    });
    return this.facts;
  }

  // ---- the walk: one step per kind of node ----

  private enter(node: Node, parent: Node | undefined, key: string | undefined): true {
    if (parent) this.facts.parents.set(node, parent);
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.enterFunction(node, parent);
        break;
      case 'BlockStatement':
      case 'StaticBlock':
        this.enterBlock(node);
        break;
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
        this.enterLoop(node);
        break;
      case 'SwitchStatement':
        this.pushScope(new Scope('block', node, this.scope));
        for (const c of node.cases) this.hoist(c.consequent, this.scope);
        break;
      case 'CatchClause':
        this.pushScope(new Scope('block', node, this.scope));
        this.declarePattern(node.param, 'catch', node, this.scope, undefined);
        break;
      case 'ClassDeclaration':
      case 'ClassExpression':
        if (node.id) this.declarationIds.add(node.id);
        this.classStack.push(node);
        break;
      case 'PropertyDefinition':
      case 'ClassProperty':
        this.recordClassField(node);
        break;
      case 'Identifier':
        if (this.isReference(node, parent, key)) this.scope.resolve(node.name)?.references.push(node);
        break;
      case 'JSXElement':
      case 'JSXFragment':
        this.facts.hasJsx = true;
        break;
      case 'AssignmentExpression':
        this.recordAssignment(node);
        break;
      case 'ReturnStatement': {
        const fn = this.functionStack.at(-1);
        if (fn && node.argument) this.recordReturn(fn, node.argument);
        break;
      }
      case 'CallExpression':
      case 'OptionalCallExpression':
        this.facts.calls.push(node);
        if ((this.mayAliasRequire && this.callsRequireAlias(node)) || this.callsRequireWrapper(node)) markRequireAliasCall(node);
        this.recordModuleUse(getStaticRequire(node) ?? getDynamicImport(node), node, parent);
        break;
      case 'NewExpression':
        this.facts.calls.push(node);
        break;
      case 'ImportExpression':
        this.recordModuleUse(getDynamicImport(node), node, parent);
        break;
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration':
        this.recordReExport(node);
        break;
      case 'MetaProperty':
        if (parent && isMember(parent) && HOT_API_PROPERTIES.includes(parent.property?.name)) this.facts.hotReferences.push(parent);
        break;
    }
    if (isMember(node)) this.recordModuleHot(node);
    return true;
  }

  private leave(node: Node): void {
    if (this.scope.node === node && node !== this.program) this.scope = this.scope.parent ?? this.scope;
    if (isFunction(node)) this.functionStack.pop();
    if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') this.classStack.pop();
  }

  private pushScope(s: Scope): void {
    this.facts.scopes.set(s.node, s);
    this.scope = s;
  }

  /** A function's scope: its name (for expressions), its parameters, and what its body hoists. */
  private enterFunction(node: Node, parent: Node | undefined): void {
    const s = new Scope('function', node, this.scope);
    this.pushScope(s);
    this.functionStack.push(node);
    if (node.type === 'FunctionExpression' && node.id) this.declare(node.id, 'function', node, s);
    if (node.type === 'FunctionDeclaration' && node.id) this.declarationIds.add(node.id);
    const thenSource = this.importThenSource(node, parent);
    node.params.forEach((p: Node, i: number) => this.declarePattern(p, 'param', node, s, i === 0 ? thenSource : undefined));
    // Babel-estree gives overload signatures and abstract methods (`foo(): void;`) a body-less FunctionExpression.
    if (node.body?.type === 'BlockStatement') {
      this.functionBodies.add(node.body);
      this.hoist(node.body.body, s);
    } else if (node.body) {
      this.recordReturn(node, node.body);
    }
  }

  /** A block's own scope (a function's body block shares the function's). */
  private enterBlock(node: Node): void {
    if (this.functionBodies.has(node)) return;
    this.pushScope(new Scope(node.type === 'StaticBlock' ? 'function' : 'block', node, this.scope));
    this.hoist(node.body, this.scope);
  }

  /** A `for` loop's scope with the variables its head declares. */
  private enterLoop(node: Node): void {
    this.pushScope(new Scope('block', node, this.scope));
    const decl = node.type === 'ForStatement' ? node.init : node.left;
    if (decl?.type !== 'VariableDeclaration') return;
    if (node.type === 'ForStatement') {
      this.declareVariables(decl, this.scope);
      return;
    }
    const kind: BindingKind = decl.kind === 'var' ? 'var' : 'let';
    const into = kind === 'var' ? this.scope.functionScope : this.scope;
    for (const d of decl.declarations) this.declarePattern(d.id, kind, d, into, undefined);
  }

  /** `this.x = v` in a class field initializer. */
  private recordClassField(node: Node): void {
    const cls = this.classStack.at(-1);
    const name = getKeyName(node);
    if (cls && name && node.value && !node.static) this.addThisProp(cls, name, { expr: node.value, scope: this.scope, path: [] });
  }

  /** `x = v`, `x ??= v`, `obj.k = v`, `this.k = v`: the value each storage receives. */
  private recordAssignment(node: Node): void {
    if (!['=', '??=', '||=', '&&='].includes(node.operator)) return;
    const value: ValueSource = { expr: node.right, scope: this.scope, path: [] };
    const left = unwrap(node.left);
    if (left.type === 'Identifier') {
      this.scope.resolve(left.name)?.assignments.push(value);
      return;
    }
    // `({ NodeSDK } = require('@opentelemetry/sdk-node'))` into a `let` declared before (a guarded load)
    if (left.type === 'ObjectPattern' && node.operator === '=') return this.recordPatternAssignment(left, value, []);
    if (!isMember(left)) return;
    this.facts.memberAssignments.push({ target: left, value, node });
    const cls = this.classStack.at(-1);
    const name = left.computed ? undefined : left.property?.name;
    if (cls && name && unwrap(left.object).type === 'ThisExpression') this.addThisProp(cls, name, value);
  }

  /** Each name an object pattern assigns gets the value along its property path. */
  private recordPatternAssignment(pattern: Node, value: ValueSource, path: readonly string[]): void {
    for (const p of pattern.properties) {
      const key = p.type === 'Property' && !p.computed ? getKeyName(p) : undefined;
      if (key === undefined) continue;
      const target = unwrap(p.value.type === 'AssignmentPattern' ? p.value.left : p.value);
      if (target.type === 'Identifier') this.scope.resolve(target.name)?.assignments.push({ ...value, path: [...path, key] });
      else if (target.type === 'ObjectPattern') this.recordPatternAssignment(target, value, [...path, key]);
    }
  }

  private recordReturn(fn: Node, expr: Node): void {
    const list = this.facts.returns.get(fn) ?? [];
    list.push({ expr, scope: this.scope, path: [] });
    this.facts.returns.set(fn, list);
  }

  private addThisProp(cls: Node, name: string, value: ValueSource): void {
    let props = this.facts.thisProps.get(cls);
    if (!props) this.facts.thisProps.set(cls, (props = new Map()));
    const list = props.get(name) ?? [];
    list.push(value);
    props.set(name, list);
  }

  /** A static `require` or `import()` of a module: a module load, and an OpenTelemetry import when the table knows it. */
  private recordModuleUse(module: string | undefined, node: Node, parent: Node | undefined): void {
    if (module) this.facts.importedModules.add(module);
    if (module) this.facts.moduleLoads.push({ module, node, sideEffectOnly: parent?.type === 'ExpressionStatement' });
    if (!module || !this.table.module(module)) return;
    this.facts.otelImports.push({ module, node, sideEffectOnly: parent?.type === 'ExpressionStatement' });
  }

  /**
   * `req('m')` where `const req = createRequire(…)` with `createRequire` imported from `module` /
   * `node:module` (named, or a member of the module's namespace or default): Node's `require` for
   * an ES module, the lazy-load idiom (`if (endpoint) { const { NodeSDK } = req('@opentelemetry/sdk-node') }`).
   */
  private callsRequireAlias(call: Node): boolean {
    const callee = call.callee;
    if (callee.type !== 'Identifier' || callee.name === 'require' || call.arguments.length !== 1) return false;
    const b = this.scope.resolve(callee.name);
    const init = constInit(b);
    if (!init || !isCall(init)) return false;
    const maker = unwrap(init.callee);
    if (maker.type === 'Identifier') return isNodeModuleImport(b!.init!.scope.resolve(maker.name)?.importFrom, 'createRequire');
    if (!isMember(maker) || maker.property?.name !== 'createRequire' || unwrap(maker.object).type !== 'Identifier') return false;
    const from = b!.init!.scope.resolve(unwrap(maker.object).name)?.importFrom;
    return isNodeModuleImport(from, '*') || isNodeModuleImport(from, 'default');
  }

  /**
   * `safeRequire('@opentelemetry/sdk-node')` where `safeRequire` is a local function that returns
   * `require(itsFirstParameter)` (maybe in a `try`, with a fallback path): a guarded load of that
   * module (holdout12 KickTalk). Only for a module the table knows, so other calls cost one lookup.
   */
  private callsRequireWrapper(call: Node): boolean {
    const callee = call.callee;
    if (callee.type !== 'Identifier' || callee.name === 'require' || call.arguments.length !== 1) return false;
    const module = getStringValue(call.arguments[0]);
    if (module === undefined || !this.table.module(module)) return false;
    const b = this.scope.resolve(callee.name);
    const fn = b?.kind === 'function' ? b.declaration : constInit(b);
    if (!fn || !isFunction(fn) || fn.body.type !== 'BlockStatement' || fn.params[0]?.type !== 'Identifier') return false;
    return returnsRequireOf(fn.body.body, fn.params[0].name);
  }

  /** `export … from 'm'` loads `m` (type-only re-exports do not). */
  private recordReExport(node: Node): void {
    const module = node.source && node.exportKind !== 'type' ? getStringValue(node.source) : undefined;
    if (module) this.facts.moduleLoads.push({ module, node, sideEffectOnly: false });
  }

  /** `module.hot`, when `module` is CommonJS's (not a local variable). */
  private recordModuleHot(node: Node): void {
    if (node.computed || node.property?.name !== 'hot') return;
    const obj = unwrap(node.object);
    if (obj.type === 'Identifier' && obj.name === 'module' && !this.scope.resolve('module')) this.facts.hotReferences.push(node);
  }

  /**
   * `import('m').then(({ NodeSDK }) => ...)`: the callback's first parameter is the module namespace;
   * `Promise.all([import('a'), import('b')]).then(([{ A }, { B }]) => ...)`: the resolved array, element
   * by element (holdout11 L3, as `arrayItems` reads it for an awaited `Promise.all`).
   */
  private importThenSource(fn: Node, parent: Node | undefined): { expr: Node; scope: Scope } | undefined {
    if (!parent || !isCall(parent) || parent.arguments[0] !== fn) return undefined;
    const callee = unwrap(parent.callee);
    if (!isMember(callee) || callee.property?.name !== 'then') return undefined;
    const obj = unwrap(callee.object);
    return getDynamicImport(obj) || (obj.type === 'CallExpression' && isPromiseAll(unwrap(obj.callee))) ? { expr: obj, scope: this.scope } : undefined;
  }

  /** True when an identifier reads or writes a binding (not a property name, label or declaration). */
  private isReference(id: Node, parent: Node | undefined, key: string | undefined): boolean {
    if (this.declarationIds.has(id) || !parent) return false;
    switch (parent.type) {
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        return key !== 'property' || parent.computed;
      case 'Property':
      case 'ObjectProperty':
      case 'MethodDefinition':
      case 'PropertyDefinition':
      case 'ClassProperty':
      case 'ClassMethod':
      case 'ClassPrivateProperty':
      case 'AccessorProperty':
      case 'TSAbstractPropertyDefinition':
        return key !== 'key' || parent.computed;
      case 'LabeledStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'ImportSpecifier':
      case 'ImportDefaultSpecifier':
      case 'ImportNamespaceSpecifier':
      case 'MetaProperty':
        return false;
      case 'ExportSpecifier':
        return key === 'local';
      default:
        return true;
    }
  }

  // ---- declarations: what a statement list hoists, and the bindings of a pattern ----

  /** Declares what a statement list hoists into `target` (imports, functions, classes, variables). */
  private hoist(statements: readonly Node[], target: Scope): void {
    for (const raw of statements) {
      let stmt = raw;
      if ((stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration') && stmt.declaration) stmt = stmt.declaration;
      switch (stmt.type) {
        case 'VariableDeclaration':
          // `declare const module: any;` (TypeScript) only types a global: the name stays the global's
          if (!stmt.declare) this.declareVariables(stmt, target);
          break;
        case 'FunctionDeclaration':
        case 'ClassDeclaration':
          if (stmt.id) this.declare(stmt.id, stmt.type === 'ClassDeclaration' ? 'class' : 'function', stmt, target);
          break;
        case 'ImportDeclaration':
          this.declareImport(stmt, target);
          break;
        case 'TSImportEqualsDeclaration':
          this.declareImportEquals(stmt, target);
          break;
      }
    }
  }

  private declare(id: Node, kind: BindingKind, declaration: Node, target: Scope, extra: Partial<Binding> = {}): void {
    if (id.type !== 'Identifier') return;
    this.declarationIds.add(id);
    target.declare({ name: id.name, kind, id, declaration, ...extra });
  }

  private declareVariables(decl: Node, target: Scope): void {
    const kind: BindingKind = decl.kind === 'var' ? 'var' : decl.kind === 'const' ? 'const' : 'let';
    const into = kind === 'var' ? target.functionScope : target;
    for (const d of decl.declarations) this.declarePattern(d.id, kind, d, into, d.init ? { expr: d.init, scope: target } : undefined);
  }

  /**
   * Declares every identifier of a binding pattern, in source order; `init` follows the
   * destructuring path (`const { a: { b } } = x` gives `b` the path `['a', 'b']` into `x`).
   * An explicit stack: patterns nest as deep as the file does.
   */
  private declarePattern(root: Node | null | undefined, kind: BindingKind, declaration: Node, target: Scope, init: { expr: Node; scope: Scope } | undefined): void {
    const stack: PendingPattern[] = [{ pattern: root, init, path: [] }];
    while (stack.length > 0) {
      const { pattern, init: from, path } = stack.pop()!;
      if (!pattern) continue;
      if (pattern.type === 'Identifier') {
        this.declare(pattern, kind, declaration, target, from ? { init: { ...from, path } } : {});
        continue;
      }
      // children pushed last-first, so they are declared first-first
      const children = patternChildren(pattern, from, path);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }

  private declareImport(decl: Node, target: Scope): void {
    const module = getStringValue(decl.source);
    if (!module) return;
    this.facts.importedModules.add(module);
    const spec = this.table.module(module);
    const known = !!spec;
    // types erased at run time still say what a value is: a config of the package's export
    if (spec?.configTypes) {
      for (const s of decl.specifiers) {
        const type = s.type === 'ImportSpecifier' ? (s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value)) : undefined;
        if (type !== undefined && Object.hasOwn(spec.configTypes, type)) this.facts.configTypeImports.set(s.local.name, { module, type });
      }
    }
    if (decl.importKind === 'type') return;
    // `import { type A } from 'm'` is erased entirely by TypeScript
    const typeOnly = decl.specifiers.length > 0 && decl.specifiers.every((s: Node) => s.importKind === 'type');
    if (!typeOnly) this.facts.moduleLoads.push({ module, node: decl, sideEffectOnly: decl.specifiers.length === 0 });
    if (known) this.facts.otelImports.push({ module, node: decl, sideEffectOnly: decl.specifiers.length === 0 });
    for (const s of decl.specifiers) {
      if (s.importKind === 'type') continue;
      const name =
        s.type === 'ImportSpecifier' ? (s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value)) : s.type === 'ImportDefaultSpecifier' ? 'default' : '*';
      this.declare(s.local, 'import', decl, target, { importFrom: { module, name: name === 'default' ? '*' : name } });
    }
  }

  /** TypeScript's import-equals declaration (`import x = require(…)`). */
  private declareImportEquals(stmt: Node, target: Scope): void {
    const ref = stmt.moduleReference;
    const module = ref?.type === 'TSExternalModuleReference' ? getStringValue(ref.expression) : undefined;
    if (!module || stmt.importKind === 'type') return;
    this.facts.moduleLoads.push({ module, node: stmt, sideEffectOnly: false });
    this.declare(stmt.id, 'import', stmt, target, { importFrom: { module, name: '*' } });
    if (this.table.module(module)) this.facts.otelImports.push({ module, node: stmt, sideEffectOnly: false });
  }
}

/**
 * The element expressions of an array an array pattern destructures, by position: an array literal,
 * or `await Promise.all([...])`, whose elements resolve one by one (the evaluator reads `await x` as
 * `x`). Positions from a spread on are unknown; holes stay holes. Undefined for anything else
 * (`Promise.allSettled` gives `{ status, value }` records, not the values).
 */
function arrayItems(expr: Node): (Node | undefined)[] | undefined {
  let n = unwrap(expr);
  if (n.type === 'AwaitExpression') n = unwrap(n.argument);
  if (n.type === 'CallExpression' && n.arguments.length === 1 && isPromiseAll(unwrap(n.callee))) n = unwrap(n.arguments[0]);
  if (n.type !== 'ArrayExpression') return undefined;
  const spreadAt = n.elements.findIndex((el: Node | null) => el?.type === 'SpreadElement');
  const known = spreadAt < 0 ? n.elements : n.elements.slice(0, spreadAt);
  return known.map((el: Node | null) => el ?? undefined);
}

function isPromiseAll(callee: Node): boolean {
  return callee.type === 'MemberExpression' && !callee.computed && callee.object.type === 'Identifier' && callee.object.name === 'Promise' && getPropertyName(callee) === 'all';
}

/** The sub-patterns of a pattern, each with the initializer path it reads (none past a rest or an array element). */
function patternChildren(pattern: Node, init: PendingPattern['init'], path: string[]): PendingPattern[] {
  switch (pattern.type) {
    case 'ObjectPattern':
      return pattern.properties.map((p: Node): PendingPattern => {
        if (p.type === 'RestElement') return { pattern: p.argument, init: undefined, path: [] };
        const key = getKeyName(p);
        return key === undefined ? { pattern: p.value, init: undefined, path: [] } : { pattern: p.value, init, path: [...path, key] };
      });
    case 'ArrayPattern': {
      // `const [a, b] = await Promise.all([import('x'), import('y')])`: each element reads its own expression
      const items = init && path.length === 0 ? arrayItems(init.expr) : undefined;
      return pattern.elements.map((el: Node | null, i: number): PendingPattern => {
        const item = items?.[i];
        return { pattern: el, init: item && init ? { expr: item, scope: init.scope } : undefined, path: [] };
      });
    }
    case 'AssignmentPattern':
      return [{ pattern: pattern.left, init, path }];
    case 'RestElement':
      return [{ pattern: pattern.argument, init: undefined, path: [] }];
    case 'TSParameterProperty':
      return [{ pattern: pattern.parameter, init: undefined, path: [] }];
    default:
      return [];
  }
}

/** An import of `name` from Node's `module` (`'*'` for the namespace). */
function isNodeModuleImport(from: ImportSource | undefined, name: string): boolean {
  return from !== undefined && (from.module === 'module' || from.module === 'node:module') && from.name === name;
}

/** A `return require(name)` among the statements, or in the blocks, `try`s and `if`s they hold. */
function returnsRequireOf(statements: readonly Node[], name: string): boolean {
  return statements.some((st) => {
    switch (st.type) {
      case 'ReturnStatement': {
        const call = st.argument ? unwrap(st.argument) : undefined;
        if (!call || !isCall(call) || call.arguments.length !== 1) return false;
        const callee = unwrap(call.callee);
        const target = unwrap(call.arguments[0]);
        return callee.type === 'Identifier' && callee.name === 'require' && target.type === 'Identifier' && target.name === name;
      }
      case 'BlockStatement':
        return returnsRequireOf(st.body, name);
      case 'TryStatement':
        return returnsRequireOf(st.block.body, name) || (!!st.handler && returnsRequireOf(st.handler.body.body, name));
      case 'IfStatement':
        return returnsRequireOf([st.consequent, ...(st.alternate ? [st.alternate] : [])], name);
      default:
        return false;
    }
  });
}
