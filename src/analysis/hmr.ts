// HMR: whether a file is re-evaluated by a dev server's hot update, which hot API it
// uses, how its OpenTelemetry setup survives re-evaluation (a `hot.data` hand-over, a
// `globalThis` slot) and what its dispose callbacks do (otel-api-surface.md §5).
import { ignoresSecondCall } from './duplicates';
import { dirname, join } from 'node:path';
import type { Node } from '../ast/node';
import { getPropertyName, getRange, isCall, isFalsyLiteral, isFunction, isMember, unwrap } from '../ast/node';
import { walk } from '../ast/walk';
import { findPackageDir, isRecord, readJsonObject } from '../project/files';
import { matchesProjectGlobs } from '../project';
import type { GlobalSlot } from '../otel/types';
import type { Guard } from './guards';
import { reevaluationEvidence, type ReevaluationEvidence } from './hmr-evidence';
import { findGuard, isHotData } from './guards';
import type { FileModel } from './model';
import type { RegistrationSite } from './registration';
import { getRegistrationSites } from './registration';
import type { Binding } from './scope';
import { getEvaluator } from './values';

/** The hot objects of otel-api-surface.md §5.1, as written in source. */
export type HotApi = 'import.meta.hot' | 'import.meta.webpackHot' | 'import.meta.turbopackHot' | 'module.hot';

export interface HmrContext {
  /** Why the file counts as re-evaluated by HMR. */
  readonly reason: 'setting' | 'glob' | 'hot-api' | 'dev-server';
  /** For `dev-server`: which dev server, and how it re-evaluates the module. */
  readonly evidence?: ReevaluationEvidence;
  /** The hot API to write in fixes: the one the file uses, else the project's bundler's. */
  readonly api: HotApi;
}

/** A call of a hot API method (`import.meta.hot.dispose(cb)`). */
export interface HotCall {
  readonly call: Node;
  readonly method: string;
  readonly api: HotApi;
  /** The callback when it is an inline or local function. */
  readonly callback: Node | undefined;
}

/** What a `dispose` callback does with the running telemetry. */
export interface DisposeInfo extends HotCall {
  /** Writes into the `data` parameter, `hot.data` or a `globalThis` slot. */
  readonly handsOver: boolean;
  /** `x.shutdown()` calls. */
  readonly shutdowns: readonly Node[];
  /** API globals disabled (`trace.disable()`). */
  readonly disables: ReadonlySet<GlobalSlot>;
  /** Calls the unload function `registerInstrumentations` returned. */
  readonly unloads: boolean;
  /** Module-level `let`/`var` bindings the callback assigns (flag resets when they guard setup). */
  readonly flagResets: readonly Binding[];
  /** Every statement of the callback is teardown or a flag reset: the whole dispose can be replaced. */
  readonly onlyTeardown: boolean;
}

/** How a registration is protected against the module being evaluated again. */
export interface Protection {
  /** `process`: globalThis slot or API state; `hot`: hand-over through `hot.data`; `module`: a module flag only. */
  readonly kind: 'process' | 'hot' | 'module' | 'none';
  readonly guard: Guard | undefined;
}

const DISPOSE_METHODS = new Set(['dispose', 'addDisposeHandler']);
const REACT_KINDS = new Set(['react-component', 'react-hook', 'react-effect']);

const contexts = new WeakMap<FileModel, HmrContext | null>();

/** True when the file is an HMR context (SPEC §4): hot API references, a dev server that re-evaluates it, or settings. */
export function isHmrContext(model: FileModel): boolean {
  return !!getHmrContext(model);
}

/** The file's HMR context, or undefined when hot updates do not re-evaluate it (memoized per model). */
export function getHmrContext(model: FileModel): HmrContext | undefined {
  const cached = contexts.get(model);
  if (cached !== undefined) return cached ?? undefined;
  const ctx = computeContext(model);
  contexts.set(model, ctx ?? null);
  return ctx;
}

