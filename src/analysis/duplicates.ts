// The same global registered twice on one path through a module.
import path from 'node:path';
import type { Node } from '../ast/node';
import { getLine, getPropertyName, getRange, isCall, isMember, unwrap } from '../ast/node';
import { importedRegistrations } from './imported-registrations';
import { importedSdkStarts, type ImportedSdkStart } from './imported-sdk';
import type { GlobalSlot } from '../otel/types';
import { areMutuallyExclusive } from './branches';
import { findGuard } from './guards';
import { resolveFunctions } from './shutdown';
import { enclosingStatement, executionContext } from './statements';
import { getEvaluator } from './values';
import type { FileModel } from './model';
import type { RegistrationSite } from './registration';
import { getRegistrationSites } from './registration';

export interface DuplicateRegistration {
  /** The later, redundant registration. */
  readonly site: RegistrationSite;
  /** The registration that wins. */
  readonly first: RegistrationSite;
  /** Globals both install. */
  readonly globals: readonly GlobalSlot[];
  /** Both register the same object (`provider.register()` then `trace.setGlobalTracerProvider(provider)`). */
  readonly sameSubject: boolean;
}

/**
 * Every registration that repeats an earlier one in the same function (or at
 * module level) on a path where both run. Instrumentation registration is left
 * to `no-duplicate-instrumentation`.
 */
export function findDuplicateRegistrations(model: FileModel): DuplicateRegistration[] {
  const sites = getRegistrationSites(model).filter((s) => s.kind !== 'instrumentations');
  const out: DuplicateRegistration[] = [];
  const reported = new Set<RegistrationSite>();
  for (let j = 1; j < sites.length; j++) {
    for (let i = 0; i < j; i++) {
      const order = runOrder(sites[i]!, sites[j]!, model);
      if (!order) continue;
      const [first, later] = order;
      if (reported.has(later)) continue;
      const reset = disabledBetween(first.node, later.node, model);
      const globals = later.globals.filter((g) => g !== 'instrumentations' && first.globals.includes(g) && !reset.has(g));
      if (globals.length === 0 || oneSetup(first, later) || areMutuallyExclusive(sites[i]!.node, sites[j]!.node, model)) continue;
      reported.add(later);
      out.push({ site: later, first, globals, sameSubject: !!first.subjectKey && first.subjectKey === later.subjectKey });
    }
  }
  return out.sort((a, b) => getRange(a.site.node)[0] - getRange(b.site.node)[0]);
}

/**
 * The globals that an API `disable()` (`trace.disable()`, `context.disable()`, …) clears between two
 * registrations: it runs after the first, before the later one, and whenever the later one runs (its
 * statement sits in a block around the later registration, in the same function). The API forgets that
 * slot (@opentelemetry/api 1.9.0 `build/src/api/trace.js:73-74` `disable()` → `unregisterGlobal`,
 * `build/src/internal/global-utils.js:56-61` deletes it), so the later `setGlobal*()` registers.
 */
function disabledBetween(first: Node, later: Node, model: FileModel): ReadonlySet<GlobalSlot> {
  const out = new Set<GlobalSlot>();
  const [, firstEnd] = getRange(first);
  const [laterStart] = getRange(later);
  const context = executionContext(later, model);
  let laterAncestors: Set<Node> | undefined;
  for (const { call, slots } of apiDisables(model)) {
    const [start] = getRange(call);
    if (start < firstEnd || start > laterStart || executionContext(call, model) !== context) continue;
    const stmt = enclosingStatement(call, model);
    const holder = stmt && model.parents.get(stmt);
    laterAncestors ??= new Set(model.ancestors(later));
    if (!holder || !laterAncestors.has(holder)) continue;
    for (const g of slots) out.add(g);
  }
  return out;
}

const disableCalls = new WeakMap<FileModel, readonly { call: Node; slots: readonly GlobalSlot[] }[]>();

/**
 * The file's API `disable()` calls and the slots each clears, found once per file: only member calls
 * named `disable` are evaluated (the table's `disables` methods are the API objects' `disable()`).
 */
function apiDisables(model: FileModel): readonly { call: Node; slots: readonly GlobalSlot[] }[] {
  let out = disableCalls.get(model);
  if (out) return out;
  const found: { call: Node; slots: readonly GlobalSlot[] }[] = [];
  const ev = getEvaluator(model);
  for (const call of model.calls) {
    const callee = unwrap(call.callee);
    const name = isCall(call) && isMember(callee) ? getPropertyName(callee) : undefined;
    if (name !== 'disable') continue;
    const value = ev.evaluate(callee);
    if (value?.kind !== 'method' || value.of.kind !== 'export' || value.of.spec.kind !== 'api-object') continue;
    const slots = value.of.spec.methods[value.name]?.disables;
    if (slots) found.push({ call, slots });
  }
  disableCalls.set(model, (out = found));
  return out;
}

