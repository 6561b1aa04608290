// What `require-shutdown-handler` reports, computed once for the rule and the
// `add-shutdown-handler` codemod (otel-api-surface.md §3.3).
import type { FileModel, RegistrationSite } from '../analysis';
import { classifyFunction, getEvaluator, getRegistrationSites } from '../analysis';
import { filePlatform, isServerlessModule } from '../analysis/environment';
import type { ProcessListener } from '../analysis/shutdown';
import { callsWithin, exitsBeforeFlush, functionFacts, getProcessListeners, isShutdownCall } from '../analysis/shutdown';
import type { SpanLoss } from '../analysis/span-loss';
import { creationLoss, setupLoss, worseLoss } from '../analysis/span-loss';
import { earlierTraceRegistration, getBatchingSites } from '../analysis/batching';
import { findProperty, getBooleanValue, getKeyName, getLine, getPropertyName, isFunction, getRange, isMember, unwrap, isCall } from '../ast/node';
import type { Node } from '../ast/node';
import { planExitAfterFlush, planFlushBeforeExit, planShutdownHandlers, shutdownSubject } from '../fix/add-shutdown-handler';
import { importerSignalHandling } from '../analysis/importer-signals';
import { libraryListeners } from '../analysis/library-signals';
import { closeHookShutdown } from '../analysis/close-hook-shutdown';
import { importedSdkStarts } from '../analysis/imported-sdk';
import { exportNamedNowhere } from '../analysis/callers';
import { enclosingExportedFunction } from '../analysis/rerunnable';
import { getProjectInfo, mayRunUnderNodemon, nestShutdownHooks, type NestShutdownHooks } from '../project';
import { frameworkSignalOwner, ownsSignals, serverClosingSignals } from '../project/frameworks';
import type { Report } from './types';
import type { Messages } from '../core/messages';
import { defineJsCheck, type JsCheck } from './define';

export type ShutdownHandlerMessageId =
  | 'missingShutdown'
  | 'exitBeforeFlush'
  | 'handlerNeverExits'
  | 'importerExitCutsFlush'
  | 'unboundShutdownListener'
  | 'missingSigint'
  | 'missingSigterm'
  | 'missingNodemonRestart'
  | 'addShutdownHandler'
  | 'addSigintHandler'
  | 'addSigtermHandler'
  | 'addNodemonHandler'
  | 'awaitShutdownBeforeExit'
  | 'exitAfterShutdown';

/** The messages of `require-shutdown-handler` (the rule's `meta.messages`; every other surface formats them too). */
export const messages: Messages<ShutdownHandlerMessageId> = {
  unboundShutdownListener:
    '`{{handler}}` is passed to `process.{{method}}(\'{{event}}\')` unbound: Node calls it with `this` set to `process`, so it shuts nothing down (NodeSDK\'s `shutdown()` finds no providers on `process`), and the listener never exits, so the process keeps running after the signal. Use `() => {{name}}.shutdown().finally(() => process.exit(…))`.',
  missingShutdown:
    '`{{label}}` starts telemetry but nothing calls {{shutdownCall}} when the process ends: {{lost}}. Add handlers that await the shutdown{{fix}}.',
  exitBeforeFlush:
    '`process.exit()` runs before the shutdown started above settles, so the {{event}} handler drops {{dropped}}. Exit after the shutdown promise settles{{fix}}.',
  handlerNeverExits:
    'This {{event}} handler flushes telemetry but never exits: {{consequence}}. {{advice}}{{fix}}.',
  importerExitCutsFlush:
    'This {{event}} handler starts a flush but never waits for it to exit: {{exiter}} exits on {{event}} without awaiting that flush, so the process can end before the spans are sent. Await the shutdown before that exit (export it from here), or exit here once it settles.',
  missingSigint:
    'SIGTERM {{flushes}} but SIGINT (Ctrl-C, most dev tools) does not: {{lost}} when a developer stops the process. Handle SIGINT{{how}}{{fix}}.',
  missingSigterm:
    'SIGINT {{flushes}} but SIGTERM (container stop, deploy, scale-in) does not: Node\'s default exit on SIGTERM means {{lost}} on every deploy. Handle SIGTERM{{how}}{{fix}}.',
  missingNodemonRestart:
    'This project restarts with nodemon, which sends {{signal}}; nothing flushes telemetry on it, so the spans still batched when nodemon restarts the process are lost, at every restart. Flush on {{signal}} and re-raise it{{fix}}.',
  addShutdownHandler: 'Add SIGTERM/SIGINT/beforeExit handlers that await {{shutdownCall}} with a timeout, then exit.',
  addSigintHandler: 'Add a SIGINT handler that awaits {{shutdownCall}} with a timeout, then exits with 130.',
  addSigtermHandler: 'Add a SIGTERM handler that awaits {{shutdownCall}} with a timeout, then exits with 143.',
  addNodemonHandler: 'Add a {{signal}} handler that awaits {{shutdownCall}} with a timeout, then re-raises {{signal}}.',
  awaitShutdownBeforeExit: 'Exit when the shutdown settles (bounded by a timeout).',
  exitAfterShutdown: 'Exit when the shutdown settles (bounded by a timeout).',
};

