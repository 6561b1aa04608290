// What `no-duplicate-span-processor` reports, computed once for the rule and the
// `dedupe-span-processors` codemod.
import type { FileModel } from '../analysis';
import { areMutuallyExclusive, getEvaluator } from '../analysis';
import { isSdkConstruction } from '../analysis/values';
import { objectOf } from '../analysis/instrumentations';
import { loopElements } from '../analysis/array-loop';
import type { Node } from '../ast/node';
import { findProperty, getLine, getPropertyName, getRange, isMember, unwrap } from '../ast/node';
import { normalizedText } from '../fix/lists';
import { planProcessorRemoval } from '../fix/dedupe-span-processors';
import { planPropertyRemoval } from '../fix/remove-item';
import { textOf } from '../fix/text';
import type { Report } from './types';
import type { Messages } from '../core/messages';
import { defineJsCheck, type JsCheck } from './define';

export type DuplicateSpanProcessorMessageId =
  | 'exporterBehindTwoProcessors'
  | 'processorListedTwice'
  | 'traceExporterIgnored'
  | 'traceExporterRedundant'
  | 'removeProcessor'
  | 'removeIgnoredOption';

/** The messages of `no-duplicate-span-processor` (the rule's `meta.messages`; every other surface formats them too). */
export const messages: Messages<DuplicateSpanProcessorMessageId> = {
  exporterBehindTwoProcessors:
    '`{{exporter}}` is behind two span processors (`{{first}}` on line {{line}} and this `{{label}}`): every span is exported twice and the exporter is shut down twice. Keep one processor{{fix}}.',
  processorListedTwice:
    'The same span processor is listed twice (line {{line}}): it sees every span twice, so each span is exported twice. List it once{{fix}}.',
  traceExporterIgnored:
    '`{{option}}` is silently ignored because `{{winner}}` is set: {{sdk}} uses only `{{winner}}`, so `{{value}}` receives no spans. Put it in `spanProcessors` (wrapped in a processor) or remove it{{fix}}.',
  traceExporterRedundant:
    '`{{option}}` is ignored because `{{winner}}` is set ({{sdk}} uses only `{{winner}}`); {{reach}}, so the option only misleads readers into thinking it configures the export. Remove it{{fix}}.',
  removeProcessor: 'Remove the second processor `{{label}}`.',
  removeIgnoredOption: 'Remove the ignored `{{option}}` option (no behaviour change).',
};

/** `no-duplicate-span-processor`'s detection, shared by the rule, the codemods and doctor. */
export const noDuplicateSpanProcessor: JsCheck<DuplicateSpanProcessorMessageId, undefined> = defineJsCheck({ ruleId: 'no-duplicate-span-processor', transform: 'dedupe-span-processors', messages, check: checkDuplicateSpanProcessor });

interface ProcessorEntry {
  readonly element: Node;
  readonly list: Node | undefined;
  readonly registration: Node;
  /** The `provider.addSpanProcessor(p);` statement, for processors attached by call. */
  readonly statement: Node | undefined;
  readonly processorKey: string | undefined;
  readonly exporter: Node | undefined;
  readonly exporterKeys: readonly string[];
  readonly label: string;
  /** One element of a loop's array (`exporters.push(x)` … `exporters.forEach((e) => …(e))`): reported without an edit. */
  readonly fromLoop?: boolean;
}

