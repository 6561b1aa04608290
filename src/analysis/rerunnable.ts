// Re-runnable contexts: code that can run more than once per process.
import { basename } from 'node:path';
import type { Node } from '../ast/node';
import { findProperty, getBooleanValue, getKeyName, getPropertyName, getStringValue, isCall, isFunction, isLoop, isMember, unwrap } from '../ast/node';
import { areMutuallyExclusive } from './branches';
import { findProjectRoot } from '../project/project-index';
import { type ClassifyCall, calledInProject, constructionEvidence, exportCallEvidence, isSubclassedInProject, methodCallEvidence } from './callers';
import { isContainerSingleton } from './container-singletons';
import type { GuardKind } from './guards';
import { findGuard } from './guards';
import type { FileModel } from './model';
import type { RerunContext, RerunKind } from './rerun-context';
import { isImmediatelyInvoked } from './statements';
import { hasVersionAtLeast } from '../project/versions';

export type { RerunContext, RerunKind } from './rerun-context';

const EFFECT_HOOKS = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect', 'useMemo', 'useCallback', 'useState', 'useReducer']);
// component lifecycle callbacks of Vue, Svelte and Solid: they run once per component instance
const LIFECYCLE_HOOKS = new Set(['onMounted', 'onBeforeMount', 'onActivated', 'onUpdated', 'watch', 'watchEffect', 'onMount', 'beforeUpdate', 'afterUpdate', 'createEffect', 'createRenderEffect']);
// events that fire once per process or page
const ONCE_EVENTS = new Set(['load', 'DOMContentLoaded', 'listening', 'ready']);
const LISTENER_METHODS = new Set(['on', 'addListener', 'addEventListener', 'prependListener', 'subscribe']);
const ITERATION_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex']);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'route', 'addHook']);
const ROUTE_EXPORTS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const LOADER_EXPORTS = new Set(['loader', 'action', 'getServerSideProps', 'getStaticProps', 'generateMetadata']);
const SERVERLESS_EXPORTS = new Set(['handler', 'lambdaHandler', 'main']);
const WORKER_METHODS = new Set(['fetch', 'scheduled', 'queue', 'email', 'tail']);
const REQUEST_PARAMS = /^(req|request)$/i;
const RESPONSE_PARAMS = /^(res|response|reply|h)$/i;
const MAX_CALLER_DEPTH = 4;

/**
 * How an exported function or a class method counts: re-runnable only with `evidence` from its
 * callers (in this file, and in the project through the project index), `always` (its callers
 * may run it more than once: the strict behaviour), or `never` (an app's init runs once).
 */
export type CallerEvidence = 'evidence' | 'always' | 'never';

/**
 * Where `node` can run more than once per process with nothing stopping the
 * second run: the innermost re-runnable function or loop around it (or around a
 * call of the local function it sits in), provided no guard of an accepted kind
 * sits in between. Top-level module code runs once per evaluation and is not
 * re-runnable here (module re-evaluation is the HMR rule's business).
 */
export function findUnguardedRerun(node: Node, model: FileModel, accept?: readonly GuardKind[], callers: CallerEvidence = 'evidence'): RerunContext | undefined {
  return search(node, model, accept, 0, new Set(), callers);
}

function search(node: Node, model: FileModel, accept: readonly GuardKind[] | undefined, depth: number, seen: Set<Node>, callers: CallerEvidence): RerunContext | undefined {
  let child = node;
  for (const a of model.ancestors(node)) {
    if (isLoop(a) && child !== a.init && child !== a.right) {
      return findGuard(node, a, model, accept) ? undefined : { kind: 'loop', boundary: a, name: undefined, description: 'a loop' };
    }
    if (isFunction(a)) {
      if (findGuard(node, a, model, accept)) return undefined;
      const own = classifyFunction(a, model);
      // a class a DI container builds once per application (Nest default scope listed by one module, Angular
      // root): only a `new` of the project's own can run it again
      if (own?.kind === 'constructor' && isContainerSingleton(model.classOf(a), model)) {
        const className = classNameOf(model.classOf(a), model);
        return callers === 'never' || !className ? undefined : constructionEvidence(a, className, model, (call, m) => (depth < MAX_CALLER_DEPTH ? search(call, m, accept, depth + 1, new Set(), callers) : undefined));
      }
      if (own && (own.kind === 'exported-function' || own.kind === 'class-method' || own.kind === 'constructor')) {
        if (callers === 'always') return own;
        if (callers === 'never') return undefined;
        const classify = (call: Node, m: FileModel) => (depth < MAX_CALLER_DEPTH ? search(call, m, accept, depth + 1, new Set(), callers) : undefined);
        return withCallerEvidence(a, own, model, accept, depth, seen, callers, classify);
      }
      if (own) return own;
      if (isImmediatelyInvoked(a, model)) {
        child = a;
        continue;
      }
      const named = localFunctionName(a, model);
      if (named) return fromCallers(a, named, model, accept, depth, seen, callers);
      // a callback of something unknown: it is as re-runnable as the code around it
    }
    child = a;
  }
  return undefined;
}