/** Two exports that register through one vendor once-flag (otel-cf-workers' `instrument` and `instrumentDO`). */
function oneSetup(a: RegistrationSite, b: RegistrationSite): boolean {
  const key = (s: RegistrationSite) => (s.spec?.kind === 'sdk-function' ? s.spec.sharedSetup : undefined);
  return key(a) !== undefined && key(a) === key(b);
}

/** A vendor init that returns at once when called again (Traceloop's `initialize`, Faro's `initializeFaro`). */
export function ignoresSecondCall(site: RegistrationSite): boolean {
  return site.spec?.kind === 'sdk-function' && site.spec.secondCallIgnored === true;
}

/**
 * How a repeated registration is reported: `ignored` (both are vendor inits that refuse a
 * second call), `repeat` (one setup registering twice: the same object, or the same SDK
 * function again) or `conflict` (two separate setups of the same globals). The rule and
 * `doctor` both read it, so they count separate setups alike.
 */
export function classifyDuplicate(dup: DuplicateRegistration): 'ignored' | 'repeat' | 'conflict' {
  if (ignoresSecondCall(dup.site) && ignoresSecondCall(dup.first)) return 'ignored';
  const sameFunction = !dup.site.subject && !dup.first.subject && dup.site.exportName === dup.first.exportName && dup.site.module === dup.first.module;
  return dup.sameSubject || sameFunction ? 'repeat' : 'conflict';
}

/**
 * Which of two sites runs first when both run: source order within one function (or
 * module level); module-level code before any function of the module, since functions
 * run when called, after the module's top level registered (unless a guard asks the API
 * whether a global is set). A guard that only keeps its own code to one run (a `globalThis`
 * slot, guard-registration's factory) does not stop it from registering after a different
 * setup: the conflict stays. Undefined when the order is unknown (two different functions).
 */
function runOrder(a: RegistrationSite, b: RegistrationSite, model: FileModel): [RegistrationSite, RegistrationSite] | undefined {
  const ca = executionContext(a.node, model);
  const cb = executionContext(b.node, model);
  if (ca === cb) return [a, b];
  if (ca === model.program && !asksApi(b, model)) return [a, b];
  if (cb === model.program && !asksApi(a, model)) return [b, a];
  return undefined;
}

/** The site runs only when the API has nothing registered yet (`if (!trace.getTracerProvider()…)`). */
function asksApi(site: RegistrationSite, model: FileModel): boolean {
  for (let g = findGuard(site.node, model.program, model, ['process']); g; g = findGuard(g.node, model.program, model, ['process'])) {
    if (g.readsApiState) return true;
  }
  return false;
}

/** A registration run through another project module, conflicting with one that ran before it on the same path. */
export interface ImportedConflict {
  /** The node of this file that runs the later registration (its own site, the load, or the call). */
  readonly node: Node;
  readonly site: RegistrationSite;
  readonly first: RegistrationSite;
  /** Where the first registration is: `../sentry.server.config.ts:8, loaded on line 5`, or `line 3`. */
  readonly firstWhere: string;
  readonly globals: readonly GlobalSlot[];
}

/**
 * Two separate setups of the same globals on one path of this file where at least one runs in
 * another project module (`await import('../sentry.server.config')` whose top level calls
 * `Sentry.init()`, then `registerOTel()` through `./otel`'s exported `register()`). The later one
 * is the conflict; a repeat of one setup, vendor once-flags and API-asking guards are left out.
 */
export function findImportedConflicts(model: FileModel): ImportedConflict[] {
  const imported = [...importedRegistrations(model), ...localHelperRegistrations(model)];
  if (imported.length === 0) return [];
  const own = getRegistrationSites(model).filter((s) => s.kind !== 'instrumentations').map((site) => ({ node: site.node, site, where: undefined as string | undefined }));
  const entries = [...own, ...imported].sort((a, b) => getRange(a.node)[0] - getRange(b.node)[0]);
  const out: ImportedConflict[] = [];
  const reported = new Set<Node>();
  for (let j = 1; j < entries.length; j++) {
    const later = entries[j]!;
    if (reported.has(later.node)) continue;
    for (let i = 0; i < j; i++) {
      const first = entries[i]!;
      if (first.where === undefined && later.where === undefined) continue; // this file alone: findDuplicateRegistrations
      if (first.node === later.node || first.site === later.site) continue;
      if (executionContext(first.node, model) !== executionContext(later.node, model)) continue;
      const reset = disabledBetween(first.node, later.node, model);
      const globals = later.site.globals.filter((g) => g !== 'instrumentations' && first.site.globals.includes(g) && !reset.has(g));
      if (!globals.includes('trace') || oneSetup(first.site, later.site) || sameSetup(first.site, later.site)) continue;
      if ((ignoresSecondCall(first.site) && ignoresSecondCall(later.site)) || areMutuallyExclusive(first.node, later.node, model) || asksApiAt(later.node, model)) continue;
      const loadedOn = getLine(first.node);
      const firstWhere = first.where === undefined ? `line ${loadedOn}` : `${first.where}, run by line ${loadedOn}`;
      out.push({ node: later.node, site: later.site, first: first.site, firstWhere, globals });
      reported.add(later.node);
      break;
    }
  }
  return out;
}

