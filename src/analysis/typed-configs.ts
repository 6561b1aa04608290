// Values a module builds as the configuration of a table export without calling it: typed with one
// of the package's config types (`ModuleSpec.configTypes`), as in a helper that only
// `import type { ResolveConfigFn } from '@microlabs/otel-cf-workers'` and returns `(env) => ({ … })`
// for `instrument(handler, config)` in another file. The checks read such a value like the
// export's argument. Only top-level declarations are looked at (where such helpers live).
import type { Node } from '../ast/node';
import { unwrap } from '../ast/node';
import type { FileModel } from './model';

export interface TypedConfig {
  readonly module: string;
  /** The export whose configuration it is (`instrument`). */
  readonly exportName: string;
  /** What the configuration is: an object, a config function, or a function's returned value. */
  readonly value: Node;
}

/** Every top-level value typed with a config type the file imports. */
export function getTypedConfigs(model: FileModel): TypedConfig[] {
  if (model.configTypeImports.size === 0) return [];
  const out: TypedConfig[] = [];
  const add = (typeNode: Node | undefined, value: Node | null | undefined): void => {
    const config = typeNode && value ? configTypeOf(typeNode, model) : undefined;
    if (config) out.push({ ...config, value: value! });
  };
  for (const statement of model.program.body as Node[]) {
    const decl = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (!decl) continue;
    // `function createConfig(): ResolveConfigFn { return (env) => ({ … }) }`
    if (decl.type === 'FunctionDeclaration') for (const r of model.returns.get(decl) ?? []) add(decl.returnType, r.expr);
    if (decl.type === 'VariableDeclaration') {
      for (const d of decl.declarations as Node[]) {
        // `const config: TraceConfig = { … }`
        add(d.id?.typeAnnotation, d.init);
        const init = d.init ? unwrap(d.init) : undefined;
        // `const createConfig = (name: string): ResolveConfigFn => (env) => ({ … })`
        if (init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression')) for (const r of model.returns.get(init) ?? []) add(init.returnType, r.expr);
        // `const config = { … } satisfies TraceConfig`
        if (d.init) asserted(d.init, add);
      }
    }
    // `export default ((env) => ({ … })) satisfies ResolveConfigFn`
    if (statement.type === 'ExportDefaultDeclaration' && decl.type !== 'FunctionDeclaration') asserted(decl, add);
  }
  return out;
}

/** `x satisfies T`, `x as T`, `<T>x`: the asserted type and its expression. */
function asserted(expr: Node, add: (typeNode: Node | undefined, value: Node) => void): void {
  if (expr.type === 'TSSatisfiesExpression' || expr.type === 'TSAsExpression' || expr.type === 'TSTypeAssertion') add(expr.typeAnnotation, expr.expression);
}

/** The config type a type annotation names (`ResolveConfigFn`, `ResolveConfigFn<Env>`), resolved through the file's imports. */
function configTypeOf(typeNode: Node, model: FileModel): { module: string; exportName: string } | undefined {
  const type = typeNode.type === 'TSTypeAnnotation' ? typeNode.typeAnnotation : typeNode;
  if (type?.type !== 'TSTypeReference' || type.typeName?.type !== 'Identifier') return undefined;
  const imported = model.configTypeImports.get(type.typeName.name);
  if (!imported) return undefined;
  const exportName = model.table.module(imported.module)?.configTypes?.[imported.type];
  return exportName ? { module: imported.module, exportName } : undefined;
}
