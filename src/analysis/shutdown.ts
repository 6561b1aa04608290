// Process signal and exit listeners, and what their handlers reach (`shutdown()`,
// `process.exit()`): the facts `require-shutdown-handler` and `add-shutdown-handler` read.
import type { Node } from '../ast/node';
import { getPropertyName, getRange, getStaticRequire, getStringValue, isCall, isFunction, isMember, unwrap } from '../ast/node';
import { walk } from '../ast/walk';
import type { FileModel } from './model';
import { calledExport } from './values';

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

const PROCESS_MODULES = new Set(['process', 'node:process']);

/** The global `process`, `globalThis.process`, or a binding of the `process` module (`import process from 'node:process'`, `const process = require('process')`): one object. */
export function isProcess(expr: Node, model: FileModel): boolean {
  const n = unwrap(expr);
  if (n.type === 'Identifier') {
    const b = model.scopeAt(n).resolve(n.name);
    if (!b) return n.name === 'process';
    if (b.importFrom) return PROCESS_MODULES.has(b.importFrom.module) && b.importFrom.name === '*';
    const required = b.kind === 'const' && b.init && b.init.path.length === 0 ? getStaticRequire(b.init.expr) : undefined;
    return required !== undefined && PROCESS_MODULES.has(required);
  }
  // `process.on('SIGTERM', f).on('SIGINT', g)`: an emitter's listener methods return the emitter
  if (isCall(n)) {
    const callee = unwrap(n.callee);
    return isMember(callee) && LISTEN_METHODS.has(getPropertyName(callee) ?? '') && isProcess(callee.object, model);
  }
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
export function stringArray(expr: Node | undefined, model: FileModel): string[] {
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
    if (b.kind === 'param') return passedFunctions(b.id, b.declaration, model);
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

/**
 * A parameter of a named function of this file: the functions its calls here pass in that position
 * (`registerShutdownHandlers(close)` with `const close = async () => { await closeResources(app) }`,
 * holdout15 monte). Callers in other modules are not read.
 */
function passedFunctions(param: Node, fn: Node, model: FileModel): Node[] {
  const cached = passedCache.get(param);
  if (cached) return cached;
  const index = isFunction(fn) ? (fn.params as Node[]).indexOf(param) : -1;
  const name = index < 0 ? undefined : declaringIdentifier(fn, model);
  if (!name) return [];
  passedCache.set(param, []); // a call passing the parameter on to its own function
  const binding = model.scopeAt(name).resolve(name.name);
  const out: Node[] = [];
  for (const call of model.calls) {
    const callee = unwrap(call.callee);
    if (callee.type !== 'Identifier' || callee.name !== name.name || model.scopeAt(callee).resolve(callee.name) !== binding) continue;
    const arg = call.arguments[index];
    // from a fixed depth, so the answer cached for the parameter does not depend on who asked first
    if (arg && arg.type !== 'SpreadElement') out.push(...resolveFunctions(arg, model, 1));
  }
  passedCache.set(param, out);
  return out;
}

/** `passedFunctions` per parameter node (one AST per model, so per file). */
const passedCache = new WeakMap<Node, Node[]>();

/**
 * The identifier a function is declared under: `function f()`, `const f = () => …` (the node, for
 * scope resolution; `functionName` in rerunnable.ts gives any name a function is known by).
 */
function declaringIdentifier(fn: Node, model: FileModel): Node | undefined {
  if (fn.type === 'FunctionDeclaration') return fn.id ?? undefined;
  const parent = model.parents.get(fn);
  return parent?.type === 'VariableDeclarator' && parent.init === fn && parent.id.type === 'Identifier' ? parent.id : undefined;
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
  return calledExport(call, model)?.spec.kind === 'shutdown-function';
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
    if (!pm && isCall(call) && isMember(unwrap(call.callee)) && getPropertyName(unwrap(call.callee)) === 'close' && !isLibraryModule(unwrap(call.callee).object, model)) exits = true;
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

/**
 * A package's module object (`Sentry` of `import * as Sentry from '@sentry/node'` or `const Sentry =
 * require('@sentry/node')`): its `close()` (Sentry 8 `close(timeout)` flushes Sentry's client) is
 * no server closing, and ends nothing (holdout6 S15).
 */
function isLibraryModule(expr: Node, model: FileModel): boolean {
  const n = unwrap(expr);
  if (n.type !== 'Identifier') return false;
  const b = model.scopeAt(n).resolve(n.name);
  if (!b) return false;
  const module = b.importFrom ? (b.importFrom.name === '*' ? b.importFrom.module : undefined) : b.kind === 'const' && b.init && b.init.path.length === 0 ? getStaticRequire(b.init.expr) : undefined;
  return module !== undefined && /^(?:@[\w.-]+\/)?[\w.-]+(?:\/|$)/.test(module) && !module.startsWith('.');
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
    const pending = facts.shutdownStarts.find((s) => getRange(s)[1] <= start && !isAwaited(s, fn, model) && !neverBoth(s, exit, fn, model));
    if (pending) out.push({ exit, shutdown: pending });
  }
  return out;
}

/**
 * The exit never runs after the shutdown started: the two sit in different arms of one `if`/`?:`
 * (`if (sdk) sdk.shutdown().finally(exit); else process.exit(0)`), or the exit is in the arm taken
 * when the shutdown's own result is no promise (`const p = sdk.shutdown?.(); if (p && p.then) …
 * else process.exit(0)`: nothing was started to wait for).
 */
function neverBoth(shutdown: Node, exit: Node, fn: Node, model: FileModel): boolean {
  const result = resultName(shutdown, fn, model);
  for (const a of model.ancestors(exit)) {
    if (a === fn) return false;
    if ((a.type !== 'IfStatement' && a.type !== 'ConditionalExpression') || !a.alternate) continue;
    if (within(shutdown, a.consequent) && within(exit, a.alternate)) return true;
    if (within(shutdown, a.alternate) && within(exit, a.consequent)) return true;
    if (result !== undefined && within(exit, a.alternate) && mentions(a.test, result)) return true;
  }
  return false;
}

/** `node` lies inside `arm` (by source range). */
function within(node: Node, arm: Node): boolean {
  const [lo, hi] = getRange(node);
  return getRange(arm)[0] <= lo && hi <= getRange(arm)[1];
}

/** The name a shutdown call's result is bound to in `fn` (`const p = sdk.shutdown()`), if any. */
function resultName(shutdown: Node, fn: Node, model: FileModel): string | undefined {
  for (const a of model.ancestors(shutdown)) {
    if (a === fn || a.type.endsWith('Statement')) return undefined;
    if (a.type === 'VariableDeclarator') return a.id?.type === 'Identifier' ? a.id.name : undefined;
  }
  return undefined;
}

/** `test` reads the identifier `name` (`p && typeof p.then === 'function'`). */
function mentions(test: Node, name: string): boolean {
  let found = false;
  walk(test, { enter: (n) => (found ||= n.type === 'Identifier' && n.name === name) ? false : undefined });
  return found;
}
