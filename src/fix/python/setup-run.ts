// The run of setup statements around a setup call, and wrapping it in a guard. A run is the
// contiguous statements of one block that build and install telemetry: assignments of
// OpenTelemetry constructions (providers, processors, exporters, resources), calls on the
// names they bind (`provider.add_span_processor(...)`), provider registrations, processor
// attachments to the global provider, and calls of local setup functions. A run is wrapped
// only when nothing after it uses a name it binds (other than the provider, which the
// reuse form rebinds before the guard); otherwise the finding is left for a human.
import type { TextEdit } from '../../core/edits';
import type { PyModel } from '../../python/model';
import { statementOf } from '../../python/model/flow';
import { calleeSpec } from '../../python/model/setup';
import { specOf } from '../../python/model/values';
import type { PyNode } from '../../python/nodes';
import { field, walk } from '../../python/nodes';
import { ensureModule, indentAt, lineEnding, lineStart, mergeImportEdits, wrapStatements } from './text';

/** True when the statement builds or installs telemetry. */
export function isSetupStatement(model: PyModel, s: PyNode, bound: ReadonlySet<string>): boolean {
  if (s.type !== 'expression_statement') return false;
  const e = s.children[0];
  if (!e) return false;
  if (e.type === 'assignment') {
    const value = field(e, 'right');
    const left = field(e, 'left');
    if (!value || left?.type !== 'identifier') return false;
    return isOtelValue(model, value);
  }
  if (e.type !== 'call') return false;
  const spec = calleeSpec(model, e);
  if (spec) return TELEMETRY_KINDS.has(spec.kind); // a registration, configure, initialize...
  const callee = field(e, 'function');
  if (callee?.type === 'attribute') {
    const obj = field(callee, 'object');
    if (obj?.type === 'identifier' && bound.has(obj.text ?? '')) return true;
    const ref = model.resolver.resolve(obj);
    const ospec = specOf(ref);
    if (ospec && (ospec.kind === 'get-provider' || ospec.kind === 'provider')) return true;
  }
  return false;
}

/** Kinds of the table that are telemetry (not a web framework or a server). */
const TELEMETRY_KINDS: ReadonlySet<string> = new Set(['provider', 'processor', 'exporter', 'get-provider', 'proxy-provider', 'set-provider', 'configure', 'auto-initialize', 'instrumentor']);

function isOtelValue(model: PyModel, value: PyNode): boolean {
  const ref = model.resolver.resolve(value);
  const spec = specOf(ref);
  if (spec) return TELEMETRY_KINDS.has(spec.kind);
  if (value.type === 'call') {
    const callee = model.resolver.resolve(field(value, 'function'));
    if (callee.kind === 'export' && callee.module.startsWith('opentelemetry')) return true;
    if (callee.kind === 'member') {
      let base = callee.of;
      while (base.kind === 'member') base = base.of;
      if (base.kind === 'export' && base.module.startsWith('opentelemetry')) return true; // Resource.create(...)
    }
  }
  return false;
}

export interface SetupRun {
  readonly first: PyNode;
  readonly last: PyNode;
  /** Names the run binds. */
  readonly bound: ReadonlySet<string>;
}

/** The run of setup statements containing the statement of `call`. */
export function setupRunAround(model: PyModel, call: PyNode): SetupRun | undefined {
  const stmt = statementOf(call);
  const block = stmt.parent;
  if (!block) return undefined;
  const siblings = block.children;
  let i = siblings.indexOf(stmt);
  let j = i;
  const bound = new Set<string>();
  const bindsOf = (s: PyNode): string | undefined => {
    const e = s.children[0];
    const left = e?.type === 'assignment' ? field(e, 'left') : undefined;
    return left?.type === 'identifier' ? left.text : undefined;
  };
  // grow backwards first (constructions before the registration), then forwards
  while (i > 0 && isSetupStatement(model, siblings[i - 1]!, bound)) {
    i--;
    const b = bindsOf(siblings[i]!);
    if (b) bound.add(b);
  }
  for (let k = i; k <= j; k++) {
    const b = bindsOf(siblings[k]!);
    if (b) bound.add(b);
  }
  if (!isSetupStatement(model, stmt, bound) && stmt.children[0]?.type !== 'call') return undefined;
  while (j + 1 < siblings.length && isSetupStatement(model, siblings[j + 1]!, bound)) {
    j++;
    const b = bindsOf(siblings[j]!);
    if (b) bound.add(b);
  }
  return { first: siblings[i]!, last: siblings[j]!, bound };
}

/** Names of `bound` used after the run within the same scope (which a skipped run would leave unbound). */
export function namesUsedAfter(model: PyModel, run: SetupRun): Set<string> {
  const used = new Set<string>();
  const scopeNode = run.first.parent?.parent ?? model.tree.root;
  walk(scopeNode, (n) => {
    if (n.range[0] < run.last.range[1]) return n.range[1] > run.last.range[1] ? undefined : false;
    if (n.type === 'identifier' && run.bound.has(n.text ?? '')) used.add(n.text!);
    return undefined;
  });
  return used;
}

/**
 * Wraps the run in `if isinstance(<trace>.get_tracer_provider(), <trace>.ProxyTracerProvider):`.
 * When `provider` (a name the run binds and code after it uses) is given, it is first bound to
 * the provider already set, so that code keeps working when the guard skips the run.
 */
export function planProviderGuard(model: PyModel, run: SetupRun, provider: string | undefined): TextEdit[] | undefined {
  const trace = ensureModule(model, 'opentelemetry.trace');
  const current = `${trace.name}.get_tracer_provider()`;
  const header = provider ? `if isinstance(${provider}, ${trace.name}.ProxyTracerProvider):` : `if isinstance(${current}, ${trace.name}.ProxyTracerProvider):`;
  const wrap = wrapStatements(model, run.first, run.last, header);
  if (!wrap) return undefined;
  const edits: TextEdit[] = [...trace.edits];
  if (provider) {
    const start = lineStart(model.text, run.first.range[0]);
    const indent = indentAt(model.text, run.first.range[0]);
    edits.push({ range: [start, wrap.range[1]], text: `${indent}${provider} = ${current}${lineEnding(model.text)}${wrap.text}` });
  } else edits.push(wrap);
  return mergeImportEdits(edits);
}

/** Wraps the run in `if <condition>:` (the reloader guard), importing what the condition needs. */
export function planConditionGuard(model: PyModel, run: SetupRun, condition: string, imports: readonly TextEdit[]): TextEdit[] | undefined {
  const wrap = wrapStatements(model, run.first, run.last, `if ${condition}:`);
  return wrap ? mergeImportEdits([...imports, wrap]) : undefined;
}
