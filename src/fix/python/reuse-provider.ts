// reuse-provider: fixes what python/no-provider-override reports.
// - A second registration on one path (`provider = TracerProvider(...)` … `trace.set_tracer_provider(provider)`):
//   the provider becomes the one already set (`trace.get_tracer_provider()`) and the ignored
//   registration goes, so the processors attached to it reach an exporter again. A provider
//   built inline in the ignored call (nothing attached to it) is dropped with the call.
// - Setup in code that runs more than once, or under `opentelemetry-instrument`: the run of
//   setup statements is wrapped in `if isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):`
//   so it runs while no provider is set and is skipped afterwards; a provider name used after
//   the run is first bound to the provider already set.
// Meter and logger providers take their readers at construction and have no public proxy
// class: their overrides are reported only, unless a tracer registration guards the same run.
import type { TextEdit } from '../../core/edits';
import type { PyModel } from '../../python/model';
import { statementOf } from '../../python/model/flow';
import type { ProviderRegistration } from '../../python/model/setup';
import { specOf } from '../../python/model/values';
import type { PyNode } from '../../python/nodes';
import { field } from '../../python/nodes';
import { namesUsedAfter, planProviderGuard, setupRunAround } from './setup-run';
import { ensureModule, removeStatement } from './text';

export function planReuseProvider(model: PyModel, reg: ProviderRegistration): TextEdit[] | undefined {
  if (reg.signal !== 'traces' || !reg.argument) return undefined;
  const stmt = statementOf(reg.call);
  if (stmt.type !== 'expression_statement' || stmt.children[0] !== reg.call) return undefined;
  const remove = removeStatement(model, stmt);
  if (!remove) return undefined;
  const arg = reg.argument;
  if (arg.type === 'call') return specOf(model.resolver.resolve(arg))?.kind === 'provider' ? [remove] : undefined;
  if (arg.type !== 'identifier') return undefined;
  const binding = model.resolver.bindingOf(arg);
  const value = binding?.kind === 'assign' ? binding.value : undefined;
  if (!value || specOf(model.resolver.resolve(value))?.kind !== 'provider') return undefined;
  // the construction must be a plain `name = TracerProvider(...)` in the same block, before the registration
  const assign = value.parent;
  if (assign?.type !== 'assignment' || field(assign, 'left')?.text !== arg.text || statementOf(assign).parent !== stmt.parent) return undefined;
  const trace = ensureModule(model, 'opentelemetry.trace');
  return [...trace.edits, { range: [value.range[0], value.range[1]], text: `${trace.name}.get_tracer_provider()` }, remove];
}

export function planGuardedSetup(model: PyModel, reg: ProviderRegistration): TextEdit[] | undefined {
  const run = setupRunAround(model, reg.call);
  if (!run) return undefined;
  // a meter/logger-only run has no public proxy class to test
  if (reg.signal !== 'traces' && !runHasTraceRegistration(model, run.first, run.last)) return undefined;
  const used = namesUsedAfter(model, run);
  const provider = reg.argument?.type === 'identifier' ? reg.argument.text : undefined;
  for (const name of used) if (name !== provider) return undefined;
  return planProviderGuard(model, run, provider && used.has(provider) ? provider : undefined);
}

function runHasTraceRegistration(model: PyModel, first: PyNode, last: PyNode): boolean {
  return model.calls.some((c) => c.range[0] >= first.range[0] && c.range[1] <= last.range[1] && /\bset_tracer_provider\b/.test(model.text.slice(c.range[0], c.range[1])));
}