/** The re-run kind a function has by its position or name, or undefined when that does not decide it. */
export function classifyFunction(fn: Node, model: FileModel): RerunContext | undefined {
  const parent = model.parents.get(fn);
  const name = functionName(fn, model);
  const ctx = (kind: RerunKind, description: string): RerunContext => ({ kind, boundary: fn, name, description });

  if (parent && (parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition' || parent.type === 'ClassProperty')) {
    const cls = model.classOf(fn) ?? model.parents.get(model.parents.get(parent) ?? parent);
    const className = cls?.id?.name ?? 'the class';
    if (parent.type === 'MethodDefinition' && parent.kind === 'constructor') return ctx('constructor', `the constructor of \`${className}\``);
    return ctx('class-method', `the method \`${name ?? '?'}\` of \`${className}\``);
  }
  if (parent && isCall(parent) && parent.arguments.includes(fn)) {
    const byCall = classifyCallback(parent, fn, model);
    if (byCall) return ctx(byCall.kind, byCall.description);
  }
  if (isWorkerMethod(fn, parent, model)) return ctx('serverless-handler', `the serverless handler \`${name}\``);
  if (name && /^use[A-Z0-9]/.test(name) && isReactFile(model)) return ctx('react-hook', `the React hook \`${name}\``);
  if (name && /^[A-Z]/.test(name) && !ROUTE_EXPORTS.has(name) && (model.hasJsx || /\.[jt]sx$/.test(model.filename))) {
    return ctx('react-component', `the React component \`${name}\` (it renders many times)`);
  }
  if (looksLikeRequestHandler(fn)) return ctx('request-handler', 'a request handler');
  const exported = exportedName(fn, model);
  if (exported !== undefined) {
    if (ROUTE_EXPORTS.has(exported)) return ctx('route-handler', `the route handler \`${exported}\``);
    if (LOADER_EXPORTS.has(exported)) return ctx('request-handler', `\`${exported}\`, which runs per request`);
    if (exported === 'middleware') return ctx('middleware', 'the `middleware` export, which runs per request');
    // `(event, context)` alone is a guess: a function the project calls itself is the app's own
    if (SERVERLESS_EXPORTS.has(exported) || (looksLikeServerless(fn) && !calledInProject(exported, model))) return ctx('serverless-handler', `the serverless handler \`${exported}\``);
    if (exported === 'register' && /^instrumentation(-client)?\.[cm]?[jt]sx?$/.test(basename(model.filename))) return undefined; // Next.js calls it once
    return ctx('exported-function', `the exported function \`${exported === 'default' ? (name ?? 'default') : exported}\`, which callers may run more than once`);
  }
  return undefined;
}

/**
 * When an effect runs again, said from its dependency list and the React release (holdout8 daswebreact:
 * React 16 with `[]`): with `[]` on every mount of the component, with dependencies whenever one
 * changes, without a list after every render; React 18+'s StrictMode mounts components twice in
 * development (react.dev `StrictMode`), which React 16 and 17 do not do for effects.
 */
function effectReruns(call: Node, model: FileModel): string {
  const deps = call.arguments[1] ? unwrap(call.arguments[1]) : undefined;
  const when = !deps ? 'it runs after every render' : deps.type === 'ArrayExpression' && deps.elements.length === 0 ? 'it runs on every mount of the component' : 'it runs again whenever a dependency changes';
  const strict = hasVersionAtLeast(model.filename, 'react', '18.0.0');
  if (strict === true) return `${when}, and twice under React 18+'s StrictMode in development`;
  if (strict === undefined) return `${when}, and twice under StrictMode in development from React 18 on`;
  return when;
}

/** The kind a callback gets from the call it is passed to (`app.get(path, fn)`, `useEffect(fn)`, `emitter.on(e, fn)`). */
function classifyCallback(call: Node, fn: Node, model: FileModel): { kind: RerunKind; description: string } | undefined {
  const callee = unwrap(call.callee);
  const name = isMember(callee) ? getPropertyName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
  if (!name) return undefined;
  if (EFFECT_HOOKS.has(name)) return { kind: 'react-effect', description: `a React \`${name}\` callback (${effectReruns(call, model)})` };
  if (LIFECYCLE_HOOKS.has(name)) return { kind: 'react-effect', description: `a component lifecycle callback (\`${name}\`), which runs for every component instance` };
  if (name === 'setInterval') return { kind: 'interval', description: 'a `setInterval` callback' };
  if (name === 'createServer') return { kind: 'request-handler', description: 'a request handler' };
  if (!isMember(callee)) return undefined;
  if (LISTENER_METHODS.has(name) && !isOnceListener(call)) return { kind: 'event-listener', description: `an event listener (\`.${name}()\`)` };
  if (ITERATION_METHODS.has(name)) return { kind: 'loop', description: `a \`.${name}()\` callback` };
  if (name === 'use') return { kind: 'middleware', description: 'middleware (`.use()`), which runs per request' };
  if (ROUTE_METHODS.has(name) && call.arguments.length >= 2 && call.arguments.at(-1) === fn) {
    return { kind: 'request-handler', description: `a route handler (\`.${name}()\`), which runs per request` };
  }
  return undefined;
}

const REACT_MODULES = ['react', 'preact', 'preact/hooks', 'react-dom', 'react-native'];

/** A file of React (or a React-like library) code: JSX, a `.jsx/.tsx` name, or an import of React. */
function isReactFile(model: FileModel): boolean {
  return model.hasJsx || /\.[jt]sx$/.test(model.filename) || REACT_MODULES.some((m) => model.importedModules.has(m));
}

/** `addEventListener('load', fn)`, `server.on('listening', fn)`, `{ once: true }`: a listener that runs once. */
function isOnceListener(call: Node): boolean {
  const event = getStringValue(call.arguments[0]);
  if (event !== undefined && ONCE_EVENTS.has(event)) return true;
  return getBooleanValue(findProperty(call.arguments[2], 'once')?.value) === true;
}

function looksLikeRequestHandler(fn: Node): boolean {
  const [a, b] = fn.params.map(paramName);
  if (a && b && REQUEST_PARAMS.test(a) && RESPONSE_PARAMS.test(b)) return true;
  return a === 'ctx' && b === 'next';
}

function looksLikeServerless(fn: Node): boolean {
  const [a, b] = fn.params.map(paramName);
  return a === 'event' && (b === 'context' || b === 'ctx');
}

function paramName(p: Node): string | undefined {
  const n = p.type === 'AssignmentPattern' ? p.left : p.type === 'TSParameterProperty' ? p.parameter : p;
  return n.type === 'Identifier' ? n.name : undefined;
}

/**
 * `export default { fetch(request, env, ctx) {} }`: a Workers-style handler object; also the handler
 * object a wrapper returns (`function withTelemetry(worker): ExportedHandler { const fetch = async (req,
 * env, ctx) => {…}; return { fetch }; }`), which the Workers runtime calls per request (holdout10 R6).
 */
function isWorkerMethod(fn: Node, parent: Node | undefined, model: FileModel): boolean {
  return workerProperties(fn, parent, model).some((prop) => {
    const obj = model.parents.get(prop);
    const holder = obj && model.parents.get(obj);
    if (!holder) return false;
    if (holder.type === 'ExportDefaultDeclaration') return true;
    const returner = holder.type === 'ReturnStatement' ? model.ancestors(holder).find((a) => isFunction(a)) : isFunction(holder) && holder.body === obj ? holder : undefined;
    return returner !== undefined && returnsWorkerHandler(returner);
  });
}

/** The object properties keyed by a Workers handler name that hold `fn`: directly, or through the const it initializes. */
function workerProperties(fn: Node, parent: Node | undefined, model: FileModel): Node[] {
  if (parent && isWorkerKey(parent)) return [parent];
  if (parent?.type !== 'VariableDeclarator' || parent.init !== fn || parent.id.type !== 'Identifier') return [];
  const b = model.scopeAt(parent).resolve(parent.id.name);
  const out: Node[] = [];
  for (const r of b?.references ?? []) {
    const prop = model.parents.get(r);
    if (prop && isWorkerKey(prop) && prop.value === r) out.push(prop);
  }
  return out;
}

function isWorkerKey(prop: Node): boolean {
  return (prop.type === 'Property' || prop.type === 'ObjectProperty') && WORKER_METHODS.has(getKeyName(prop) ?? '');
}

/** A function whose declared return type is Workers' handler object (`ExportedHandler`, `ExportedHandler<Env>`). */
function returnsWorkerHandler(fn: Node): boolean {
  const type = fn.returnType?.typeAnnotation;
  return type?.type === 'TSTypeReference' && type.typeName?.type === 'Identifier' && type.typeName.name === 'ExportedHandler';
}

/** The name a function is known by: its id, the variable or property it is assigned to. */
export function functionName(fn: Node, model: FileModel): string | undefined {
  if (fn.id?.type === 'Identifier') return fn.id.name;
  const parent = model.parents.get(fn);
  if (!parent) return undefined;
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (['MethodDefinition', 'Property', 'ObjectProperty', 'PropertyDefinition', 'ClassProperty'].includes(parent.type)) return getKeyName(parent);
  if (parent.type === 'AssignmentExpression' && isMember(parent.left)) return getPropertyName(parent.left);
  return undefined;
}

/** The outermost function around `node` when the module exports it, with its exported name. */
export function enclosingExportedFunction(node: Node, model: FileModel): { readonly fn: Node; readonly name: string } | undefined {
  const fn = model.ancestors(node).filter((n) => isFunction(n)).at(-1);
  const name = fn ? exportedName(fn, model) : undefined;
  return fn && name !== undefined ? { fn, name } : undefined;
}

/** The exported name of a function (`default` for default exports), or undefined. */
export function exportedName(fn: Node, model: FileModel): string | undefined {
  const parent = model.parents.get(fn);
  if (!parent) return undefined;
  if (parent.type === 'ExportDefaultDeclaration') return 'default';
  if (parent.type === 'ExportNamedDeclaration') return fn.id?.name;
  if (parent.type === 'VariableDeclarator') {
    const decl = model.parents.get(parent);
    const holder = decl && model.parents.get(decl);
    if (holder?.type === 'ExportNamedDeclaration' && parent.id.type === 'Identifier') return parent.id.name;
  }
  if (parent.type === 'AssignmentExpression' && parent.right === fn) {
    const left = unwrap(parent.left);
    if (isModuleExports(left)) return 'default';
    if (isMember(left) && (isModuleExports(unwrap(left.object)) || isExportsObject(unwrap(left.object)))) return getPropertyName(left);
  }
  // `function init() {}` exported later: `export { init }`, `module.exports = { init }`, `exports.init = init`
  const binding = bindingOf(fn, model);
  for (const ref of binding?.references ?? []) {
    const p = model.parents.get(ref);
    if (p?.type === 'ExportSpecifier') return p.exported?.name ?? p.exported?.value;
    if (p?.type === 'ExportDefaultDeclaration') return 'default';
    if (p?.type === 'AssignmentExpression' && p.right === ref) {
      const left = unwrap(p.left);
      if (isModuleExports(left)) return 'default';
      if (isMember(left) && (isModuleExports(unwrap(left.object)) || isExportsObject(unwrap(left.object)))) return getPropertyName(left);
    }
    if ((p?.type === 'Property' || p?.type === 'ObjectProperty') && p.value === ref) {
      const obj = model.parents.get(p);
      const assign = obj && model.parents.get(obj);
      if (assign?.type === 'AssignmentExpression' && isModuleExports(unwrap(assign.left))) return getKeyName(p);
    }
  }
  return undefined;
}

function isModuleExports(n: Node): boolean {
  return isMember(n) && unwrap(n.object).type === 'Identifier' && unwrap(n.object).name === 'module' && getPropertyName(n) === 'exports';
}

function isExportsObject(n: Node): boolean {
  return n.type === 'Identifier' && n.name === 'exports';
}


function bindingOf(fn: Node, model: FileModel) {
  const parent = model.parents.get(fn);
  const id = fn.type === 'FunctionDeclaration' ? fn.id : parent?.type === 'VariableDeclarator' ? parent.id : undefined;
  if (id?.type !== 'Identifier') return undefined;
  const b = model.scopeAt(parent ?? fn).resolve(id.name);
  return b && b.id === id ? b : model.scopeAt(fn).resolve(id.name);
}

/** A class's name: its id, or the variable it is assigned to (`const Telemetry = class {}`). */
function classNameOf(cls: Node | undefined, model: FileModel): string | undefined {
  if (!cls) return undefined;
  if (cls.id?.type === 'Identifier') return cls.id.name;
  const parent = model.parents.get(cls);
  return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : undefined;
}

/** A local function's name when it is declared (`function f`, `const f = () =>`) and so can be followed to its callers. */
function localFunctionName(fn: Node, model: FileModel): string | undefined {
  const b = bindingOf(fn, model);
  return b && (b.declaration === fn || b.declaration === model.parents.get(fn)) ? b.name : undefined;
}

/** A local function is as re-runnable as its callers, or re-runs when called twice on one path. */
function fromCallers(fn: Node, name: string, model: FileModel, accept: readonly GuardKind[] | undefined, depth: number, seen: Set<Node>, callers: CallerEvidence): RerunContext | undefined {
  if (depth >= MAX_CALLER_DEPTH || seen.has(fn)) return undefined;
  seen.add(fn);
  const binding = bindingOf(fn, model);
  const callSites: Node[] = [];
  for (const ref of binding?.references ?? []) {
    const p = model.parents.get(ref);
    if (!p || !isCall(p)) continue;
    if (unwrap(p.callee) === ref) callSites.push(p);
    else if (p.arguments.includes(ref)) {
      const byCall = classifyCallback(p, ref, model);
      if (byCall) return { kind: byCall.kind, boundary: fn, name, description: `\`${name}\`, passed as ${byCall.description}` };
    }
  }
  for (let i = 0; i < callSites.length; i++) {
    for (let j = i + 1; j < callSites.length; j++) {
      if (!areMutuallyExclusive(callSites[i]!, callSites[j]!, model)) {
        return { kind: 'called-repeatedly', boundary: fn, name, description: `\`${name}\`, which is called more than once` };
      }
    }
  }
  for (const call of callSites) {
    const outer = search(call, model, accept, depth + 1, seen, callers);
    if (outer) return { ...outer, description: `\`${name}\`, called from ${outer.description}` };
  }
  return undefined;
}

/**
 * An exported function or a class method re-runs only with evidence: its callers in this file
 * (a call in re-runnable code, or two on one path), else its callers in the project. A file in
 * no package has no project to look in and keeps the strict verdict.
 */
function withCallerEvidence(
  fn: Node,
  own: RerunContext,
  model: FileModel,
  accept: readonly GuardKind[] | undefined,
  depth: number,
  seen: Set<Node>,
  callers: CallerEvidence,
  classify: ClassifyCall,
): RerunContext | undefined {
  // a file in no package: its callers cannot be seen, so it is judged on its own (the strict behaviour)
  if (findProjectRoot(model.filename) === undefined) return own;
  if (own.kind === 'constructor') {
    const className = classNameOf(model.classOf(fn), model);
    // an unnamed or subclassed class: its construction sites cannot all be seen (the strict verdict)
    return className && !isSubclassedInProject(className, model) ? constructionEvidence(fn, className, model, classify) : own;
  }
  const name = own.name ?? functionName(fn, model);
  if (own.kind === 'class-method') return name ? methodCallEvidence(fn, name, model, classify) : undefined;
  const local = localFunctionName(fn, model);
  const inFile = local ? fromCallers(fn, local, model, accept, depth, seen, callers) : undefined;
  if (inFile) return inFile;
  const exported = exportedName(fn, model);
  return exported === undefined ? undefined : exportCallEvidence(fn, exported, model, classify);
}
