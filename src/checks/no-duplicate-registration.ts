// What `no-duplicate-registration` reports, computed once for the rule and the codemod.
import type { CallerEvidence, FileModel, RegistrationSite } from '../analysis';
import { classifyDuplicate, describeGlobals, findDuplicateRegistrations, findUnguardedRerun, getRegistrationSites, ignoresSecondCall } from '../analysis';
import { isProviderUsedDirectly } from '../analysis/registration';
import { findImportedConflicts, findImportedRestarts } from '../analysis/duplicates';
import { getLine, getRange } from '../ast/node';
import type { Node } from '../ast/node';
import type { GlobalSlot } from '../otel/types';
import { planGuard, planRemoval } from '../fix/guard-registration';
import type { Report, Suggestion } from './types';
import type { Messages } from '../core/messages';
import { defineJsCheck, type JsCheck } from './define';

export type DuplicateRegistrationMessageId =
  | 'duplicateRegistration'
  | 'conflictingRegistration'
  | 'conflictingImportedRegistration'
  | 'registrationInRerunnableCode'
  | 'removeRedundantRegistration'
  | 'wrapInGlobalGuard';

/** The messages of `no-duplicate-registration` (the rule's `meta.messages`; every other surface formats them too). */
export const messages: Messages<DuplicateRegistrationMessageId> = {
  duplicateRegistration:
    '`{{label}}` registers the {{globals}} again (already registered by `{{first}}` on line {{line}}): the API ignores the repeat{{restart}}. Remove it{{fix}}.',
  conflictingRegistration:
    '`{{label}}` registers the {{globals}} that `{{first}}` on line {{line}} already registered: {{consequence}}. Keep a single SDK setup per process.',
  conflictingImportedRegistration:
    '`{{label}}` registers the {{globals}} that `{{first}}` already registered ({{where}}): {{consequence}}. Keep a single SDK setup per process, or switch the other one\'s OpenTelemetry setup off.',
  registrationInRerunnableCode:
    '`{{label}}` runs in {{context}}: {{what}}. Keep one instance per process in a `globalThis` slot{{fix}}.',
  removeRedundantRegistration: 'Remove the redundant `{{label}}`.',
  wrapInGlobalGuard: 'Keep one instance per process in a `globalThis[Symbol.for(…)]` slot.',
};

/** `no-duplicate-registration`'s detection, shared by the rule, the codemods and doctor. */
export const noDuplicateRegistration: JsCheck<DuplicateRegistrationMessageId, DuplicateRegistrationOptions> = defineJsCheck({ ruleId: 'no-duplicate-registration', transform: 'guard-registration', messages, check: checkDuplicateRegistration, startFiles: true });

export interface DuplicateRegistrationOptions {
  /**
   * Exported functions and class methods: reported only with evidence from their callers
   * (`evidence`, the default), always (`always`: callers may run them more than once), or never.
   */
  readonly exportedInit: CallerEvidence;
}

