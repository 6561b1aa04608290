// What `no-duplicate-instrumentation` reports, computed once for the rule and the
// `dedupe-instrumentations` codemod.
import type { FileModel } from '../analysis';
import type { Node } from '../ast/node';
import { areMutuallyExclusive } from '../analysis';
import { classifyFunction } from '../analysis/rerunnable';
import type { InstrumentationEntry } from '../analysis/instrumentations';
import { getInstrumentationEntries } from '../analysis/instrumentations';
import { executionContext } from '../analysis/statements';
import { getLine, getRange, unwrap } from '../ast/node';
import { bundleMember } from '../otel/bundles';
import { normalizedText } from '../fix/lists';
import { planListItemRemoval } from '../fix/remove-item';
import { planMoveIntoBundle } from '../fix/dedupe-instrumentations';
import { textOf } from '../fix/text';
import type { Report } from './types';
import type { Messages } from '../core/messages';
import { defineJsCheck, type JsCheck } from './define';

export type DuplicateInstrumentationMessageId =
  | 'duplicateInstrumentation'
  | 'instrumentationInBundle'
  | 'instrumentationRegisteredTwice'
  | 'duplicateBundle'
  | 'moveConfigIntoBundle'
  | 'removeDuplicateInstrumentation';

/** The messages of `no-duplicate-instrumentation` (the rule's `meta.messages`; every other surface formats them too). */
export const messages: Messages<DuplicateInstrumentationMessageId> = {
  duplicateInstrumentation:
    '`{{name}}` is registered twice (also on line {{line}}, {{where}}): {{consequence}}. Keep one instance{{fix}}.',
  instrumentationInBundle:
    '`{{name}}` is already enabled by `{{bundle}}` (line {{line}}): {{consequence}}. Configure it through the bundle\'s config map instead{{fix}}.',
  instrumentationRegisteredTwice:
    'The same `{{label}}` instance is registered again (line {{line}}): enabling is a no-op but its tracer and meter providers are reset. Register it once{{fix}}.',
  duplicateBundle:
    '`{{name}}` enables {{count}} instrumentation(s) that `{{other}}` on line {{line}} already enabled: {{consequence}}. Call the bundle once{{fix}}.',
  moveConfigIntoBundle: 'Remove `{{label}}` and pass its config under `\'{{name}}\'` in `{{bundle}}`.',
  removeDuplicateInstrumentation: 'Remove the duplicate `{{label}}`.',
};

/** `no-duplicate-instrumentation`'s detection, shared by the rule, the codemods and doctor. */
export const noDuplicateInstrumentation: JsCheck<DuplicateInstrumentationMessageId, undefined> = defineJsCheck({ ruleId: 'no-duplicate-instrumentation', transform: 'dedupe-instrumentations', messages, check: checkDuplicateInstrumentation });

/** Every report of `no-duplicate-instrumentation` for a file. */
export function checkDuplicateInstrumentation(model: FileModel): Report<DuplicateInstrumentationMessageId>[] {
  const entries = getInstrumentationEntries(model);
  const findings: Report<DuplicateInstrumentationMessageId>[] = [];
  const reported = new Set<InstrumentationEntry>();
  for (let j = 1; j < entries.length; j++) {
    const later = entries[j]!;
    for (let i = 0; i < j; i++) {
      const first = entries[i]!;
      if (reported.has(later)) break;
      if (!runTogether(first.registration, later.registration, model)) continue;
      if (first.registration !== later.registration && areMutuallyExclusive(first.registration, later.registration, model)) continue;
      // the two branches of one `cond ? [...] : [...]` list are never enabled together
      if (areMutuallyExclusive(first.element, later.element, model)) continue;
      const finding = compare(first, later, model) ?? compare(later, first, model, true);
      if (finding) {
        // across the module body and an init function, removing one side changes what runs when the init is not called
        const sameBody = executionContext(first.registration, model) === executionContext(later.registration, model);
        // nor inside one branch of a conditional list (moving its config into the bundle would apply it always)
        findings.push(sameBody && !inConditionalList(finding.reported) ? finding.finding : { ...finding.finding, suggestions: [] });
        reported.add(finding.reported);
      }
    }
  }
  return findings;

  function inConditionalList(entry: InstrumentationEntry): boolean {
    for (const a of model.ancestors(entry.element)) {
      if (a === entry.registration) return false;
      if (a.type === 'ConditionalExpression') return true;
    }
    return false;
  }
}

/**
 * Both registrations run in one process run: the same function (or module) body, or one at module
 * level and one in an exported init, which runs after the module-level one whenever it is called.
 */
function runTogether(a: Node, b: Node, model: FileModel): boolean {
  const ca = executionContext(a, model);
  const cb = executionContext(b, model);
  if (ca === cb) return true;
  const fn = ca === model.program ? cb : cb === model.program ? ca : undefined;
  return !!fn && classifyFunction(fn, model)?.kind === 'exported-function';
}