function computeContext(model: FileModel): HmrContext | undefined {
  const mode = model.settings.hmr;
  if (mode === 'never') return undefined;
  const api = chooseHotApi(model);
  if (mode === 'always') return { reason: 'setting', api };
  if (model.hotReferences.length > 0) return { reason: 'hot-api', api };
  if (Array.isArray(mode) && mode.length > 0 && matchesProjectGlobs(model.filename, mode, model.cwd)) return { reason: 'glob', api };
  const evidence = reevaluationEvidence(model);
  return evidence ? { reason: 'dev-server', api, evidence } : undefined;
}

/** Imports a browser OTel module (the table's `platform: 'web'` modules: web SDKs, zone context, fetch/XHR/DOM instrumentations). */
export function usesBrowserPackage(model: FileModel): boolean {
  return model.otelImports.some((imp) => model.table.module(imp.module)?.platform === 'web');
}

/** The hot API a hot reference (`module.hot`, `import.meta.hot` member node) names. */
export function hotApiOf(ref: Node): HotApi {
  const obj = unwrap(ref.object);
  if (obj.type === 'Identifier') return 'module.hot';
  const name = getPropertyName(ref);
  return name === 'webpackHot' ? 'import.meta.webpackHot' : name === 'turbopackHot' ? 'import.meta.turbopackHot' : 'import.meta.hot';
}

/** The hot API the file uses (most frequent reference), else the one its project's bundler provides. */
export function chooseHotApi(model: FileModel): HotApi {
  const counts = new Map<HotApi, number>();
  for (const ref of model.hotReferences) counts.set(hotApiOf(ref), (counts.get(hotApiOf(ref)) ?? 0) + 1);
  let best: HotApi | undefined;
  for (const [api, n] of counts) if (!best || n > (counts.get(best) ?? 0)) best = api;
  if (best) return best;
  const esm = isEsm(model);
  if (!esm) return 'module.hot'; // `import.meta` is a syntax error in CommonJS
  const deps = projectDependencies(model.filename);
  // Next.js serves the app with its own bundler even where vite is a dependency (for vitest): a
  // Vite-only `import.meta.hot` is undefined there, and the hand-over would never run (holdout11 tripsage)
  const webpackApi = (): HotApi => (/\.m[jt]s$/.test(model.filename) || packageType(model.filename) === 'module' ? 'import.meta.webpackHot' : 'module.hot');
  if (deps.has('next')) return webpackApi();
  if (deps.has('vite') || [...deps].some((d) => d.startsWith('@vitejs/'))) return 'import.meta.hot';
  if (deps.has('webpack') || deps.has('@rspack/core') || deps.has('@rsbuild/core')) return webpackApi();
  if (deps.has('parcel') || deps.has('@parcel/core')) return 'module.hot';
  return 'import.meta.hot';
}

function isEsm(model: FileModel): boolean {
  return model.program.body.some((s: Node) => s.type === 'ImportDeclaration' || s.type.startsWith('Export')) || /\.m[jt]s$/.test(model.filename);
}

interface PackageInfo {
  readonly deps: Set<string>;
  readonly type: string | undefined;
}

/** The nearest package.json above a file (a missing or malformed file is absent). */
function nearestPackage(filename: string): PackageInfo | undefined {
  const dir = findPackageDir(dirname(filename));
  const pkg = dir === undefined ? undefined : readJsonObject(join(dir, 'package.json'));
  if (!pkg) return undefined;
  const deps = new Set<string>();
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const d = pkg[key];
    if (isRecord(d)) for (const name of Object.keys(d)) deps.add(name);
  }
  return { deps, type: typeof pkg.type === 'string' ? pkg.type : undefined };
}

/** The nearest package.json's dependencies of every kind. */
export function projectDependencies(filename: string): Set<string> {
  return nearestPackage(filename)?.deps ?? new Set();
}

function packageType(filename: string): string | undefined {
  return nearestPackage(filename)?.type;
}

// ---------------------------------------------------------------------------------------------
// hot calls and dispose callbacks

const hotCallsCache = new WeakMap<FileModel, HotCall[]>();

