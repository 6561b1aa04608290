// One walk over a file that imports OpenTelemetry: scopes and bindings, the values
// assigned to them, every call, and the imports. All analyses read this model;
// none of them walks the AST again.
import type { Node } from '../ast/node';
import { getDynamicImport, getKeyName, getStaticRequire, getStringValue, isCall, isFunction, isMember, unwrap } from '../ast/node';
import { walk } from '../ast/walk';
import { HOT_API_PROPERTIES } from '../otel/modules';
import type { Table } from '../otel/table';
import type { OtelSafeSettings } from '../core/settings';
import type { Binding, BindingKind, ValueSource } from './scope';
import { Scope } from './scope';

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

export interface FileModel {
  readonly program: Node;
  readonly source: string;
  readonly filename: string;
  /** The linter's working directory: project globs fall back to it for a file with no package.json. */
  readonly cwd: string | undefined;
  readonly table: Table;
  readonly settings: OtelSafeSettings;
  readonly parents: Map<Node, Node>;
  /** Scope owned by a node (Program, functions, blocks, loops, switch, catch). */
  readonly scopes: Map<Node, Scope>;
  /** Every call and `new` expression, in source order. */
  readonly calls: readonly Node[];
  readonly memberAssignments: readonly MemberAssignment[];
  /** Values assigned to `this.x` inside a class, keyed by class node then property name. */
  readonly thisProps: Map<Node, Map<string, ValueSource[]>>;
  /** Return values of each function (arrow expression bodies included). */
  readonly returns: Map<Node, ValueSource[]>;
  /** Imports of modules the recognition table knows. */
  readonly otelImports: readonly ModuleImport[];
  /** Every module specifier the file imports or requires (static strings only). */
  readonly importedModules: ReadonlySet<string>;
  /** Every module load with a static specifier (imports, re-exports, `require`, `import()`), OpenTelemetry or not, in source order. */
  readonly moduleLoads: readonly ModuleImport[];
  /** Every `module.hot` / `import.meta.hot` / `import.meta.webpackHot` / `import.meta.turbopackHot` reference. */
  readonly hotReferences: readonly Node[];
  /** True when the file contains JSX. */
  readonly hasJsx: boolean;
  /** Nearest scope that contains a node. */
  scopeAt(node: Node): Scope;
  /** Ancestors of a node, nearest first. */
  ancestors(node: Node): Node[];
  /** The class whose `this` a node sees, if any. */
  classOf(node: Node): Node | undefined;
}

export interface ModelInput {
  readonly program: Node;
  readonly source: string;
  readonly filename: string;
  readonly cwd: string | undefined;
  readonly table: Table;
  readonly settings: OtelSafeSettings;
}

const GLOBAL_OBJECT_NAMES = new Set(['globalThis', 'global', 'window', 'self']);

/** True when an identifier names the global object (`globalThis`, `global`, `window`, `self`) and is not shadowed. */
export function isGlobalObjectName(name: string): boolean {
  return GLOBAL_OBJECT_NAMES.has(name);
}

/** Parents through which a function is a method, whose `this` is its class's. */
const METHOD_PARENTS = new Set(['MethodDefinition', 'Property', 'PropertyDefinition', 'ClassProperty', 'ClassMethod']);

