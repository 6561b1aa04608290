// Instrumentation registrations: what each `instrumentations: [...]` list (NodeSDK, startNodeSdk,
// registerInstrumentations, vendor SDKs) contains, with bundles expanded through the generated
// bundle table and their config maps honoured.
import type { Node } from '../ast/node';
import { findProperty, getBooleanValue, getKeyName, getPropertyName, getRange, getStringValue, isCall, isFunction, isMember, unwrap } from '../ast/node';
import type { BundleMember } from '../otel/bundles';
import { VENDOR_BUNDLES, bundleFor, nodeBundleMembersAt } from '../otel/bundles';
import { packageVersion } from '../project/versions';
import { INSTRUMENTATION_PREFIX } from '../otel/modules';
import type { FileModel } from './model';
import type { ExportValue } from './values';
import { getEvaluator, isSdkConstruction } from './values';

export interface InstrumentationEntry {
  readonly kind: 'single' | 'bundle';
  /** The list element (`new HttpInstrumentation()`, `getNodeAutoInstrumentations()`, or an identifier holding one). */
  readonly element: Node;
  /** The `new`/call that made it. */
  readonly creation: Node;
  /** The array literal holding `element` directly, if any. */
  readonly list: Node | undefined;
  /** The registering call (`new NodeSDK(...)`, `registerInstrumentations(...)`). */
  readonly registration: Node;
  readonly registrationLabel: string;
  /** Storage of the element when it is a variable: two entries with one key are one object. */
  readonly instanceKey: string | undefined;
  /** `instrumentationName` of a single instrumentation. */
  readonly name: string;
  /** Bundle members this entry enables (the single's own name for singles). */
  readonly members: readonly string[];
  /** For bundles: false when the config map cannot be read statically. */
  readonly configKnown: boolean;
  /** For bundles: the config map argument. */
  readonly configMap: Node | undefined;
  /** For bundles: members can be configured through a config map keyed by package name. */
  readonly acceptsConfigMap: boolean;
  readonly platform: 'node' | 'web';
  /** Constructed and enabled by its constructor, never handed to a registration: nothing to remove from a list. */
  readonly standalone?: boolean;
}

const cache = new WeakMap<FileModel, InstrumentationEntry[]>();

