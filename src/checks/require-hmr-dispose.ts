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
import { importedSdkStarts } from '../analysis/imported-sdk';
import { planFlagHandover, planReuse } from '../fix/add-hmr-dispose';
import path from 'node:path';
import type { TextEdit } from '../fix/text';
import { getRange } from '../ast/node';
import type { Report, Suggestion } from './types';
import type { Messages } from '../core/messages';
import { defineJsCheck, type JsCheck } from './define';
import { hasVersionAtLeast } from '../project/versions';

/** The instrumentation-fetch release whose instances each wrap `fetch` (earlier ones unwrap the previous patch first). */
const FETCH_STACKS_SINCE = '0.215.0';

export type HmrDisposeMessageId =
  | 'unguardedSetup'
  | 'flagOnlyGuard'
  | 'setupInReactEffect'
  | 'handoverNeverWritten'
  | 'disposeResetsFlag'
  | 'disposeWithoutHandover'
  | 'importedSdkStartedAgain'
  | 'reuseAcrossUpdates'
  | 'handOverFlag';

/** The messages of `require-hmr-dispose` (the rule's `meta.messages`; every other surface formats them too). */
export const messages: Messages<HmrDisposeMessageId> = {
  unguardedSetup:
    '`{{label}}` runs again each time a hot update re-evaluates this module ({{why}}): {{what}}. Reuse the running setup through `{{api}}.data` (hand it over in `dispose`), or keep it in a `globalThis` slot{{fix}}.',
  flagOnlyGuard:
    '`{{label}}` is kept to one run by the module-level `{{flag}}`, which a hot update re-creates, so the new instance runs it again: {{what}}. Hand the flag or the instance over through `{{api}}.data`{{fix}}.',
  setupInReactEffect:
    '`{{label}}` runs in {{context}} and is kept to one run only by the module-level `{{flag}}`; Fast Refresh re-evaluates the module and resets it, so setup runs again. Hand it over through `{{api}}.data` or keep it in a `globalThis` slot{{fix}}.',
  handoverNeverWritten:
    '`{{label}}` reuses `{{api}}.data`, but nothing writes it: no `dispose` fills `data`, so every hot update initializes again. Write the instance into `data` in `{{api}}.dispose`{{fix}}.',
  disposeResetsFlag:
    'This dispose only resets `{{flag}}`: the next module instance starts with a fresh flag anyway, builds a second provider that never becomes global and enables its instrumentations again. Hand the running instance over through `data` instead{{fix}}.',
  disposeWithoutHandover:
    'This dispose shuts telemetry down but neither hands it over through `data` nor disables the API globals: the next instance\'s registration is then silently ignored and spans are lost. Hand the instance over (or tear down completely: unload instrumentations, `shutdown()`, `trace/context/propagation.disable()`){{fix}}.',
  importedSdkStartedAgain:
    '`{{label}}` runs again each time a hot update re-evaluates this module ({{why}}), on the same SDK object, which `{{module}}` built once: a second `start()` enables its instrumentations again, builds providers the first-wins API ignores, and throws when the SDK has a metric reader (a reader binds to one MeterProvider only). Start the SDK once, outside the hot-updated module (preloaded with `node --require`), or skip the start when `{{api}}.data` says an earlier instance ran it.',
  reuseAcrossUpdates: 'Reuse the running telemetry across hot updates through `{{api}}.data`.',
  handOverFlag: 'Hand the module flag over to the next instance through `{{api}}.data`.',
};

/** `require-hmr-dispose`'s detection, shared by the rule, the codemods and doctor. */
export const requireHmrDispose: JsCheck<HmrDisposeMessageId, undefined> = defineJsCheck({ ruleId: 'require-hmr-dispose', transform: 'add-hmr-dispose', messages, check: checkHmrDispose, startFiles: true });