/** Every call of a hot API method in the file (`import.meta.hot.accept()`, `module.hot.dispose(cb)`), also through a const alias. */
export function getHotCalls(model: FileModel): readonly HotCall[] {
  let out = hotCallsCache.get(model);
  if (out) return out;
  out = [];
  const refs = new Set(model.hotReferences);
  for (const call of model.calls) {
    if (!isCall(call)) continue;
    const callee = unwrap(call.callee);
    if (!isMember(callee)) continue;
    const method = getPropertyName(callee);
    if (!method) continue;
    const ref = hotRefOf(unwrap(callee.object), refs, model);
    if (!ref) continue;
    out.push({ call, method, api: hotApiOf(ref), callback: callbackOf(call.arguments[0], model) });
  }
  hotCallsCache.set(model, out);
  return out;
}

/** The hot reference an expression denotes: the reference itself, or a const alias of one (`const hot = import.meta.hot`). */
function hotRefOf(expr: Node, refs: Set<Node>, model: FileModel): Node | undefined {
  if (refs.has(expr)) return expr;
  if (expr.type !== 'Identifier') return undefined;
  const b = model.scopeAt(expr).resolve(expr.name);
  if (!b || b.kind !== 'const' || !b.init || b.init.path.length > 0) return undefined;
  const init = unwrap(b.init.expr);
  return refs.has(init) ? init : undefined;
}

/** An inline function, or a local function passed by name. */
function callbackOf(arg: Node | undefined, model: FileModel): Node | undefined {
  if (!arg) return undefined;
  const n = unwrap(arg);
  if (isFunction(n)) return n;
  if (n.type !== 'Identifier') return undefined;
  const b = model.scopeAt(n).resolve(n.name);
  if (!b) return undefined;
  if (isFunction(b.declaration)) return b.declaration;
  const init = b.init && b.init.path.length === 0 ? unwrap(b.init.expr) : undefined;
  return init && isFunction(init) ? init : undefined;
}

const disposeCache = new WeakMap<FileModel, DisposeInfo[]>();

/** Every `dispose` / `addDisposeHandler` call with what its callback does. */
export function getDisposes(model: FileModel): readonly DisposeInfo[] {
  let out = disposeCache.get(model);
  if (!out) {
    out = getHotCalls(model)
      .filter((h) => DISPOSE_METHODS.has(h.method))
      .map((h) => analyzeDispose(h, model));
    disposeCache.set(model, out);
  }
  return out;
}

function within(node: Node, container: Node): boolean {
  const [s, e] = getRange(node);
  const [cs, ce] = getRange(container);
  return s >= cs && e <= ce;
}

function analyzeDispose(h: HotCall, model: FileModel): DisposeInfo {
  const cb = h.callback;
  const base = { ...h, handsOver: false, shutdowns: [], disables: new Set<GlobalSlot>(), unloads: false, flagResets: [], onlyTeardown: false };
  if (!cb) return { ...base, handsOver: true }; // unknown callback: assume it does the right thing
  const ev = getEvaluator(model);
  const param = cb.params[0] && unwrap(cb.params[0]).type === 'Identifier' ? model.scopes.get(cb)?.bindings.get(unwrap(cb.params[0]).name) : undefined;

  let handsOver = false;
  for (const a of model.memberAssignments) {
    if (!within(a.node, cb)) continue;
    const target = unwrap(a.target);
    const key = ev.storageKey(target, a.value.scope);
    // into hot.data, or into a globalThis slot (clearing a slot hands nothing over)
    if (isHotData(target, model) || (key !== undefined && key.startsWith('global') && key !== 'global' && !isFalsyLiteral(a.value.expr))) handsOver = true;
    if (param && key === ev.storageKey(param.id, param.scope)) handsOver = true;
    if (param && rootBinding(target, model) === param) handsOver = true;
  }
  const shutdowns: Node[] = [];
  const disables = new Set<GlobalSlot>();
  let unloads = false;
  const teardownCalls = new Set<Node>();
  for (const call of model.calls) {
    if (!isCall(call) || !within(call, cb)) continue;
    const callee = unwrap(call.callee);
    const name = isMember(callee) ? getPropertyName(callee) : undefined;
    if (name === 'assign' && param && call.arguments[0] && unwrap(call.arguments[0]).type === 'Identifier' && unwrap(call.arguments[0]).name === param.name) handsOver = true;
    const value = ev.evaluate(callee);
    const otelReceiver = value?.kind === 'method' && (value.of.kind === 'instance' || value.of.kind === 'result');
    // `x.shutdown()` (also on a handle the analyses cannot follow), an OTel object's `stop()`, vendor shutdown functions
    if (name === 'shutdown' || (name === 'stop' && otelReceiver) || (value?.kind === 'export' && value.spec.kind === 'shutdown-function')) {
      shutdowns.push(call);
      teardownCalls.add(call);
    }
    if (value?.kind === 'method' && value.of.kind === 'export' && value.of.spec.kind === 'api-object') {
      const d = value.of.spec.methods[value.name]?.disables;
      if (d) {
        for (const g of d) disables.add(g);
        teardownCalls.add(call);
      }
    }
    if (value?.kind === 'result' && value.of.spec.kind === 'register-instrumentations') {
      unloads = true;
      teardownCalls.add(call);
    }
  }
  const flagResets: Binding[] = [];
  const moduleScope = model.scopes.get(model.program)!;
  for (const b of moduleScope.bindings.values()) {
    if (b.kind !== 'let' && b.kind !== 'var') continue;
    if (b.assignments.some((a) => within(a.expr, cb))) flagResets.push(b);
  }
  return { ...base, handsOver, shutdowns, disables, unloads, flagResets, onlyTeardown: isOnlyTeardown(cb, teardownCalls, flagResets) };
}