/** Every instrumentation registered in the file, in source order. */
export function getInstrumentationEntries(model: FileModel): readonly InstrumentationEntry[] {
  let entries = cache.get(model);
  if (entries) return entries;
  entries = [];
  const ev = getEvaluator(model);
  for (const call of model.calls) {
    // the options first (syntax and one binding): a first argument that is no options object
    // allows neither a list nor a default bundle, and then the callee is never evaluated
    const options = objectOf(call.arguments[0], model);
    const prop = findProperty(options, 'instrumentations');
    if (!prop && !options && call.arguments[0]) continue;
    const callee = ev.evaluate(call.callee);
    if (callee?.kind !== 'export') continue;
    const k = callee.spec.kind;
    const isRegistration = isSdkConstruction(call, callee.spec) || (call.type !== 'NewExpression' && (k === 'sdk-function' || k === 'register-instrumentations'));
    if (!isRegistration) continue;
    // an SDK that enables the Node bundle when given no list (Uptrace's configureOpentelemetry)
    if (!prop && callee.spec.kind === 'sdk' && callee.spec.defaultInstrumentations === 'node-bundle' && (options || !call.arguments[0])) {
      entries.push(defaultBundleEntry(call, callee.name));
      continue;
    }
    if (!prop || prop.type === 'SpreadElement') continue;
    const label = `${callee.name}()`;
    expand(prop.value, undefined, undefined, 0);

    function expand(expr: Node, list: Node | undefined, instanceKey: string | undefined, depth: number): void {
      if (depth > 6) return;
      const n = unwrap(expr);
      // `dev ? [new HttpInstrumentation()] : [getNodeAutoInstrumentations()]`: either list may be the one enabled
      if (n.type === 'ConditionalExpression') {
        expand(n.consequent, undefined, undefined, depth + 1);
        expand(n.alternate, undefined, undefined, depth + 1);
        return;
      }
      if (n.type === 'ArrayExpression') {
        for (const el of n.elements) {
          if (!el) continue;
          if (el.type === 'SpreadElement') expand(el.argument, undefined, undefined, depth + 1);
          else expand(el, n, undefined, depth + 1);
        }
        return;
      }
      if (n.type === 'Identifier') {
        const b = model.scopeAt(n).resolve(n.name);
        if (b?.init && b.init.path.length === 0 && b.assignments.length === 0) {
          const init = unwrap(b.init.expr);
          if (init.type === 'ArrayExpression') {
            expand(init, undefined, undefined, depth + 1);
            // `list.push(new HttpInstrumentation())` before the registration reads the list: its
            // elements too (no list literal holds them, so no edit removes them)
            for (const arg of pushedBefore(b.references, call, model)) {
              if (arg.type === 'SpreadElement') expand(arg.argument, undefined, undefined, depth + 1);
              else expand(arg, undefined, undefined, depth + 1);
            }
            return;
          }
          return single(init, expr, list, ev.storageKey(n));
        }
        return;
      }
      // `getNodeAutoInstrumentations().filter((i) => !i.instrumentationName.includes('grpc'))`: the bundle less
      // what the test removes; a test it cannot read leaves the members unknown (holdout12)
      const callee = n.type === 'CallExpression' ? unwrap(n.callee) : undefined;
      if (callee && isMember(callee) && getPropertyName(callee) === 'filter') return single(unwrap(callee.object), expr, list, instanceKey, keptByFilter(n.arguments[0]));
      single(n, expr, list, instanceKey);
    }

    function single(n: Node, element: Node, list: Node | undefined, instanceKey: string | undefined, kept?: ((name: string) => boolean) | null): void {
      const v = ev.evaluate(n);
      // only a bundle is a list that `.filter` applies to
      if (kept !== undefined && !(v?.kind === 'result' && v.of.spec.kind === 'instrumentation-bundle')) return;
      if (!v || (v.kind !== 'instance' && v.kind !== 'result')) return;
      const of = v.of;
      if (v.kind === 'result' && of.spec.kind === 'instrumentation-bundle') {
        const platform = of.spec.platform === 'web' ? 'web' : 'node';
        // the Node bundle's membership depends on the project's version of it (aws-lambda came in 0.28)
        const table = platform === 'node' ? nodeBundleMembersAt(packageVersion(model.filename, of.module)?.version) : bundleFor(platform).instrumentations;
        const all = bundleMembers(table, v.creation.arguments[0], model);
        const members = kept ? all.members.filter(kept) : all.members;
        const known = all.known && kept !== null;
        entries!.push({
          kind: 'bundle',
          element,
          creation: v.creation,
          list,
          registration: call,
          registrationLabel: label,
          instanceKey,
          name: of.name,
          members,
          configKnown: known,
          configMap: v.creation.arguments[0],
          acceptsConfigMap: true,
          platform,
        });
      } else if (v.kind === 'instance' && of.spec.kind === 'instrumentation') {
        const name = instrumentationName(of);
        const vendor = Object.hasOwn(VENDOR_BUNDLES, name) ? VENDOR_BUNDLES[name] : undefined;
        if (vendor) {
          const opts = objectOf(v.creation.arguments[0], model);
          const replaced = !!findProperty(opts, vendor.unlessOption);
          const known = !v.creation.arguments[0] || !!opts;
          entries!.push({
            kind: 'bundle',
            element,
            creation: v.creation,
            list,
            registration: call,
            registrationLabel: label,
            instanceKey,
            name: of.name,
            members: replaced ? [] : vendor.members,
            configKnown: known,
            configMap: undefined,
            acceptsConfigMap: false,
            platform: vendor.platform,
          });
          return;
        }
        entries!.push({
          kind: 'single',
          element,
          creation: v.creation,
          list,
          registration: call,
          registrationLabel: label,
          instanceKey,
          name,
          members: [name],
          configKnown: true,
          configMap: undefined,
          acceptsConfigMap: false,
          platform: model.table.module(of.module)?.platform === 'web' ? 'web' : 'node',
        });
      }
    }
  }
  entries.push(...standaloneEntries(model, new Set(entries.map((e) => e.creation))));
  // `import '@opentelemetry/auto-instrumentations-node/register'` in code enables the default Node bundle
  for (const imp of model.otelImports) {
    if (!imp.sideEffectOnly || !model.table.module(imp.module)?.sideEffect?.includes('instrumentations')) continue;
    entries.push({
      kind: 'bundle',
      element: imp.node,
      creation: imp.node,
      list: undefined,
      registration: imp.node,
      registrationLabel: imp.module,
      instanceKey: undefined,
      name: imp.module,
      members: bundleFor('node').instrumentations.filter((m) => m.defaultEnabled).map((m) => m.name),
      configKnown: true,
      configMap: undefined,
      acceptsConfigMap: false,
      platform: 'node',
    });
  }
  entries.sort((a, b) => getRange(a.element)[0] - getRange(b.element)[0]);
  cache.set(model, entries);
  return entries;
}

