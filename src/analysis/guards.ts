// Guards: code that makes a registration run at most once.
import type { Node } from '../ast/node';
import { getKeyName, getPropertyName, getStringValue, isCall, isFalsyLiteral, isFunction, isMember, unwrap } from '../ast/node';
import { exportedFunction, importedProjectFile, projectFileModel } from './callers';
import type { FileModel } from './model';
import { isGlobalObjectName } from './model';
import type { Binding, Scope } from './scope';
import { constInit } from './scope';
import { getEvaluator } from './values';

/**
 * - `process`: a `globalThis`/`global`/`window` slot (ideally keyed with `Symbol.for`), or the API's own state
 *   (`trace.getTracerProvider()`): survives module re-evaluation, duplicate module copies and HMR.
 * - `hot`: an HMR hand-over through `module.hot.data` / `import.meta.hot.data`.
 * - `module`: a module-level variable or closure flag: stops repeated *calls*, not re-evaluation of the module.
 */
export type GuardKind = 'process' | 'hot' | 'module';

export interface Guard {
  readonly kind: GuardKind;
  /** The node that tests or sets the slot. */
  readonly node: Node;
  /**
   * The guard asks the API whether a global is already registered (`trace.getTracerProvider()`),
   * so it also skips this registration after a *different* setup registered first. A slot of its
   * own only stops this code from running twice.
   */
  readonly readsApiState?: boolean;
}

const ACCEPT_ALL: readonly GuardKind[] = ['process', 'hot', 'module'];

/**
 * The guard that keeps `node` from running more than once, looking at its ancestors
 * up to and including `boundary` (the re-runnable function, loop or Program).
 */
export function findGuard(node: Node, boundary: Node, model: FileModel, accept: readonly GuardKind[] = ACCEPT_ALL): Guard | undefined {
  let child = node;
  // up the parent links only as far as the boundary (not the whole ancestor list: nesting can be deep)
  for (let a = model.parents.get(node); a; a = model.parents.get(a)) {
    const g = guardAt(a, child, boundary, model);
    if (g && accept.includes(g.kind)) return g;
    if (a === boundary) break;
    child = a;
  }
  return undefined;
}

/** A guard that `ancestor` places around its child on the path to the guarded node. */
function guardAt(a: Node, child: Node, boundary: Node, model: FileModel): Guard | undefined {
  switch (a.type) {
    case 'IfStatement':
    case 'ConditionalExpression':
      if (child === a.consequent) return fromTest(a.test, 'absent', a, boundary, model);
      if (child === a.alternate) return fromTest(a.test, 'present', a, boundary, model);
      return undefined;
    case 'AssignmentExpression':
      // `slot ??= create()` sets the slot it tests
      if ((a.operator === '??=' || a.operator === '||=') && child === a.right) return classify(a.left, a, boundary, model, true);
      return undefined;
    case 'LogicalExpression':
      if (child !== a.right) return undefined;
      if (a.operator === '&&') return fromTest(a.left, 'absent', a, boundary, model);
      return fromTest(a.left, 'present', a, boundary, model);
    case 'BlockStatement':
    case 'StaticBlock':
    case 'Program':
      return earlyExitGuard(a.body, child, boundary, model);
    case 'SwitchCase':
      return earlyExitGuard(a.consequent, child, boundary, model);
    default:
      return undefined;
  }
}

/** `if (slot) return;` before the guarded statement. */
function earlyExitGuard(statements: readonly Node[], child: Node, boundary: Node, model: FileModel): Guard | undefined {
  for (const stmt of statements) {
    if (stmt === child) return undefined;
    if (stmt.type === 'IfStatement' && !stmt.alternate && alwaysExits(stmt.consequent)) {
      const g = fromTest(stmt.test, 'present', stmt, boundary, model);
      if (g) return g;
    }
  }
  return undefined;
}

function alwaysExits(stmt: Node): boolean {
  if (stmt.type === 'ReturnStatement' || stmt.type === 'ThrowStatement') return true;
  if (stmt.type === 'BlockStatement') return stmt.body.some((s: Node) => s.type === 'ReturnStatement' || s.type === 'ThrowStatement');
  return false;
}

