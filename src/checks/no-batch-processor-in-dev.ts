// What `no-batch-processor-in-dev` reports, computed once for the rule and the
// `dev-simple-processor` codemod: batch processors (explicit, or implicit in an SDK
// setup, otel-api-surface.md §2.3) in a dev entrypoint or a dev-only branch.
import type { FileModel } from '../analysis';
import type { BatchingSite } from '../analysis/batching';
import { earlierTraceRegistration, getBatchingSites } from '../analysis/batching';
import { batchesNothingOut } from '../analysis/span-loss';
import { conditionPolarity, envBranchOf, type EnvPolarity, loadsOutsideProduction } from '../analysis/environment';
import { importerSignalHandling, ownSignalHandling } from '../analysis/importer-signals';
import { functionFacts, getProcessListeners, resolveFunctions } from '../analysis/shutdown';
import { type DevContext, planSimpleForExplicit, planSimpleForImplicit } from '../fix/dev-simple-processor';
import { devEntrypointEvidence, type DevEntrypointEvidence } from '../project';
import { frameworkSignalOwner, ownsSignals } from '../project/frameworks';
import type { Node } from '../ast/node';
import { findProperty, getRange, unwrap } from '../ast/node';
import { calledByAnyOf } from '../analysis/callers';
import { enclosingExportedFunction } from '../analysis/rerunnable';
import type { Report } from './types';
import type { Messages } from '../core/messages';
import { defineJsCheck, type JsCheck } from './define';

export type BatchProcessorInDevMessageId = 'batchProcessorInDev' | 'implicitBatchInDev' | 'useSimpleProcessor' | 'useSimpleProcessorOutsideProduction';

/** The messages of `no-batch-processor-in-dev` (the rule's `meta.messages`; every other surface formats them too). */
export const messages: Messages<BatchProcessorInDevMessageId> = {
  batchProcessorInDev:
    '`{{name}}` {{where}} holds spans for up to {{delay}} and drops them when the dev process {{ends}}, so traces show up late or never. Use a SimpleSpanProcessor with the same exporter in development{{fix}}.',
  implicitBatchInDev:
    '`{{name}}` {{how}} {{where}}: spans are held for up to {{delay}} and lost when the dev process {{ends}}. Give it a SimpleSpanProcessor in development{{fix}}.',
  useSimpleProcessor: 'Use a SimpleSpanProcessor with the same exporter.',
  useSimpleProcessorOutsideProduction: 'Batch only when NODE_ENV is production; use a SimpleSpanProcessor otherwise.',
};

/** `no-batch-processor-in-dev`'s detection, shared by the rule, the codemods and doctor. */
export const noBatchProcessorInDev: JsCheck<BatchProcessorInDevMessageId, undefined> = defineJsCheck({ ruleId: 'no-batch-processor-in-dev', transform: 'dev-simple-processor', messages, check: checkBatchProcessorInDev });


/**
 * A batching switch set by an environment test (`batch: process.env.NODE_ENV === 'production'` for
 * Phoenix's `register()`, `disableBatch: NODE_ENV !== 'production'` for Traceloop's): off in
 * development, which is what dev-simple-processor writes in a file production runs too.
 */
function switchedOffInDev(site: BatchingSite, model: FileModel): boolean {
  const switches = site.batching;
  if (!switches || !site.options) return false;
  const is = (option: string, polarity: EnvPolarity): boolean => {
    const value = findProperty(site.options, option)?.value;
    return value !== undefined && conditionPolarity(value, model) === polarity;
  };
  return (switches.unlessFalse ?? []).some((o) => is(o, 'prod')) || (switches.unlessTrue ?? []).some((o) => is(o, 'dev'));
}

/** Every report of `no-batch-processor-in-dev` for a file. */
export function checkBatchProcessorInDev(model: FileModel): Report<BatchProcessorInDevMessageId>[] {
  const sites = getBatchingSites(model);
  if (sites.length === 0) return [];
  const findings: Report<BatchProcessorInDevMessageId>[] = [];
  let fileEvidence: DevEntrypointEvidence | undefined | null = null;
  for (const site of sites) {
    const branch = envBranchOf(site.node, model);
    if (branch === 'prod' || switchedOffInDev(site, model)) continue;
    // an SDK whose provider can never become global (an earlier provider owns it): its batch holds no span
    if (earlierTraceRegistration(site, model)) continue;
    // a batch bound for the console or memory: nothing leaves the process, as require-shutdown-handler reads it
    if (batchesNothingOut(site, model)) continue;
    let context: DevContext;
    let where: string;
    let ends = 'restarts or is stopped';
    if (branch === 'dev') {
      context = 'dev-only';
      where = 'in development';
    } else {
      if (fileEvidence === null) fileEvidence = devEntrypointEvidence(model.filename, model.settings.devEntrypoints ?? [], model.cwd, (from, to) => loadsOutsideProduction(from, to, model));
      if (!fileEvidence) continue;
      // built inside an exported function that no module of the dev process importing this one calls:
      // the dev process loads the module but never builds the SDK (holdout7 B15)
      if (fileEvidence.importers && !builtOnDevPath(site, fileEvidence.importers, model)) continue;
      // `bun --hot` keeps the process across edits: the batch is lost only when the process is
      // stopped, and a SIGINT listener of this file that shuts the SDK down flushes it then
      if (fileEvidence.inPlace && flushesOnSigint(model)) continue;
      // the watcher restarts with a signal whose handler (here, or in the entry importing this
      // module) awaits the SDK's shutdown: each restart flushes the batch
      if (fileEvidence.restartSignal && flushesOn(fileEvidence.restartSignal, model, true)) continue;
      // nothing restarts a process the dev script runs once: the batch is lost only when a
      // developer stops it (Ctrl-C), and a SIGINT listener that awaits the shutdown flushes it then
      if (fileEvidence.runsOnce && flushesOn('SIGINT', model, false)) continue;
      context = fileEvidence.reason === 'glob' ? 'dev-only' : 'shared';
      where = context === 'dev-only' ? 'in development' : `in this file (${fileEvidence.why})`;
      if (fileEvidence.runsOnce) ends = 'is stopped';
      // `node --watch` waits for the old process to exit on its SIGTERM (Node 20.20.2, holdout6 FP9): a SIGTERM
      // listener that flushes loses nothing on a restart. Still reported (the shared corpus case
      // batch-node-watch): spans show up late, and a stop the listeners do not cover drops them
      if (fileEvidence.nodeWatch && flushesOn('SIGTERM', model, false)) ends = flushesOn('SIGINT', model, false) ? NODE_WATCH_FLUSHED : NODE_WATCH_NO_SIGINT;
    }
    findings.push(finding(site, context, { where, ends, delay: scheduledDelayOf(site) }, model));
  }
  return findings;
}