/** `require-shutdown-handler`'s detection, shared by the rule, the codemods and doctor. */
export const requireShutdownHandler: JsCheck<ShutdownHandlerMessageId, ShutdownHandlerOptions> = defineJsCheck({ ruleId: 'require-shutdown-handler', transform: 'add-shutdown-handler', messages, check: checkShutdownHandler, startFiles: true });

export interface ShutdownHandlerOptions {
  /** Check nodemon's restart signal in projects that use nodemon. */
  readonly nodemon: boolean;
  /** Require SIGINT next to SIGTERM. */
  readonly requireSigint: boolean;
  /** Also report setups whose only loss is an export in flight (SimpleSpanProcessor with a network exporter). */
  readonly inFlightExports?: boolean;
}

const SIGNAL_EXIT_CODES: Readonly<Record<string, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143, SIGBREAK: 149 };
const FLUSH_EVENTS = new Set(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR2', 'SIGBREAK', 'beforeExit']);

/** Registration sites that make this file the one that owns the SDK's lifecycle. */
export function lifecycleSites(model: FileModel): RegistrationSite[] {
  return getRegistrationSites(model).filter(
    (s) =>
      s.kind !== 'side-effect-import' &&
      s.kind !== 'instrumentations' &&
      s.globals.includes('trace') &&
      hasShutdownHandle(s, model) &&
      !inServerlessHandler(s.node, model),
  );
}

/** Serverless platforms freeze and end the process themselves: flushing belongs at the end of each invocation, not in signal handlers. */
function inServerlessHandler(node: Node, model: FileModel): boolean {
  return model.ancestors(node).some((a) => isFunction(a) && classifyFunction(a, model)?.kind === 'serverless-handler');
}

/** The setup hands back something with `shutdown()` (an SDK, a provider, a handle, or a vendor shutdown function). */
function hasShutdownHandle(site: RegistrationSite, model: FileModel): boolean {
  if (site.kind === 'sdk-start' || site.kind === 'provider-register') return true;
  if (site.kind === 'api') return !!site.subject;
  if (site.spec?.kind === 'sdk-function') {
    if (site.spec.returnsHandle) return true;
    const mod = model.table.module(site.module);
    return !!mod && Object.values(mod.exports).some((e) => e.kind === 'shutdown-function');
  }
  return false;
}

/** The vendor installs its own handlers (EDOT `startNodeSDK` unless `elasticSetupShutdownHandlers: false`). */
function installsOwnHandlers(site: RegistrationSite): boolean {
  const own = site.spec?.kind === 'sdk-function' ? site.spec.ownShutdownHandlers : undefined;
  if (!own) return false;
  if (!own.unless) return true;
  const opt = findProperty(site.node.arguments?.[0], own.unless.option);
  return getBooleanValue(opt?.value) !== own.unless.value;
}

/**
 * How messages name the shutdown call: `sdk.shutdown()`, or the SDK's when it has no variable; for an
 * SDK with no `shutdown()` of its own (BaselimeSDK), the provider its `start()` returns.
 */
function shutdownCall(name: string | undefined, site: RegistrationSite | undefined, model: FileModel): string {
  if (name) return `\`${name}.shutdown()\``;
  if (site?.spec?.kind === 'sdk' && site.spec.shutdownVia === 'start-result') {
    return `\`shutdown()\` on the provider that \`start()\` returns (${site.vendor ?? 'this'} SDK has no \`shutdown()\` of its own)`;
  }
  const vendorStop = site ? vendorShutdownFunction(site, model) : undefined;
  if (vendorStop) return `\`${vendorStop}()\` (${site!.module})`;
  return "the SDK's `shutdown()`";
}

/**
 * The function a vendor module exports to shut its setup down (`shutdownAzureMonitor` for
 * `useAzureMonitor`, Splunk's `stopTracing` for `startTracing`): a setup function that hands back no
 * handle is shut down through it (holdout8 castiel).
 */
function vendorShutdownFunction(site: RegistrationSite, model: FileModel): string | undefined {
  if (site.spec?.kind !== 'sdk-function' || site.spec.returnsHandle || !site.module) return undefined;
  const exports = model.table.module(site.module)?.exports ?? {};
  const stops = Object.keys(exports).filter((name) => exports[name]?.kind === 'shutdown-function');
  const paired = site.exportName?.replace(/^start/, 'stop');
  return stops.find((name) => name === paired) ?? stops[0];
}

/** Every report of `require-shutdown-handler` for a file. */
export function checkShutdownHandler(model: FileModel, options: ShutdownHandlerOptions): Report<ShutdownHandlerMessageId>[] {
  const own = lifecycleSites(model);
  // an SDK an exported factory of another project module builds (a workspace package's
  // `createTracing()`, holdout4 S12), or an instance it exports, started here: this file owns its lifecycle
  const made = own.length === 0 ? factorySetups(model) : [];
  const sites = [...own, ...made.map((m) => m.site)];
  // a preload that starts an SDK with handlers of its own (auto-instrumentations `register`, EDOT)
  if (getRegistrationSites(model).some((s) => s.kind === 'side-effect-import' && s.globals.includes('trace'))) return [];
  if (sites.some(installsOwnHandlers)) return [];

  const listeners = getProcessListeners(model).filter((l) => l.events.some((e) => FLUSH_EVENTS.has(e)));
  const flushing = listeners.filter((l) => l.handlers.some((h) => functionFacts(h, model).reachesShutdown));
  // an SDK built here and started in another module: the start site owns the missing-handler
  // report, this file's handlers are still checked
  const flushed = sites.length === 0 ? flushedSetups(flushing, model) : [];
  if (sites.length === 0 && flushed.length === 0) return [];
  if (filePlatform(model).platform !== 'node') return [];
  // serverless platforms end or freeze the process themselves: flushing belongs at the end of each invocation
  if (isServerlessModule(model)) return [];
  // an SDK started after a provider this module registered first feeds that provider: its own batch
  // never holds a span (the same reading as no-batch-processor-in-dev; holdout9 jamie-api)
  const holding = own.filter((s) => !feedsEarlierProvider(s, model));
  const loss = [...holding.map((s) => setupLoss(s, model)), ...made.map((m) => m.loss), ...flushed.map((c) => creationLoss(c, model))].reduce(worseLoss, 'none');
  // nothing batched or exported (console or in-memory exporters, no processor, a no-op one)
  if (loss === 'none') return [];
  // only an export in flight at risk (SimpleSpanProcessor): a process that ends by itself waits for it
  if (loss === 'in-flight' && !options.inFlightExports) return [];
  const owner = frameworkSignalOwner(model.filename, model.cwd);

  const findings: Report<ShutdownHandlerMessageId>[] = [];
  // a handler we cannot see (imported, `this.stop.bind(this)`) may well flush: no missing-path report
  const opaque = listeners.some((l) => l.handlers.length === 0);
  const project = getProjectInfo(model.filename);
  const restartSignal = project.nodemonSignal;
  // nodemon's restart signal matters only in a process nodemon runs: not for a module only a
  // sibling app or another script of the package loads (holdout7 M6)
  const needsNodemon = options.nodemon && project.usesNodemon && !['SIGTERM', 'SIGINT'].includes(restartSignal) && mayRunUnderNodemon(model.filename);
  // what to shut down, and where the report goes, is a setup that holds spans: not an SDK started
  // after a registered provider (it feeds that provider), and one that loses nothing (a console
  // exporter) only where no setup that holds spans can be named (holdout14 cubemoji); the subject
  // search takes the last site first
  const holders = sites.filter((s) => !feedsEarlierProvider(s, model));
  const holds = (s: RegistrationSite): boolean => !own.includes(s) || setupLoss(s, model) !== 'none';
  const reportable = holders.length > 0 ? [...holders.filter((s) => !holds(s)), ...holders.filter(holds)] : sites;
  const subject = shutdownSubject(reportable, model);
  const lost = LOST[loss];

  // `process.on('SIGTERM', sdk.shutdown)`: the method loses its `this` (sdk-node 0.223.0
  // build/src/sdk.js:245-258 reads `this._tracerProvider`; test/runtime/unbound-shutdown.test.ts)
  const unbound = listeners.flatMap((l) => unboundShutdownFinding(l, model) ?? []);
  if (flushing.length === 0 && unbound.length > 0) return unbound;
  findings.push(...unbound);

  if (flushing.length === 0) {
    // the framework's own SIGTERM/SIGINT handlers exit the process (Next.js, Nitro, Functions Framework)
    if (opaque || owner || sites.length === 0) return [];
    // a setup in an exported function (`startTracing()` returning its SDK) whose importer awaits this
    // setup's flush and then exits on SIGTERM and SIGINT, in its own listeners or close-with-grace's
    // (holdout7 S16); a module-level setup reads no importer here
    // the same for a module-level setup whose SDK this module exports (`export const sdk`): the
    // importer awaits `sdk.shutdown()` on the imported instance (holdout9 structured-log)
    // nodemon's restart signal is still asked for where another module owns the flush on SIGTERM and
    // SIGINT (holdout10 S23); the handler belongs beside that module's, so no edit here
    const withNodemon = (): Report<ShutdownHandlerMessageId>[] => {
      // close-with-grace here or in an importer flushes on SIGUSR2 too
      const handledHere = libraryListeners(model).some((l) => l.events.includes(restartSignal) && l.handlers.some((h) => functionFacts(h, model).reachesShutdown));
      if (!needsNodemon || handledHere || importerSignalHandling(model, restartSignal).bothSetup) return findings;
      const site = subject?.site ?? reportedSite(reportable, own, model);
      const data = { name: subject?.name ?? 'the SDK', shutdownCall: shutdownCall(subject?.name, site, model), signal: restartSignal, lost: lost.lost };
      return [...findings, { messageId: 'missingNodemonRestart', range: getRange(site.node), data, suggestions: [] }];
    };
    if (sites.every((s) => enclosingExportedFunction(s.node, model) || exportsSubject(s, model)) && ['SIGTERM', 'SIGINT'].every((s) => importerSignalHandling(model, s).bothSetup)) return withNodemon();
    // the SDK handed to a project module whose Fastify `onClose` hook shuts it down, under a
    // fastify-cli that closes the app on SIGINT/SIGTERM (holdout4 S10)
    const held = subject ? model.scopeAt(subject.site.node).resolve(subject.name) : undefined;
    if (held && closeHookShutdown(held, model)) return findings;
    // a script that shuts down explicitly (outside any listener) has its own path; an exported
    // `forceFlush()` helper (for tests, for callers that want spans now) and an exporter's own
    // `shutdown()` passing the call on are not exit paths
    const candidates = model.calls.filter((c) => isShutdownCall(c, model) && !inListener(c, getProcessListeners(model), model) && !inHotDispose(c, model) && !isExportedFlushHelper(c, model) && !isDelegation(c, model));
    // an exported shutdown helper is a way out only if something can call it: one that no other
    // module of the project names, in a module the app imports, is no exit path (holdout3 S9)
    const uncalled = candidates.map((c) => uncalledExportedHelper(c, model));
    if (uncalled.some((name) => name === undefined)) return withNodemon();
    const helpers = [...new Set(uncalled as string[])];
    // report at the registration whose object the handler would shut down, so the message names one setup
    const site = subject?.site ?? reportedSite(reportable, own, model);
    const events = ['SIGTERM', 'SIGINT', ...(needsNodemon ? [restartSignal] : []), 'beforeExit'];
    const edits = subject ? planShutdownHandlers(model, subject, events) : undefined;
    const nodemon = needsNodemon ? ` (and ${restartSignal}, which nodemon restarts with)` : '';
    const data = {
      label: site.label,
      name: subject?.name ?? 'the SDK',
      shutdownCall: shutdownCall(subject?.name, site, model),
      lost: loss === 'in-flight' ? `${lost.lost} on SIGTERM and Ctrl-C${nodemon}` : `${lost.lost} on SIGTERM, Ctrl-C${nodemon} and when a script just ends`,
    };
    // the message names the helper nothing calls, the suggestion keeps the plain shutdown call
    const unused = helpers.length > 0 ? ` (${helpers.map((h) => `\`${h}()\``).join(', ')} ${helpers.length === 1 ? 'is' : 'are'} exported, but no module of the project calls ${helpers.length === 1 ? 'it' : 'them'})` : '';
    const reported = { ...data, shutdownCall: `${data.shutdownCall}${unused}` };
    findings.push({ messageId: 'missingShutdown', range: getRange(site.node), data: reported, suggestions: edits ? [{ messageId: 'addShutdownHandler', data, edits }] : [] });
    return findings;
  }

  const seenExits = new Set<Node>();
  // listeners whose own exit cuts their flush short: the missing-signal messages must not say they flush
  const cutShort = new Map<ProcessListener, Node>();
  for (const l of flushing) {
    for (const h of l.handlers) {
      for (const { exit, shutdown } of exitsBeforeFlush(h, model)) {
        if (!cutShort.has(l)) cutShort.set(l, exit);
        if (seenExits.has(exit)) continue;
        seenExits.add(exit);
        const data = { event: l.events.join('/'), dropped: lost.dropped };
        const edits = planFlushBeforeExit(model, shutdown, exit);
        findings.push({ messageId: 'exitBeforeFlush', range: getRange(exit), data, suggestions: edits ? [{ messageId: 'awaitShutdownBeforeExit', data, edits }] : [] });
      }
    }
    const signals = l.events.filter((e) => e.startsWith('SIG'));
    if (signals.length === 0) continue;
    // the framework exits on the signal after its own cleanup
    if (owner && ownsSignals(owner, signals)) continue;
    // ...or closes its server on it, and the process ends once idle: this listener keeps nothing running
    if (signals.every((s) => serverClosingSignals(model.filename).includes(s))) continue;
    // the entry importing this module flushes through it and exits on these signals itself
    if (!l.handlers.some((h) => functionFacts(h, model).exits) && !signals.every((s) => importerSignalHandling(model, s).both)) {
      const data = { event: signals.join('/') };
      // the importing entry does exit on these signals, only without awaiting this flush: the process does
      // not keep running, but its exit can come before the spans are sent
      if (signals.every((s) => importerSignalHandling(model, s).exits)) {
        const exitsIn = importerSignalHandling(model, signals[0]!).exitsIn;
        const exiter = exitsIn?.preloadedBy ? `\`${exitsIn.file}\`, which the script "${exitsIn.preloadedBy}" runs with this file preloaded,` : exitsIn ? `\`${exitsIn.file}\`, which loads this module,` : 'a module importing this one';
        findings.push({ messageId: 'importerExitCutsFlush', range: getRange(l.call), data: { ...data, exiter }, suggestions: [] });
        continue;
      }
      const nest = project.packageJson?.dependencies['@nestjs/core'] ? nestShutdownHooks(model.filename) : undefined;
      const code = signals.length === 1 ? SIGNAL_EXIT_CODES[signals[0]!] : undefined;
      // under Nest an exit here would cut Nest's own shutdown hooks short: no automatic edit
      const edits = !nest && (code !== undefined || signals[0] === restartSignal) ? planExitAfterFlush(model, l, signals[0]!, code) : undefined;
      const said = { ...data, ...neverExitsClaim(nest) };
      findings.push({ messageId: 'handlerNeverExits', range: getRange(l.call), data: said, suggestions: edits ? [{ messageId: 'exitAfterShutdown', data: said, edits }] : [] });
    }
  }
  // the framework handles both signals and exits: a missing one is its business
  if (owner && ownsSignals(owner, ['SIGTERM', 'SIGINT'])) return findings;

  const handled = new Set(listeners.flatMap((l) => l.events));
  const flushedEvents = new Set(flushing.flatMap((l) => l.events));
  const missing: string[] = [];
  // a signal the importing entry flushes this setup on and exits is handled (another object's
  // `shutdown()` there is not this flush: holdout14 slackultrapa)
  const byImporter = (signal: string) => importerSignalHandling(model, signal).bothSetup;
  if (options.requireSigint && handled.has('SIGTERM') && !handled.has('SIGINT') && !byImporter('SIGINT')) missing.push('SIGINT');
  if (flushedEvents.has('SIGINT') && !handled.has('SIGTERM') && !byImporter('SIGTERM')) missing.push('SIGTERM');
  if (needsNodemon && !handled.has(restartSignal)) missing.push(restartSignal);
  if (missing.length > 0) {
    const edits = subject ? planShutdownHandlers(model, subject, missing) : undefined;
    const data = { name: subject?.name ?? 'the SDK', shutdownCall: shutdownCall(subject?.name, subject?.site ?? sites.at(-1), model), signal: restartSignal, lost: lost.lost };
    const listenerOf = (event: string) => flushing.find((l) => l.events.includes(event)) ?? flushing[0]!;
    // what the handled signal's listener does, said truly when its own exit cuts the flush short (holdout7 M7)
    const handledBy = (event: string) => {
      const exit = cutShort.get(listenerOf(event));
      if (!exit) return { ...data, flushes: 'flushes telemetry', how: ' the same way' };
      return { ...data, flushes: `starts a telemetry shutdown that its own \`process.exit()\` (line ${getLine(exit)}) cuts short,`, how: ' with a handler that awaits the shutdown before it exits' };
    };
    if (missing.includes('SIGINT')) {
      const sigint = handledBy('SIGTERM');
      findings.push({ messageId: 'missingSigint', range: getRange(listenerOf('SIGTERM').call), data: sigint, suggestions: edits ? [{ messageId: 'addSigintHandler', data: sigint, edits }] : [] });
    }
    if (missing.includes('SIGTERM')) {
      const sigterm = handledBy('SIGINT');
      findings.push({ messageId: 'missingSigterm', range: getRange(listenerOf('SIGINT').call), data: sigterm, suggestions: edits ? [{ messageId: 'addSigtermHandler', data: sigterm, edits }] : [] });
    }
    if (missing.includes(restartSignal)) {
      findings.push({ messageId: 'missingNodemonRestart', range: getRange(listenerOf('SIGTERM').call), data, suggestions: edits ? [{ messageId: 'addNodemonHandler', data, edits }] : [] });
    }
  }
  return findings;
}

