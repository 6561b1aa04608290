// Signal handlers of the modules that import a setup module: the entry of the same process
// (`server.ts` importing `./otel`) often handles SIGTERM/SIGINT itself, flushing through the
// setup's exported shutdown and exiting. Read through the project index, only when a rule has a
// finding that this evidence would drop (each importer is parsed once, memoized).
import path from 'node:path';
import type { Node } from '../ast/node';
import { getPropertyName, isCall, isMember, unwrap } from '../ast/node';
import { getProjectIndex, type ProjectIndex } from '../project/project-index';
import { coRunFiles } from '../project';
import { importedProjectFile, projectFileModel, TEST_FILE } from './callers';
import { reExportsOf } from './re-exports';
import { libraryListeners } from './library-signals';
import { Resolver } from '../project/resolve';
import type { FileModel } from './model';
import { callsWithin, enclosingFunction, functionFacts, getProcessListeners, isAwaited, isShutdownCall, resolveFunctions } from './shutdown';

/** How many import levels above the setup module an entry still counts as its process (`server.ts` → `otel.ts` → `otel-impl.ts`). */
const IMPORTER_DEPTH = 2;

export interface SignalHandling {
  /** A handler that ends the process (`process.exit`, a server's `close()`). */
  readonly exits: boolean;
  /** A handler that awaits a shutdown/forceFlush, or an awaited call of a function of the setup's modules. */
  readonly flushes: boolean;
  /** A handler that starts one (awaited or not: `sdk.shutdown().catch(log)`, `void shutdownOtel()`). */
  readonly starts: boolean;
}

/** An importer's handling, with `both` (one handler awaits the flush and then exits) and `bothSetup`: the same where the flush is the setup module's own. */
export interface ImporterSignalHandling extends SignalHandling {
  readonly both: boolean;
  /**
   * `both`, where what the handler awaits is this setup's flush: a call of the setup module's export
   * (`shutdownOtel()`), or `shutdown()` on what one of its exports returned (`const t = startTracing();
   * … await t.shutdown()`); not any `.shutdown()` (`leases.shutdown()`).
   */
  readonly bothSetup: boolean;
  /** For messages: the first module whose handler ends the process, and the script that preloads this file beside it when it is no importer. */
  readonly exitsIn?: { readonly file: string; readonly preloadedBy?: string };
}

/** What this file's own listeners for `signal` do (`flushes` read like an importer's). */
export function ownSignalHandling(model: FileModel, signal: string): SignalHandling {
  return handlingIn(model, signal, new Set([path.resolve(model.filename)]), undefined);
}

/**
 * What the listeners for `signal` in the modules importing this file (up to two levels, tests left
 * out) do. `both`: one handler awaits the flush and then exits; an importer that only exits
 * (`httpServer.close(() => process.exit(0))`) can cut off the flush this module's listener started.
 */
export function importerSignalHandling(model: FileModel, signal: string): ImporterSignalHandling {
  // the rules ask per signal, and again for each listener and message: read the importers once
  let bySignal = handlingCache.get(model);
  if (!bySignal) handlingCache.set(model, (bySignal = new Map()));
  let out = bySignal.get(signal);
  if (!out) bySignal.set(signal, (out = readImporterHandling(model, signal)));
  return out;
}

const handlingCache = new WeakMap<FileModel, Map<string, ImporterSignalHandling>>();

