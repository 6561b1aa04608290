// One walk over a file that imports OpenTelemetry: scopes and bindings, the values
// assigned to them, every call, and the imports. All analyses read this model;
// none of them walks the AST again.
import type { Node } from '../ast/node';
import type { Table } from '../otel/table';
import type { OtelSafeSettings } from '../core/settings';
import type { MemberAssignment, ModelFacts, ModuleImport } from './model-builder';
import { ModelBuilder } from './model-builder';
import type { Scope, ValueSource } from './scope';

export type { MemberAssignment, ModuleImport } from './model-builder';

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
  /** Config types of table modules imported by name (`import type { ResolveConfigFn }`): local name → module and type. */
  readonly configTypeImports: ReadonlyMap<string, { module: string; type: string }>;
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

/** Builds the model with a single walk (the steps are in model-builder.ts). */
export function buildModel(input: ModelInput): FileModel {
  // a scope lookup per call for `createRequire` aliases only where the text can hold one
  const facts = new ModelBuilder(input.program, input.table, input.source.includes('createRequire')).record();
  return { ...input, ...facts, ...modelQueries(input.program, facts) };
}

/** The questions the model answers from its parent links: the scope around a node, its ancestors, its class. */
function modelQueries(program: Node, { parents, scopes }: ModelFacts): Pick<FileModel, 'scopeAt' | 'ancestors' | 'classOf'> {
  const classes = new Map<Node, Node | null>();
  // scopes found for nodes that own none, filled along each path walked: in a long chain every
  // node's nearest scope is far up, and walking there for each of them would be quadratic
  const scopeOf = new Map<Node, Scope>();
  return {
    scopeAt(node) {
      const path: Node[] = [];
      let found: Scope | undefined;
      for (let n: Node | undefined = node; n; n = parents.get(n)) {
        found = scopes.get(n) ?? scopeOf.get(n);
        if (found) break;
        path.push(n);
      }
      found ??= scopes.get(program)!;
      for (const n of path) scopeOf.set(n, found);
      return found;
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