/** Every report of `require-hmr-dispose` for a file. */
export function checkHmrDispose(model: FileModel): Report<HmrDisposeMessageId>[] {
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

  const findings: Report<HmrDisposeMessageId>[] = [];
  const api = ctx.api;
  if (!complete) findings.push(...importedStartsAgain(model, ctx));
  const reuse = unguarded.length > 0 || (shutdownDisposes.length > 0 && flagged.length === 0) ? planReuse(model, ctx, unguarded, shutdownDisposes) : undefined;
  const flagPlan = flagged.length > 0 || flagDisposes.length > 0 ? planFlagHandover(model, ctx, flagged.map((f) => f.site), flagged.length > 0 ? [...flagDisposes, ...shutdownDisposes] : flagDisposes) : undefined;
  const reuseSuggestion = suggestion('reuseAcrossUpdates', reuse, api);
  const flagSuggestion = suggestion('handOverFlag', flagPlan, api);

  for (const site of unguarded) {
    findings.push({ messageId: 'unguardedSetup', range: getRange(site.node), data: { label: site.label, api, what: whatRepeats(site, model), why: describeHmrEvidence(ctx) }, suggestions: reuseSuggestion });
  }
  for (const site of handoverUnwritten) {
    findings.push({ messageId: 'handoverNeverWritten', range: getRange(site.node), data: { label: site.label, api }, suggestions: [] });
  }
  for (const d of shutdownDisposes) {
    findings.push({ messageId: 'disposeWithoutHandover', range: getRange(d.call), data: { api }, suggestions: flagged.length > 0 ? flagSuggestion : reuseSuggestion });
  }
  for (const d of flagDisposes) {
    findings.push({ messageId: 'disposeResetsFlag', range: getRange(d.call), data: { api, flag: d.flagResets.map((b) => b.name).join('`, `') }, suggestions: flagSuggestion });
  }
  for (const f of flagged) {
    if (!f.react && flagDisposes.length > 0) continue; // the dispose report says it
    const flags = flagNames(f.site, model);
    if (f.react) findings.push({ messageId: 'setupInReactEffect', range: getRange(f.site.node), data: { label: f.site.label, context: f.react.description, flag: flags, api }, suggestions: flagSuggestion });
    else findings.push({ messageId: 'flagOnlyGuard', range: getRange(f.site.node), data: { label: f.site.label, flag: flags, api, what: whatRepeats(f.site, model) }, suggestions: flagSuggestion });
  }
  return findings;
}

/**
 * HM1: `await otelSDK.start()` on an SDK another project module builds (NestJS's main.ts with
 * `module.hot.accept()`). The module that builds it is not re-evaluated, so each hot update starts
 * the same object again (sdk-node 0.207.0 `build/src/sdk.js:235-293`: start() has no guard but
 * OTEL_SDK_DISABLED). No fix: the SDK's construction lives in the other module.
 */
function importedStartsAgain(model: FileModel, ctx: HmrContext): Report<HmrDisposeMessageId>[] {
  const out: Report<HmrDisposeMessageId>[] = [];
  for (const start of importedSdkStarts(model)) {
    // a factory builds a new SDK on each run: not the same object started again
    if (start.factory) continue;
    if (findUnguardedRerun(start.call, model)) continue; // re-runs within one instance: not this rule's
    const kind = getProtection(start.call, model).kind;
    if (kind === 'hot' || kind === 'process') continue; // a module flag is re-created with the module: no protection
    const module = path.relative(path.dirname(model.filename), start.module.filename).replace(/\\/g, '/');
    out.push({ messageId: 'importedSdkStartedAgain', range: getRange(start.call), data: { label: start.label, module: module.startsWith('.') ? module : `./${module}`, api: ctx.api, why: describeHmrEvidence(ctx) }, suggestions: [] });
  }
  return out;
}

/** Why the file counts as hot-reloaded, for the message. */
function describeHmrEvidence(ctx: HmrContext): string {
  switch (ctx.reason) {
    case 'hot-api':
      return 'it uses the hot API';
    case 'glob':
      return "it matches settings['otel-safe'].hmr";
    case 'setting':
      return "settings['otel-safe'].hmr is 'always'";
    default:
      return ctx.evidence?.why ?? 'its dev server hot-updates it';
  }
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

/**
 * What running a setup again does, by kind. Instrumentations: instrumentation-fetch up to 0.214.0
 * unwraps a previous patch before wrapping (`build/src/fetch.js:406-410`), so only the newest instance
 * applies; from 0.215.0 each instance wraps `fetch` once for itself (`_isFetchPatched`, 0.300.0
 * `dist/fetch.cjs:286-303`), so the wrappers stack: duplicated client spans and headers.
 */
function whatRepeats(site: RegistrationSite, model: FileModel): string {
  if (site.kind === 'instrumentations') {
    const stacks = hasVersionAtLeast(model.filename, '@opentelemetry/instrumentation-fetch', FETCH_STACKS_SINCE);
    if (stacks === true) return `every hot update enables another set of instrumentations, and instrumentation-fetch (${FETCH_STACKS_SINCE} on) wraps \`fetch\` once more for each: duplicated client spans, trace headers injected twice`;
    if (stacks === false) return `every hot update enables another set of instrumentations; each replaces the previous one's \`fetch\` patch (instrumentation-fetch before ${FETCH_STACKS_SINCE} unwraps first), so only the newest configuration applies while the older instances stay in memory`;
    return `every hot update enables another set of instrumentations: from instrumentation-fetch ${FETCH_STACKS_SINCE} on each wraps \`fetch\` once more (duplicated client spans, trace headers injected twice); older releases replace the previous patch`;
  }
  if (site.kind === 'api') return 'every hot update registers again, and the first-wins API ignores the new instance';
  return 'every hot update builds another provider that never becomes global (its processors see no spans) and enables its instrumentations again';
}