function compare(
  first: InstrumentationEntry,
  later: InstrumentationEntry,
  model: FileModel,
  swapped = false,
): { finding: Report<DuplicateInstrumentationMessageId>; reported: InstrumentationEntry } | undefined {
  const data = (entry: InstrumentationEntry, other: InstrumentationEntry) => ({
    name: entry.kind === 'single' ? shortName(entry.name) : `${entry.name}()`,
    label: textOf(model.source, entry.creation).split('(')[0]!.replace(/^new\s+/, ''),
    other: other.kind === 'single' ? shortName(other.name) : `${other.name}()`,
    line: String(getLine(other.element)),
    where: other.registration === entry.registration ? `in the same \`${entry.registrationLabel}\`` : `in \`${other.registrationLabel}\` on line ${getLine(other.registration)}`,
    consequence: consequence(entry.name),
  });
  // the same object registered twice
  if (first.instanceKey && first.instanceKey === later.instanceKey && !swapped) {
    const d = data(later, first);
    const edits = planListItemRemoval(later, model);
    return {
      reported: later,
      finding: {
        messageId: 'instrumentationRegisteredTwice',
        range: getRange(later.element),
        data: d,
        suggestions: edits ? [{ messageId: 'removeDuplicateInstrumentation', data: d, edits }] : [],
      },
    };
  }
  if (first.instanceKey && first.instanceKey === later.instanceKey) return undefined;
  // a single instrumentation that a bundle already contains: report the single, wherever it is
  if (later.kind === 'single' && first.kind === 'bundle') {
    if (!first.configKnown || !first.members.includes(later.name)) return undefined;
    const d = data(later, first);
    // a standalone construction may be used further (`x.setTracerProvider(p)`): no edit removes it
    const edits = later.standalone ? undefined : planMoveIntoBundle(later, first, model);
    return {
      reported: later,
      finding: {
        messageId: 'instrumentationInBundle',
        range: getRange(later.element),
        data: { ...d, bundle: `${first.name}()` },
        suggestions: edits
          ? [{ messageId: later.creation.arguments.length > 0 ? 'moveConfigIntoBundle' : 'removeDuplicateInstrumentation', data: { ...d, bundle: `${first.name}()` }, edits }]
          : [],
      },
    };
  }
  if (swapped) return undefined;
  if (later.kind === 'single' && first.kind === 'single' && later.name === first.name) {
    const d = data(later, first);
    const sameConfig = later.creation.arguments.length === 0 || normalizedText(model.source, later.creation.arguments[0]) === normalizedText(model.source, first.creation.arguments[0]);
    const edits = sameConfig && unwrap(later.element) === later.creation ? planListItemRemoval(later, model) : undefined;
    return {
      reported: later,
      finding: {
        messageId: 'duplicateInstrumentation',
        range: getRange(later.element),
        data: d,
        suggestions: edits ? [{ messageId: 'removeDuplicateInstrumentation', data: d, edits }] : [],
      },
    };
  }
  if (later.kind === 'bundle' && first.kind === 'bundle' && later.platform === first.platform) {
    const overlap = later.members.filter((m) => first.members.includes(m));
    if (!first.configKnown || !later.configKnown || overlap.length === 0) return undefined;
    const stacking = overlap.find((m) => bundleMember(m)?.patching !== 'wrap');
    const d = { ...data(later, first), count: String(overlap.length), consequence: consequence(stacking ?? overlap[0]!) };
    const same = normalizedText(model.source, later.creation) === normalizedText(model.source, first.creation);
    const edits = same && unwrap(later.element) === later.creation ? planListItemRemoval(later, model) : undefined;
    return {
      reported: later,
      finding: {
        messageId: 'duplicateBundle',
        range: getRange(later.element),
        data: d,
        suggestions: edits ? [{ messageId: 'removeDuplicateInstrumentation', data: d, edits }] : [],
      },
    };
  }
  return undefined;
}

function shortName(name: string): string {
  return name.includes('#') ? name.split('#')[1]! : name;
}

/** What a second instance does at runtime, per how the instrumentation patches. */
function consequence(name: string): string {
  const m = bundleMember(name);
  if (m?.patching === 'channel') return 'both instances subscribe to its diagnostics channel, so every request gets two client spans';
  if (m?.patching === 'collector') return 'it patches nothing, but each instance runs its own metric collectors, so every metric it records is reported twice';
  if (m?.patching === 'browser-wrap') return 'each instance wraps the browser API again, so every request gets duplicated client spans and repeated trace headers';
  return "the later instance unwraps the earlier one's patches and wraps again: no extra spans, but the earlier instance's config (hooks, ignore lists) is silently dropped";
}