/**
 * The guard a condition provides for the branch taken when the slot is `absent`
 * (consequent of `if (!slot)`) or `present` (after `if (slot) return`).
 */
function fromTest(test: Node, when: 'absent' | 'present', at: Node, boundary: Node, model: FileModel): Guard | undefined {
  const t = unwrap(test);
  if (readsApiState(t)) return { kind: 'process', node: at, readsApiState: true };
  for (const slot of slotsOf(t, when)) {
    // a slot from slotsOf is one whose presence stops the run (`!` and comparisons already applied), so what a
    // helper returns is tested for presence too
    const g = classify(slot.expr, at, boundary, model, false, slot.inKey) ?? throughHelper(slot.expr, 'present', at, boundary, model) ?? throughOnceCheck(slot.expr, at, model);
    if (g) return g;
  }
  return undefined;
}

/**
 * `if (currentSdk()) return;` where `currentSdk` is a local function that returns a slot
 * (`return globalThis[KEY]`): the guard tests what the helper returns.
 */
function throughHelper(expr: Node, when: 'absent' | 'present', at: Node, boundary: Node, model: FileModel, depth = 0): Guard | undefined {
  const call = unwrap(expr);
  if (depth > 2 || !isCall(call) || call.arguments.length > 0 || unwrap(call.callee).type !== 'Identifier') return undefined;
  const binding = model.scopeAt(call).resolve(unwrap(call.callee).name);
  if (binding?.importFrom) return throughImportedHelper(binding, at, model);
  const decl = binding?.kind === 'function' ? binding.declaration : binding?.init && binding.init.path.length === 0 && binding.assignments.length === 0 ? unwrap(binding.init.expr) : undefined;
  const returned = decl ? testedReturn(decl, model) : undefined;
  if (!returned) return undefined;
  return fromTest(returned, when, at, boundary, model) ?? throughHelper(returned, when, at, boundary, model, depth + 1);
}

/**
 * What a helper returns, when one return decides it: the only return, or the only one that is not a
 * falsy literal (`if (typeof window === 'undefined') return false`), with `Boolean(x)` read as `x`.
 */
function testedReturn(fn: Node, model: FileModel): Node | undefined {
  const returns = (model.returns.get(fn) ?? []).filter((r) => !r.expr || !isFalsyLiteral(r.expr));
  if (returns.length !== 1 || !returns[0]!.expr) return undefined;
  const e = unwrap(returns[0]!.expr);
  return isCall(e) && unwrap(e.callee).type === 'Identifier' && unwrap(e.callee).name === 'Boolean' && e.arguments.length === 1 ? e.arguments[0] : e;
}

/**
 * `if (isOtelInitialized()) return;` with the helper imported from a project module (`@/lib/otel/state`,
 * holdout17 wildcat): judged in its module with the helper as the boundary, so only state that outlives
 * the call (a module variable, a `globalThis` slot) guards.
 */
function throughImportedHelper(binding: Binding, at: Node, model: FileModel): Guard | undefined {
  const target = importedProjectFile(model, binding.importFrom!.module);
  const other = target ? projectFileModel(target, model) : undefined;
  const fn = other ? exportedFunction(other, binding.importFrom!.name) : undefined;
  if (!fn || !other) return undefined;
  const returned = testedReturn(fn, other);
  const g = returned ? fromTest(returned, 'present', fn, fn, other) : undefined;
  return g?.kind === 'module' || g?.kind === 'process' ? { kind: g.kind, node: at } : undefined;
}

/**
 * `if (!X.isInitialized()) X.init(opts)`: a vendor's once-check from the recognition table
 * (Highlight's `H.isInitialized()`), or a method of an object of the project whose body returns a
 * test of a module-level variable (`isInitialized: () => !!instance`), in this file or in the project
 * module the object is imported from. The helper's own module keeps the state (like `currentSdk()`).
 */