function rootBinding(expr: Node, model: FileModel): Binding | undefined {
  let n = unwrap(expr);
  while (isMember(n)) n = unwrap(n.object);
  return n.type === 'Identifier' ? model.scopeAt(n).resolve(n.name) : undefined;
}

/** Every statement of a dispose callback is a teardown call (awaited or not) or a flag assignment. */
function isOnlyTeardown(cb: Node, calls: Set<Node>, flags: readonly Binding[]): boolean {
  const statements: Node[] = cb.body.type === 'BlockStatement' ? cb.body.body : [{ type: 'ExpressionStatement', expression: cb.body }];
  return statements.every((s) => {
    if (s.type !== 'ExpressionStatement') return false;
    let e = unwrap(s.expression);
    if (e.type === 'AwaitExpression' || (e.type === 'UnaryExpression' && e.operator === 'void')) e = unwrap(e.argument);
    if (isCall(e) && isMember(unwrap(e.callee)) && ['then', 'catch', 'finally'].includes(getPropertyName(unwrap(e.callee)) ?? '')) e = unwrap(unwrap(e.callee).object);
    if (calls.has(e)) return true;
    if (e.type === 'AssignmentExpression' && unwrap(e.left).type === 'Identifier') return flags.some((f) => f.name === unwrap(e.left).name);
    return false;
  });
}

/** The dispose tears everything down (unload instrumentations, `shutdown()`, disable the API globals the file registers): accepted. */
export function isCompleteTeardown(d: DisposeInfo, model: FileModel): boolean {
  if (d.shutdowns.length === 0) return false;
  const sites = getRegistrationSites(model);
  const needed = new Set<GlobalSlot>();
  for (const s of sites) for (const g of s.globals) if (g === 'trace' || g === 'context' || g === 'propagation') needed.add(g);
  if (needed.size === 0) needed.add('trace');
  for (const g of needed) if (!d.disables.has(g)) return false;
  if (sites.some((s) => s.kind === 'instrumentations') && !d.unloads) return false;
  return true;
}

/** Something in the file writes the hand-over: a dispose fills its `data`, or `hot.data.x` is assigned (Vite keeps `data`). */
export function isHandoverWritten(model: FileModel): boolean {
  if (getDisposes(model).some((d) => d.handsOver)) return true;
  return model.memberAssignments.some((a) => isHotData(a.target, model));
}

// ---------------------------------------------------------------------------------------------
// protection against re-evaluation

const MAX_DEPTH = 4;

/**
 * How a registration is kept from running again when the module is re-evaluated: a guard
 * around it (up to the module), or around every call of the local function it sits in.
 * A module flag whose initial value is read from `hot.data` is a hand-over too.
 */
