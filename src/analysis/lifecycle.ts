// Lifecycle analyses over the file model (no second walk): dev-only branches, the
// runtime a file runs in, process signal/exit listeners and what their handlers reach
// (`shutdown()`, `process.exit()`), and span processors that batch (explicitly or implicitly).
import type { Node } from '../ast/node';
import { findProperty, getBooleanValue, getPropertyName, getRange, getStringValue, isCall, isFunction, isMember, unwrap } from '../ast/node';
import type { ExportSpec, ImplicitBatching } from '../otel/types';
import type { FileModel } from './model';
import type { ExportValue } from './values';
import { getEvaluator } from './values';

// ---------------------------------------------------------------------------------------------
// dev-only / prod-only branches

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

// ---------------------------------------------------------------------------------------------
// process listeners and what handlers reach

export interface ProcessListener {
  /** The `process.on(...)` call. */
  readonly call: Node;
  readonly method: string;
  /** Events the call listens to (one, or several through `forEach` / `for…of` over a literal array). */
  readonly events: readonly string[];
  /** The handler functions (a factory call's returned functions included). */
  readonly handlers: readonly Node[];
}

const LISTEN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const EXIT_METHODS = new Set(['exit', 'kill', 'abort', 'reallyExit']);

/** `process` (not shadowed), or `globalThis.process`. */
export function isProcess(expr: Node, model: FileModel): boolean {
  const n = unwrap(expr);
  if (n.type === 'Identifier') return n.name === 'process' && !model.scopeAt(n).resolve('process');
  return isMember(n) && getPropertyName(n) === 'process' && unwrap(n.object).type === 'Identifier' && ['globalThis', 'global'].includes(unwrap(n.object).name);
}

/** `process.<method>(...)`: the method name, else undefined. */
export function processMethod(call: Node, model: FileModel): string | undefined {
  if (!isCall(call)) return undefined;
  const callee = unwrap(call.callee);
  if (!isMember(callee) || !isProcess(callee.object, model)) return undefined;
  return getPropertyName(callee);
}

const listenerCache = new WeakMap<FileModel, ProcessListener[]>();

/** Every `process.on/once/...` listener of the file. */
export function getProcessListeners(model: FileModel): readonly ProcessListener[] {
  let out = listenerCache.get(model);
  if (out) return out;
  out = [];
  for (const call of model.calls) {
    const method = processMethod(call, model);
    if (!method || !LISTEN_METHODS.has(method) || call.arguments.length < 2) continue;
    const events = eventNames(call.arguments[0], model);
    if (events.length === 0) continue;
    out.push({ call, method, events, handlers: resolveFunctions(call.arguments[1], model, 0) });
  }
  listenerCache.set(model, out);
  return out;
}

/** Strings of a literal array (directly or through consts, followed in a loop; a cycle of consts has none). */
function stringArray(expr: Node | undefined, model: FileModel): string[] {
  const seen = new Set<Node>();
  for (let next = expr; next && !seen.has(next); ) {
    seen.add(next);
    const e = unwrap(next);
    if (e.type === 'ArrayExpression') return e.elements.map((x: Node | null) => (x ? getStringValue(x) : undefined)).filter((s: string | undefined): s is string => s !== undefined);
    if (e.type !== 'Identifier') return [];
    const b = model.scopeAt(e).resolve(e.name);
    next = b?.kind === 'const' && b.init && b.init.path.length === 0 ? b.init.expr : undefined;
  }
  return [];
}

/** Event names of a listener's first argument: a literal, or the loop variable of `for (const s of [...])` / `[...].forEach((s) => ...)`. */
function eventNames(arg: Node | undefined, model: FileModel): string[] {
  if (!arg) return [];
  const s = getStringValue(arg);
  if (s !== undefined) return [s];
  const a = unwrap(arg);
  if (a.type !== 'Identifier') return [];
  const b = model.scopeAt(a).resolve(a.name);
  if (!b) return [];
  if (b.kind === 'const' && b.init && b.init.path.length === 0) {
    const v = getStringValue(b.init.expr);
    if (v !== undefined) return [v];
  }
  const decl = b.declaration;
  // for (const signal of ['SIGINT', 'SIGTERM'])
  const declParent = model.parents.get(decl);
  const loop = declParent && model.parents.get(declParent);
  if (decl.type === 'VariableDeclarator' && loop?.type === 'ForOfStatement' && loop.left === declParent) return stringArray(loop.right, model);
  // ['SIGINT', 'SIGTERM'].forEach((signal) => ...)
  if (b.kind === 'param' && isFunction(decl) && decl.params[0] === b.id) {
    const call = model.parents.get(decl);
    if (call && isCall(call) && call.arguments[0] === decl) {
      const callee = unwrap(call.callee);
      if (isMember(callee) && getPropertyName(callee) === 'forEach') return stringArray(callee.object, model);
    }
  }
  return [];
}