/**
 * `const sdk = createTracing(); sdk.start()` with `createTracing` an exported factory of a project
 * module (relative, tsconfig paths, or a workspace package) that returns one `new NodeSDK(…)`, or
 * `import { sdk } from './instrumentation'; sdk.start()` with that module exporting the instance
 * (holdout6 S14): a registration site here, its span loss read in the building module. A module that
 * shuts anything down itself (its own signal listener, an exported shutdown) owns the lifecycle.
 */
function factorySetups(model: FileModel): { site: RegistrationSite; loss: SpanLoss }[] {
  const out: { site: RegistrationSite; loss: SpanLoss }[] = [];
  for (const start of importedSdkStarts(model)) {
    if (!start.creation || start.module.calls.some((c) => isShutdownCall(c, start.module))) continue;
    const object = unwrap(unwrap(start.call.callee).object);
    const site: RegistrationSite = {
      node: start.call,
      kind: 'sdk-start',
      globals: ['trace'],
      module: start.module.filename,
      exportName: start.label,
      method: 'start',
      spec: start.spec,
      vendor: undefined,
      label: start.label,
      subject: object.type === 'Identifier' ? object : undefined,
      subjectKey: undefined,
      creation: undefined,
    };
    out.push({ site, loss: creationLoss(start.creation, start.module) });
  }
  return out;
}

