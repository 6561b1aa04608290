// Span processors that batch, explicitly or implicitly (an SDK that wraps `traceExporter`
// in a BatchSpanProcessor): the sites `no-batch-processor-in-dev` and `dev-simple-processor` read.
import type { Node } from '../ast/node';
import { findProperty, getBooleanValue, getPropertyName, getStringValue, isCall, isFunction, isMember, unwrap } from '../ast/node';
import type { ExportSpec, ImplicitBatching } from '../otel/types';
import { objectOf } from './instrumentations';
import type { FileModel } from './model';
import type { RegistrationSite } from './registration';
import { getRegistrationSites } from './registration';
import { executionContext, topLevelStatement } from './statements';
import type { ExportValue } from './values';
import { calledExport, isSdkConstruction } from './values';

export interface BatchingSite {
  /** The `new X(...)` or call. */
  readonly node: Node;
  /** `explicit`: a batch processor constructed; `implicit`: an SDK that batches on its own. */
  readonly kind: 'explicit' | 'implicit';
  readonly of: ExportValue;
  /** The options object argument, if literal (or a const holding one). */
  readonly options: Node | undefined;
  /** For implicit batching through `traceExporter`: that property. */
  readonly traceExporter: Node | undefined;
  readonly batching: ImplicitBatching | undefined;
}

const batchingCache = new WeakMap<FileModel, BatchingSite[]>();

/** Every explicit batch processor and every SDK setup that batches implicitly (otel-api-surface.md §2.3). */
export function getBatchingSites(model: FileModel): readonly BatchingSite[] {
  let out = batchingCache.get(model);
  if (out) return out;
  out = [];
  for (const call of model.calls) {
    const callee = calledExport(call, model);
    if (!callee) continue;
    const spec: ExportSpec = callee.spec;
    const first = call.arguments[0] as Node | undefined;
    // the options literal, also through a const holding it (`const cfg = { traceExporter }; new NodeSDK(cfg)`), as span-loss reads it
    const options = objectOf(first, model);
    if (call.type === 'NewExpression' && spec.kind === 'span-processor' && spec.batching) {
      out.push({ node: call, kind: 'explicit', of: callee, options, traceExporter: undefined, batching: undefined });
      continue;
    }
    const batches = (spec.kind === 'sdk' && isSdkConstruction(call, spec)) || (spec.kind === 'sdk-function' && isCall(call)) ? spec.batches : undefined;
    if (!batches) continue;
    if (first && !options && unwrap(first).type !== 'Literal' && unwrap(first).type !== 'StringLiteral' && unwrap(first).type !== 'TemplateLiteral') continue; // options we cannot see
    const traceExporter = findProperty(options, 'traceExporter');
    if (batches.when === 'traceExporter' && !traceExporter) continue;
    if (batches.unlessOptions?.some((o) => optsOut(findProperty(options, o)))) continue;
    if (batches.unlessTrue?.some((o) => getBooleanValue(findProperty(options, o)?.value) === true)) continue;
    if (batches.unlessFalse?.some((o) => getBooleanValue(findProperty(options, o)?.value) === false)) continue;
    // `cfg.spanProcessors = [...]` on every path changes what the literal says; one in a branch leaves the batching arm
    if (first && options && options !== unwrap(first) && writesAlways(first, ['traceExporter', ...(batches.unlessOptions ?? []), ...(batches.unlessTrue ?? []), ...(batches.unlessFalse ?? [])], model)) continue;
    out.push({ node: call, kind: 'implicit', of: callee, options, traceExporter, batching: batches });
  }
  batchingCache.set(model, out);
  return out;
}

/** `cfg.<key> = …` for one of `keys`, outside any branch of the function that declares `cfg`. */
function writesAlways(id: Node, keys: readonly string[], model: FileModel): boolean {
  const n = unwrap(id);
  const b = n.type === 'Identifier' ? model.scopeAt(n).resolve(n.name) : undefined;
  if (!b) return false;
  const home = b.scope.functionScope.node;
  return b.references.some((ref) => {
    const member = model.parents.get(ref);
    const assign = member && model.parents.get(member);
    if (!member || !isMember(member) || member.object !== ref || assign?.type !== 'AssignmentExpression' || assign.left !== member) return false;
    if (!keys.includes(getPropertyName(member) ?? '')) return false;
    for (const a of model.ancestors(assign)) {
      if (a === home) return true;
      if (BRANCHES.has(a.type) || isFunction(a)) return false;
    }
    return true;
  });
}

const BRANCHES = new Set(['IfStatement', 'ConditionalExpression', 'LogicalExpression', 'SwitchCase', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement', 'CatchClause']);

/** An option that replaces the implicit processor: present, and not a list that keeps `'auto'` (`@vercel/otel`). */
function optsOut(prop: Node | undefined): boolean {
  if (!prop) return false;
  const v = unwrap(prop.value);
  if (v.type === 'ArrayExpression') return !v.elements.some((e: Node | null) => e && getStringValue(e) === 'auto');
  return true;
}

/**
 * The trace registration that already owns the global when an SDK's implicit batch would start
 * (sweep-b FP6): `provider.register()` (or `trace.setGlobalTracerProvider()`) as an unconditional
 * statement of the module body, above the module-level statement that constructs the SDK. The
 * SDK can start only after its construction, so its own provider's registration is then ignored
 * (first wins), and its instrumentations are registered with no provider of their own (sdk-node
 * 0.39.1 `build/src/sdk.js:141-143`, 0.223.0 `:160-162`): they feed the earlier provider, and the
 * SDK's batch never holds a span. Only `@opentelemetry/sdk-node`'s own SDK (no vendor subclass).
 */
export function earlierTraceRegistration(site: BatchingSite, model: FileModel): RegistrationSite | undefined {
  const spec = site.of.spec;
  if (site.kind !== 'implicit' || spec.kind !== 'sdk' || spec.vendor || !spec.start.includes('trace')) return undefined;
  if (executionContext(site.node, model) !== model.program) return undefined;
  const body = model.program.body as Node[];
  const constructedAt = body.indexOf(topLevelStatement(site.node, model) as Node);
  if (constructedAt < 0) return undefined;
  return getRegistrationSites(model).find((r) => {
    if (r.kind === 'instrumentations' || !r.globals.includes('trace')) return false;
    // `provider.register();` itself a statement of the module body: no branch, function or try around it
    const stmt = model.parents.get(r.node);
    if (stmt?.type !== 'ExpressionStatement' || unwrap(stmt.expression) !== r.node || model.parents.get(stmt) !== model.program) return false;
    const at = body.indexOf(stmt);
    return at >= 0 && at < constructedAt;
  });
}