export function getProtection(node: Node, model: FileModel): Protection {
  return protection(node, model, 0, new Set());
}

function protection(node: Node, model: FileModel, depth: number, seen: Set<Node>): Protection {
  const strong = findGuard(node, model.program, model, ['process', 'hot']);
  if (strong) return { kind: strong.kind, guard: strong };
  const weak = findGuard(node, model.program, model, ['module']);
  if (weak && flagReadsHotData(weak, model)) return { kind: 'hot', guard: weak };
  const fn = model.ancestors(node).find((a) => isFunction(a));
  if (fn && depth < MAX_DEPTH && !seen.has(fn)) {
    seen.add(fn);
    const calls = localCallSites(fn, model);
    if (calls.length > 0) {
      let worst: Protection | undefined;
      for (const c of calls) {
        const p = protection(c, model, depth + 1, seen);
        if (!worst || rank(p.kind) < rank(worst.kind)) worst = p;
      }
      if (worst && rank(worst.kind) > rank(weak ? 'module' : 'none')) return worst;
    }
  }
  return weak ? { kind: 'module', guard: weak } : { kind: 'none', guard: undefined };
}

function rank(kind: Protection['kind']): number {
  return kind === 'none' ? 0 : kind === 'module' ? 1 : 2;
}

/** Calls of a named local function (`function start() {}`, `const start = () => {}`). */
function localCallSites(fn: Node, model: FileModel): Node[] {
  const parent = model.parents.get(fn);
  const id = fn.type === 'FunctionDeclaration' ? fn.id : parent?.type === 'VariableDeclarator' ? parent.id : undefined;
  if (id?.type !== 'Identifier') return [];
  const b = model.scopeAt(parent ?? fn).resolve(id.name);
  if (!b || b.id !== id) return [];
  const out: Node[] = [];
  for (const ref of b.references) {
    const p = model.parents.get(ref);
    if (p && isCall(p) && unwrap(p.callee) === ref) out.push(p);
  }
  return out;
}

/** The flags a guard tests, when one starts from `hot.data` (`let started = import.meta.hot?.data.started ?? false`). */
function flagReadsHotData(guard: Guard, model: FileModel): boolean {
  return guardFlags(guard, model).some((b) => !!b.init && containsHotData(b.init.expr, model));
}

/** Module-level bindings a guard's test reads. */
export function guardFlags(guard: Guard, model: FileModel): Binding[] {
  const g = guard.node;
  const test = g.type === 'IfStatement' || g.type === 'ConditionalExpression' ? g.test : g.type === 'LogicalExpression' ? g.left : g.type === 'AssignmentExpression' ? g.left : undefined;
  if (!test) return [];
  const out: Binding[] = [];
  const scope = model.scopeAt(g);
  walk(test, {
    enter(n) {
      if (n.type === 'Identifier') {
        const b = scope.resolve(n.name);
        if (b && b.scope.kind === 'module' && !out.includes(b)) out.push(b);
      }
      return !isFunction(n);
    },
  });
  return out;
}

function containsHotData(expr: Node, model: FileModel): boolean {
  let found = false;
  walk(expr, {
    enter(n) {
      if (found) return false;
      if (isMember(n) && isHotData(n, model)) found = true;
      return !found;
    },
  });
  return found;
}

/** The React component, hook or effect a node runs in, if any. */
export function reactBoundary(node: Node, model: FileModel, classify: (fn: Node, model: FileModel) => { kind: string; description: string } | undefined): { description: string } | undefined {
  for (const a of model.ancestors(node)) {
    if (!isFunction(a)) continue;
    const c = classify(a, model);
    if (c && REACT_KINDS.has(c.kind)) return c;
  }
  return undefined;
}

/** Registration sites that can need HMR protection (side-effect imports of preloads are not re-run by HMR). */
export function getHmrSetupSites(model: FileModel): RegistrationSite[] {
  // a vendor init that returns at once when called again (Faro's `initializeFaro` keeps the first
  // instance) is harmless to re-run: the new module instance gets the running one
  return getRegistrationSites(model).filter((s) => s.kind !== 'side-effect-import' && !ignoresSecondCall(s));
}