/**
 * What a flush-only signal listener does to the process, and the advice (holdout7 M3). Node's default
 * exit is gone while a listener exists; under Nest's `enableShutdownHooks()` Nest ends the process its
 * own way after its hooks (@nestjs/core 11.2.12 `nest-application-context.js:192-214`): it re-sends the
 * signal, which this listener catches again, or with `useProcessExit` exits without this flush. There
 * the flush belongs in a shutdown hook, which Nest awaits before either (`callShutdownHook`, line 204).
 */
function neverExitsClaim(nest: NestShutdownHooks | undefined): { consequence: string; advice: string } {
  if (!nest) {
    return { consequence: "a listener replaces Node's default exit on the signal, so the process keeps running until it is killed", advice: 'Call `process.exit(128 + signal number)` after the shutdown settles' };
  }
  const advice = "Shut the SDK down in a provider's `onApplicationShutdown()` instead of a signal listener: Nest awaits it before it ends the process";
  if (nest.useProcessExit) return { consequence: `Nest's \`enableShutdownHooks({ useProcessExit: true })\` (${nest.at}) exits with \`process.exit(0)\` once its own hooks are done, without waiting for this flush, so the export can be cut off`, advice };
  return { consequence: `Nest's \`enableShutdownHooks()\` (${nest.at}) closes the app and then sends the signal again, which this listener catches instead of Node's default exit, so the process ends only when nothing else keeps it alive, or when it is killed`, advice };
}

