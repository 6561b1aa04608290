// An SDK handed to a project module that shuts it down in a framework close hook (holdout4 S10):
// `setOtelSdk(sdk)` in the setup file, and in `lib/otel-shutdown.js` a module-level `let` that
// `setOtelSdk` stores it in and an `app.addHook('onClose', async () => { await held.shutdown() })`
// registered by a function another module of the app calls. Under fastify-cli's `fastify start`,
// which runs this file in the app's process and closes the app on SIGINT/SIGTERM, that hook is the
// shutdown path. Every link needs evidence; a missing one leaves the setup without a path.
import path from 'node:path';
import type { Node } from '../ast/node';
import { getPropertyName, getStringValue, isMember, unwrap } from '../ast/node';
import { fastifyCliClosesOnSignals, fastifyStarts } from '../project/fastify-cli';
import { getProjectIndex, type ProjectIndex } from '../project/project-index';
import { exportedFunction, importedProjectFile, projectFileModel, TEST_FILE } from './callers';
import type { FileModel } from './model';
import type { Binding } from './scope';
import { constInit } from './scope';
import { enclosingFunction, isAwaited, resolveFunctions } from './shutdown';

/** Framework close hooks, by the `addHook` name that registers them (Fastify runs `onClose` hooks in `close()` and awaits them). */
const CLOSE_HOOKS = new Set(['onClose']);
/** How many import levels below fastify-cli's app plugin the setup file may be (`app.js` → `plugins/otel.js`). */
const APP_DEPTH = 2;

export interface CloseHookShutdown {
  /** `setOtelSdk(sdk)`: the call that hands the SDK over. */
  readonly handover: Node;
  /** The module that stores it and shuts it down, project-relative. */
  readonly module: string;
  /** The script running the app under `fastify start`. */
  readonly script: string;
}

/**
 * The evidence that the SDK held by `binding` (a variable of the setup file) is shut down by a
 * Fastify `onClose` hook that fastify-cli runs on SIGINT/SIGTERM, or undefined.
 */
export function closeHookShutdown(binding: Binding, model: FileModel): CloseHookShutdown | undefined {
  // the cheap project facts first: a fastify-cli that closes on signals, running this file
  const script = fastifyStartRunning(model);
  if (!script) return undefined;
  const index = getProjectIndex(model.filename);
  if (!index) return undefined;
  for (const call of model.calls) {
    const callee = unwrap(call.callee);
    if (call.type !== 'CallExpression' || callee.type !== 'Identifier') continue;
    const at = call.arguments.findIndex((a: Node) => unwrap(a).type === 'Identifier' && model.scopeAt(a).resolve(unwrap(a).name) === binding);
    if (at < 0) continue;
    const from = model.scopeAt(callee).resolve(callee.name)?.importFrom;
    const target = from && from.name !== '*' ? importedProjectFile(model, from.module) : undefined;
    const module = target === undefined ? undefined : projectFileModel(target, model);
    const store = module && storeOf(module, from!.name, at);
    if (store && shutsDownInCloseHook(store, module, index)) {
      return { handover: call, module: path.relative(index.root, module.filename), script };
    }
  }
  return undefined;
}

/** The `fastify start` script that preloads this file or loads an app that imports it (two levels), when its fastify-cli closes on signals. */
function fastifyStartRunning(model: FileModel): string | undefined {
  const starts = fastifyStarts(model.filename);
  if (starts.length === 0 || !fastifyCliClosesOnSignals(model.filename)) return undefined;
  const file = path.resolve(model.filename);
  const preloading = starts.find((s) => s.preloads.includes(file));
  if (preloading) return preloading.script;
  const index = getProjectIndex(model.filename);
  for (const s of starts) {
    let level = s.app ? [s.app] : [];
    for (let depth = 0; depth <= APP_DEPTH && level.length > 0; depth++) {
      if (level.includes(file)) return s.script;
      level = level.flatMap((f) => index?.imports.get(f) ?? []);
    }
  }
  return undefined;
}