/** Every report of `no-duplicate-span-processor` for a file. */
export function checkDuplicateSpanProcessor(model: FileModel): Report<DuplicateSpanProcessorMessageId>[] {
  const ev = getEvaluator(model);
  const findings: Report<DuplicateSpanProcessorMessageId>[] = [];
  // processors per pipeline: the provider/SDK construction they are attached to
  const pipelines = new Map<Node, ProcessorEntry[]>();
  const add = (pipeline: Node, e: ProcessorEntry | undefined) => {
    if (e) pipelines.set(pipeline, [...(pipelines.get(pipeline) ?? []), e]);
  };
  for (const call of model.calls) {
    if (!call.arguments[0]) continue; // both shapes below take an argument: no need to evaluate the callee
    // a member call reaches a setup only through its name (`p.addSpanProcessor(…)`, `new ns.NodeSDK(…)`):
    // most member calls of a file are skipped unevaluated
    const member = unwrap(call.callee);
    const name = isMember(member) ? getPropertyName(member) : undefined;
    if (name !== undefined && name !== 'addSpanProcessor' && !model.table.mayReachExportThrough(name)) continue;
    const callee = ev.evaluate(call.callee);
    // provider.addSpanProcessor(p) (pre-2.0 attach API)
    if (callee?.kind === 'method' && callee.name === 'addSpanProcessor' && callee.of.kind === 'instance' && call.arguments[0]) {
      const stmt = model.parents.get(call);
      const entry = processorEntry(call.arguments[0], undefined, call, model, stmt?.type === 'ExpressionStatement' ? stmt : undefined);
      for (const e of entry ? perElement(entry, model) : []) add(callee.of.creation, e);
      continue;
    }
    if (callee?.kind !== 'export') continue;
    const k = callee.spec.kind;
    const isSetup = isSdkConstruction(call, callee.spec) || (call.type === 'NewExpression' ? k === 'provider' : k === 'sdk-function');
    if (!isSetup) continue;
    const options = objectOf(call.arguments[0], model);
    if (!options) continue;
    const listProp = findProperty(options, 'spanProcessors');
    const list = listProp ? unwrap(listProp.value) : undefined;
    if (list?.type === 'ArrayExpression') {
      for (const el of list.elements) {
        if (!el || el.type === 'SpreadElement') continue;
        add(call, processorEntry(el, list, call, model, undefined));
      }
    }
    // NodeSDK: `spanProcessors` wins over the singular `spanProcessor`, which wins over `traceExporter`
    // (sdk-node 0.223.0 build/src/sdk.js:202-210, the same order since the singular option exists)
    const singular = findProperty(options, 'spanProcessor');
    if (callee.spec.kind === 'sdk' && callee.spec.processorsOverrideTraceExporter && (listProp || singular)) {
      const winner = listProp ? 'spanProcessors' : 'spanProcessor';
      for (const option of listProp ? ['spanProcessor', 'traceExporter'] : ['traceExporter']) {
        const prop = findProperty(options, option);
        if (!prop) continue;
        // `traceExporter: exporter` next to `spanProcessor: new BatchSpanProcessor(exporter)`: the same
        // object receives the spans through the winner, so nothing is lost, only the option is dead;
        // likewise an equal construction (`new ZipkinExporter(opts)` in both): the spans go to the same place
        const behind = option === 'traceExporter' && prop.value ? exporterBehindWinner(prop.value, listProp ? list : singular?.value, call, model) : undefined;
        const value = textOf(model.source, prop.value);
        const data = {
          option,
          winner,
          sdk: callee.name,
          value,
          ...(behind === 'same' ? { reach: `\`${value}\` still gets every span because that processor wraps it` } : {}),
          ...(behind === 'equal' ? { reach: `the spans still go where \`${value}\` would send them: that processor wraps an equal \`${exporterClass(prop.value!, model)}\` (same class and options)` } : {}),
        };
        findings.push({
          messageId: behind ? 'traceExporterRedundant' : 'traceExporterIgnored',
          range: getRange(prop),
          data,
          suggestions: [{ messageId: 'removeIgnoredOption', data, edits: planPropertyRemoval(options, prop, model) }],
        });
      }
    }
  }
  for (const entries of pipelines.values()) {
    entries.sort((a, b) => getRange(a.element)[0] - getRange(b.element)[0]);
    for (let j = 1; j < entries.length; j++) {
      const later = entries[j]!;
      for (let i = 0; i < j; i++) {
        const first = entries[i]!;
        if (first.statement && later.statement && areMutuallyExclusive(first.statement, later.statement, model)) continue;
        const data = { label: later.label, first: first.label, line: String(getLine(first.element)), exporter: later.exporter ? textOf(model.source, later.exporter) : '' };
        // the loop's one processor serves every element: removing one `push` would leave the branch around it, a human's call
        const edits = later.fromLoop ? undefined : planProcessorRemoval(later, model);
        const suggestions = edits ? [{ messageId: 'removeProcessor' as const, data, edits }] : [];
        if (later.processorKey && later.processorKey === first.processorKey) {
          findings.push({ messageId: 'processorListedTwice', range: getRange(later.element), data, suggestions });
          break;
        }
        if (later.exporterKeys.some((key) => first.exporterKeys.includes(key))) {
          findings.push({ messageId: 'exporterBehindTwoProcessors', range: getRange(later.element), data, suggestions });
          break;
        }
      }
    }
  }
  return findings.sort((a, b) => a.range[0] - b.range[0]);
}