/** The setup's object is exported by this module (`export const sdk = new NodeSDK(…)`, `export { sdk }`, `export default sdk`). */
function exportsSubject(site: RegistrationSite, model: FileModel): boolean {
  const b = site.subject ? model.scopeAt(site.subject).resolve(site.subject.name as string) : undefined;
  if (!b) return false;
  const declaration = b.declaration.type === 'VariableDeclarator' ? model.parents.get(b.declaration) : b.declaration;
  if (declaration && model.parents.get(declaration)?.type === 'ExportNamedDeclaration') return true;
  return b.references.some((r) => {
    const p = model.parents.get(r);
    return p?.type === 'ExportSpecifier' || p?.type === 'ExportDefaultDeclaration';
  });
}

/** An SDK start whose construction batches implicitly after an unconditional earlier trace registration of this module. */
function feedsEarlierProvider(site: RegistrationSite, model: FileModel): boolean {
  if (site.kind !== 'sdk-start' || !site.creation) return false;
  return getBatchingSites(model).some((b) => b.node === site.creation && earlierTraceRegistration(b, model) !== undefined);
}

/** A signal listener that is a NodeSDK's `shutdown` method itself, not a call of it. */
function unboundShutdownFinding(l: ProcessListener, model: FileModel): Report<ShutdownHandlerMessageId> | undefined {
  const signals = l.events.filter((e) => e.startsWith('SIG'));
  const arg = l.call.arguments[1] ? unwrap(l.call.arguments[1]) : undefined;
  if (signals.length === 0 || !arg || !isMember(arg) || getPropertyName(arg) !== 'shutdown') return undefined;
  const v = getEvaluator(model).evaluate(unwrap(arg.object));
  if (v?.kind !== 'instance' || v.of.spec.kind !== 'sdk' || v.of.name !== 'NodeSDK') return undefined;
  const name = model.source.slice(getRange(arg.object)[0], getRange(arg.object)[1]);
  const data = { handler: `${name}.shutdown`, method: l.method, event: signals.join("'/'"), name };
  return { messageId: 'unboundShutdownListener', range: getRange(l.call), data, suggestions: [] };
}

