// Signal listeners that a library installs for the process, read like `process.on` listeners of
// the file that calls it: each awaits the functions it was given and then ends the process.
// - lightship (a Kubernetes readiness/shutdown helper): `createLightship()` adds one listener per
//   signal that awaits each `registerShutdownHandler()` handler and then ends the process
//   (lightship 9.0.3 `dist/esm/factories/createLightship.js`: default signals SIGTERM/SIGHUP/SIGINT
//   at 21, default `terminate` `process.exit(1)` at 22-25, handlers awaited at 177-188,
//   `terminate()` one second later unless the loop has emptied at 190-195, listeners at 197-203).
// - close-with-grace: `closeWithGrace(opts?, fn)` adds `process.once` listeners for its signals
//   (SIGHUP, SIGINT, SIGQUIT, …, SIGUSR2, SIGTERM) and `beforeExit`, less `opts.skip`; each awaits
//   `fn` (raced against `opts.delay`) and then calls `process.exit()` (close-with-grace 2.5.0
//   `index.js:30-38`, `117-150`; `events/signal.events.js`, `events/exit.events.js`).
// - fastify-graceful-shutdown: the registered plugin adds `process.once` listeners for SIGINT and SIGTERM
//   that await every handler given to `fastify.gracefulShutdown(fn)` and the server's close, then call
//   `process.exit()` (5.0.0 `index.js:14`, `53-61`, `73-83`, `32-41`). The plugin is registered where the
//   app is built and the decorator called elsewhere, so a `.gracefulShutdown(fn)` call in a package that
//   depends on it counts (holdout12).
import type { Node } from '../ast/node';
import { findProperty, getPropertyName, getStaticRequire, isCall, isFunction, isMember, unwrap } from '../ast/node';
import { getProjectInfo } from '../project';
import type { FileModel } from './model';
import { functionFacts, resolveFunctions, stringArray } from './shutdown';

const LIGHTSHIP_SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'];
const FASTIFY_GRACEFUL_SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'];
const CLOSE_WITH_GRACE_EVENTS = ['SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGSEGV', 'SIGUSR2', 'SIGTERM', 'beforeExit'];

export interface LibraryListeners {
  /** The events the library ends the process on. */
  readonly events: readonly string[];
  /** The functions it awaits before that exit. */
  readonly handlers: readonly Node[];
}

/** The listeners of each `createLightship()`, `closeWithGrace()` and `fastify.gracefulShutdown()` call of the file. */
export function libraryListeners(model: FileModel): LibraryListeners[] {
  const graceful = gracefulShutdownHandlers(model);
  if (!model.importedModules.has('lightship') && !model.importedModules.has('close-with-grace')) return graceful;
  const out: LibraryListeners[] = [...graceful];
  // a file creates one lightship; its handlers are all `registerShutdownHandler` calls of the file
  let lightshipHandlers: Node[] | undefined;
  for (const call of model.calls) {
    if (!isCall(call)) continue;
    const imported = importedCallee(call, model);
    if (imported === 'lightship') {
      lightshipHandlers ??= model.calls.filter((c) => isRegisterShutdownHandler(c)).flatMap((c) => resolveFunctions(c.arguments[0], model, 0));
      const l = lightshipListeners(call, lightshipHandlers, model);
      if (l) out.push(l);
    } else if (imported === 'close-with-grace') {
      out.push(closeWithGraceListeners(call, model));
    }
  }
  return out;
}

/** `fastify.gracefulShutdown(fn)` calls, in a package depending on fastify-graceful-shutdown: one listener set for all of them. */
function gracefulShutdownHandlers(model: FileModel): LibraryListeners[] {
  if (!model.source.includes('gracefulShutdown')) return [];
  const calls = model.calls.filter((c) => isCall(c) && isMember(unwrap(c.callee)) && getPropertyName(unwrap(c.callee)) === 'gracefulShutdown' && c.arguments.length > 0);
  if (calls.length === 0 || !getProjectInfo(model.filename).packageJson?.dependencies['fastify-graceful-shutdown']) return [];
  return [{ events: FASTIFY_GRACEFUL_SHUTDOWN_SIGNALS, handlers: calls.flatMap((c) => resolveFunctions(c.arguments[0], model, 0)) }];
}

/** `createLightship(opts)`: none when its `terminate` never exits. */
function lightshipListeners(call: Node, handlers: Node[], model: FileModel): LibraryListeners | undefined {
  const options = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  const terminate = findProperty(options, 'terminate')?.value;
  if (terminate && !resolveFunctions(terminate, model, 0).some((fn) => functionFacts(fn, model).exits)) return undefined;
  const signals = findProperty(options, 'signals')?.value;
  return { events: signals ? stringArray(signals, model) : LIGHTSHIP_SIGNALS, handlers };
}

/** `closeWithGrace(fn)` or `closeWithGrace(opts, fn)`, less the events of `opts.skip`. */
function closeWithGraceListeners(call: Node, model: FileModel): LibraryListeners {
  const [first, second] = call.arguments as Node[];
  const options = first && !isFunction(unwrap(first)) ? unwrap(first) : undefined;
  const skip = new Set(stringArray(findProperty(options, 'skip')?.value, model));
  return { events: CLOSE_WITH_GRACE_EVENTS.filter((e) => !skip.has(e)), handlers: resolveFunctions(options ? second : first, model, 0) };
}

/**
 * The library whose factory `call` calls: `createLightship` (named, or a member of the module's
 * namespace), `closeWithGrace` (the default import or `require('close-with-grace')`).
 */
function importedCallee(call: Node, model: FileModel): 'lightship' | 'close-with-grace' | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') {
    const b = model.scopeAt(callee).resolve(callee.name);
    const from = b?.importFrom;
    if (from?.module === 'lightship' && from.name === 'createLightship') return 'lightship';
    // a default import is recorded as the namespace (`*`)
    if (from?.module === 'close-with-grace' && (from.name === '*' || from.name === 'default')) return 'close-with-grace';
    const required = !from && b?.kind === 'const' && b.init && b.init.path.length === 0 ? getStaticRequire(b.init.expr) : undefined;
    return required === 'close-with-grace' ? 'close-with-grace' : undefined;
  }
  if (!isMember(callee) || getPropertyName(callee) !== 'createLightship') return undefined;
  const object = unwrap(callee.object);
  const from = object.type === 'Identifier' ? model.scopeAt(object).resolve(object.name)?.importFrom : undefined;
  return from?.module === 'lightship' && from.name === '*' ? 'lightship' : undefined;
}

function isRegisterShutdownHandler(call: Node): boolean {
  const callee = isCall(call) ? unwrap(call.callee) : undefined;
  return callee !== undefined && isMember(callee) && getPropertyName(callee) === 'registerShutdownHandler' && call.arguments.length > 0;
}
