// Functions of a file and who calls them: the local callers of each function (by name, and
// `self.method()` within a class), the handlers it is registered as (`@app.route`,
// `app.before_request(f)`), and why it can run more than once per process.
import { basename } from 'node:path';
import type { PyNode } from '../nodes';
import { field, walk } from '../nodes';
import { GUNICORN_HOOKS, ROUTE_DECORATORS } from '../table';
import { areExclusive, enclosingFunction, enclosingLoop, stringValue } from './flow';
import type { Resolver } from './values';

export interface FunctionInfo {
  readonly node: PyNode;
  readonly name: string;
  /** Decorator expressions, outermost first. */
  readonly decorators: readonly PyNode[];
  /** The class whose body defines it (a method). */
  readonly ofClass: PyNode | undefined;
  /** Local calls that run it. */
  readonly callers: PyNode[];
  /** Calls registering it as a request hook or view (`app.before_request(f)`, `add_url_rule(view_func=f)`). */
  readonly registeredBy: PyNode[];
}

/** Why a function can run more than once per process. */
export type RerunReason =
  | { readonly kind: 'request-handler'; readonly name: string }
  | { readonly kind: 'fixture'; readonly name: string }
  | { readonly kind: 'app-factory'; readonly name: string }
  | { readonly kind: 'gunicorn-hook'; readonly name: string }
  | { readonly kind: 'loop'; readonly name: string }
  | { readonly kind: 'called-twice'; readonly name: string }
  /** Called from a function that reruns (`via` is the caller's reason; `file` when that caller is in another module). */
  | { readonly kind: 'caller'; readonly name: string; readonly via: RerunReason; readonly file?: string };

export interface Functions {
  readonly byNode: ReadonlyMap<PyNode, FunctionInfo>;
  /** The local function a call runs, if any. */
  calleeOf(call: PyNode): PyNode | undefined;
  /** Why `fn` can run more than once per process, or undefined (once, or unknown). */
  rerunReason(fn: PyNode): RerunReason | undefined;
  /** True when `fn` builds a web app and returns (an app factory). */
  isAppFactory(fn: PyNode): boolean;
}

const REGISTERING_CALLS = new Set([...ROUTE_DECORATORS, 'add_url_rule', 'add_api_route', 'add_middleware']);

