// OpenTelemetry setup sites of a Python file, as named predicates over the model: provider
// registrations, processors and the exporters behind them, vendor configure functions,
// instrumentor calls, web apps and how they are run.
import type { PyNode } from '../nodes';
import { field } from '../nodes';
import type { PyExportSpec, PySignal } from '../table';
import { argumentFor, keywordArgument } from './functions';
import type { PyModel } from './index';
import type { Ref } from './values';
import { specOf } from './values';

export interface ProviderRegistration {
  readonly call: PyNode;
  readonly signal: PySignal;
  /** The provider passed in. */
  readonly argument: PyNode | undefined;
}

/** `trace.set_tracer_provider(p)` and its metrics/logs twins, in source order. */
export function providerRegistrations(model: PyModel): ProviderRegistration[] {
  const out: ProviderRegistration[] = [];
  for (const call of model.calls) {
    const spec = calleeSpec(model, call);
    if (spec?.kind === 'set-provider') out.push({ call, signal: spec.signal, argument: argumentFor(call, spec.signal === 'traces' ? 'tracer_provider' : spec.signal === 'metrics' ? 'meter_provider' : 'logger_provider', 0) });
  }
  return out;
}

/** The export a call's callee is (the function or class called). */
export function calleeSpec(model: PyModel, call: PyNode): PyExportSpec | undefined {
  const ref = model.resolver.resolve(field(call, 'function'));
  return ref.kind === 'export' ? ref.spec : undefined;
}

/** True when `call` installs telemetry process-wide: a provider registration, a vendor configure, the CLI's initialize(). */
export function isGlobalSetupCall(model: PyModel, call: PyNode): boolean {
  const spec = calleeSpec(model, call);
  return spec?.kind === 'set-provider' || spec?.kind === 'configure' || spec?.kind === 'auto-initialize';
}

/** The methods that attach a processor to a provider. */
const ADD_PROCESSOR = new Set(['add_span_processor', 'add_log_record_processor']);

export interface ProcessorAttachment {
  /** The `add_span_processor(...)` call (or the reader inside `MeterProvider(metric_readers=[...])`). */
  readonly call: PyNode;
  /** Storage of the provider: `global:traces` for `get_tracer_provider()`, else the binding or the construction. */
  readonly provider: string;
  /** True when the provider is the global one (`trace.get_tracer_provider()`, directly or through a name). */
  readonly onGlobal: boolean;
  /** The processor expression. */
  readonly processor: PyNode;
  /** The exporter expression handed to the processor, if it could be found. */
  readonly exporter: PyNode | undefined;
  readonly exporterSpec: Extract<PyExportSpec, { kind: 'exporter' }> | undefined;
}

/** Every processor attached to a provider in the file. */
export function processorAttachments(model: PyModel): ProcessorAttachment[] {
  const out: ProcessorAttachment[] = [];
  for (const call of model.calls) {
    const callee = field(call, 'function');
    if (callee?.type === 'attribute' && ADD_PROCESSOR.has(field(callee, 'attribute')?.text ?? '')) {
      const receiver = field(callee, 'object');
      const ref = model.resolver.resolve(receiver);
      const spec = specOf(ref);
      const onGlobal = ref.kind === 'result' && spec?.kind === 'get-provider';
      if (!onGlobal && spec?.kind !== 'provider') continue;
      const processor = argumentFor(call, 'span_processor', 0) ?? argumentFor(call, 'log_record_processor', 0);
      if (!processor) continue;
      out.push({ call, provider: onGlobal ? `global:${spec!.kind === 'get-provider' ? (spec as { signal: string }).signal : ''}` : storageKey(model, receiver!), onGlobal, processor, ...exporterOf(model, processor) });
    }
    // MeterProvider(metric_readers=[PeriodicExportingMetricReader(exporter), ...])
    const spec = calleeSpec(model, call);
    if (spec?.kind === 'provider' && spec.signal === 'metrics') {
      const readers = keywordArgument(call, 'metric_readers');
      if (readers?.type === 'list' || readers?.type === 'tuple') {
        for (const r of readers.children) out.push({ call: r, provider: `call@${call.range[0]}`, onGlobal: false, processor: r, ...exporterOf(model, r) });
      }
    }
  }
  return out;
}

function exporterOf(model: PyModel, processor: PyNode): Pick<ProcessorAttachment, 'exporter' | 'exporterSpec'> {
  const pref = model.resolver.resolve(processor);
  const pspec = specOf(pref);
  if (pspec?.kind !== 'processor' || pref.kind !== 'instance') return { exporter: undefined, exporterSpec: undefined };
  const call = pref.call;
  const exporter = argumentFor(call, 'span_exporter', 0) ?? keywordArgument(call, 'exporter') ?? keywordArgument(call, 'log_exporter') ?? keywordArgument(call, 'log_record_exporter');
  const espec = specOf(model.resolver.resolve(exporter));
  return { exporter, exporterSpec: espec?.kind === 'exporter' ? espec : undefined };
}

/**
 * Names storage so identity compares storage, not text: a name is its binding (the scope's
 * node and the name), `self.x` its text within the class, anything else its own construction.
 */
export function storageKey(model: PyModel, expr: PyNode): string {
  if (expr.type === 'identifier') {
    const b = model.resolver.bindingOf(expr);
    return b ? `binding:${b.scope.node.range[0]}:${b.name}` : `name:${expr.text}`;
  }
  if (expr.type === 'attribute' && field(expr, 'object')?.text === 'self') return `self:${model.text.slice(expr.range[0], expr.range[1])}`;
  return `call@${expr.range[0]}`;
}

/** The instance a value expression resolves to, for identity across names (`exporter` and `exp = exporter`). */
export function instanceKey(model: PyModel, expr: PyNode): string {
  const ref: Ref = model.resolver.resolve(expr);
  if (ref.kind === 'instance') return `instance@${ref.call.range[0]}`;
  return storageKey(model, expr);
}
