// Abstract evaluation: what OpenTelemetry thing an expression denotes, following
// imports of every style, variables, reassignments, destructuring, `this.x`,
// global slots and immediately invoked factories.
import type { Node } from '../ast/node';
import { getDynamicImport, getPropertyName, getStaticRequire, getStringValue, isCall, isFunction, isMember, unwrap } from '../ast/node';
import type { ExportSpec } from '../otel/types';
import type { FileModel, MemberAssignment } from './model';
import { isGlobalObjectName } from './model';
import type { Binding, ImportSource, Scope } from './scope';

export interface ExportValue {
  readonly kind: 'export';
  readonly module: string;
  readonly name: string;
  readonly spec: ExportSpec;
}

export type Value =
  /** A module namespace (`import * as x`, default import, `require('m')`, `await import('m')`). */
  | { readonly kind: 'namespace'; readonly module: string }
  | ExportValue
  /** An object made with `new` from a known class. */
  | { readonly kind: 'instance'; readonly of: ExportValue; readonly creation: Node }
  /** What a known function returned (`startNodeSdk()`). */
  | { readonly kind: 'result'; readonly of: ExportValue; readonly creation: Node }
  /** A method of a known object (`trace.setGlobalTracerProvider`, `sdk.start`). */
  | { readonly kind: 'method'; readonly of: Value; readonly name: string }
  /** The global object itself (`globalThis`, or a variable holding it). */
  | { readonly kind: 'global-object' };

export interface Evaluator {
  /** What an expression denotes, evaluated in `scope` (defaults to the scope around the node). */
  evaluate(expr: Node | null | undefined, scope?: Scope): Value | undefined;
  /** What a binding holds (its initializer, else the first known assignment). */
  bindingValue(binding: Binding): Value | undefined;
  /** A stable key naming the storage an expression reads (a variable, `this.x`, a global slot), for identity and guard checks. */
  storageKey(expr: Node, scope?: Scope): string | undefined;
  /** Member assignments that write the storage named by a key. */
  assignmentsTo(key: string): readonly MemberAssignment[];
}

const MAX_DEPTH = 24;
const evaluators = new WeakMap<FileModel, Evaluator>();

/** The evaluator of a file model (memoized per model). */
export function getEvaluator(model: FileModel): Evaluator {
  let ev = evaluators.get(model);
  if (!ev) evaluators.set(model, (ev = createEvaluator(model)));
  return ev;
}