/** Builds the model with a single walk. */
export function buildModel(input: ModelInput): FileModel {
  const { program, table } = input;
  const parents = new Map<Node, Node>();
  const scopes = new Map<Node, Scope>();
  const calls: Node[] = [];
  const memberAssignments: MemberAssignment[] = [];
  const thisProps = new Map<Node, Map<string, ValueSource[]>>();
  const returns = new Map<Node, ValueSource[]>();
  const otelImports: ModuleImport[] = [];
  const importedModules = new Set<string>();
  const moduleLoads: ModuleImport[] = [];
  const hotReferences: Node[] = [];
  const declarationIds = new Set<Node>();
  const functionBodies = new Set<Node>();
  const classStack: Node[] = [];
  const functionStack: Node[] = [];
  let hasJsx = false;
  let scope: Scope = new Scope('module', program, undefined);

  function pushScope(s: Scope): void {
    scopes.set(s.node, s);
    scope = s;
  }

  function declare(id: Node, kind: BindingKind, declaration: Node, target: Scope, extra: Partial<Binding> = {}): void {
    if (id.type !== 'Identifier') return;
    declarationIds.add(id);
    target.declare({ name: id.name, kind, id, declaration, ...extra });
  }

  /** Declares every identifier of a binding pattern; `init` follows the destructuring path. */
  function declarePattern(
    pattern: Node | null | undefined,
    kind: BindingKind,
    declaration: Node,
    target: Scope,
    init: { expr: Node; scope: Scope } | undefined,
    path: string[],
  ): void {
    if (!pattern) return;
    switch (pattern.type) {
      case 'Identifier':
        declare(pattern, kind, declaration, target, init ? { init: { ...init, path } } : {});
        break;
      case 'ObjectPattern':
        for (const p of pattern.properties) {
          if (p.type === 'RestElement') declarePattern(p.argument, kind, declaration, target, undefined, []);
          else {
            const key = getKeyName(p);
            declarePattern(p.value, kind, declaration, target, key === undefined ? undefined : init, key === undefined ? [] : [...path, key]);
          }
        }
        break;
      case 'ArrayPattern':
        for (const el of pattern.elements) declarePattern(el, kind, declaration, target, undefined, []);
        break;
      case 'AssignmentPattern':
        declarePattern(pattern.left, kind, declaration, target, init, path);
        break;
      case 'RestElement':
        declarePattern(pattern.argument, kind, declaration, target, undefined, []);
        break;
      case 'TSParameterProperty':
        declarePattern(pattern.parameter, kind, declaration, target, undefined, []);
        break;
    }
  }

  /** Declares what a statement list hoists into `target` (imports, functions, classes, variables). */
  function hoist(statements: readonly Node[], target: Scope): void {
    for (const raw of statements) {
      let stmt = raw;
      if ((stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration') && stmt.declaration) stmt = stmt.declaration;
      switch (stmt.type) {
        case 'VariableDeclaration':
          declareVariables(stmt, target);
          break;
        case 'FunctionDeclaration':
        case 'ClassDeclaration':
          if (stmt.id) declare(stmt.id, stmt.type === 'ClassDeclaration' ? 'class' : 'function', stmt, target);
          break;
        case 'ImportDeclaration':
          declareImport(stmt, target);
          break;
        case 'TSImportEqualsDeclaration': {
          const ref = stmt.moduleReference;
          const module = ref?.type === 'TSExternalModuleReference' ? getStringValue(ref.expression) : undefined;
          if (module && stmt.importKind !== 'type') {
            moduleLoads.push({ module, node: stmt, sideEffectOnly: false });
            declare(stmt.id, 'import', stmt, target, { importFrom: { module, name: '*' } });
            if (table.module(module)) otelImports.push({ module, node: stmt, sideEffectOnly: false });
          }
          break;
        }
      }
    }
  }

  function declareVariables(decl: Node, target: Scope): void {
    const kind: BindingKind = decl.kind === 'var' ? 'var' : decl.kind === 'const' ? 'const' : 'let';
    const into = kind === 'var' ? target.functionScope : target;
    for (const d of decl.declarations) declarePattern(d.id, kind, d, into, d.init ? { expr: d.init, scope: target } : undefined, []);
  }

  function declareImport(decl: Node, target: Scope): void {
    const module = getStringValue(decl.source);
    if (!module) return;
    importedModules.add(module);
    const known = !!table.module(module);
    if (decl.importKind === 'type') return;
    // `import { type A } from 'm'` is erased entirely by TypeScript
    const typeOnly = decl.specifiers.length > 0 && decl.specifiers.every((s: Node) => s.importKind === 'type');
    if (!typeOnly) moduleLoads.push({ module, node: decl, sideEffectOnly: decl.specifiers.length === 0 });
    if (known) otelImports.push({ module, node: decl, sideEffectOnly: decl.specifiers.length === 0 });
    for (const s of decl.specifiers) {
      if (s.importKind === 'type') continue;
      const name =
        s.type === 'ImportSpecifier' ? (s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value)) : s.type === 'ImportDefaultSpecifier' ? 'default' : '*';
      declare(s.local, 'import', decl, target, { importFrom: { module, name: name === 'default' ? '*' : name } });
    }
  }

  /** `import('m').then(({ NodeSDK }) => ...)`: the callback's first parameter is the module namespace. */
  function importThenSource(fn: Node, parent: Node | undefined): { expr: Node; scope: Scope } | undefined {
    if (!parent || !isCall(parent) || parent.arguments[0] !== fn) return undefined;
    const callee = unwrap(parent.callee);
    if (!isMember(callee) || callee.property?.name !== 'then') return undefined;
    const obj = unwrap(callee.object);
    return getDynamicImport(obj) ? { expr: obj, scope } : undefined;
  }

  function recordReturn(fn: Node, expr: Node): void {
    const list = returns.get(fn) ?? [];
    list.push({ expr, scope, path: [] });
    returns.set(fn, list);
  }

  function recordModuleUse(module: string | undefined, node: Node, parent: Node | undefined): void {
    if (module) importedModules.add(module);
    if (module) moduleLoads.push({ module, node, sideEffectOnly: parent?.type === 'ExpressionStatement' });
    if (!module || !table.module(module)) return;
    otelImports.push({ module, node, sideEffectOnly: parent?.type === 'ExpressionStatement' });
  }

  function isReference(id: Node, parent: Node | undefined, key: string | undefined): boolean {
    if (declarationIds.has(id) || !parent) return false;
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

  pushScope(scope);
  hoist(program.body, scope);

  walk(program, {
    enter(node, parent, key) {
      if (parent) parents.set(node, parent);
      switch (node.type) {
        case 'FunctionDeclaration':
        case 'FunctionExpression':
        case 'ArrowFunctionExpression': {
          const s = new Scope('function', node, scope);
          pushScope(s);
          functionStack.push(node);
          if (node.type === 'FunctionExpression' && node.id) declare(node.id, 'function', node, s);
          if (node.type === 'FunctionDeclaration' && node.id) declarationIds.add(node.id);
          const thenSource = importThenSource(node, parent);
          node.params.forEach((p: Node, i: number) => declarePattern(p, 'param', node, s, i === 0 ? thenSource : undefined, []));
          // Babel-estree gives overload signatures and abstract methods (`foo(): void;`) a body-less FunctionExpression.
          if (node.body?.type === 'BlockStatement') {
            functionBodies.add(node.body);
            hoist(node.body.body, s);
          } else if (node.body) {
            recordReturn(node, node.body);
          }
          break;
        }
        case 'BlockStatement':
        case 'StaticBlock':
          if (functionBodies.has(node)) break;
          pushScope(new Scope(node.type === 'StaticBlock' ? 'function' : 'block', node, scope));
          hoist(node.body, scope);
          break;
        case 'ForStatement':
        case 'ForInStatement':
        case 'ForOfStatement': {
          pushScope(new Scope('block', node, scope));
          const decl = node.type === 'ForStatement' ? node.init : node.left;
          if (decl?.type === 'VariableDeclaration') {
            if (node.type === 'ForStatement') declareVariables(decl, scope);
            else for (const d of decl.declarations) declarePattern(d.id, decl.kind === 'var' ? 'var' : 'let', d, decl.kind === 'var' ? scope.functionScope : scope, undefined, []);
          }
          break;
        }
        case 'SwitchStatement':
          pushScope(new Scope('block', node, scope));
          for (const c of node.cases) hoist(c.consequent, scope);
          break;
        case 'CatchClause':
          pushScope(new Scope('block', node, scope));
          declarePattern(node.param, 'catch', node, scope, undefined, []);
          break;
        case 'ClassDeclaration':
        case 'ClassExpression':
          if (node.id) declarationIds.add(node.id);
          classStack.push(node);
          break;
        case 'PropertyDefinition':
        case 'ClassProperty': {
          const cls = classStack.at(-1);
          const name = getKeyName(node);
          if (cls && name && node.value && !node.static) addThisProp(cls, name, { expr: node.value, scope, path: [] });
          break;
        }
        case 'Identifier':
          if (isReference(node, parent, key)) scope.resolve(node.name)?.references.push(node);
          break;
        case 'JSXElement':
        case 'JSXFragment':
          hasJsx = true;
          break;
        case 'AssignmentExpression': {
          if (!['=', '??=', '||=', '&&='].includes(node.operator)) break;
          const value: ValueSource = { expr: node.right, scope, path: [] };
          const left = unwrap(node.left);
          if (left.type === 'Identifier') scope.resolve(left.name)?.assignments.push(value);
          else if (isMember(left)) {
            memberAssignments.push({ target: left, value, node });
            const cls = classStack.at(-1);
            const name = left.computed ? undefined : left.property?.name;
            if (cls && name && unwrap(left.object).type === 'ThisExpression') addThisProp(cls, name, value);
          }
          break;
        }
        case 'ReturnStatement': {
          const fn = functionStack.at(-1);
          if (fn && node.argument) recordReturn(fn, node.argument);
          break;
        }
        case 'CallExpression':
        case 'OptionalCallExpression':
          calls.push(node);
          recordModuleUse(getStaticRequire(node) ?? getDynamicImport(node), node, parent);
          break;
        case 'NewExpression':
          calls.push(node);
          break;
        case 'ImportExpression':
          recordModuleUse(getDynamicImport(node), node, parent);
          break;
        case 'ExportAllDeclaration':
        case 'ExportNamedDeclaration': {
          const module = node.source && node.exportKind !== 'type' ? getStringValue(node.source) : undefined;
          if (module) moduleLoads.push({ module, node, sideEffectOnly: false });
          break;
        }
        case 'MetaProperty':
          if (parent && isMember(parent) && HOT_API_PROPERTIES.includes(parent.property?.name)) hotReferences.push(parent);
          break;
      }
      if (isMember(node) && !node.computed && node.property?.name === 'hot') {
        const obj = unwrap(node.object);
        if (obj.type === 'Identifier' && obj.name === 'module' && !scope.resolve('module')) hotReferences.push(node);
      }
      return true;
    },
    leave(node) {
      if (scope.node === node && node !== program) scope = scope.parent ?? scope;
      if (isFunction(node)) functionStack.pop();
      if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') classStack.pop();
    },
  });

  function addThisProp(cls: Node, name: string, value: ValueSource): void {
    let props = thisProps.get(cls);
    if (!props) thisProps.set(cls, (props = new Map()));
    const list = props.get(name) ?? [];
    list.push(value);
    props.set(name, list);
  }

  const classes = new Map<Node, Node | null>();
  return {
    ...input,
    parents,
    scopes,
    calls,
    memberAssignments,
    thisProps,
    returns,
    otelImports,
    importedModules,
    moduleLoads,
    hotReferences,
    hasJsx,
    scopeAt(node) {
      for (let n: Node | undefined = node; n; n = parents.get(n)) {
        const s = scopes.get(n);
        if (s) return s;
      }
      return scopes.get(program)!;
    },
    ancestors(node) {
      const out: Node[] = [];
      for (let n = parents.get(node); n; n = parents.get(n)) out.push(n);
      return out;
    },
    classOf(node) {
      const cached = classes.get(node);
      if (cached !== undefined) return cached ?? undefined;
      let found: Node | undefined;
      for (let n = parents.get(node); n; n = parents.get(n)) {
        if (n.type === 'ClassDeclaration' || n.type === 'ClassExpression') {
          found = n;
          break;
        }
        if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') {
          const p = parents.get(n);
          // a method's function keeps walking to its class; a plain nested function has its own `this`
          if (!p || !METHOD_PARENTS.has(p.type)) break;
        }
      }
      classes.set(node, found ?? null);
      return found;
    },
  };
}