/**
 * The batching site runs when the dev process loads the module: at module level, in a function the
 * module does not export, in an exported function the module calls itself (`initTracing()` at its
 * end), or in one that one of `importers` calls.
 */
function builtOnDevPath(site: BatchingSite, importers: readonly string[], model: FileModel): boolean {
  const exported = enclosingExportedFunction(site.node, model);
  if (!exported) return true;
  const { fn, name } = exported;
  const calledHere = model.calls.some((c) => !model.ancestors(c).includes(fn) && resolveFunctions(c.callee, model, 0).includes(fn));
  return calledHere || calledByAnyOf(name, model, importers);
}

const NODE_WATCH_FLUSHED = "is killed before its SIGTERM/SIGINT listeners' flush settles (`node --watch` waits for that flush on a restart)";
const NODE_WATCH_NO_SIGINT = "is stopped with Ctrl-C (no SIGINT listener flushes; `node --watch` waits for the SIGTERM listener's flush on a restart)";

/** A SIGINT listener in this file that reaches a `shutdown()`/`forceFlush()` (Ctrl-C ends a dev process). */
function flushesOnSigint(model: FileModel): boolean {
  return getProcessListeners(model).some((l) => l.events.includes('SIGINT') && l.handlers.some((h) => functionFacts(h, model).reachesShutdown));
}

/**
 * A listener for exactly `signal`, in this file or a module importing it, that awaits a
 * shutdown/forceFlush. For a watcher's restart signal (`started`), also one that only starts it
 * (`sdk.shutdown().catch(log)`) when no listener for `signal` there exits and no framework owns
 * it: the listener replaces Node's default exit, so the process lives until the export is done
 * (the hung exit is require-shutdown-handler's `handlerNeverExits`, on the same condition).
 */
function flushesOn(signal: string, model: FileModel, started: boolean): boolean {
  const own = ownSignalHandling(model, signal);
  const importers = importerSignalHandling(model, signal);
  if (own.flushes || importers.flushes) return true;
  if (!started || !(own.starts || importers.starts) || own.exits || importers.exits) return false;
  const owner = frameworkSignalOwner(model.filename, model.cwd);
  return !owner || !ownsSignals(owner, [signal]);
}

/**
 * How long the processor holds a span at most: its literal `scheduledDelayMillis` (the options
 * object, or the positional second argument), else the SDK default of 5 s (`OTEL_BSP_SCHEDULE_DELAY`).
 */
function scheduledDelayOf(site: BatchingSite): string {
  const options = site.kind === 'explicit' && site.of.spec.kind === 'span-processor' && site.of.spec.shape === 'positional' ? (site.node.arguments[1] as Node | undefined) : site.options;
  const value = findProperty(options && unwrap(options), 'scheduledDelayMillis')?.value as Node | undefined;
  const ms = value && unwrap(value).type === 'Literal' ? unwrap(value).value : undefined;
  if (value && typeof ms !== 'number') return 'its `scheduledDelayMillis`';
  if (typeof ms !== 'number' || ms === 5000) return '5 s';
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

interface Where {
  readonly where: string;
  /** `restarts or is stopped`; `is stopped` when the dev script runs the process once. */
  readonly ends: string;
  readonly delay: string;
}

function finding(site: BatchingSite, context: DevContext, { where, ends, delay }: Where, model: FileModel): Report<BatchProcessorInDevMessageId> {
  const suggestionId = context === 'dev-only' ? 'useSimpleProcessor' : 'useSimpleProcessorOutsideProduction';
  if (site.kind === 'explicit') {
    const data = { name: site.of.name, where, ends, delay };
    const edits = planSimpleForExplicit(site, context, model);
    return { messageId: 'batchProcessorInDev', range: getRange(site.node), data, suggestions: edits ? [{ messageId: suggestionId, data, edits }] : [] };
  }
  const data = {
    name: site.of.name,
    where,
    ends,
    delay,
    how: site.traceExporter ? 'wraps `traceExporter` in a BatchSpanProcessor' : 'batches spans on its own',
  };
  const edits = planSimpleForImplicit(site, context, model);
  return { messageId: 'implicitBatchInDev', range: getRange(site.node), data, suggestions: edits ? [{ messageId: suggestionId, data, edits }] : [] };
}
