// Where a file's code runs: dev-only and prod-only branches (`process.env.NODE_ENV`,
// `import.meta.env.DEV`), and the runtime (Node or a browser) its OpenTelemetry packages target.
import type { Node } from '../ast/node';
import { getPropertyName, getStringValue, isMember, unwrap } from '../ast/node';
import type { FileModel } from './model';


/** `dev`: the test is true in development; `prod`: true in production. */
export type EnvPolarity = 'dev' | 'prod';

const invert = (p: EnvPolarity | undefined): EnvPolarity | undefined => (p === 'dev' ? 'prod' : p === 'prod' ? 'dev' : undefined);

const DEV_VALUES = new Set(['development', 'dev', 'local']);
const PROD_VALUES = new Set(['production', 'prod']);

/** `process.env.NODE_ENV`, `process.env['NODE_ENV']`, `import.meta.env.MODE`. */
function isModeExpression(n: Node): boolean {
  const e = unwrap(n);
  if (!isMember(e)) return false;
  const name = getPropertyName(e);
  const obj = unwrap(e.object);
  if (name === 'NODE_ENV' && isMember(obj) && getPropertyName(obj) === 'env' && unwrap(obj.object).type === 'Identifier' && unwrap(obj.object).name === 'process') return true;
  return name === 'MODE' && isImportMetaEnv(obj);
}

function isImportMetaEnv(n: Node): boolean {
  const e = unwrap(n);
  return isMember(e) && getPropertyName(e) === 'env' && unwrap(e.object).type === 'MetaProperty';
}

/**
 * Whether a condition is true in development or in production: comparisons of
 * `process.env.NODE_ENV` / `import.meta.env.MODE` with a literal, `import.meta.env.DEV/PROD`,
 * `__DEV__`, their negations, and const aliases of them.
 */
export function conditionPolarity(test: Node, model: FileModel, depth = 0): EnvPolarity | undefined {
  if (depth > 4) return undefined;
  const t = unwrap(test);
  switch (t.type) {
    case 'UnaryExpression':
      return t.operator === '!' ? invert(conditionPolarity(t.argument, model, depth + 1)) : undefined;
    case 'BinaryExpression': {
      if (!['===', '==', '!==', '!='].includes(t.operator)) return undefined;
      const [mode, lit] = isModeExpression(t.left) ? [t.left, t.right] : isModeExpression(t.right) ? [t.right, t.left] : [undefined, undefined];
      const value = lit ? getStringValue(lit) : undefined;
      if (!mode || value === undefined) return undefined;
      const eq: EnvPolarity | undefined = PROD_VALUES.has(value) ? 'prod' : DEV_VALUES.has(value) ? 'dev' : undefined;
      return t.operator.startsWith('!') ? invert(eq) : eq;
    }
    case 'LogicalExpression':
      if (t.operator === '&&') return conditionPolarity(t.left, model, depth + 1) ?? conditionPolarity(t.right, model, depth + 1);
      return undefined;
    case 'MemberExpression': {
      if (!isImportMetaEnv(t.object)) return undefined;
      const name = getPropertyName(t);
      return name === 'DEV' ? 'dev' : name === 'PROD' ? 'prod' : undefined;
    }
    case 'Identifier': {
      const b = model.scopeAt(t).resolve(t.name);
      if (!b) return t.name === '__DEV__' ? 'dev' : undefined;
      if (b.kind === 'const' && b.init && b.init.path.length === 0) return conditionPolarity(b.init.expr, model, depth + 1);
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The environment a node runs in from the branches around it (`if (isDev)`, `NODE_ENV === 'production' ? a : b`), if any decides it. */
export function envBranchOf(node: Node, model: FileModel): EnvPolarity | undefined {
  let child = node;
  for (const a of model.ancestors(node)) {
    let p: EnvPolarity | undefined;
    if (a.type === 'IfStatement' || a.type === 'ConditionalExpression') {
      if (child === a.consequent) p = conditionPolarity(a.test, model);
      else if (child === a.alternate) p = invert(conditionPolarity(a.test, model));
    } else if (a.type === 'LogicalExpression' && child === a.right) {
      const left = conditionPolarity(a.left, model);
      p = a.operator === '&&' ? left : a.operator === '||' ? invert(left) : undefined;
    }
    if (p) return p;
    child = a;
  }
  return undefined;
}

/** True when the node only runs in development (a dev-only branch). */
export function isInDevOnlyBranch(node: Node, model: FileModel): boolean {
  return envBranchOf(node, model) === 'dev';
}

// ---------------------------------------------------------------------------------------------
// runtime

/** Where the file runs: a browser when it uses browser OpenTelemetry packages and no Node-only ones. */
export function fileRuntime(model: FileModel): 'node' | 'web' {
  let web = false;
  for (const imp of model.otelImports) {
    const platform = model.table.module(imp.module)?.platform;
    if (platform === 'node') return 'node';
    if (platform === 'web') web = true;
  }
  return web ? 'web' : 'node';
}