function throughOnceCheck(expr: Node, at: Node, model: FileModel): Guard | undefined {
  const call = unwrap(expr);
  if (!isCall(call) || call.arguments.length > 0 || !isMember(unwrap(call.callee))) return undefined;
  const value = getEvaluator(model).evaluate(unwrap(call.callee));
  if (value?.kind === 'export' && value.spec.kind === 'once-check') return { kind: 'process', node: at };
  const method = projectMethod(unwrap(call.callee), model);
  if (!method) return undefined;
  const returns = method.model.returns.get(method.fn);
  if (!returns || returns.length !== 1) return undefined;
  // judged in the helper's module, with the helper as the boundary: only state outside it persists
  const g = fromTest(returns[0]!.expr, 'present', method.fn, method.fn, method.model);
  return g?.kind === 'module' || g?.kind === 'process' ? { kind: g.kind, node: at } : undefined;
}

/** The function of `obj.method` when `obj` is a const object literal of this file or imported from a project module. */
function projectMethod(callee: Node, model: FileModel): { fn: Node; model: FileModel } | undefined {
  const obj = unwrap(callee.object);
  const name = getPropertyName(callee);
  if (obj.type !== 'Identifier' || !name) return undefined;
  const binding = model.scopeAt(callee).resolve(obj.name);
  if (!binding) return undefined;
  if (binding.importFrom) {
    const target = importedProjectFile(model, binding.importFrom.module);
    const other = target ? projectFileModel(target, model) : undefined;
    const exported = other ? exportedConst(other, binding.importFrom.name) : undefined;
    return exported && other ? methodOf(exported, name, other) : undefined;
  }
  return methodOf(binding, name, model);
}

function methodOf(binding: Binding, name: string, model: FileModel): { fn: Node; model: FileModel } | undefined {
  if (binding.kind !== 'const' || !binding.init || binding.init.path.length > 0) return undefined;
  const obj = unwrap(binding.init.expr);
  if (obj.type !== 'ObjectExpression') return undefined;
  const prop = obj.properties.find((p: Node) => (p.type === 'Property' || p.type === 'ObjectProperty') && getKeyName(p) === name);
  const fn = prop ? unwrap(prop.value) : undefined;
  return fn && isFunction(fn) ? { fn, model } : undefined;
}

/** The module-level const a project module exports under `name` (`export const H = {…}`). */
function exportedConst(model: FileModel, name: string): Binding | undefined {
  const b = model.scopes.get(model.program)?.bindings.get(name);
  if (!b || b.importFrom) return undefined;
  const exportedInPlace = [b.declaration, ...model.ancestors(b.declaration)].slice(0, 3).some((n) => n.type === 'ExportNamedDeclaration');
  return exportedInPlace || b.references.some((r) => model.parents.get(r)?.type === 'ExportSpecifier') ? b : undefined;
}

/**
 * A const that holds the object kept in a `globalThis` slot: initialised with the slot
 * (`globalThis[KEY] ??= {}`, `g[KEY]`), or with a call of a local function every return of which
 * is one (`function getState() { return globalThis[KEY] ??= {}; }`, or a read of the slot and,
 * when it is empty, the object just stored in it).
 */
function holdsGlobalSlot(binding: Binding, model: FileModel): boolean {
  if (binding.kind !== 'const' || !binding.init || binding.init.path.length > 0) return false;
  const init = unwrap(binding.init.expr);
  const value = init.type === 'AwaitExpression' ? unwrap(init.argument) : init;
  if (isGlobalSlotValue(value, binding.init.scope, model)) return true;
  if (!isCall(value) || unwrap(value.callee).type !== 'Identifier') return false;
  const helper = binding.init.scope.resolve(unwrap(value.callee).name);
  const fn = helper?.kind === 'function' ? helper.declaration : constInit(helper);
  const returns = fn && isFunction(fn) ? model.returns.get(fn) : undefined;
  return !!returns && returns.length > 0 && returns.every((r) => returnsGlobalSlot(r.expr, r.scope, fn!, model));
}