/**
 * The registration a missing-path report names when no shutdown subject is found: the last one that
 * holds something to lose (`if (key) { batching provider } else { propagation-only provider }`, two
 * block-scoped consts of one name: holdout13 dtforge), else the last.
 */
function reportedSite(sites: readonly RegistrationSite[], own: readonly RegistrationSite[], model: FileModel): RegistrationSite {
  return [...sites].reverse().find((s) => own.includes(s) && setupLoss(s, model) !== 'none') ?? sites.at(-1)!;
}

/** What the messages say is lost, per span loss (test/runtime/span-loss.test.ts proves each). */
const LOST: Readonly<Record<SpanLoss, { lost: string; dropped: string }>> = {
  batched: { lost: 'the spans still batched in memory are lost', dropped: 'the spans still batched' },
  'in-flight': { lost: 'the export still in flight is cut off', dropped: 'the export still in flight' },
  unknown: { lost: 'what its span processors still hold is lost', dropped: 'what its span processors still hold' },
  none: { lost: 'nothing is lost', dropped: 'nothing' },
};

/** SDKs and providers of this file (not started here) whose `shutdown()` a flushing listener calls. */
function flushedSetups(flushing: readonly ProcessListener[], model: FileModel): Node[] {
  const out = new Set<Node>();
  const ev = getEvaluator(model);
  for (const l of flushing) {
    for (const h of l.handlers) {
      for (const call of callsWithin(h, model)) {
        if (!isShutdownCall(call, model) || !isMember(unwrap(call.callee))) continue;
        const v = ev.evaluate(unwrap(call.callee).object);
        if (v?.kind === 'instance' && (v.of.spec.kind === 'sdk' || v.of.spec.kind === 'provider')) out.add(v.creation);
      }
    }
  }
  return [...out];
}

