// What `require-hmr-dispose` reports, computed once for the rule and the `add-hmr-dispose` codemod.
//
// Division of work with `no-duplicate-registration`: code that re-runs *inside* one module
// instance (handlers, effects, components, loops, exported init functions with no guard)
// is reported there. This check reports what only module re-evaluation breaks, in HMR
// contexts: setup that runs on evaluation with no hand-over or `globalThis` slot, setup
// (also in React effects/components) kept once only by a module flag, and dispose
// callbacks that reset a flag or shut down without handing over.
import type { FileModel, RegistrationSite } from '../analysis';
import { classifyFunction, findGuard, findUnguardedRerun } from '../analysis';
import type { Binding } from '../analysis/scope';
import type { DisposeInfo, HmrContext } from '../analysis/hmr';
import { getDisposes, getHmrContext, getHmrSetupSites, getProtection, guardFlags, isCompleteTeardown, isHandoverWritten, reactBoundary } from '../analysis/hmr';
import { planFlagHandover, planReuse } from '../fix/hmr-dispose';
import type { TextEdit } from '../fix/text';
import type { Finding, Suggestion } from './types';

export type HmrDisposeMessageId =
  | 'unguardedSetup'
  | 'flagOnlyGuard'
  | 'setupInReactEffect'
  | 'handoverNeverWritten'
  | 'disposeResetsFlag'
  | 'disposeWithoutHandover'
  | 'reuseAcrossUpdates'
  | 'handOverFlag';

/** Every report of `require-hmr-dispose` for a file. */
export function checkHmrDispose(model: FileModel): Finding<HmrDisposeMessageId>[] {
  const ctx = getHmrContext(model);
  if (!ctx) return [];
  const disposes = getDisposes(model);
  const complete = disposes.some((d) => isCompleteTeardown(d, model));
  // the module flags that keep some setup to one run: resetting one of them in dispose is the seed's recipe
  const setupFlags = new Set<Binding>();
  for (const site of getHmrSetupSites(model)) {
    const g = findGuard(site.node, model.program, model, ['module']);
    if (g) for (const b of guardFlags(g, model)) setupFlags.add(b);
  }
  const flagDisposes: DisposeInfo[] = [];
  const shutdownDisposes: DisposeInfo[] = [];
  for (const d of disposes) {
    if (d.handsOver || isCompleteTeardown(d, model)) continue;
    if (d.shutdowns.length > 0 || d.disables.size > 0 || d.unloads) shutdownDisposes.push(d);
    else if (d.flagResets.some((b) => setupFlags.has(b))) {
      // replaceable only when every assignment in it resets a setup flag
      flagDisposes.push({ ...d, flagResets: d.flagResets.filter((b) => setupFlags.has(b)), onlyTeardown: d.onlyTeardown && d.flagResets.every((b) => setupFlags.has(b)) });
    }
  }

  const unguarded: RegistrationSite[] = [];
  const flagged: { site: RegistrationSite; react: { description: string } | undefined; flags: string }[] = [];
  const handoverUnwritten: RegistrationSite[] = [];
  if (!complete) {
    for (const site of getHmrSetupSites(model)) {
      if (findUnguardedRerun(site.node, model)) continue; // no-duplicate-registration reports it
      const p = getProtection(site.node, model);
      if (p.kind === 'process') continue;
      if (p.kind === 'hot') {
        if (!isHandoverWritten(model)) handoverUnwritten.push(site);
        continue;
      }
      if (p.kind === 'module') flagged.push({ site, react: reactBoundary(site.node, model, classifyFunction), flags: '' });
      else unguarded.push(site);
    }
  }

  const findings: Finding<HmrDisposeMessageId>[] = [];
  const api = ctx.api;
  const reuse = unguarded.length > 0 || (shutdownDisposes.length > 0 && flagged.length === 0) ? planReuse(model, ctx, unguarded, shutdownDisposes) : undefined;
  const flagPlan = flagged.length > 0 || flagDisposes.length > 0 ? planFlagHandover(model, ctx, flagged.map((f) => f.site), flagged.length > 0 ? [...flagDisposes, ...shutdownDisposes] : flagDisposes) : undefined;
  const reuseSuggestion = suggestion('reuseAcrossUpdates', reuse, api);
  const flagSuggestion = suggestion('handOverFlag', flagPlan, api);

  for (const site of unguarded) {
    findings.push({ messageId: 'unguardedSetup', node: site.node, data: { label: site.label, api, what: whatRepeats(site) }, suggestions: reuseSuggestion });
  }
  for (const site of handoverUnwritten) {
    findings.push({ messageId: 'handoverNeverWritten', node: site.node, data: { label: site.label, api }, suggestions: [] });
  }
  for (const d of shutdownDisposes) {
    findings.push({ messageId: 'disposeWithoutHandover', node: d.call, data: { api }, suggestions: flagged.length > 0 ? flagSuggestion : reuseSuggestion });
  }
  for (const d of flagDisposes) {
    findings.push({ messageId: 'disposeResetsFlag', node: d.call, data: { api, flag: d.flagResets.map((b) => b.name).join('`, `') }, suggestions: flagSuggestion });
  }
  for (const f of flagged) {
    if (!f.react && flagDisposes.length > 0) continue; // the dispose report says it
    const flags = flagNames(f.site, model);
    if (f.react) findings.push({ messageId: 'setupInReactEffect', node: f.site.node, data: { label: f.site.label, context: f.react.description, flag: flags, api }, suggestions: flagSuggestion });
    else findings.push({ messageId: 'flagOnlyGuard', node: f.site.node, data: { label: f.site.label, flag: flags, api }, suggestions: flagSuggestion });
  }
  return findings;
}

function suggestion(messageId: HmrDisposeMessageId, edits: TextEdit[] | undefined, api: HmrContext['api']): Suggestion<HmrDisposeMessageId>[] {
  return edits && edits.length > 0 ? [{ messageId, data: { api }, edits }] : [];
}

function flagNames(site: RegistrationSite, model: FileModel): string {
  const p = getProtection(site.node, model);
  const names = p.guard ? guardNames(p.guard, model) : [];
  return names.length > 0 ? names.join('`, `') : 'flag';
}

function guardNames(guard: NonNullable<ReturnType<typeof getProtection>['guard']>, model: FileModel): string[] {
  return guardFlags(guard, model).map((b) => b.name);
}

function whatRepeats(site: RegistrationSite): string {
  if (site.kind === 'instrumentations') return 'every hot update enables another set of instrumentations, which wrap `fetch`/XHR again (duplicated spans, headers injected twice)';
  if (site.kind === 'api') return 'every hot update registers again, and the first-wins API ignores the new instance';
  return 'every hot update builds another provider that never becomes global (its processors see no spans) and enables its instrumentations again';
}