function readImporterHandling(model: FileModel, signal: string): ImporterSignalHandling {
  const index = getProjectIndex(model.filename);
  const none = { exits: false, flushes: false, starts: false, both: false, bothSetup: false };
  if (!index) return none;
  const target = path.resolve(model.filename);
  const seen = new Set([target]);
  // what a handler may call to flush: the setup module's own exports (`shutdownOtel()`); a function
  // of another module that imports it need not reach the SDK (`closeApi()` of `api.ts`)
  const chain = new Set([target]);
  let level = [target];
  const importers: string[] = [];
  for (let depth = 0; depth < IMPORTER_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const f of level) {
      for (const importer of index.importers.get(f) ?? []) {
        if (seen.has(importer) || TEST_FILE.test(path.relative(index.root, importer))) continue;
        seen.add(importer);
        importers.push(importer);
        next.push(importer);
      }
    }
    level = next;
  }
  // the main module a script runs with this file preloaded (`node -r ./otel.js dist/server.js`): the
  // same process, though it imports nothing of it (holdout7 M3)
  const preloadedBy = new Map<string, string>();
  for (const { file, script } of coRunFiles(model.filename)) {
    if (seen.has(file)) continue;
    seen.add(file);
    importers.push(file);
    preloadedBy.set(file, script);
  }
  let out: ImporterSignalHandling = none;
  for (const importer of importers) {
    // the text decides cheaply which importers can hold a listener for the signal at all
    const text = index.text(importer);
    if (!text?.includes('process') && !text?.includes('lightship') && !text?.includes('close-with-grace') && !text?.includes('gracefulShutdown')) continue;
    const caller = projectFileModel(importer, model);
    if (!caller) continue;
    const h = handlingIn(caller, signal, chain, index);
    const exitsIn = out.exitsIn ?? (h.exits ? { file: path.relative(index.root, importer).split(path.sep).join('/'), preloadedBy: preloadedBy.get(importer) } : undefined);
    out = { exits: out.exits || h.exits, flushes: out.flushes || h.flushes, starts: out.starts || h.starts, both: out.both || h.both, bothSetup: out.bothSetup || h.bothSetup, exitsIn };
  }
  return out;
}

function handlingIn(model: FileModel, signal: string, chain: ReadonlySet<string>, index: ProjectIndex | undefined): ImporterSignalHandling {
  let exits = false;
  let flushes = false;
  let starts = false;
  let both = false;
  let bothSetup = false;
  for (const l of getProcessListeners(model)) {
    if (!l.events.includes(signal)) continue;
    for (const h of l.handlers) {
      const e = functionFacts(h, model).exits;
      const f = reachesFlush(h, model, chain, index, ANY_AWAITED, 0, new Set());
      exits ||= e;
      flushes ||= f;
      starts ||= f || reachesFlush(h, model, chain, index, ANY_STARTED, 0, new Set());
      both ||= e && f;
      bothSetup ||= e && f && reachesFlush(h, model, chain, index, SETUP_AWAITED, 0, new Set());
    }
  }
  // lightship's, close-with-grace's and fastify-graceful-shutdown's listeners end the process once the functions they await have
  // settled; they await what such a function returns, so a started flush (`() => sdk.shutdown()`) is waited for
  for (const l of libraryListeners(model)) {
    if (!l.events.includes(signal)) continue;
    exits = true;
    const f = l.handlers.some((h) => reachesFlush(h, model, chain, index, ANY_STARTED, 0, new Set()));
    flushes ||= f;
    starts ||= f;
    both ||= f;
    bothSetup ||= f && l.handlers.some((h) => reachesFlush(h, model, chain, index, SETUP_STARTED, 0, new Set()));
  }
  return { exits, flushes, starts, both, bothSetup };
}

interface FlushKind {
  /** Only a call the function waits for. */
  readonly awaited: boolean;
  /** Only the setup module's flush (`shutdownOtel()`, `t.shutdown()` on what its export returned), not any `.shutdown()`. */
  readonly setupOnly: boolean;
}

const ANY_AWAITED: FlushKind = { awaited: true, setupOnly: false };
const ANY_STARTED: FlushKind = { awaited: false, setupOnly: false };
const SETUP_AWAITED: FlushKind = { awaited: true, setupOnly: true };
const SETUP_STARTED: FlushKind = { awaited: false, setupOnly: true };

/**
 * The function (or a local function it calls) calls a shutdown, or a function imported from the
 * setup module; see `FlushKind` for which calls count.
 */