/** The functions an expression denotes: function literals, named functions, consts holding them, and what factories return. */
export function resolveFunctions(expr: Node | undefined, model: FileModel, depth: number): Node[] {
  if (!expr || depth > 4) return [];
  const e = unwrap(expr);
  if (isFunction(e)) return [e];
  if (e.type === 'Identifier') {
    const b = model.scopeAt(e).resolve(e.name);
    if (!b) return [];
    if (b.kind === 'function' && isFunction(b.declaration)) return [b.declaration];
    if (b.init && b.init.path.length === 0 && (b.kind === 'const' || b.kind === 'let' || b.kind === 'var')) return resolveFunctions(b.init.expr, model, depth + 1);
    return [];
  }
  if (isCall(e)) {
    // exitOn(143): the factory's returned functions
    const out: Node[] = [];
    for (const fn of resolveFunctions(e.callee, model, depth + 1)) for (const r of model.returns.get(fn) ?? []) out.push(...resolveFunctions(r.expr, model, depth + 1));
    return out;
  }
  if (isMember(e) && getPropertyName(e) === 'bind') return resolveFunctions(e.object, model, depth + 1);
  return [];
}

/** Calls inside a node's source range (the model's calls, no walk). */
export function callsWithin(node: Node, model: FileModel): Node[] {
  const [s, e] = getRange(node);
  return model.calls.filter((c) => {
    const [cs, ce] = getRange(c);
    return cs >= s && ce <= e && c !== node;
  });
}

/** The nearest function around a node. */
export function enclosingFunction(node: Node, model: FileModel): Node | undefined {
  return model.ancestors(node).find((a) => isFunction(a));
}

/** True for `x.shutdown()`, `x.forceFlush()`, and vendor shutdown functions (`shutdownAzureMonitor()`). */
export function isShutdownCall(call: Node, model: FileModel): boolean {
  if (!isCall(call)) return false;
  const callee = unwrap(call.callee);
  if (isMember(callee) && ['shutdown', 'forceFlush'].includes(getPropertyName(callee) ?? '')) return true;
  const v = getEvaluator(model).evaluate(callee);
  return v?.kind === 'export' && v.spec.kind === 'shutdown-function';
}

export interface FunctionFacts {
  /** Calls in the function (or functions it calls) that shut telemetry down. */
  readonly reachesShutdown: boolean;
  /** The function (or something it calls) ends the process: `process.exit/kill/abort`, or closes a server so it can end. */
  readonly exits: boolean;
  /** Calls directly in the function that start a shutdown (a shutdown call, or a call of a local function that reaches one). */
  readonly shutdownStarts: readonly Node[];
  /** `process.exit(...)` calls directly in the function (not in callbacks). */
  readonly directExits: readonly Node[];
}

const factsCache = new WeakMap<Node, FunctionFacts>();

/** What a handler function reaches (memoized; follows calls of local functions a few levels deep). */
export function functionFacts(fn: Node, model: FileModel, depth = 0): FunctionFacts {
  const cached = factsCache.get(fn);
  if (cached) return cached;
  factsCache.set(fn, { reachesShutdown: false, exits: false, shutdownStarts: [], directExits: [] }); // cycle guard
  let reachesShutdown = false;
  let exits = false;
  const shutdownStarts: Node[] = [];
  const directExits: Node[] = [];
  for (const call of callsWithin(fn, model)) {
    const direct = enclosingFunction(call, model) === fn;
    const pm = processMethod(call, model);
    if (pm && EXIT_METHODS.has(pm)) {
      exits = true;
      if (direct && pm === 'exit') directExits.push(call);
      continue;
    }
    // `server.close()` lets the process end on its own once the flush is done
    if (!pm && isCall(call) && isMember(unwrap(call.callee)) && getPropertyName(unwrap(call.callee)) === 'close') exits = true;
    if (isShutdownCall(call, model)) {
      reachesShutdown = true;
      if (direct) shutdownStarts.push(call);
      continue;
    }
    if (depth < 4 && call.type !== 'NewExpression') {
      for (const callee of resolveFunctions(call.callee, model, 0)) {
        if (callee === fn) continue;
        const f = functionFacts(callee, model, depth + 1);
        if (f.reachesShutdown) {
          reachesShutdown = true;
          if (direct) shutdownStarts.push(call);
        }
        if (f.exits) exits = true;
      }
    }
  }
  const facts = { reachesShutdown, exits, shutdownStarts, directExits };
  factsCache.set(fn, facts);
  return facts;
}