/** `globalThis[K]`, `g.__state` (g an alias of the global object), or an assignment to one (`globalThis[K] ??= {}`). */
function isGlobalSlotValue(expr: Node, scope: Scope, model: FileModel): boolean {
  const e = unwrap(expr);
  const target = e.type === 'AssignmentExpression' && ['=', '??=', '||='].includes(e.operator) ? unwrap(e.left) : e;
  if (!isMember(target)) return false;
  return getEvaluator(model).storageKey(target, scope)?.startsWith('global') === true;
}

/** A return of the helper: a slot value, or a const of the helper read from a slot or stored into one (`globalRef[KEY] = state; return state;`). */
function returnsGlobalSlot(expr: Node, scope: Scope | undefined, fn: Node, model: FileModel): boolean {
  const e = unwrap(expr);
  const s = scope ?? model.scopeAt(e);
  if (isGlobalSlotValue(e, s, model)) return true;
  if (e.type !== 'Identifier') return false;
  const b = s.resolve(e.name);
  if (!b || b.kind !== 'const' || !b.init || b.init.path.length > 0 || !model.ancestors(b.declaration).includes(fn)) return false;
  if (isGlobalSlotValue(b.init.expr, b.init.scope, model)) return true;
  const ev = getEvaluator(model);
  return model.memberAssignments.some((a) => {
    const v = unwrap(a.value.expr);
    return v.type === 'Identifier' && a.value.scope?.resolve(v.name) === b && ev.storageKey(a.target, a.value.scope)?.startsWith('global') === true;
  });
}

interface TestedSlot {
  readonly expr: Node;
  /** For `key in obj`: the key; `expr` is then the object. */
  readonly inKey?: Node;
}

/** Slots whose absence (or presence) the condition implies when it holds, in source order (`!` and `&&`/`||` chains followed in a loop). */
function slotsOf(test: Node, when: 'absent' | 'present'): TestedSlot[] {
  const out: TestedSlot[] = [];
  const stack: { readonly test: Node; readonly when: 'absent' | 'present' }[] = [{ test, when }];
  while (stack.length > 0) {
    const { test: t, when: w } = stack.pop()!;
    const n = unwrap(t);
    if (n.type === 'UnaryExpression' && n.operator === '!') stack.push({ test: n.argument, when: w === 'absent' ? 'present' : 'absent' });
    else if (n.type === 'LogicalExpression') {
      // entering `a && b` means both hold; after `if (a || b) return`, neither holds
      if ((n.operator === '&&' && w === 'absent') || (n.operator === '||' && w === 'present')) stack.push({ test: n.right, when: w }, { test: n.left, when: w });
      // `if (cache.tracer && cache.key === key) return cache.tracer;`: a cache kept per configuration
      // key; with the same key (the usual case: one configuration per process) the slot stops a rerun
      else if (n.operator === '&&' && w === 'present') {
        const conjuncts = andOperands(n);
        const keyed = conjuncts.filter(isKeyComparison);
        if (keyed.length > 0 && keyed.length < conjuncts.length) {
          for (const c of conjuncts.reverse()) if (!isKeyComparison(c)) stack.push({ test: c, when: w });
        }
      }
    } else out.push(...comparedSlots(n, w));
  }
  return out;
}

/** The operands of an `&&` chain, in source order (followed in a loop). */
function andOperands(n: Node): Node[] {
  const out: Node[] = [];
  const stack = [n];
  while (stack.length > 0) {
    const e = unwrap(stack.pop()!);
    if (e.type === 'LogicalExpression' && e.operator === '&&') stack.push(e.right, e.left);
    else out.push(e);
  }
  return out;
}

/** `a.key === key`: an equality of two values, neither of them nullish (that would be a slot test). */
function isKeyComparison(n: Node): boolean {
  const e = unwrap(n);
  return e.type === 'BinaryExpression' && (e.operator === '===' || e.operator === '==') && !isNullish(e.left) && !isNullish(e.right) && unwrap(e.left).type !== 'UnaryExpression' && unwrap(e.right).type !== 'UnaryExpression';
}