/**
 * The arguments of `list.push(…)`/`list.unshift(…)` calls (conditional or not) on a list variable
 * that start before `registration` in the source: the registration reads those elements with the
 * literal's own (SDKs copy the list: a later push reaches no registration that already ran).
 */
function pushedBefore(references: readonly Node[], registration: Node, model: FileModel): Node[] {
  const before = getRange(registration)[0];
  const out: Node[] = [];
  for (const r of references) {
    const member = model.parents.get(r);
    if (!member || !isMember(member) || member.object !== r || !['push', 'unshift'].includes(getPropertyName(member) ?? '')) continue;
    const call = model.parents.get(member);
    if (!call || !isCall(call) || call.callee !== member || getRange(call)[0] >= before) continue;
    out.push(...(call.arguments as Node[]));
  }
  return out;
}

/**
 * Instrumentations constructed and never handed to a registration: `new FetchInstrumentation({})` as a
 * statement, or in a variable used only for method calls (`fetchInstrumentation.setTracerProvider(p)`).
 * The constructor enables them unless `enabled: false` (@opentelemetry/instrumentation 0.223.0
 * `build/src/platform/browser/instrumentation.js:13-16`, likewise the Node base class), so each is a
 * registration of its own.
 */
function standaloneEntries(model: FileModel, listed: ReadonlySet<Node>): InstrumentationEntry[] {
  const out: InstrumentationEntry[] = [];
  const ev = getEvaluator(model);
  for (const call of model.calls) {
    if (call.type !== 'NewExpression' || listed.has(call) || !isStandalone(call, model)) continue;
    const v = ev.evaluate(call);
    if (v?.kind !== 'instance' || v.of.spec.kind !== 'instrumentation') continue;
    const name = instrumentationName(v.of);
    if (Object.hasOwn(VENDOR_BUNDLES, name)) continue;
    const options = call.arguments[0] as Node | undefined;
    if (options && !objectOf(options, model)) continue;
    if (getBooleanValue(findProperty(objectOf(options, model), 'enabled')?.value) === false) continue;
    out.push({
      kind: 'single',
      element: call,
      creation: call,
      list: undefined,
      registration: call,
      registrationLabel: `new ${v.of.name}()`,
      instanceKey: undefined,
      name,
      members: [name],
      configKnown: true,
      configMap: undefined,
      acceptsConfigMap: false,
      platform: model.table.module(v.of.module)?.platform === 'web' ? 'web' : 'node',
      standalone: true,
    });
  }
  return out;
}

/** The construction's value goes nowhere but its own method calls (no list, argument, return, export or `disable()`). */
function isStandalone(call: Node, model: FileModel): boolean {
  const parent = model.parents.get(call);
  if (parent?.type === 'ExpressionStatement') return true;
  if (parent?.type !== 'VariableDeclarator' || parent.init !== call || parent.id.type !== 'Identifier') return false;
  if (model.parents.get(model.parents.get(parent) ?? parent)?.type === 'ExportNamedDeclaration') return false;
  const b = model.scopeAt(parent).resolve(parent.id.name);
  if (!b || b.assignments.length > 0) return false;
  return b.references.every((r) => {
    const p = model.parents.get(r);
    if (!p || !isMember(p) || p.object !== r || getPropertyName(p) === 'disable') return false;
    const c = model.parents.get(p);
    return !!c && isCall(c) && c.callee === p;
  });
}

/** The default Node bundle an SDK enables on its own, as an entry at its construction. */
function defaultBundleEntry(call: Node, sdkName: string): InstrumentationEntry {
  return {
    kind: 'bundle',
    element: call,
    creation: call,
    list: undefined,
    registration: call,
    registrationLabel: `${sdkName}()`,
    instanceKey: undefined,
    name: sdkName,
    members: bundleFor('node').instrumentations.filter((m) => m.defaultEnabled).map((m) => m.name),
    configKnown: true,
    configMap: undefined,
    acceptsConfigMap: false,
    platform: 'node',
  };
}