/** True when a call's promise is awaited (or yielded) before its statement ends. */
export function isAwaited(call: Node, fn: Node, model: FileModel): boolean {
  for (const a of model.ancestors(call)) {
    if (a === fn) return false;
    if (a.type === 'AwaitExpression' || a.type === 'YieldExpression') return true;
    if (a.type.endsWith('Statement') || a.type === 'VariableDeclaration') return false;
  }
  return false;
}

/**
 * `sdk.shutdown(); process.exit(0)`: exits in `fn` that follow a shutdown started in the
 * same function without awaiting it (chained callbacks and awaited shutdowns are fine).
 */
export function exitsBeforeFlush(fn: Node, model: FileModel): { exit: Node; shutdown: Node }[] {
  const facts = functionFacts(fn, model);
  const out: { exit: Node; shutdown: Node }[] = [];
  for (const exit of facts.directExits) {
    const start = getRange(exit)[0];
    const pending = facts.shutdownStarts.find((s) => getRange(s)[1] <= start && !isAwaited(s, fn, model));
    if (pending) out.push({ exit, shutdown: pending });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// batching

export interface BatchingSite {
  /** The `new X(...)` or call. */
  readonly node: Node;
  /** `explicit`: a batch processor constructed; `implicit`: an SDK that batches on its own. */
  readonly kind: 'explicit' | 'implicit';
  readonly of: ExportValue;
  /** The options object argument, if literal. */
  readonly options: Node | undefined;
  /** For implicit batching through `traceExporter`: that property. */
  readonly traceExporter: Node | undefined;
  readonly batching: ImplicitBatching | undefined;
}

const batchingCache = new WeakMap<FileModel, BatchingSite[]>();

/** Every explicit batch processor and every SDK setup that batches implicitly (otel-api-surface.md §2.3). */
export function getBatchingSites(model: FileModel): readonly BatchingSite[] {
  let out = batchingCache.get(model);
  if (out) return out;
  out = [];
  const ev = getEvaluator(model);
  for (const call of model.calls) {
    const callee = ev.evaluate(call.callee);
    if (callee?.kind !== 'export') continue;
    const spec: ExportSpec = callee.spec;
    const first = call.arguments[0] as Node | undefined;
    const options = first && unwrap(first).type === 'ObjectExpression' ? unwrap(first) : undefined;
    if (call.type === 'NewExpression' && spec.kind === 'span-processor' && spec.batching) {
      out.push({ node: call, kind: 'explicit', of: callee, options, traceExporter: undefined, batching: undefined });
      continue;
    }
    const batches = (spec.kind === 'sdk' && call.type === 'NewExpression') || (spec.kind === 'sdk-function' && isCall(call)) ? spec.batches : undefined;
    if (!batches) continue;
    if (first && !options && unwrap(first).type !== 'Literal' && unwrap(first).type !== 'StringLiteral' && unwrap(first).type !== 'TemplateLiteral') continue; // options we cannot see
    const traceExporter = findProperty(options, 'traceExporter');
    if (batches.when === 'traceExporter' && !traceExporter) continue;
    if (batches.unlessOptions?.some((o) => optsOut(findProperty(options, o)))) continue;
    if (batches.unlessTrue?.some((o) => getBooleanValue(findProperty(options, o)?.value) === true)) continue;
    out.push({ node: call, kind: 'implicit', of: callee, options, traceExporter, batching: batches });
  }
  batchingCache.set(model, out);
  return out;
}

/** An option that replaces the implicit processor: present, and not a list that keeps `'auto'` (`@vercel/otel`). */
function optsOut(prop: Node | undefined): boolean {
  if (!prop) return false;
  const v = unwrap(prop.value);
  if (v.type === 'ArrayExpression') return !v.elements.some((e: Node | null) => e && getStringValue(e) === 'auto');
  return true;
}
