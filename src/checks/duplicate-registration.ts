// What `no-duplicate-registration` reports, computed once for the rule and the codemod.
import type { FileModel, RegistrationSite } from '../analysis';
import { describeGlobals, findDuplicateRegistrations, findUnguardedRerun, getRegistrationSites } from '../analysis';
import { getLine } from '../ast/node';
import { planGuard, planRemoval } from '../fix/guard-registration';
import type { Finding, Suggestion } from './types';

export type DuplicateRegistrationMessageId =
  | 'duplicateRegistration'
  | 'conflictingRegistration'
  | 'registrationInRerunnableCode'
  | 'removeRedundantRegistration'
  | 'wrapInGlobalGuard';

export interface DuplicateRegistrationOptions {
  /** Treat exported functions as called once per process (an app's own `initTelemetry()` called from main). */
  readonly allowExportedInit: boolean;
}

/** Every report of `no-duplicate-registration` for a file. */
export function checkDuplicateRegistration(model: FileModel, options: DuplicateRegistrationOptions): Finding<DuplicateRegistrationMessageId>[] {
  const findings: Finding<DuplicateRegistrationMessageId>[] = [];

  for (const dup of findDuplicateRegistrations(model)) {
    const data = {
      label: dup.site.label,
      first: dup.first.label,
      line: String(getLine(dup.first.node)),
      globals: describeGlobals(dup.globals),
      consequence: conflictConsequence(dup.site, dup.first),
    };
    const sameFunction = !dup.site.subject && !dup.first.subject && dup.site.exportName === dup.first.exportName && dup.site.module === dup.first.module;
    if (dup.sameSubject || sameFunction) {
      const edits = planRemoval(dup, model);
      const suggestions: Suggestion<DuplicateRegistrationMessageId>[] = edits ? [{ messageId: 'removeRedundantRegistration', data, edits }] : [];
      findings.push({ messageId: 'duplicateRegistration', node: dup.site.node, data, suggestions });
    } else {
      findings.push({ messageId: 'conflictingRegistration', node: dup.site.node, data, suggestions: [] });
    }
  }

  for (const site of getRegistrationSites(model)) {
    if (site.kind === 'side-effect-import') continue;
    const rerun = findUnguardedRerun(site.node, model);
    if (!rerun || (options.allowExportedInit && rerun.kind === 'exported-function')) continue;
    const data = { label: site.label, context: rerun.description, what: whatIsLost(site) };
    const edits = planGuard(site, model);
    const suggestions: Suggestion<DuplicateRegistrationMessageId>[] = edits ? [{ messageId: 'wrapInGlobalGuard', data, edits }] : [];
    findings.push({ messageId: 'registrationInRerunnableCode', node: site.node, data, suggestions });
  }
  return findings;
}

function whatIsLost(site: RegistrationSite): string {
  switch (site.kind) {
    case 'instrumentations':
      return 'every run patches the instrumented modules again';
    case 'api':
      return 'every run after the first is ignored by the first-wins API';
    default:
      return `every run after the first builds another ${site.vendor ? `${site.vendor} SDK` : site.kind === 'provider-register' ? 'provider' : 'SDK'} that never becomes global, so its processors see no spans`;
  }
}

function conflictConsequence(site: RegistrationSite, first: RegistrationSite): string {
  if (site.vendor === 'Azure Monitor' || site.globals.includes('vendor:azure')) return 'useAzureMonitor() also deletes the API registry and tears the earlier setup down';
  if (site.vendor === 'Splunk' && first.vendor === 'Splunk') return 'Splunk throws "Splunk APM already started" on the second start';
  return 'the API keeps the first and silently ignores this one, so its processors and exporters never see a span';
}