export interface ImportedRestart {
  /** `otelSDK.start()` in this file. */
  readonly call: Node;
  readonly label: string;
  /** The start the SDK's own module runs at its top level. */
  readonly first: RegistrationSite;
  /** That start's module, relative to this file's folder (`tracing.ts`). */
  readonly where: string;
}

/**
 * `otelSDK.start()` on an SDK a project module exports and already starts at its own top level, in a
 * statement of its own (holdout15 probablejourney): loading that module, by any import, runs its start
 * first, so this one starts the same SDK again (test/runtime/second-start.test.ts).
 */
export function findImportedRestarts(model: FileModel): ImportedRestart[] {
  const out: ImportedRestart[] = [];
  for (const s of importedSdkStarts(model)) {
    const first = startedOnLoad(s);
    if (!first) continue;
    const where = path.relative(path.dirname(model.filename), s.module.filename).split(path.sep).join('/');
    out.push({ call: s.call, label: s.label, first, where });
  }
  return out;
}

/** The start an imported SDK's own module runs at its top level, unconditionally: loading the module starts it. */
export function startedOnLoad(s: ImportedSdkStart): RegistrationSite | undefined {
  if (s.factory || !s.creation) return undefined;
  return getRegistrationSites(s.module).find((site) => site.kind === 'sdk-start' && site.creation === s.creation && startsAtTopLevel(site.node, s.module));
}

/**
 * `sdk.start();` as a statement of the module's body (also awaited, voided, or with `.then(…)`/`.catch(…)`
 * chained on it): it runs whenever the module loads.
 */
function startsAtTopLevel(call: Node, model: FileModel): boolean {
  let n = call;
  for (let p = model.parents.get(n); p; p = model.parents.get(n)) {
    const chained = isMember(p) && p.object === n && ['then', 'catch', 'finally'].includes(getPropertyName(p) ?? '');
    const next = chained ? model.parents.get(p) : p;
    if (chained && next && isCall(next) && next.callee === p) n = next;
    else if (p.type === 'AwaitExpression' || p.type === 'UnaryExpression' || p.type === 'ChainExpression') n = p;
    else return p.type === 'ExpressionStatement' && model.parents.get(p) === model.program;
  }
  return false;
}

/**
 * A registration in the body of a local function, run where this file calls it (`await setupTracing()`,
 * also inside `Promise.all([...])`), read like a call of another module's export (holdout6 R1).
 */
function localHelperRegistrations(model: FileModel): { node: Node; site: RegistrationSite; where: string }[] {
  const sites = getRegistrationSites(model).filter((s) => s.kind !== 'instrumentations');
  if (sites.length === 0) return [];
  const out: { node: Node; site: RegistrationSite; where: string }[] = [];
  for (const call of model.calls) {
    const callee = call.type === 'CallExpression' ? unwrap(call.callee) : undefined;
    if (callee?.type !== 'Identifier') continue;
    const b = model.scopeAt(callee).resolve(callee.name);
    if (!b || b.importFrom) continue;
    for (const fn of resolveFunctions(callee, model, 0)) {
      if (model.ancestors(call).includes(fn)) continue;
      for (const site of sites) if (executionContext(site.node, model) === fn) out.push({ node: call, site, where: `line ${getLine(site.node)} in \`${callee.name}()\`` });
    }
  }
  return out;
}

/** The same export of the same module, with no object of its own (`registerOTel()` twice): a repeat, not two setups. */
function sameSetup(a: RegistrationSite, b: RegistrationSite): boolean {
  return !a.subject && !b.subject && a.exportName === b.exportName && a.module === b.module;
}

/** The node runs only when the API has nothing registered yet. */
function asksApiAt(node: Node, model: FileModel): boolean {
  for (let g = findGuard(node, model.program, model, ['process']); g; g = findGuard(g.node, model.program, model, ['process'])) {
    if (g.readsApiState) return true;
  }
  return false;
}
