// Registration sites: calls that install process-global OpenTelemetry state.
import type { Node } from '../ast/node';
import { findProperty, getBooleanValue, getPropertyName, getRange, isCall, isMember, unwrap } from '../ast/node';
import type { ExportSpec, GlobalSlot } from '../otel/types';
import { isVersionBelow } from '../project/versions';
import { packageOf } from './generation';
import type { FileModel } from './model';
import type { ExportValue, Value } from './values';
import { getEvaluator } from './values';

export type RegistrationKind =
  /** `trace.setGlobalTracerProvider(p)` and the other `setGlobal*` calls. */
  | 'api'
  /** `provider.register()` */
  | 'provider-register'
  /** `sdk.start()` */
  | 'sdk-start'
  /** `startNodeSdk()`, `registerOTel()`, vendor inits. */
  | 'sdk-function'
  /** `registerInstrumentations()` */
  | 'instrumentations'
  /** `import '@opentelemetry/auto-instrumentations-node/register'` and other preload entries imported in code. */
  | 'side-effect-import';

export interface RegistrationSite {
  /** The call (or import) that registers. */
  readonly node: Node;
  readonly kind: RegistrationKind;
  /** Globals installed. */
  readonly globals: readonly GlobalSlot[];
  /** The module and export behind it (`@opentelemetry/sdk-node` / `NodeSDK`). */
  readonly module: string;
  readonly exportName: string;
  /** The method called for method registrations (`setGlobalTracerProvider`, `register`, `start`). */
  readonly method: string | undefined;
  readonly spec: ExportSpec | undefined;
  readonly vendor: string | undefined;
  /** Short source form for messages: `sdk.start()`, `registerOTel()`. */
  readonly label: string;
  /** The object that becomes global (receiver of `register`/`start`, argument of `setGlobal*`). */
  readonly subject: Node | undefined;
  /** Storage identity of the subject: two sites with the same key register the same object. */
  readonly subjectKey: string | undefined;
  /** The `new X(...)` or factory call that made the subject. */
  readonly creation: Node | undefined;
}

const sitesCache = new WeakMap<FileModel, RegistrationSite[]>();

/** Every registration site of the file, in source order (memoized per model). */
export function getRegistrationSites(model: FileModel): readonly RegistrationSite[] {
  let sites = sitesCache.get(model);
  if (!sites) {
    sites = [];
    for (const imp of model.otelImports) {
      const spec = model.table.module(imp.module);
      if (imp.sideEffectOnly && spec?.sideEffect) {
        sites.push({
          node: imp.node,
          kind: 'side-effect-import',
          globals: spec.sideEffect,
          module: imp.module,
          exportName: imp.module,
          method: undefined,
          spec: undefined,
          vendor: spec.vendor,
          label: `import '${imp.module}'`,
          subject: undefined,
          subjectKey: undefined,
          creation: undefined,
        });
      }
    }
    for (const call of model.calls) {
      const site = isCall(call) && mayRegister(call, model) ? classifyCall(call, model) : undefined;
      if (site) sites.push(site);
    }
    sites.sort((a, b) => getRange(a.node)[0] - getRange(b.node)[0]);
    sitesCache.set(model, sites);
  }
  return sites;
}

/** False for a member call whose member name no registration ends in (`span.end()`): most calls of a file. */
function mayRegister(call: Node, model: FileModel): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression') return true;
  const name = getPropertyName(callee);
  return name === undefined || model.table.mayRegisterThrough(name);
}

/** The registration a call performs, if it is one: resolves the callee through every import style. */
export function classifyCall(call: Node, model: FileModel): RegistrationSite | undefined {
  const ev = getEvaluator(model);
  const callee = ev.evaluate(call.callee);
  if (!callee) return undefined;
  const scope = model.scopeAt(call);
  const label = labelOf(call);

  if (callee.kind === 'method') {
    const owner = callee.of;
    const receiver = unwrap(call.callee).object as Node | undefined;
    if (owner.kind === 'export' && owner.spec.kind === 'api-object') {
      const globals = owner.spec.methods[callee.name]?.registers;
      if (!globals) return undefined;
      const subject = call.arguments[0] as Node | undefined;
      return site('api', globals, owner, subject, subject ? ev.evaluate(subject) : undefined);
    }
    if (owner.kind === 'instance') {
      const spec = owner.of.spec;
      if (spec.kind === 'provider' && callee.name === 'register' && spec.register) {
        return site('provider-register', registerGlobals(spec.register, spec.platform, call.arguments[0]), owner.of, receiver, owner);
      }
      if (spec.kind === 'sdk' && callee.name === 'start') return site('sdk-start', sdkStartGlobals(spec.start, spec.optionGlobals, owner.creation), owner.of, receiver, owner);
    }
    return undefined;
  }

  if (callee.kind === 'export') {
    if (callee.spec.kind === 'sdk-function') {
      if (isOptedOut(call, callee.spec) || isTooOldToRegister(callee, model)) return undefined;
      return site('sdk-function', callee.spec.registers, callee, undefined, undefined);
    }
    if (callee.spec.kind === 'register-instrumentations') return site('instrumentations', ['instrumentations'], callee, undefined, undefined);
  }
  return undefined;

  function site(kind: RegistrationKind, globals: readonly GlobalSlot[], of: ExportValue, subject: Node | undefined, subjectValue: Value | undefined): RegistrationSite {
    const creation = subjectValue?.kind === 'instance' || subjectValue?.kind === 'result' ? subjectValue.creation : undefined;
    return {
      node: call,
      kind,
      globals,
      module: of.module,
      exportName: of.name,
      method: callee?.kind === 'method' ? callee.name : undefined,
      spec: of.spec,
      vendor: of.spec.kind === 'sdk' || of.spec.kind === 'sdk-function' ? of.spec.vendor : undefined,
      label,
      subject,
      subjectKey: subject ? ev.storageKey(subject, scope) : undefined,
      creation,
    };
  }
}

