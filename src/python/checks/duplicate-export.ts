// python/no-duplicate-export: every span exported twice when one exporter sits behind two
// processors (or two identical exporters behind two processors of one provider), and under
// `opentelemetry-instrument` when code adds an OTLP exporter to the provider the CLI set
// (the CLI already exports through OTLP: python-otel-facts §iv, opentelemetry-python#3275).
import type { Finding } from '../../core/finding';
import type { Check } from '../../core/language';
import type { PyModel } from '../model';
import { areExclusive, statementOf } from '../model/flow';
import { isProviderGuarded } from '../model/guards';
import type { ProcessorAttachment } from '../model/setup';
import { instanceKey, processorAttachments } from '../model/setup';
import type { PyTree } from '../nodes';
import { field } from '../nodes';
import { removeStatement } from '../../fix/python/text';
import { finding, lineOf, modelOf, PYTHON_RULE_PREFIX, suggestion, text } from './common';
import { cliTracesExporter, describeLaunch, instrumentedLaunches, processesOf } from './process-facts';

export type DuplicateExportMessageId = 'exporterInTwoProcessors' | 'exportedTwiceUnderCli' | 'removeProcessor';

export const RULE_ID = `${PYTHON_RULE_PREFIX}no-duplicate-export`;

export const duplicateExportMessages = {
  exporterInTwoProcessors:
    '`{{exporter}}` already receives every span through the processor on line {{line}}: this second processor exports each span again. Keep one processor per exporter (`npx otel-codemod dedupe-span-processors`).',
  exportedTwiceUnderCli:
    '{{process}} runs this code under `opentelemetry-instrument`, whose provider already exports through OTLP: adding `{{exporter}}` to it exports every span twice. Drop this processor and configure the CLI with OTEL_EXPORTER_OTLP_* (`npx otel-codemod dedupe-span-processors`).',
  removeProcessor: 'Remove this processor.',
} as const;

export const duplicateExportCheck: Check<PyTree, DuplicateExportMessageId> = {
  ruleId: RULE_ID,
  language: 'python',
  messages: duplicateExportMessages,
  run(input) {
    const model = modelOf(input);
    const attachments = processorAttachments(model).filter((a) => a.exporterSpec);
    if (attachments.length === 0) return [];
    const out: Finding<DuplicateExportMessageId>[] = [];
    const flagged = new Set<ProcessorAttachment>();
    const seen = new Map<string, ProcessorAttachment>();
    for (const a of attachments) {
      const key = exporterKey(model, a);
      const earlier = seen.get(key);
      if (earlier && !areExclusive(earlier.call, a.call)) {
        flagged.add(a);
        out.push(finding(RULE_ID, 'exporterInTwoProcessors', a.call, { exporter: exporterText(model, a), line: lineOf(earlier.call) }, suggestion('removeProcessor', removal(model, a))));
      } else if (!earlier) seen.set(key, a);
    }
    const facts = attachments.some((a) => a.onGlobal) ? processesOf(input.file.path) : undefined;
    const cli = facts ? instrumentedLaunches(facts).find((l) => cliTracesExporter(l).split(',').includes('otlp')) : undefined;
    if (facts && cli) {
      for (const a of attachments) {
        if (flagged.has(a) || !a.onGlobal || !a.exporterSpec?.protocol.startsWith('otlp') || isProviderGuarded(model, a.call)) continue;
        out.push(finding(RULE_ID, 'exportedTwiceUnderCli', a.call, { exporter: exporterText(model, a), process: describeLaunch(facts, cli) }, suggestion('removeProcessor', removal(model, a))));
      }
    }
    return out;
  },
};

/** One exporter: the same instance (through any names), or an identical construction on the same provider. */
function exporterKey(model: PyModel, a: ProcessorAttachment): string {
  const exp = a.exporter!;
  if (exp.type === 'call') return `${a.provider}|${text(model, exp).replace(/\s+/g, '')}`;
  return instanceKey(model, exp);
}

function exporterText(model: PyModel, a: ProcessorAttachment): string {
  const exp = a.exporter!;
  return exp.type === 'call' ? `${text(model, field(exp, 'function')!)}(…)` : text(model, exp);
}

/** The statement attaching the processor, when it is nothing else. */
function removal(model: PyModel, a: ProcessorAttachment) {
  if (a.call.type !== 'call') return undefined;
  const stmt = statementOf(a.call);
  if (stmt.type !== 'expression_statement' || stmt.children[0] !== a.call) return undefined;
  const edit = removeStatement(model, stmt);
  return edit ? [edit] : undefined;
}