/**
 * The module-level `let`/`var` that the exported function `name` stores its parameter `at` in
 * (`export function setOtelSdk(sdk) { otelSdk = sdk }`), or undefined.
 */
function storeOf(module: FileModel, name: string, at: number): Binding | undefined {
  const fn = exportedFunction(module, name);
  const param = fn?.params[at];
  if (!fn || param?.type !== 'Identifier') return undefined;
  const moduleScope = module.scopes.get(module.program)!;
  for (const stmt of fn.body.type === 'BlockStatement' ? fn.body.body : [{ type: 'ExpressionStatement', expression: fn.body }]) {
    const e = stmt.type === 'ExpressionStatement' ? unwrap(stmt.expression) : undefined;
    if (e?.type !== 'AssignmentExpression' || e.operator !== '=' || e.left.type !== 'Identifier') continue;
    const right = unwrap(e.right);
    if (right.type !== 'Identifier' || right.name !== param.name || module.scopeAt(right).resolve(right.name)?.id !== param) continue;
    const store = moduleScope.bindings.get(e.left.name);
    if (store && (store.kind === 'let' || store.kind === 'var') && module.scopeAt(e.left).resolve(e.left.name) === store) return store;
  }
  return undefined;
}

/**
 * An `x.addHook('onClose', fn)` of the module whose `fn` awaits (or returns) `shutdown()` on the
 * stored SDK (or a const copied from it), registered where it runs: at the module's top level, or
 * in an exported function that another (non-test) module of the project names.
 */
function shutsDownInCloseHook(store: Binding, module: FileModel, index: ProjectIndex): boolean {
  for (const call of module.calls) {
    const callee = unwrap(call.callee);
    if (!isMember(callee) || getPropertyName(callee) !== 'addHook' || !CLOSE_HOOKS.has(getStringValue(call.arguments[0]) ?? '')) continue;
    const hooks = resolveFunctions(call.arguments[1], module, 0);
    if (!hooks.some((h) => awaitsStoredShutdown(h, store, module))) continue;
    if (registrationRuns(call, module, index)) return true;
  }
  return false;
}

function awaitsStoredShutdown(hook: Node, store: Binding, module: FileModel): boolean {
  return module.calls.some((c) => {
    if (enclosingFunction(c, module) !== hook) return false;
    const callee = unwrap(c.callee);
    if (!isMember(callee) || getPropertyName(callee) !== 'shutdown' || !holdsStored(unwrap(callee.object), store, module)) return false;
    const parent = module.parents.get(c);
    return isAwaited(c, hook, module) || parent?.type === 'ReturnStatement' || (hook.expression && hook.body === c);
  });
}

/** `otelSdk`, or `sdk` of `const sdk = otelSdk`. */
function holdsStored(expr: Node, store: Binding, module: FileModel): boolean {
  if (expr.type !== 'Identifier') return false;
  const b = module.scopeAt(expr).resolve(expr.name);
  if (b === store) return true;
  const init = constInit(b);
  return init?.type === 'Identifier' && module.scopeAt(init).resolve(init.name) === store;
}

function registrationRuns(call: Node, module: FileModel, index: ProjectIndex): boolean {
  const fn = enclosingFunction(call, module);
  if (!fn) return true;
  const parent = module.parents.get(fn);
  const declarator = parent?.type === 'VariableDeclarator' ? parent : undefined;
  const exported = fn.type === 'FunctionDeclaration' ? parent?.type === 'ExportNamedDeclaration' : module.parents.get(module.parents.get(declarator ?? fn) ?? fn)?.type === 'ExportNamedDeclaration';
  const name = fn.type === 'FunctionDeclaration' ? fn.id?.name : declarator?.id.type === 'Identifier' ? declarator.id.name : undefined;
  if (!exported || !name) return false;
  const self = path.resolve(module.filename);
  const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}\\s*\\(`);
  return (index.importers.get(self) ?? []).some((f) => !TEST_FILE.test(path.relative(index.root, f)) && word.test(index.text(f) ?? ''));
}