/** What `sdk.start()` installs: its globals, plus those its construction options add (`metricReader` → metrics). */
function sdkStartGlobals(base: readonly GlobalSlot[], byOption: Readonly<Record<string, readonly GlobalSlot[]>> | undefined, creation: Node | undefined): readonly GlobalSlot[] {
  const options = creation?.arguments?.[0] ? unwrap(creation.arguments[0]) : undefined;
  if (!byOption || options?.type !== 'ObjectExpression') return base;
  const out = new Set(base);
  for (const [option, globals] of Object.entries(byOption)) if (findProperty(options, option)) for (const g of globals) out.add(g);
  return [...out];
}

/**
 * What `provider.register(config)` installs: `null` skips the context manager or propagator;
 * the platform-neutral BasicTracerProvider sets a context manager only when given one.
 */
function registerGlobals(globals: readonly GlobalSlot[], platform: string, config: Node | undefined): GlobalSlot[] {
  const isNull = (name: string): boolean => {
    const v = findProperty(config, name)?.value;
    return !!v && (unwrap(v).type === 'Literal' || unwrap(v).type === 'NullLiteral') && unwrap(v).value === null;
  };
  return globals.filter((g) => {
    if (g === 'context') return !isNull('contextManager') && (platform !== 'any' || !!findProperty(config, 'contextManager'));
    if (g === 'propagation') return !isNull('propagator');
    return true;
  });
}

/** `Sentry.init({ skipOpenTelemetrySetup: true })`: the vendor leaves the globals alone. */
function isOptedOut(call: Node, spec: ExportSpec): boolean {
  if (spec.kind !== 'sdk-function' || !spec.optOut) return false;
  const options = call.arguments[0] as Node | undefined;
  return spec.optOut.some((o) => getBooleanValue(findProperty(options, o.option)?.value) === o.value);
}

/** A vendor init on a release from before it registered anything (Sentry 7). */
function isTooOldToRegister(callee: ExportValue, model: FileModel): boolean {
  const since = callee.spec.kind === 'sdk-function' ? callee.spec.registersSince : undefined;
  return since !== undefined && isVersionBelow(model.filename, packageOf(callee.module), since);
}

function labelOf(call: Node): string {
  return `${shortText(call.callee)}()`;
}

/** A short source form of an expression: argument lists elided (`new NodeSDK(…).start`); built in a loop down the callee chain. */
function shortText(expr: Node): string {
  let prefix = '';
  const suffixes: string[] = [];
  for (let n = unwrap(expr); ; ) {
    switch (n.type) {
      case 'Identifier':
        return prefix + n.name + suffixes.reverse().join('');
      case 'ThisExpression':
        return `${prefix}this${suffixes.reverse().join('')}`;
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const prop = getPropertyName(n);
        suffixes.push(prop === undefined ? '[…]' : n.computed ? `[${JSON.stringify(prop)}]` : `.${prop}`);
        n = unwrap(n.object);
        break;
      }
      case 'NewExpression':
        prefix += 'new ';
        suffixes.push(`(${n.arguments.length ? '…' : ''})`);
        n = unwrap(n.callee);
        break;
      case 'CallExpression':
      case 'OptionalCallExpression':
        suffixes.push(`(${n.arguments.length ? '…' : ''})`);
        n = unwrap(n.callee);
        break;
      case 'AwaitExpression':
        prefix += '(await ';
        suffixes.push(')');
        n = unwrap(n.argument);
        break;
      default:
        return `${prefix}…${suffixes.reverse().join('')}`;
    }
  }
}

/** Human name of a global slot, for messages. */
export function describeGlobals(globals: readonly GlobalSlot[]): string {
  const api = globals.filter((g) => !g.startsWith('vendor:') && g !== 'instrumentations');
  if (api.length === 0) return globals.includes('instrumentations') ? 'instrumentations' : 'SDK';
  if (api.length === 1) return `${api[0]} global`;
  return `${api.slice(0, -1).join(', ')} and ${api.at(-1)} globals`;
}

/**
 * A registered tracer provider that the code also uses directly: `provider.getTracer()` on the same
 * object (`intensTracer = provider.getTracer('x')`, `this.tracer.getTracer()`). Spans of those tracers
 * reach the provider's processors whether or not its `register()` took effect.
 */
export function isProviderUsedDirectly(site: RegistrationSite, model: FileModel): boolean {
  if (site.kind !== 'provider-register' || !site.subjectKey) return false;
  const ev = getEvaluator(model);
  return model.calls.some((call) => {
    const callee = unwrap(call.callee);
    return call.type !== 'NewExpression' && isMember(callee) && getPropertyName(callee) === 'getTracer' && ev.storageKey(callee.object, model.scopeAt(call)) === site.subjectKey;
  });
}