/**
 * A processor built in a loop over a local array (`exporters.forEach((e) => p.addSpanProcessor(new
 * BatchSpanProcessor(e)))`) is one entry per element the array holds, placed at that element
 * (and its `push` statement, for exclusive branches); any other processor is itself.
 */
function perElement(entry: ProcessorEntry, model: FileModel): ProcessorEntry[] {
  const elements = entry.exporter ? loopElements(entry.exporter, model) : undefined;
  if (!elements) return [entry];
  return elements.map(({ expr, statement }) => ({ ...entry, element: expr, statement, processorKey: undefined, exporter: expr, exporterKeys: exporterKeys(expr, model), fromLoop: true }));
}

function processorEntry(el: Node, list: Node | undefined, registration: Node, model: FileModel, statement: Node | undefined): ProcessorEntry | undefined {
  const ev = getEvaluator(model);
  const n = unwrap(el);
  const processorKey = n.type === 'Identifier' ? ev.storageKey(n) : undefined;
  const v = ev.evaluate(n);
  if (v?.kind !== 'instance' || v.of.spec.kind !== 'span-processor') return undefined;
  const args = v.creation.arguments ?? [];
  const exporter: Node | undefined = v.of.spec.shape === 'positional' ? args[0] : findProperty(args[0], 'exporter')?.value;
  return { element: el, list, registration, statement, processorKey, exporter, exporterKeys: exporter ? exporterKeys(exporter, model) : [], label: v.of.name };
}

/**
 * Whether one of the winning processors (`winner`: the list or the singular processor) wraps `exporter`:
 * `same` when it is the same binding, `equal` when it is an equal construction (the identity
 * `exporterKeys` gives for double export), undefined otherwise.
 */
function exporterBehindWinner(exporter: Node, winner: Node | undefined, registration: Node, model: FileModel): 'same' | 'equal' | undefined {
  if (!winner) return undefined;
  const key = sameObjectKey(exporter, model);
  const keys = exporterKeys(exporter, model);
  const w = unwrap(winner);
  const processors = w.type === 'ArrayExpression' ? w.elements.filter((e: Node | null): e is Node => !!e && e.type !== 'SpreadElement') : [w];
  let found: 'same' | 'equal' | undefined;
  for (const el of processors) {
    const wrapped = processorEntry(el, undefined, registration, model, undefined)?.exporter;
    if (!wrapped) continue;
    if (key && sameObjectKey(wrapped, model) === key) return 'same';
    if (exporterKeys(wrapped, model).some((k) => keys.includes(k))) found = 'equal';
  }
  return found;
}

/**
 * The storage key of an expression that names one object at every read: a variable, or a property
 * chain (`exporters.traceExporter`) off a variable that is never reassigned, with no assignment to
 * that property anywhere in the file. Undefined for anything else.
 */
function sameObjectKey(expr: Node, model: FileModel): string | undefined {
  const ev = getEvaluator(model);
  const n = unwrap(expr);
  if (n.type === 'Identifier') return ev.storageKey(n);
  if (!isMember(n)) return undefined;
  let root = n;
  while (isMember(root)) root = unwrap(root.object);
  if (root.type !== 'Identifier') return undefined;
  const binding = model.scopeAt(root).resolve(root.name);
  if (!binding || binding.assignments.length > 0) return undefined;
  const key = ev.storageKey(n);
  return key && ev.assignmentsTo(key).length === 0 ? key : undefined;
}

/** The class name of an exporter expression (`ZipkinExporter`), for messages. */
function exporterClass(expr: Node, model: FileModel): string {
  const v = getEvaluator(model).evaluate(unwrap(expr));
  return v?.kind === 'instance' ? v.of.name : textOf(model.source, expr);
}

/** Identities of an exporter expression: its storage, and its construction (class + arguments). */
function exporterKeys(expr: Node, model: FileModel): string[] {
  const ev = getEvaluator(model);
  const keys: string[] = [];
  const n = unwrap(expr);
  const key = sameObjectKey(n, model);
  if (key) keys.push(key);
  const v = ev.evaluate(n);
  if (v?.kind === 'instance' && v.of.spec.kind === 'exporter') {
    // `new X(args)` written in place or as a const's only value
    const creation = v.creation;
    const b = n.type === 'Identifier' ? model.scopeAt(n).resolve(n.name) : undefined;
    if (creation === n || (b && b.init && unwrap(b.init.expr) === creation && b.assignments.length === 0)) {
      keys.push(`new:${v.of.module}#${v.of.name}(${normalizedText(model.source, creation.arguments[0])})`);
    }
  }
  return keys;
}