/** Every report of `no-duplicate-registration` for a file. */
export function checkDuplicateRegistration(model: FileModel, options: DuplicateRegistrationOptions): Report<DuplicateRegistrationMessageId>[] {
  const findings: Report<DuplicateRegistrationMessageId>[] = [];

  for (const dup of findDuplicateRegistrations(model)) {
    const kind = classifyDuplicate(dup);
    if (kind === 'ignored') continue;
    const data = {
      label: dup.site.label,
      first: dup.first.label,
      line: String(getLine(dup.first.node)),
      globals: describeGlobals(dup.globals),
      consequence: conflictConsequence(dup.site, dup.first, model, dup.globals),
    };
    if (kind === 'repeat') {
      const edits = planRemoval(dup, model);
      const suggestions: Suggestion<DuplicateRegistrationMessageId>[] = edits ? [{ messageId: 'removeRedundantRegistration', data, edits }] : [];
      // only a second SDK start enables instrumentations again; a repeated `setGlobal*`/`register()` is only ignored
      const restart = dup.site.kind === 'sdk-start' || dup.site.kind === 'sdk-function' ? ', and an SDK started twice enables its instrumentations again' : '';
      findings.push({ messageId: 'duplicateRegistration', range: getRange(dup.site.node), data: { ...data, restart }, suggestions });
    } else {
      findings.push({ messageId: 'conflictingRegistration', range: getRange(dup.site.node), data, suggestions: [] });
    }
  }

  // a setup run through another project module (a loaded config, an exported function's body)
  for (const c of findImportedConflicts(model)) {
    const label = c.node === c.site.node ? c.site.label : shortLabel(model, c.node);
    const data = { label, first: c.first.label, where: c.firstWhere, globals: describeGlobals(c.globals), consequence: conflictConsequence(c.site, c.first, model, c.globals) };
    findings.push({ messageId: 'conflictingImportedRegistration', range: getRange(c.node), data, suggestions: [] });
  }

  // an SDK another module exports and starts at its top level, started here again
  for (const r of findImportedRestarts(model)) {
    const data = { label: r.label, first: r.first.label, line: `${getLine(r.first.node)} of ${r.where}`, globals: describeGlobals(r.first.globals), restart: ', and an SDK started twice enables its instrumentations again' };
    findings.push({ messageId: 'duplicateRegistration', range: getRange(r.call), data, suggestions: [] });
  }

  for (const site of getRegistrationSites(model)) {
    if (site.kind === 'side-effect-import' || ignoresSecondCall(site)) continue;
    const rerun = findUnguardedRerun(site.node, model, undefined, options.exportedInit);
    if (!rerun) continue;
    const data = { label: site.label, context: rerun.description, what: whatIsLost(site, model) };
    const edits = planGuard(site, model);
    const suggestions: Suggestion<DuplicateRegistrationMessageId>[] = edits ? [{ messageId: 'wrapInGlobalGuard', data, edits }] : [];
    findings.push({ messageId: 'registrationInRerunnableCode', range: getRange(site.node), data, suggestions });
  }
  return findings;
}

function whatIsLost(site: RegistrationSite, model: FileModel): string {
  if (isProviderUsedDirectly(site, model)) return 'every run after the first builds another provider whose `register()` the first-wins API ignores (only the tracers taken from it with `getTracer()` reach its processors)';
  switch (site.kind) {
    case 'instrumentations':
      return 'every run patches the instrumented modules again';
    case 'api':
      return 'every run after the first is ignored by the first-wins API';
    default:
      return `every run after the first builds another ${site.vendor ? `${site.vendor} SDK` : site.kind === 'provider-register' ? 'provider' : 'SDK'} that never becomes global, so its processors see no spans`;
  }
}

function conflictConsequence(site: RegistrationSite, first: RegistrationSite, model: FileModel, globals: readonly GlobalSlot[]): string {
  if (site.vendor === 'Azure Monitor' || site.globals.includes('vendor:azure')) return 'useAzureMonitor() also deletes the API registry and tears the earlier setup down';
  if (site.vendor === 'Splunk' && first.vendor === 'Splunk') return 'Splunk throws "Splunk APM already started" on the second start';
  // holdout6: only another global repeats (`propagation.setGlobalPropagator()`, then `provider.register()`, which
  // also installs a propagator: its `propagator` option, else the env default): that one is refused, the
  // tracer provider is not
  const refused = globals.flatMap((g) => INSTALLED[g] ?? []);
  if (!globals.includes('trace') && refused.length > 0) {
    const provider = site.globals.includes('trace') ? '; the tracer provider itself is registered, so its processors still see spans' : '';
    return `the API keeps the first and ignores the ${refused.join(' and ')} \`${site.label}\` installs${provider}`;
  }
  // sweep-b #52/#53: a provider whose tracers are taken from it directly still feeds its processors
  if (isProviderUsedDirectly(site, model)) return 'the API keeps the first and ignores this `register()`; only the tracers taken from this provider with `getTracer()` reach its processors';
  return 'the API keeps the first and silently ignores this one, so its processors and exporters never see a span';
}

/** What installing a global puts there, as messages name it. */
const INSTALLED: Partial<Record<GlobalSlot, string>> = { propagation: 'propagator', context: 'context manager', metrics: 'meter provider', logs: 'logger provider' };

/** A node of this file as messages name it: the call (`registerOTel()`), or the load (`import('../sentry.server.config')`). */
function shortLabel(model: FileModel, node: Node): string {
  const text = model.source.slice(getRange(node)[0], getRange(node)[1]).replace(/\s+/g, ' ');
  return text.length <= 60 ? text : `${text.slice(0, 57)}…`;
}