/**
 * The name of the exported function around a shutdown call when the project shows nothing can call
 * it (`export function shutdownOtel() { sdk.shutdown(); }`, named by no other module and not used
 * in this file), else undefined: then the call is a way out (unknown counts as one).
 */
function uncalledExportedHelper(call: Node, model: FileModel): string | undefined {
  // `shutdownFn = async () => { await provider.shutdown(); }` set up inside the init: a way out only through the
  // calls of `shutdownFn`, each in an exported helper nothing can call (holdout13 frolfpwa)
  const holder = heldShutdown(call, model);
  if (holder) {
    const names = holder.map((c) => uncalledExportAround(c, model));
    return names.length > 0 && names.every((n) => n !== undefined) ? names[0] : undefined;
  }
  return uncalledExportAround(call, model);
}

/** The calls of the module variable the function around `call` is assigned to (`fn = async () => …`), if it is. */
function heldShutdown(call: Node, model: FileModel): Node[] | undefined {
  const fn = model.ancestors(call).find(isFunction);
  const assignment = fn ? model.parents.get(fn) : undefined;
  if (assignment?.type !== 'AssignmentExpression' || assignment.right !== fn || unwrap(assignment.left).type !== 'Identifier') return undefined;
  const binding = model.scopeAt(assignment).resolve(unwrap(assignment.left).name);
  if (!binding || binding.scope.kind !== 'module') return undefined;
  return binding.references.flatMap((r) => {
    const parent = model.parents.get(r);
    return parent && isCall(parent) && unwrap(parent.callee) === r ? [parent] : [];
  });
}