export function collectFunctions(definitions: readonly PyNode[], calls: readonly PyNode[], resolver: Resolver, filename: string): Functions {
  const byNode = new Map<PyNode, FunctionInfo>();
  for (const n of definitions) {
    const decorated = n.parent?.type === 'decorated_definition' ? n.parent : undefined;
    const decorators = decorated ? decorated.children.filter((c) => c.type === 'decorator').map((d) => d.children[0]!).filter(Boolean) : [];
    const ofClass = n.parent?.type === 'block' && n.parent.parent?.type === 'class_definition' ? n.parent.parent : decorated?.parent?.type === 'block' && decorated.parent.parent?.type === 'class_definition' ? decorated.parent.parent : undefined;
    byNode.set(n, { node: n, name: field(n, 'name')?.text ?? '', decorators, ofClass, callers: [], registeredBy: [] });
  }

  const calleeCache = new Map<PyNode, PyNode | undefined>();
  const calleeOf = (call: PyNode): PyNode | undefined => {
    if (calleeCache.has(call)) return calleeCache.get(call);
    let fn: PyNode | undefined;
    const callee = field(call, 'function');
    const ref = resolver.resolve(callee);
    if (ref.kind === 'local' && ref.definition.type === 'function_definition') fn = ref.definition;
    else if (callee?.type === 'attribute') fn = methodOfSelf(callee, byNode);
    calleeCache.set(call, fn);
    return fn;
  };
  for (const call of calls) {
    const fn = calleeOf(call);
    if (fn) byNode.get(fn)?.callers.push(call);
    const callee = field(call, 'function');
    const method = callee?.type === 'attribute' ? field(callee, 'attribute')?.text : undefined;
    if (method && REGISTERING_CALLS.has(method)) {
      for (const arg of argumentsOf(call)) {
        const value = arg.type === 'keyword_argument' ? field(arg, 'value') : arg;
        const r = resolver.resolve(value);
        if (r.kind === 'local') byNode.get(r.definition)?.registeredBy.push(call);
      }
    }
  }

  const isTestFile = /^(test_.*|.*_test|conftest)\.py$/.test(basename(filename));
  const isGunicornConfig = /gunicorn/i.test(basename(filename));
  const reasons = new Map<PyNode, RerunReason | null>();
  const rerunReason = (fn: PyNode): RerunReason | undefined => {
    const known = reasons.get(fn);
    if (known !== undefined) return known ?? undefined;
    reasons.set(fn, null); // recursion guard
    const r = computeReason(fn);
    reasons.set(fn, r ?? null);
    return r;
  };
  const isAppFactory = (fn: PyNode): boolean => {
    const body = field(fn, 'body');
    if (!body) return false;
    let builds = false;
    let returns = false;
    walk(body, (n) => {
      if (n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') return false;
      if (n.type === 'call') {
        const ref = resolver.resolve(field(n, 'function'));
        if (ref.kind === 'export' && ref.spec?.kind === 'web-app') builds = true;
      }
      if (n.type === 'return_statement' && n.children.length > 0) returns = true;
      return undefined;
    });
    return builds && returns;
  };
  const computeReason = (fn: PyNode): RerunReason | undefined => {
    const info = byNode.get(fn);
    if (!info) return undefined;
    const name = info.name;
    for (const d of info.decorators) {
      const kind = decoratorKind(d, resolver);
      if (kind === 'request-handler') return { kind, name };
      if (kind === 'fixture') return { kind, name };
    }
    if (info.registeredBy.length > 0) return { kind: 'request-handler', name };
    if (!info.ofClass && fn.parent?.type === 'module' && GUNICORN_HOOKS[name] === 'repeatedly' && (isGunicornConfig || looksLikeHook(fn))) return { kind: 'gunicorn-hook', name };
    if (isAppFactory(fn)) return { kind: 'app-factory', name };
    const callers = info.callers;
    for (const c of callers) if (enclosingLoop(c)) return { kind: 'loop', name };
    if (callers.length >= 2 && canRunTwice(callers, isTestFile)) return { kind: 'called-twice', name };
    for (const c of callers) {
      const outer = enclosingFunction(c);
      if (!outer || outer === fn) continue;
      const via = outer.type === 'function_definition' ? rerunReason(outer) : undefined;
      if (via) return { kind: 'caller', name, via };
    }
    return undefined;
  };
  return { byNode, calleeOf, rerunReason, isAppFactory };
}

/** `self.name(...)` inside a method: the method `name` of the same class. */
function methodOfSelf(callee: PyNode, byNode: ReadonlyMap<PyNode, FunctionInfo>): PyNode | undefined {
  const obj = field(callee, 'object');
  if (obj?.type !== 'identifier' || (obj.text !== 'self' && obj.text !== 'cls')) return undefined;
  const name = field(callee, 'attribute')?.text;
  const here = enclosingFunction(callee);
  const cls = here ? byNode.get(here)?.ofClass : undefined;
  if (!cls) return undefined;
  for (const info of byNode.values()) if (info.ofClass === cls && info.name === name) return info.node;
  return undefined;
}

/** Two or more call sites that can both run: on one path, or in different functions (two tests, two handlers). */
function canRunTwice(callers: readonly PyNode[], isTestFile: boolean): boolean {
  for (let i = 0; i < callers.length; i++) {
    for (let j = i + 1; j < callers.length; j++) {
      const a = callers[i]!;
      const b = callers[j]!;
      const fa = enclosingFunction(a);
      const fb = enclosingFunction(b);
      if (fa === fb) {
        if (!areExclusive(a, b)) return true;
      } else if (isTestFile || (fa && fb)) {
        // two functions of one process that both call it (tests of one session, two hooks)
        return true;
      }
    }
  }
  return false;
}

function looksLikeHook(fn: PyNode): boolean {
  const first = field(fn, 'parameters')?.children[0];
  const name = first?.type === 'identifier' ? first.text : undefined;
  return name === 'server' || name === 'worker' || name === 'arbiter';
}

/** What a decorator says about the function: a route/request hook, a pytest fixture run more than once per session, or nothing. */
function decoratorKind(decorator: PyNode, resolver: Resolver): 'request-handler' | 'fixture' | undefined {
  const callee = decorator.type === 'call' ? field(decorator, 'function') : decorator;
  if (!callee) return undefined;
  const name = callee.type === 'attribute' ? field(callee, 'attribute')?.text : callee.text;
  const ref = resolver.resolve(callee);
  const isFixture =
    (ref.kind === 'export' && ref.module === 'pytest' && ref.name === 'fixture') ||
    (callee.type === 'attribute' && field(callee, 'object')?.text === 'pytest' && name === 'fixture');
  if (isFixture) {
    const scope = decorator.type === 'call' ? keywordArgument(decorator, 'scope') : undefined;
    return stringValue(scope) === 'session' ? undefined : 'fixture';
  }
  if (callee.type === 'attribute' && name && ROUTE_DECORATORS.has(name)) return 'request-handler';
  return undefined;
}

/** The positional and keyword arguments of a call (splats included as written). */
export function argumentsOf(call: PyNode): PyNode[] {
  const args = field(call, 'arguments');
  return args?.type === 'argument_list' ? args.children : [];
}

/** The value of keyword argument `name` of a call. */
export function keywordArgument(call: PyNode, name: string): PyNode | undefined {
  for (const a of argumentsOf(call)) if (a.type === 'keyword_argument' && field(a, 'name')?.text === name) return field(a, 'value');
  return undefined;
}

/** The `keyword_argument` node for `name`. */
export function keywordArgumentNode(call: PyNode, name: string): PyNode | undefined {
  return argumentsOf(call).find((a) => a.type === 'keyword_argument' && field(a, 'name')?.text === name);
}

/** Positional argument `index` (before any keyword argument or splat). */
export function positionalArgument(call: PyNode, index: number): PyNode | undefined {
  const positional = [];
  for (const a of argumentsOf(call)) {
    if (a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat') break;
    positional.push(a);
  }
  return positional[index];
}

/** The argument for a parameter given by keyword, or at its position. */
export function argumentFor(call: PyNode, name: string, position: number): PyNode | undefined {
  return keywordArgument(call, name) ?? positionalArgument(call, position);
}