function createEvaluator(model: FileModel): Evaluator {
  const { table } = model;
  const bindingCache = new Map<Binding, Value | null>();
  const bindingIds = new Map<Binding, number>();
  let depth = 0;

  function exportValue(module: string, name: string): Value | undefined {
    const spec = table.exportOf(module, name);
    if (!spec) return undefined;
    if (spec.kind === 'namespace') return { kind: 'namespace', module: spec.module };
    return { kind: 'export', module, name, spec };
  }

  function importValue(from: ImportSource): Value | undefined {
    if (!table.module(from.module)) return undefined;
    return from.name === '*' ? { kind: 'namespace', module: from.module } : exportValue(from.module, from.name);
  }

  function member(obj: Value | undefined, name: string | undefined): Value | undefined {
    if (!obj || name === undefined) return undefined;
    switch (obj.kind) {
      case 'namespace':
        return name === 'default' ? obj : exportValue(obj.module, name);
      case 'export':
        if (obj.spec.kind === 'object') {
          const spec = Object.hasOwn(obj.spec.members, name) ? obj.spec.members[name] : undefined;
          return spec ? { kind: 'export', module: obj.module, name: `${obj.name}.${name}`, spec } : undefined;
        }
        return obj.spec.kind === 'api-object' ? { kind: 'method', of: obj, name } : undefined;
      case 'instance':
      case 'result':
        return { kind: 'method', of: obj, name };
      default:
        return undefined;
    }
  }

  function bindingValue(b: Binding): Value | undefined {
    if (bindingCache.has(b)) return bindingCache.get(b) ?? undefined;
    bindingCache.set(b, null); // cycle guard
    let v: Value | undefined;
    if (b.importFrom) v = importValue(b.importFrom);
    else {
      if (b.init) {
        v = evaluate(b.init.expr, b.init.scope);
        for (const key of b.init.path) v = member(v, key);
      }
      for (const a of b.assignments) {
        if (v) break;
        v = evaluate(a.expr, a.scope);
      }
    }
    bindingCache.set(b, v ?? null);
    return v;
  }

  // Top-level evaluations (no scope given, no evaluation in progress) depend on the node alone:
  // memoized, since every check evaluates the callee of every call.
  const topLevel = new Map<Node, Value | null>();
  function evaluate(expr: Node | null | undefined, scope?: Scope): Value | undefined {
    if (!expr || depth > MAX_DEPTH) return undefined;
    if (depth === 0 && scope === undefined) {
      const cached = topLevel.get(expr);
      if (cached !== undefined) return cached ?? undefined;
      depth++;
      try {
        const v = evaluateNode(unwrap(expr), model.scopeAt(expr));
        topLevel.set(expr, v ?? null);
        return v;
      } finally {
        depth--;
      }
    }
    depth++;
    try {
      return evaluateNode(unwrap(expr), scope ?? model.scopeAt(expr));
    } finally {
      depth--;
    }
  }

  function evaluateNode(n: Node, scope: Scope): Value | undefined {
    switch (n.type) {
      case 'Identifier': {
        const b = scope.resolve(n.name);
        if (b) return bindingValue(b);
        return isGlobalObjectName(n.name) ? { kind: 'global-object' } : undefined;
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const name = getPropertyName(n);
        const direct = member(evaluate(n.object, scope), name);
        if (direct) return direct;
        return evaluateStorage(n, scope);
      }
      case 'CallExpression':
      case 'OptionalCallExpression': {
        const required = getStaticRequire(n) ?? getDynamicImport(n);
        if (required) return table.module(required) ? { kind: 'namespace', module: required } : undefined;
        const callee = unwrap(n.callee);
        if (isFunction(callee)) return evaluateReturns(callee);
        // a local factory: `function createSdk() { return new NodeSDK(…) }`, `const sdk = createSdk()`
        const factory = callee.type === 'Identifier' ? localFunction(scope.resolve(callee.name)) : undefined;
        if (factory) return evaluateReturns(factory);
        const c = evaluate(callee, scope);
        if (c?.kind === 'export' && (c.spec.kind === 'sdk-function' || c.spec.kind === 'register-instrumentations' || c.spec.kind === 'instrumentation-bundle')) {
          return { kind: 'result', of: c, creation: n };
        }
        // `configureOpentelemetry(conf)`: an SDK made by a call
        if (c?.kind === 'export' && c.spec.kind === 'sdk' && c.spec.constructedByCall) return { kind: 'instance', of: c, creation: n };
        return undefined;
      }
      case 'NewExpression': {
        const c = evaluate(n.callee, scope);
        return c?.kind === 'export' ? { kind: 'instance', of: c, creation: n } : undefined;
      }
      case 'ImportExpression': {
        const m = getDynamicImport(n);
        return m && table.module(m) ? { kind: 'namespace', module: m } : undefined;
      }
      case 'AwaitExpression':
        return evaluate(n.argument, scope);
      case 'AssignmentExpression':
        return (n.operator === '=' ? undefined : evaluate(n.left, scope)) ?? evaluate(n.right, scope);
      case 'LogicalExpression':
        return evaluate(n.right, scope) ?? evaluate(n.left, scope);
      case 'ConditionalExpression':
        return evaluate(n.consequent, scope) ?? evaluate(n.alternate, scope);
      case 'SequenceExpression':
        return evaluate(n.expressions.at(-1), scope);
      default:
        return undefined;
    }
  }

  /** The function a binding declares (`function f() {}`, `const f = () => …`), if it is one. */
  function localFunction(b: Binding | undefined): Node | undefined {
    if (!b) return undefined;
    if (b.kind === 'function' && isFunction(b.declaration)) return b.declaration;
    if (b.kind === 'const' && b.init && b.init.path.length === 0 && isFunction(unwrap(b.init.expr))) return unwrap(b.init.expr);
    return undefined;
  }

  function evaluateReturns(fn: Node): Value | undefined {
    for (const r of model.returns.get(fn) ?? []) {
      const v = evaluate(r.expr, r.scope);
      if (v) return v;
    }
    return undefined;
  }

  /** A member that is storage rather than an API: `this.sdk`, `globalThis[KEY]`, `holder.sdk`. */
  function evaluateStorage(n: Node, scope: Scope): Value | undefined {
    const obj = unwrap(n.object);
    if (obj.type === 'ThisExpression') {
      const cls = model.classOf(n);
      const name = getPropertyName(n);
      if (!cls || !name) return undefined;
      for (const v of model.thisProps.get(cls)?.get(name) ?? []) {
        const value = evaluate(v.expr, v.scope);
        if (value) return value;
      }
      return undefined;
    }
    const key = storageKey(n, scope);
    if (!key) return undefined;
    for (const a of assignmentsTo(key)) {
      if (a.target === n) continue;
      const v = evaluate(a.value.expr, a.value.scope);
      if (v) return v;
    }
    return undefined;
  }

  /** Member assignments by the storage they write, indexed on first use (keeps lookups O(1) in large files). */
  let byKey: Map<string, MemberAssignment[]> | undefined;
  function assignmentsTo(key: string): readonly MemberAssignment[] {
    if (!byKey) {
      byKey = new Map();
      for (const a of model.memberAssignments) {
        const k = storageKey(a.target, a.value.scope);
        if (k) byKey.set(k, [...(byKey.get(k) ?? []), a]);
      }
    }
    return byKey.get(key) ?? [];
  }

  function bindingId(b: Binding): number {
    let id = bindingIds.get(b);
    if (id === undefined) bindingIds.set(b, (id = bindingIds.size + 1));
    return id;
  }

  const keys = new Map<Node, string | null>();
  /** Memoized for calls without a scope (the node's own). */
  function storageKey(expr: Node, scope?: Scope): string | undefined {
    if (scope !== undefined) return computeStorageKey(expr, scope);
    const cached = keys.get(expr);
    if (cached !== undefined) return cached ?? undefined;
    const key = computeStorageKey(expr, undefined);
    keys.set(expr, key ?? null);
    return key;
  }

  function computeStorageKey(expr: Node, scope?: Scope): string | undefined {
    const n = unwrap(expr);
    const s = scope ?? model.scopeAt(expr);
    if (n.type === 'Identifier') {
      const b = s.resolve(n.name);
      if (!b) return isGlobalObjectName(n.name) ? 'global' : `free:${n.name}`;
      // a const alias of the global object (`const g = globalThis as ...`) is the global object
      if (b.kind === 'const' && b.init && b.init.path.length === 0) {
        const init = unwrap(b.init.expr);
        if (init.type === 'Identifier' && isGlobalObjectName(init.name) && !b.init.scope.resolve(init.name)) return 'global';
      }
      return `binding:${bindingId(b)}`;
    }
    if (n.type === 'ThisExpression') {
      const cls = model.classOf(n);
      return cls ? `this:${cls.range?.[0] ?? cls.start}` : undefined;
    }
    if (n.type === 'MetaProperty') return 'import.meta';
    if (!isMember(n)) return undefined;
    const base = storageKey(n.object, s);
    if (!base) return undefined;
    const prop = propertyKey(n, s);
    return prop === undefined ? undefined : `${base}${prop}`;
  }

  /** `.name`, `["str"]`, `[sym:name]` (a `Symbol.for` key, directly or through a const). */
  function propertyKey(n: Node, scope: Scope): string | undefined {
    if (!n.computed) return n.property?.name === undefined ? undefined : `.${n.property.name}`;
    const str = getStringValue(n.property);
    if (str !== undefined) return `.${str}`;
    const sym = symbolFor(n.property, scope);
    if (sym !== undefined) return `[sym:${sym}]`;
    const p = unwrap(n.property);
    if (p.type === 'Identifier') {
      const b = scope.resolve(p.name);
      return b ? `[binding:${bindingId(b)}]` : undefined;
    }
    return undefined;
  }

  return { evaluate, bindingValue, storageKey, assignmentsTo };
}

/** A construction of an SDK: `new NodeSDK(…)`, or a call of an export that makes one (`configureOpentelemetry(…)`). */
export function isSdkConstruction(call: Node, spec: ExportSpec): boolean {
  return spec.kind === 'sdk' && (call.type === 'NewExpression') !== !!spec.constructedByCall;
}

/** The key of `Symbol.for('key')`, directly or through a const binding. */
export function symbolFor(expr: Node, scope: Scope): string | undefined {
  const n = unwrap(expr);
  if (isCall(n)) {
    const callee = unwrap(n.callee);
    if (isMember(callee) && getPropertyName(callee) === 'for' && unwrap(callee.object).type === 'Identifier' && unwrap(callee.object).name === 'Symbol') {
      return getStringValue(n.arguments[0]);
    }
    return undefined;
  }
  if (n.type === 'Identifier') {
    const b = scope.resolve(n.name);
    if (b?.kind === 'const' && b.init && b.init.path.length === 0) return symbolFor(b.init.expr, b.init.scope);
  }
  return undefined;
}