function uncalledExportAround(call: Node, model: FileModel): string | undefined {
  const fn = model.ancestors(call).find((a) => isFunction(a) && isExportedDeclaration(a, model));
  if (!fn || model.parents.get(fn)?.type === 'ExportDefaultDeclaration') return undefined;
  const parent = model.parents.get(fn);
  const id = fn.type === 'FunctionDeclaration' ? fn.id : parent?.type === 'VariableDeclarator' ? parent.id : undefined;
  if (id?.type !== 'Identifier') return undefined;
  const binding = model.scopeAt(fn).resolve(id.name);
  if (!binding || binding.references.length > 0) return undefined;
  return exportNamedNowhere(id.name, model) ? id.name : undefined;
}

/** `export async function flush() { await provider.forceFlush(); }`: a flush callers may use, not a shutdown on exit. */
function isExportedFlushHelper(call: Node, model: FileModel): boolean {
  const callee = unwrap(call.callee);
  if (!isMember(callee) || getPropertyName(callee) !== 'forceFlush') return false;
  return model.ancestors(call).some((a) => isFunction(a) && isExportedDeclaration(a, model));
}

/**
 * `async shutdown() { await this.inner.shutdown(); }` in a class: an exporter or processor
 * implementing the interface by delegation. (An object handed to callers with a `shutdown()`
 * that shuts the SDK down is a path: the caller owns the lifecycle.)
 */
function isDelegation(call: Node, model: FileModel): boolean {
  const fn = model.ancestors(call).find((a) => isFunction(a));
  const holder = fn && model.parents.get(fn);
  if (holder?.type !== 'MethodDefinition' || !['shutdown', 'forceFlush'].includes(getKeyName(holder) ?? '')) return false;
  const callee = unwrap(call.callee);
  const receiver = isMember(callee) ? unwrap(callee.object) : undefined;
  return !!receiver && isMember(receiver) && unwrap(receiver.object).type === 'ThisExpression';
}

/** A function declared in an `export` statement (`export function f`, `export const f = () => …`). */
function isExportedDeclaration(fn: Node, model: FileModel): boolean {
  const parent = model.parents.get(fn);
  if (parent?.type === 'ExportNamedDeclaration' || parent?.type === 'ExportDefaultDeclaration') return true;
  if (parent?.type !== 'VariableDeclarator') return false;
  return model.parents.get(model.parents.get(parent) ?? parent)?.type === 'ExportNamedDeclaration';
}

function inListener(call: Node, listeners: readonly ProcessListener[], model: FileModel): boolean {
  const anc = new Set(model.ancestors(call));
  return listeners.some((l) => anc.has(l.call));
}

/** `module.hot.dispose(() => provider.shutdown())` tears down for HMR, not for process exit. */
function inHotDispose(call: Node, model: FileModel): boolean {
  const anc = new Set(model.ancestors(call));
  return model.hotReferences.some((h) => {
    for (let n: Node | undefined = model.parents.get(h); n; n = model.parents.get(n)) if (anc.has(n) && n.type === 'CallExpression') return true;
    return false;
  });
}
