// A library loaded only to configure OpenTelemetry (E3): `import { Metadata } from '@grpc/grpc-js'`
// whose bindings end up only in an exporter's or the SDK's options (`new OTLPTraceExporter({
// metadata })`, `credentials: grpc.credentials.createInsecure()`). Calls through such a reference
// build configuration values, never an operation an instrumentation traces, so loading it before
// the start loses no spans through it; and the early load does not keep the rest of the app from
// being patched (test/runtime/early-init.test.ts: under CommonJS a later require patches the shared
// exports in place; an ESM app is patched only through the loader hook, registered in a preload,
// and an early import in that preload does not stop it).
import type { Node } from '../ast/node';
import { getStaticRequire, isMember, unwrap } from '../ast/node';
import type { ModuleImport } from './model-builder';
import type { FileModel } from './model';
import type { Binding } from './scope';
import { getEvaluator } from './values';

/** How many `const x = …` steps a configuration value may take before it reaches an OpenTelemetry call. */
const MAX_HOPS = 3;

/** True when every use of the load's bindings builds an argument of an OpenTelemetry constructor or call. */
export function isLoadedOnlyToConfigureOtel(load: ModuleImport, model: FileModel): boolean {
  if (load.sideEffectOnly) return false;
  const bindings = loadBindings(load, model);
  // an inline `require('m').x` is judged where it stands
  if (bindings === undefined) return load.node.type === 'CallExpression' && insideOtelArguments(load.node, model);
  return bindings.length > 0 && bindings.every((b) => configuresOtel(b, model, 0));
}

/** The names a load declares; undefined when its value is not bound to a name. */
function loadBindings(load: ModuleImport, model: FileModel): Binding[] | undefined {
  const node = load.node;
  const scope = model.scopeAt(node);
  if (node.type === 'ImportDeclaration') {
    if (node.importKind === 'type') return [];
    return (node.specifiers ?? []).filter((s: Node) => s.importKind !== 'type').map((s: Node) => scope.resolve(s.local.name)).filter((b: Binding | undefined): b is Binding => !!b);
  }
  if (node.type === 'TSImportEqualsDeclaration') {
    const b = scope.resolve(node.id.name);
    return b ? [b] : [];
  }
  if (node.type !== 'CallExpression' || getStaticRequire(node) === undefined) return undefined;
  // `const x = require('m')`, `const { a, b } = require('m')`, `const x = require('m').a`
  let expr = node;
  let parent = model.parents.get(expr);
  while (parent && isMember(parent) && parent.object === expr) {
    expr = parent;
    parent = model.parents.get(expr);
  }
  if (parent?.type !== 'VariableDeclarator' || parent.init !== expr) return undefined;
  return patternNames(parent.id).map((id) => scope.resolve(id.name)).filter((b): b is Binding => !!b);
}

function patternNames(pattern: Node): Node[] {
  if (pattern.type === 'Identifier') return [pattern];
  if (pattern.type === 'ObjectPattern') return pattern.properties.flatMap((p: Node) => patternNames(p.type === 'RestElement' ? p.argument : p.value));
  if (pattern.type === 'ArrayPattern') return pattern.elements.filter(Boolean).flatMap((e: Node) => patternNames(e.type === 'RestElement' ? e.argument : e));
  if (pattern.type === 'AssignmentPattern') return patternNames(pattern.left);
  return [];
}

/**
 * Every reference of the binding configures OpenTelemetry, and at least one reaches an OpenTelemetry
 * call (`const app = express(); app.listen(80);` builds nothing for it).
 */
function configuresOtel(binding: Binding, model: FileModel, hops: number): boolean {
  if (binding.assignments.length > 0 || binding.references.length === 0) return false;
  let reaches = false;
  for (const ref of binding.references) {
    const use = referenceUse(ref, model, hops);
    if (use === 'other') return false;
    if (use === 'otel') reaches = true;
  }
  return reaches;
}

/**
 * One reference: `otel` inside the arguments of an OpenTelemetry call (`new OTLPTraceExporter({
 * credentials: grpc.credentials.createInsecure() })`) or in the initializer of a `const` that only
 * configures OpenTelemetry (`const metadata = new Metadata()`); `in-place` a method call on such a
 * value in a statement of its own (`metadata.set('api_key', key);`); `other` anything else.
 */
function referenceUse(ref: Node, model: FileModel, hops: number): 'otel' | 'in-place' | 'other' {
  if (insideOtelArguments(ref, model)) return 'otel';
  // on the library itself a statement call is an operation (`mongoose.connect(url);`), on a value built from it configuration
  if (hops > 0 && isStatementMethodCall(ref, model)) return 'in-place';
  if (hops >= MAX_HOPS) return 'other';
  const declared = declaredFrom(ref, model);
  return declared && configuresOtel(declared, model, hops + 1) ? 'otel' : 'other';
}

/** The `const` whose initializer holds the reference (`const metadata = new Metadata()`), at any depth of that initializer. */
function declaredFrom(ref: Node, model: FileModel): Binding | undefined {
  let child = ref;
  for (const a of model.ancestors(ref)) {
    if (a.type === 'VariableDeclarator') {
      if (a.init !== child || a.id.type !== 'Identifier') return undefined;
      const decl = model.parents.get(a);
      if (decl?.kind !== 'const') return undefined;
      return model.scopeAt(a).resolve(a.id.name);
    }
    if (a.type.includes('Function') || a.type.endsWith('Statement') || a.type === 'Program') return undefined;
    child = a;
  }
  return undefined;
}

/** The node is in the arguments (at any depth, no function between) of a call or `new` of an OpenTelemetry export. */
function insideOtelArguments(node: Node, model: FileModel): boolean {
  let child = node;
  for (const a of model.ancestors(node)) {
    if ((a.type === 'CallExpression' || a.type === 'NewExpression') && a.callee !== child && isOtelCallee(a.callee, model)) return true;
    if (a.type.includes('Function') || a.type === 'Program') return false;
    child = a;
  }
  return false;
}

function isOtelCallee(callee: Node, model: FileModel): boolean {
  const v = getEvaluator(model).evaluate(unwrap(callee));
  return v !== undefined && (v.kind === 'export' || v.kind === 'method');
}

/** `metadata.set(…);` as a statement: configuring the value in place, not passing it anywhere. */
function isStatementMethodCall(ref: Node, model: FileModel): boolean {
  const member = model.parents.get(ref);
  if (!member || !isMember(member) || member.object !== ref) return false;
  const call = model.parents.get(member);
  if (call?.type !== 'CallExpression' || call.callee !== member) return false;
  return model.parents.get(call)?.type === 'ExpressionStatement';
}
