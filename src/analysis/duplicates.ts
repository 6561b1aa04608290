// The same global registered twice on one path through a module.
import { getRange } from '../ast/node';
import type { GlobalSlot } from '../otel/types';
import { areMutuallyExclusive } from './branches';
import { findGuard } from './guards';
import { executionContext } from './statements';
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
      const globals = later.globals.filter((g) => g !== 'instrumentations' && first.globals.includes(g));
      if (globals.length === 0 || oneSetup(first, later) || areMutuallyExclusive(sites[i]!.node, sites[j]!.node, model)) continue;
      reported.add(later);
      out.push({ site: later, first, globals, sameSubject: !!first.subjectKey && first.subjectKey === later.subjectKey });
    }
  }
  return out.sort((a, b) => getRange(a.site.node)[0] - getRange(b.site.node)[0]);
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