function reachesFlush(fn: Node, model: FileModel, chain: ReadonlySet<string>, index: ProjectIndex | undefined, kind: FlushKind, depth: number, seen: Set<Node>): boolean {
  if (seen.has(fn)) return false;
  seen.add(fn);
  for (const call of callsWithin(fn, model)) {
    const flush = kind.setupOnly ? callsIntoChain(call, model, chain, index) || shutsDownChainResult(call, model, chain, index) : isShutdownCall(call, model) || callsIntoChain(call, model, chain, index);
    if (flush && (!kind.awaited || settles(call, model))) return true;
    if (depth < 4 && call.type !== 'NewExpression') {
      for (const callee of resolveFunctions(call.callee, model, 0)) if (reachesFlush(callee, model, chain, index, kind, depth + 1, seen)) return true;
    }
  }
  return false;
}

/** `t.shutdown()` / `t.forceFlush()` where `const t = startTracing()` (awaited or not) calls an export of a module of `chain`. */
function shutsDownChainResult(call: Node, model: FileModel, chain: ReadonlySet<string>, index: ProjectIndex | undefined): boolean {
  if (!isShutdownCall(call, model)) return false;
  const callee = unwrap(call.callee);
  const object = isMember(callee) ? unwrap(callee.object) : undefined;
  if (object?.type !== 'Identifier') return false;
  const b = model.scopeAt(object).resolve(object.name);
  const init = b && !b.importFrom && b.init && b.init.path.length === 0 ? unwrap(b.init.expr) : undefined;
  const made = init?.type === 'AwaitExpression' ? unwrap(init.argument) : init;
  return made !== undefined && isCall(made) && callsIntoChain(made, model, chain, index);
}

/**
 * `await flush()`, or `flush().then(…)` / `.finally(…)`, also after a `.catch(…)` in the chain
 * (`flush().catch(log).finally(exit)`): what follows runs after the flush.
 */
function settles(call: Node, model: FileModel): boolean {
  const fn = enclosingFunction(call, model);
  if (fn && isAwaited(call, fn, model)) return true;
  for (let link = call; ; ) {
    const member = model.parents.get(link);
    if (!member || !isMember(member) || member.object !== link) return false;
    const name = getPropertyName(member) ?? '';
    if (name === 'then' || name === 'finally') return true;
    const next = model.parents.get(member);
    if (name !== 'catch' || !next || !isCall(next) || next.callee !== member) return false;
    link = next;
  }
}

/** `shutdownOtel()` or `otel.shutdown()` where the binding is imported from a module of `chain`. */
function callsIntoChain(call: Node, model: FileModel, chain: ReadonlySet<string>, index: ProjectIndex | undefined): boolean {
  if (!index) return false;
  let callee = unwrap(call.callee);
  if (isMember(callee)) callee = unwrap(callee.object);
  if (callee.type !== 'Identifier') return false;
  const from = model.scopeAt(callee).resolve(callee.name)?.importFrom;
  const target = from === undefined ? undefined : importedProjectFile(model, from.module);
  return target !== undefined && (chain.has(target) || reExportedFromChain(target, from!.name, chain, model, 0));
}

/**
 * The barrel `file` re-exports `name` from a module of `chain` (`export { shutdownTracing } from
 * './tracing.js'` in `src/telemetry/index.ts`, imported as `@/telemetry`; holdout11 S24), up to two barrels deep.
 */
function reExportedFromChain(file: string, name: string, chain: ReadonlySet<string>, like: FileModel, depth: number): boolean {
  if (depth >= 2 || name === '*') return false;
  const barrel = projectFileModel(file, like);
  if (!barrel) return false;
  return reExportsOf(barrel, name).some(({ source, imported }) => {
    const next = new Resolver(path.dirname(file), []).resolveImport(source, file);
    return next !== undefined && next !== file && (chain.has(next) || reExportedFromChain(next, imported, chain, like, depth + 1));
  });
}