/** The slot a single comparison (`k in obj`, `x == null`, `typeof x === 'undefined'`) or a bare value tests. */
function comparedSlots(n: Node, when: 'absent' | 'present'): TestedSlot[] {
  if (n.type === 'BinaryExpression') {
    if (n.operator === 'in') return when === 'present' ? [{ expr: n.right, inKey: n.left }] : [];
    // `flag === true` tests the flag as `if (flag)` does; `flag !== true` as `if (!flag)`
    const truthy = isTrueLiteral(n.right) ? n.left : isTrueLiteral(n.left) ? n.right : undefined;
    if (truthy) {
      const positive = n.operator === '===' || n.operator === '==';
      const negative = n.operator === '!==' || n.operator === '!=';
      return (positive && when === 'present') || (negative && when === 'absent') ? [{ expr: truthy }] : [];
    }
    const nullish = isNullish(n.right) ? n.left : isNullish(n.left) ? n.right : undefined;
    if (nullish) {
      const typeofArg = unwrap(nullish).type === 'UnaryExpression' && unwrap(nullish).operator === 'typeof' ? unwrap(nullish).argument : nullish;
      const negative = n.operator === '===' || n.operator === '==';
      return (negative ? when === 'absent' : when === 'present') ? [{ expr: typeofArg }] : [];
    }
    return [];
  }
  return when === 'present' ? [{ expr: n }] : [];
}

function isTrueLiteral(node: Node): boolean {
  const n = unwrap(node);
  return (n.type === 'Literal' || n.type === 'BooleanLiteral') && n.value === true;
}

function isNullish(node: Node): boolean {
  const n = unwrap(node);
  if (n.type === 'Identifier' && n.name === 'undefined') return true;
  if ((n.type === 'Literal' || n.type === 'NullLiteral') && (n.value === null || n.value === false)) return n.regex === undefined;
  if (n.type === 'BooleanLiteral' && n.value === false) return true;
  return getStringValue(n) === 'undefined';
}

/** `trace.getTracerProvider()` / `getDelegate()` in a test: the API itself says whether a provider is registered. */
function readsApiState(test: Node): boolean {
  const stack: (Node | undefined)[] = [test];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n) continue;
    const u = unwrap(n);
    if (isCall(u) && isMember(unwrap(u.callee))) {
      const name = getPropertyName(unwrap(u.callee));
      if (name === 'getTracerProvider' || name === 'getDelegate') return true;
      stack.push(unwrap(u.callee).object);
    } else if (isMember(u)) stack.push(u.object);
    else if (u.type === 'UnaryExpression') stack.push(u.argument);
    else if (u.type === 'BinaryExpression' || u.type === 'LogicalExpression') stack.push(u.right, u.left);
  }
  return false;
}

/** Classifies the storage a guard tests; `setByGuard` when the guard itself writes it (`??=`). */
function classify(slotExpr: Node, at: Node, boundary: Node, model: FileModel, setByGuard: boolean, inKey?: Node): Guard | undefined {
  const slot = unwrap(slotExpr);
  const scope = model.scopeAt(slotExpr);
  const root = rootOf(slot);
  if (!root) return undefined;
  if (isHotData(slot, model)) return { kind: 'hot', node: at };
  if (root.type === 'ThisExpression') return undefined; // per instance: a new instance registers again
  if (root.type !== 'Identifier') return undefined;
  const ev = getEvaluator(model);
  const binding = scope.resolve(root.name);
  // `process.env.X` and `process.x` live as long as the process, like a globalThis slot
  const isGlobal = ev.storageKey(root, scope) === 'global' || (root.name === 'process' && !binding && root !== slot);
  if (isGlobal) {
    if (root === slot && !inKey) return undefined; // `if (globalThis)` tests nothing
    if (setByGuard) return { kind: 'process', node: at };
    const key = inKey ? inSlotKey(slot, inKey, scope, model) : ev.storageKey(slot, scope);
    return key && isSlotWritten(key, model) ? { kind: 'process', node: at } : undefined;
  }
  if (!binding || inKey) return undefined;
  // `const s = getState(); if (s.tracer) return;` where getState() returns a globalThis slot: the
  // member lives in the global object, however fresh the local name is on every run
  if (slot !== root && holdsGlobalSlot(binding, model)) {
    const key = ev.storageKey(slot, scope);
    return setByGuard || (key && isSlotWritten(key, model)) ? { kind: 'process', node: at } : undefined;
  }
  if (!isOutside(binding.scope, boundary, model)) return undefined; // a local flag is fresh on every run
  if (setByGuard) return { kind: 'module', node: at };
  if (slot === root) return binding.assignments.length > 0 ? { kind: 'module', node: at } : undefined;
  const key = ev.storageKey(slot, scope);
  return key && isSlotWritten(key, model) ? { kind: 'module', node: at } : undefined;
}