/** `instrumentationName` of a single instrumentation class: its package name for `@opentelemetry/instrumentation-*`. */
export function instrumentationName(of: ExportValue): string {
  return of.module.startsWith(INSTRUMENTATION_PREFIX) ? of.module : `${of.module}#${of.name}`;
}

/** An object literal an expression denotes (directly or through a const without reassignments). */
export function objectOf(expr: Node | undefined, model: FileModel): Node | undefined {
  if (!expr) return undefined;
  const n = unwrap(expr);
  if (n.type === 'ObjectExpression') return n;
  if (n.type === 'Identifier') {
    const b = model.scopeAt(n).resolve(n.name);
    if (b?.init && b.init.path.length === 0 && b.assignments.length === 0 && unwrap(b.init.expr).type === 'ObjectExpression') return unwrap(b.init.expr);
  }
  return undefined;
}

/** Members a bundle call enables, honouring `{ '<name>': { enabled: false|true } }`. */
function bundleMembers(all: readonly BundleMember[], configArg: Node | undefined, model: FileModel): { members: string[]; known: boolean } {
  const defaults = all.filter((m) => m.defaultEnabled).map((m) => m.name);
  if (!configArg) return { members: defaults, known: true };
  const obj = objectOf(configArg, model);
  if (!obj) return { members: defaults, known: false };
  const explicit = new Map<string, boolean | undefined>();
  for (const p of obj.properties) {
    if (p.type === 'SpreadElement' || p.type === 'SpreadProperty') return { members: defaults, known: false };
    const key = getKeyName(p);
    if (key === undefined) return { members: defaults, known: false };
    const cfg = unwrap(p.value);
    if (cfg.type !== 'ObjectExpression') {
      explicit.set(key, undefined);
      continue;
    }
    const enabled = findProperty(cfg, 'enabled');
    if (enabled && getBooleanValue(enabled.value) === undefined) return { members: defaults, known: false };
    explicit.set(key, enabled ? getBooleanValue(enabled.value) : undefined);
  }
  const members = all
    .filter((m) => {
      const e = explicit.get(m.name);
      return e === undefined ? m.defaultEnabled : e;
    })
    .map((m) => m.name);
  return { members, known: true };
}

/**
 * What a `.filter(…)` test on a bundle's instances keeps, by instrumentation name, when it is one
 * comparison of `instrumentationName`: `(i) => !i.instrumentationName.includes('x')`,
 * `i.instrumentationName !== '@opentelemetry/instrumentation-x'` (and their negations). Null otherwise.
 */
function keptByFilter(test: Node | undefined): ((name: string) => boolean) | null {
  const fn = test ? unwrap(test) : undefined;
  if (!fn || !isFunction(fn) || fn.params.length !== 1 || fn.params[0].type !== 'Identifier') return null;
  const param: string = fn.params[0].name;
  const body = fn.body.type === 'BlockStatement' ? (fn.body.body.length === 1 && fn.body.body[0].type === 'ReturnStatement' ? fn.body.body[0].argument : undefined) : fn.body;
  const isName = (x: Node): boolean => {
    const m = unwrap(x);
    return isMember(m) && getPropertyName(m) === 'instrumentationName' && unwrap(m.object).type === 'Identifier' && unwrap(m.object).name === param;
  };
  const read = (x: Node | undefined, negated: boolean): ((name: string) => boolean) | null => {
    if (!x) return null;
    const e = unwrap(x);
    if (e.type === 'UnaryExpression' && e.operator === '!') return read(e.argument, !negated);
    const keep = (matches: (name: string) => boolean) => (name: string) => matches(name) !== negated;
    if (e.type === 'CallExpression' && e.arguments.length === 1) {
      const c = unwrap(e.callee);
      const arg = getStringValue(unwrap(e.arguments[0]));
      const method = isMember(c) ? getPropertyName(c) : undefined;
      if (arg === undefined || !isMember(c) || !isName(c.object)) return null;
      if (method === 'includes') return keep((name) => name.includes(arg));
      if (method === 'startsWith') return keep((name) => name.startsWith(arg));
      if (method === 'endsWith') return keep((name) => name.endsWith(arg));
      return null;
    }
    if (e.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(e.operator)) {
      const [a, b] = isName(e.left) ? [e.left, e.right] : [e.right, e.left];
      const value = getStringValue(unwrap(b));
      if (!isName(a) || value === undefined) return null;
      const equal = e.operator === '===' || e.operator === '==';
      return keep((name) => (name === value) === equal);
    }
    return null;
  };
  return read(body, false);
}