/** True when a binding lives outside the re-runnable boundary (so it persists between runs). */
function isOutside(scope: Scope, boundary: Node, model: FileModel): boolean {
  if (scope.kind === 'module') return true;
  return scope.node !== boundary && !model.ancestors(scope.node).includes(boundary);
}

function rootOf(expr: Node): Node | undefined {
  let n = unwrap(expr);
  while (isMember(n)) n = unwrap(n.object);
  return n.type === 'Identifier' || n.type === 'ThisExpression' || n.type === 'MetaProperty' ? n : undefined;
}

/**
 * `module.hot.data.x`, `import.meta.hot.data.x`, `import.meta.webpackHot.data.x`; with the model, also
 * through a const holding the hot object (`const hot = (module as …).hot; hot.data.x`).
 */
export function isHotData(expr: Node, model?: FileModel): boolean {
  let n = unwrap(expr);
  while (isMember(n)) {
    if (getPropertyName(n) === 'data' && isHotObject(unwrap(n.object), model)) return true;
    n = unwrap(n.object);
  }
  return false;
}

function isHotObject(hot: Node, model: FileModel | undefined): boolean {
  if (isMember(hot) && ['hot', 'webpackHot', 'turbopackHot'].includes(getPropertyName(hot) ?? '')) {
    const base = unwrap(hot.object);
    return base.type === 'MetaProperty' || (base.type === 'Identifier' && base.name === 'module');
  }
  if (!model || hot.type !== 'Identifier') return false;
  const b = model.scopeAt(hot).resolve(hot.name);
  const init = constInit(b);
  return init !== undefined && isMember(init) && isHotObject(init, undefined);
}

function inSlotKey(object: Node, key: Node, scope: Scope, model: FileModel): string | undefined {
  const fake: Node = { type: 'MemberExpression', object, property: key, computed: true, optional: false };
  return getEvaluator(model).storageKey(fake, scope);
}

/** True when the file writes a global/member slot: an assignment or `Object.defineProperty`/`Reflect.set`. */
function isSlotWritten(key: string, model: FileModel): boolean {
  const ev = getEvaluator(model);
  if (ev.assignmentsTo(key).length > 0) return true;
  for (const call of model.calls) {
    if (!isCall(call)) continue;
    const callee = unwrap(call.callee);
    if (!isMember(callee)) continue;
    const obj = unwrap(callee.object);
    const name = getPropertyName(callee);
    const writes =
      (obj.type === 'Identifier' && obj.name === 'Object' && name === 'defineProperty') ||
      (obj.type === 'Identifier' && obj.name === 'Reflect' && (name === 'set' || name === 'defineProperty'));
    if (writes && call.arguments.length >= 2 && inSlotKey(call.arguments[0], call.arguments[1], model.scopeAt(call), model) === key) return true;
  }
  return false;
}

/** True for identifiers that name the global object and are not shadowed at `node`. */
export function isGlobalObject(node: Node, model: FileModel): boolean {
  const n = unwrap(node);
  return n.type === 'Identifier' && isGlobalObjectName(n.name) && !model.scopeAt(node).resolve(n.name);
}
