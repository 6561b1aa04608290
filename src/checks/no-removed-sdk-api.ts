// no-removed-sdk-api / migrate-sdk: calls, options and imports that an SDK generation removed
// (otel-api-surface.md §0.1, §1.2, §2.1–2.2). Each finding names the generation it applies to;
// nothing is reported where the file's generation still supports the call.
import type { FileModel } from '../analysis/model';
import type { GenerationInfo } from '../analysis/generation';
import { describeGeneration, moduleGeneration, projectGeneration } from '../analysis/generation';
import type { Value } from '../analysis/values';
import { getEvaluator, mayHoldStoredValue } from '../analysis/values';
import { isPropagationOnlyProject } from '../analysis/span-loss';
import type { Node } from '../ast/node';
import { getKeyName, getPropertyName, getRange, getStaticRequire, getStringValue, isMember, unwrap } from '../ast/node';
import {
  isWithheld,
  planManualRegistration,
  planRenameImport,
  planMoveToSpanProcessors,
  planOptionsShape,
  planSdkTraceImport,
  planSingularToList,
} from '../fix/migrate-sdk';
import type { Withheld } from '../fix/migrate-sdk';
import { planFactoryInsteadOfNew } from '../fix/migrate-sdk';
import type { TextEdit } from '../fix/text';
import { MODULES } from '../otel/modules';
import type { RegisterFlavour } from '../otel/sdk-generations';
import {
  NODE_SDK,
  NODE_SDK_OPTIONS,
  NODE_SDK_OPTIONS_ANY,
  NODE_SDK_SINGULAR_OPTIONS,
  REMOVED_EXPORTS,
  REMOVED_NAMESPACES,
  REMOVED_PROVIDER_METHODS,
  SDK_TRACE_3,
} from '../otel/sdk-generations';
import type { Generation } from '../otel/types';
import type { Report, Suggestion } from './types';
import type { Messages } from '../core/messages';
import { defineJsCheck, type JsCheck } from './define';
import { constInit } from '../analysis/scope';

export type RemovedSdkApiMessageId =
  | 'removedProviderMethod'
  | 'deprecatedProviderMethod'
  | 'removedSdkOption'
  | 'deprecatedSdkOption'
  | 'unknownSdkOption'
  | 'positionalProcessor'
  | 'removedRegister'
  | 'removedExport'
  | 'moduleNotInGeneration'
  | 'noSpanProcessor'
  | 'moveToSpanProcessors'
  | 'useListOption'
  | 'passOptionsObject'
  | 'registerThroughApi'
  | 'useReplacementExport'
  | 'importFromSdkTrace';

/** The messages of `no-removed-sdk-api` (the rule's `meta.messages`; every other surface formats them too). */
export const messages: Messages<RemovedSdkApiMessageId> = {
  removedProviderMethod:
    '`{{provider}}.{{method}}()` does not exist in {{where}} (removed in SDK {{since}}): the call throws and no span reaches that processor. Use {{replacement}}{{fix}}.',
  deprecatedProviderMethod:
    '`{{provider}}.{{method}}()` is deprecated in {{where}} and removed in SDK {{since}}, where the call throws. Use {{replacement}}{{fix}}.',
  removedSdkOption:
    'NodeSDK ignores `{{option}}` in {{where}} (removed in SDK {{since}}): what it carries is never used. Use `{{replacement}}: [...]`{{fix}}.',
  deprecatedSdkOption:
    'NodeSDK option `{{option}}` is deprecated in {{where}} and ignored from SDK {{since}}. Use `{{replacement}}: [...]`{{fix}}.',
  unknownSdkOption:
    '`{{option}}` is not a NodeSDK option in {{where}}: NodeSDK ignores it without a warning, so whatever it carries (an exporter, a processor) is never used. Use one of the documented options.',
  positionalProcessor:
    '`new {{name}}(exporter)` from `{{module}}` ({{where}}) takes an options object: the positional exporter is read as `options.exporter` (undefined), so it constructs fine and every export throws `TypeError`; no span is exported. Pass `{ exporter }`{{fix}}.',
  removedRegister:
    '`{{provider}}` has no `register()` in {{where}}: the call throws and no global tracer provider, context manager or propagator is set. Call `trace.setGlobalTracerProvider()` and set the context manager and propagator through the API{{fix}}.',
  removedExport:
    '`{{name}}` is not exported by `{{module}}` in {{where}} (removed in SDK {{since}}): the constructor is undefined and the setup throws. Use `{{replacement}}`{{fix}}.',
  moduleNotInGeneration:
    '`{{module}}` has no release after SDK {{last}}, but this project is on {{where}}: the 2.x package peers `@opentelemetry/api` <1.10, so it runs against a second API copy and what it registers is invisible to 3.x code. Instead, {{instead}}.',
  noSpanProcessor:
    '`{{provider}}` ({{where}}) is built without any span processor: every span it creates is dropped. Pass `spanProcessors: [new BatchSpanProcessor(...)]` to the constructor.',
  moveToSpanProcessors: 'Pass the processors in the constructor option `spanProcessors`.',
  useListOption: 'Replace `{{option}}` with `{{replacement}}: [...]`.',
  passOptionsObject: 'Pass the exporter as `{ exporter }`.',
  registerThroughApi: 'Register through `trace.setGlobalTracerProvider()` and set the context manager and propagator explicitly.',
  useReplacementExport: 'Use `{{replacement}}`.',
  importFromSdkTrace: 'Import from `@opentelemetry/sdk-trace` (providers become its `TracerProvider`).',
};

/** `no-removed-sdk-api`'s detection, shared by the rule, the codemods and doctor. */
export const noRemovedSdkApi: JsCheck<RemovedSdkApiMessageId, RemovedSdkApiOptions> = defineJsCheck({
  ruleId: 'no-removed-sdk-api',
  messages,
  check: (model, options) => checkRemovedSdkApi(model, options).map((f) => ({ ...f, data: { fix: fixPointer(f), ...f.data } })),
});

/** `{{fix}}`: the migrate-sdk command (with the generation it moves to) only when the finding has a fix. */
function fixPointer(f: F): string {
  if (!f.suggestions.some((s) => s.edits.length > 0)) return '';
  // register() is missing in the generation the file is on: the fix is that generation's API
  // an export is gone from the generation it was removed in (`Resource` from 2.x, `AsyncHooksContextManager` from 3.x)
  const to = f.messageId === 'removedRegister' ? /SDK (\d)\.x/.exec(f.data?.where ?? '')?.[1] : f.messageId === 'removedExport' ? /^(\d)\.x$/.exec(f.data?.since ?? '')?.[1] : TARGET_OF[f.messageId];
  return ` (\`npx otel-codemod migrate-sdk${to ? ` --to ${to}` : ''}\`)`;
}

/** `a`, `a` and `b`: the packages a withheld fix needs declared. */
function packageList(withheld: Withheld): string {
  const names = withheld.undeclared.map((m) => `\`${m}\``);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]!;
}

/** The generation a message's fix moves to, where the message implies one. */
const TARGET_OF: Partial<Record<RemovedSdkApiMessageId, number>> = { removedProviderMethod: 2, deprecatedProviderMethod: 2, removedSdkOption: 3, positionalProcessor: 3, deprecatedSdkOption: 3 };

export interface RemovedSdkApiOptions {
  /** Also report APIs that still work in the file's generation but are deprecated there. */
  readonly reportDeprecated: boolean;
  /** Report unknown NodeSDK options. */
  readonly checkSdkOptions: boolean;
  /** Report providers built without any span processor. */
  readonly checkMissingProcessors: boolean;
  /** migrate-sdk: the target generation (pins every module; also rewrites what the target lacks). */
  readonly migrateTo?: Generation;
}

type F = Report<RemovedSdkApiMessageId>;

const gname = (g: Generation) => (g === 0 ? 'pre-1.0' : `${g}.x`);

function suggestion(messageId: RemovedSdkApiMessageId, edits: readonly TextEdit[] | undefined, data?: Record<string, string>): Suggestion<RemovedSdkApiMessageId>[] {
  // a plan whose own edits overlap cannot be applied (ESLint rejects it, the engine throws): no fix, the finding stays for a human
  return edits && edits.length > 0 && !selfOverlapping(edits) ? [{ messageId, edits, ...(data ? { data } : {}) }] : [];
}

function selfOverlapping(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  return sorted.some((e, i) => i > 0 && e.range[0] < sorted[i - 1]!.range[1]);
}

/** The register() flavour of a provider class (§1.2), by its export name or the local name it keeps after migration. */
function flavourOf(name: string, local: string | undefined, model: FileModel): RegisterFlavour {
  for (const n of [name, local ?? '']) {
    if (/Node/.test(n)) return 'node';
    if (/Web/.test(n)) return 'web';
    if (/Basic/.test(n)) return 'basic';
  }
  const web = model.otelImports.some((i) => model.table.module(i.module)?.platform === 'web');
  return web ? 'web' : 'node';
}

/**
 * An OpenTelemetry package of the table with releases in 1.x or 2.x and none in 3.x (nor folded into
 * another): importing it is a finding in a 3.x project (`moduleNotInGeneration`). A vendor's 2.x line
 * may still get a 3.x-compatible release, so only OpenTelemetry's own packages count.
 */
function isOneOrTwoOnly(model: FileModel, module: string): boolean {
  const spec = model.table.module(module);
  return !!spec && Object.hasOwn(MODULES, module) && module.startsWith('@opentelemetry/') && !spec.foldedInto && !spec.gens.includes(3) && spec.gens.some((g) => g === 1 || g === 2);
}

/** The provider methods the scan acts on: removed or deprecated ones, `register`, and `addSpanProcessor` (kept with its provider). */
const PROVIDER_METHODS: ReadonlySet<string> = new Set([...Object.keys(REMOVED_PROVIDER_METHODS), 'register', 'addSpanProcessor']);

/** Work counter for test/perf: member calls whose callee the scan evaluated (those skipped by name are not counted). */
export const removedApiStats = { memberCallsEvaluated: 0 };

export function checkRemovedSdkApi(model: FileModel, options: RemovedSdkApiOptions): F[] {
  return new RemovedApiScan(model, options).run();
}

/** One scan of a file: the calls, options, imports and modules an SDK generation removed, as named steps. */
class RemovedApiScan {
  private readonly ev;
  private readonly pinned: Generation | undefined;
  private readonly findings: F[] = [];
  private readonly genCache = new Map<string, GenerationInfo | undefined>();
  /** Processors attached with addSpanProcessor, per provider construction. */
  private readonly attached = new Map<Node, Node[]>();
  private readonly providers: { creation: Node; value: Extract<Value, { kind: 'export' }> }[] = [];

  constructor(
    private readonly model: FileModel,
    private readonly options: RemovedSdkApiOptions,
  ) {
    this.ev = getEvaluator(model);
    this.pinned = options.migrateTo ?? model.settings.sdkGeneration;
  }

  run(): F[] {

    for (const call of this.model.calls) {
      if (call.type === 'NewExpression') {
        const v = this.ev.evaluate(call.callee);
        if (!this.builtin(v)) continue;
        if (v.module === NODE_SDK.module && v.name === NODE_SDK.export) this.checkNodeSdkOptions(call, v.module);
        else if (v.spec.kind === 'span-processor' && v.spec.shape === 'options') this.checkProcessorShape(call, v);
        else if (v.spec.kind === 'provider') this.providers.push({ creation: call, value: v });
        const removed = REMOVED_EXPORTS.find((r) => r.module === v.module && r.name === v.name);
        if (removed) this.checkRemovedExport(call, v, removed);
        continue;
      }
      const callee = unwrap(call.callee);
      if (!isMember(callee) || !this.mayCallProviderMethod(callee)) continue;
      removedApiStats.memberCallsEvaluated++;
      const m = this.ev.evaluate(callee);
      if (m?.kind !== 'method' || m.of.kind !== 'instance' || !this.builtin(m.of.of) || m.of.of.spec.kind !== 'provider') continue;
      const provider = m.of.of;
      if (m.name === 'addSpanProcessor') this.attached.set(m.of.creation, [...(this.attached.get(m.of.creation) ?? []), call]);
      const removedMethod = Object.hasOwn(REMOVED_PROVIDER_METHODS, m.name) ? REMOVED_PROVIDER_METHODS[m.name] : undefined;
      if (removedMethod) this.checkProviderMethod(call, m.name, provider, m.of.creation, removedMethod);
      else if (m.name === 'register') this.checkRegister(call, provider);
    }

    if (this.options.checkMissingProcessors) for (const p of this.providers) this.checkMissingProcessors(p.creation, p.value);
    this.checkModules();
    this.checkRemovedNamespaces();
    return this.findings;
  }

  /**
   * False when the member call `x.name(…)` cannot be one this scan acts on: `name` is none of the
   * provider methods it looks at and nothing in the file stores a value into a member so named, so
   * evaluating the callee could only give a method called `name`. Most member calls of a file are
   * such calls (`this._exporter.export(…)`), and evaluating each was most of this rule's cost.
   */
  private mayCallProviderMethod(callee: Node): boolean {
    const name = getPropertyName(callee);
    return name === undefined || PROVIDER_METHODS.has(name) || mayHoldStoredValue(this.model, name);
  }

  private genOf(module: string): GenerationInfo | undefined {
    if (!this.genCache.has(module)) this.genCache.set(module, moduleGeneration(this.model, module, this.pinned));
    return this.genCache.get(module);
  }

  private builtin(v: Value | undefined): v is Extract<Value, { kind: 'export' }> {
    return v?.kind === 'export' && Object.hasOwn(MODULES, v.module);
  }

  // --- provider methods -------------------------------------------------------------------

  private checkProviderMethod(call: Node, method: string, provider: Extract<Value, { kind: 'export' }>, creation: Node, removed: (typeof REMOVED_PROVIDER_METHODS)[string]): void {
    const info = this.genOf(provider.module);
    const hasNoMethod = provider.spec.kind === 'provider' && !provider.spec.registerGens; // sdk-trace's TracerProvider never had it
    const gen = info?.gen;
    const removedHere = hasNoMethod || (gen !== undefined && gen >= removed.removedIn);
    const deprecatedHere = !removedHere && this.options.reportDeprecated && gen !== undefined && gen >= removed.deprecatedIn;
    if (!removedHere && !deprecatedHere) return;
    const where = info ? describeGeneration(info, provider.module) : `${provider.module} (2.9+ and 3.x)`;
    let edits: TextEdit[] | undefined;
    if (method === 'addSpanProcessor') {
      const all = (this.attached.get(creation) ?? []).slice();
      // every addSpanProcessor call on this provider moves together, in source order
      for (const other of this.model.calls) {
        if (other === call || all.includes(other) || other.type === 'NewExpression') continue;
        const c = unwrap(other.callee);
        if (!isMember(c) || getPropertyName(c) !== 'addSpanProcessor') continue;
        const mv = this.ev.evaluate(c);
        if (mv?.kind === 'method' && mv.of.kind === 'instance' && mv.of.creation === creation) all.push(other);
      }
      if (!all.includes(call)) all.push(call);
      all.sort((a, b) => getRange(a)[0] - getRange(b)[0]);
      edits = planMoveToSpanProcessors(creation, all, this.model);
    }
    this.findings.push({
      messageId: removedHere ? 'removedProviderMethod' : 'deprecatedProviderMethod',
      range: getRange(call),
      data: { method, provider: provider.name, where, since: gname(removed.removedIn), replacement: removed.replacement },
      suggestions: suggestion('moveToSpanProcessors', edits),
    });
  }

  private checkRegister(call: Node, provider: Extract<Value, { kind: 'export' }>): void {
    if (provider.spec.kind !== 'provider') return;
    const info = this.genOf(provider.module);
    const spec = provider.spec;
    let missing: boolean;
    if (!spec.registerGens) missing = true;
    else if (info === undefined) return;
    else missing = !spec.registerGens.includes(info.gen);
    // migrate-sdk: a provider whose package has no release in the target is replaced too
    const goingAway = this.options.migrateTo !== undefined && !(this.model.table.module(provider.module)?.gens ?? []).includes(this.options.migrateTo);
    if (!missing && !goingAway) return;
    const where = info ? describeGeneration(info, provider.module) : `${provider.module}`;
    const local = this.localNameOf(call);
    // --to 3: the provider's import moves to sdk-trace first, so the new imports can join it (the local name keeps the flavour)
    const importMovesFirst = goingAway && (SDK_TRACE_3.from as readonly string[]).includes(provider.module);
    const planned = importMovesFirst ? undefined : planManualRegistration(call, flavourOf(provider.name, local, this.model), this.model);
    const withheld = isWithheld(planned) ? planned : undefined;
    this.findings.push({
      messageId: 'removedRegister',
      range: getRange(call),
      data: { provider: provider.name, where, ...(withheld ? { fix: `, after adding ${packageList(withheld)} to the dependencies in package.json (not declared there: the calls import from ${withheld.undeclared.length === 1 ? 'it' : 'them'})` } : {}) },
      suggestions: suggestion('registerThroughApi', isWithheld(planned) ? undefined : planned),
    });
  }

  /** The local name the provider's class has where it was constructed (`NodeTracerProvider` aliasing `TracerProvider`). */
  private localNameOf(call: Node): string | undefined {
    const m = this.ev.evaluate(unwrap(call.callee));
    if (m?.kind !== 'method' || m.of.kind !== 'instance') return undefined;
    const c = unwrap(m.of.creation.callee);
    return c.type === 'Identifier' ? c.name : undefined;
  }

  // --- NodeSDK this.options --------------------------------------------------------------------

  /** The object literal an this.options argument is, directly or through a `const` initialised with one. */
  private optionsObject(arg: Node | undefined): Node | undefined {
    if (!arg) return undefined;
    const a = unwrap(arg);
    if (a.type === 'ObjectExpression') return a;
    if (a.type !== 'Identifier') return undefined;
    const b = this.model.scopeAt(a).resolve(a.name);
    const init = constInit(b);
    // `config.spanProcessors = [processor]` after the literal (holdout17 bitbrat): the literal is not all it holds
    const written = this.model.memberAssignments.some((m) => {
      const target = unwrap(m.target);
      const object = isMember(target) ? unwrap(target.object) : undefined;
      return object?.type === 'Identifier' && this.model.scopeAt(object).resolve(object.name) === b;
    });
    return init?.type === 'ObjectExpression' && !written ? init : undefined;
  }

  private checkNodeSdkOptions(call: Node, module: string): void {
    const opts = this.optionsObject(call.arguments[0]);
    if (!opts || opts.type !== 'ObjectExpression') return;
    const info = this.genOf(module);
    const gen = info?.gen;
    if (gen === 0) return;
    const known = gen === undefined ? NODE_SDK_OPTIONS_ANY : new Set(NODE_SDK_OPTIONS[gen as 1 | 2 | 3]);
    for (const prop of opts.properties) {
      if (prop.type !== 'Property' && prop.type !== 'ObjectProperty') continue;
      const key = getKeyName(prop);
      if (key === undefined) continue;
      const singular = Object.hasOwn(NODE_SDK_SINGULAR_OPTIONS, key) ? NODE_SDK_SINGULAR_OPTIONS[key] : undefined;
      if (singular && gen !== undefined && (gen >= singular.removedIn || (this.options.reportDeprecated && gen >= singular.deprecatedIn))) {
        const removed = gen >= singular.removedIn;
        this.findings.push({
          messageId: removed ? 'removedSdkOption' : 'deprecatedSdkOption',
          range: getRange(prop),
          data: { option: key, replacement: singular.replacement, where: describeGeneration(info!, module), since: gname(singular.removedIn) },
          suggestions: suggestion('useListOption', planSingularToList(opts, prop, singular.replacement, this.model), { option: key, replacement: singular.replacement }),
        });
        continue;
      }
      if (!this.options.checkSdkOptions || known.has(key)) continue;
      this.findings.push({
        messageId: 'unknownSdkOption',
        range: getRange(prop.key ?? prop),
        data: { option: key, where: info ? describeGeneration(info, module) : 'any SDK generation' },
        suggestions: [],
      });
    }
  }

  // --- processors -------------------------------------------------------------------------

  private checkProcessorShape(call: Node, v: Extract<Value, { kind: 'export' }>): void {
    const first = call.arguments[0];
    if (!first || first.type === 'SpreadElement') return;
    const f = unwrap(first);
    if (f.type === 'ObjectExpression') return;
    if (f.type === 'Identifier') {
      const b = this.model.scopeAt(f).resolve(f.name);
      const init = b?.init && b.init.path.length === 0 ? unwrap(b.init.expr) : undefined;
      if (init?.type === 'ObjectExpression') return;
      // a parameter may already be the this.options object; only a known exporter says otherwise
      if (b?.kind === 'param') {
        const arg = this.ev.evaluate(f);
        if (!(arg?.kind === 'instance' && arg.of.spec.kind === 'exporter')) return;
      }
    }
    const info = this.genOf(v.module);
    this.findings.push({
      messageId: 'positionalProcessor',
      range: getRange(call),
      data: { name: v.name, module: v.module, where: info ? describeGeneration(info, v.module) : `${v.module} 2.9+ and 3.x` },
      suggestions: suggestion('passOptionsObject', planOptionsShape(call, this.model)),
    });
  }

  private checkMissingProcessors(creation: Node, v: Extract<Value, { kind: 'export' }>): void {
    const info = this.genOf(v.module);
    const hasNoAdd = v.spec.kind === 'provider' && !v.spec.registerGens; // sdk-trace's TracerProvider never had addSpanProcessor
    // `addSpanProcessor()` gives the provider its processors only where it still exists; on 2.x it
    // throws (reported on the call), and the construction is still processor-less
    const canAddLater = !hasNoAdd && (info === undefined || info.gen < REMOVED_PROVIDER_METHODS.addSpanProcessor!.removedIn);
    if (canAddLater && this.attached.has(creation)) return;
    const opts = creation.arguments[0] ? this.optionsObject(creation.arguments[0]) : undefined;
    if (creation.arguments.length > 1 || (creation.arguments[0] && !opts)) return;
    if (opts) {
      if (opts.properties.some((p: Node) => p.type !== 'Property' && p.type !== 'ObjectProperty')) return;
      const sp = opts.properties.find((p: Node) => getKeyName(p) === 'spanProcessors');
      if (sp) {
        const value = unwrap(sp.value);
        if (value.type !== 'ArrayExpression' || value.elements.length > 0) return;
      }
    }
    // a provider kept only for trace ids and `traceparent` headers: dropping spans is its purpose
    // (not one the code hands a processor with `addSpanProcessor()`, which throws on 2.x)
    if (!this.attached.has(creation) && isPropagationOnlyProject(this.model)) return;
    if (canAddLater && this.escapes(creation)) return;
    this.findings.push({
      messageId: 'noSpanProcessor',
      range: getRange(creation),
      data: { provider: v.name, where: info ? describeGeneration(info, v.module) : v.module },
      suggestions: [],
    });
  }

  /** True when processors could still be this.attached elsewhere: the provider is stored and used other than through its own methods. */
  private escapes(creation: Node): boolean {
    const parent = this.model.parents.get(creation);
    if (parent && isMember(parent) && parent.object === creation) return false; // new P().register()
    if (parent?.type !== 'VariableDeclarator' || parent.id.type !== 'Identifier') return true;
    const b = this.model.scopeAt(parent).resolve(parent.id.name);
    if (!b) return true;
    return b.references.some((r) => {
      const p = this.model.parents.get(r);
      return !(p && isMember(p) && p.object === r && getPropertyName(p) !== 'addSpanProcessor');
    });
  }

  private checkRemovedExport(call: Node, v: Extract<Value, { kind: 'export' }>, removed: (typeof REMOVED_EXPORTS)[number]): void {
    const info = this.genOf(v.module);
    if (!info || info.gen < removed.removedIn) return;
    this.findings.push({
      messageId: 'removedExport',
      range: getRange(call),
      data: { name: v.name, module: v.module, where: describeGeneration(info, v.module), replacement: removed.replacement, since: gname(removed.removedIn) },
      suggestions: suggestion('useReplacementExport', removed.factory ? planFactoryInsteadOfNew(call, removed.replacement, this.model) : planRenameImport(call, removed.replacement, this.model), { replacement: removed.replacement }),
    });
  }

  // --- modules ------------------------------------------------------------------------------

  /** `import { tracing } from '@opentelemetry/sdk-node'` (and `const { node } = require(...)`) where the namespace is gone. */
  private checkRemovedNamespaces(): void {
    for (const b of this.model.scopes.get(this.model.program)!.bindings.values()) {
      const required = b.kind === 'const' && b.init && b.init.path.length === 1 ? getStaticRequire(unwrap(b.init.expr)) : undefined;
      const from = b.importFrom ?? (required ? { module: required, name: b.init!.path[0]! } : undefined);
      if (!from || !Object.hasOwn(REMOVED_NAMESPACES, from.module)) continue;
      const removed = REMOVED_NAMESPACES[from.module]!;
      if (!Object.hasOwn(removed.names, from.name)) continue;
      const info = this.genOf(from.module);
      if (!info || info.gen < removed.removedIn) continue;
      this.findings.push({
        messageId: 'removedExport',
        range: getRange(b.id),
        data: {
          name: from.name,
          module: from.module,
          where: describeGeneration(info, from.module),
          replacement: `the exports of ${removed.names[from.name]}`,
          since: gname(removed.removedIn),
        },
        suggestions: [],
      });
    }
  }

  /** A 1.x/2.x-only package in a 3.x project brings its own API copy (<1.10): its registrations go to the wrong one (§0.1, §7.3). */
  private checkModules(): void {
    // the project's generation is looked up (installed, locked, declared versions) only for a file
    // that imports such a package: most modelled files import none
    const candidates = this.model.otelImports.filter((imp) => !imp.sideEffectOnly && isOneOrTwoOnly(this.model, imp.module));
    if (candidates.length === 0) return;
    const project = this.options.migrateTo !== undefined ? { gen: this.options.migrateTo, source: 'pinned' as const } : projectGeneration(this.model.filename, this.model.settings.sdkGeneration);
    if (!project || project.gen < 3) return;
    const seen = new Set<Node>();
    for (const imp of candidates) {
      if (seen.has(imp.node)) continue;
      seen.add(imp.node);
      const spec = this.model.table.module(imp.module)!;
      if (spec.gens.includes(project.gen)) continue;
      const fixable = (SDK_TRACE_3.from as readonly string[]).includes(imp.module);
      const load = imp.node.type === 'ImportDeclaration' || getStaticRequire(imp.node) ? imp.node : undefined;
      const planned = fixable && load ? planSdkTraceImport(load, this.model) : undefined;
      const edits = isWithheld(planned) ? undefined : planned;
      const last = Math.max(...spec.gens.filter((g) => g > 0));
      this.findings.push({
        messageId: 'moduleNotInGeneration',
        range: getRange(imp.node),
        data: {
          module: imp.module,
          last: gname(last as Generation),
          where: describeGeneration(project, getStringValue(imp.node.source) ?? imp.module),
          instead: isWithheld(planned)
            ? `add ${packageList(planned)} to the dependencies in package.json (not declared there) and import from \`${SDK_TRACE_3.module}\``
            : fixable
              ? `import from \`${SDK_TRACE_3.module}\`${edits ? ' (npx otel-codemod migrate-sdk --to 3)' : ''}`
              : 'remove it or replace it with its 3.x successor',
        },
        suggestions: suggestion('importFromSdkTrace', edits),
      });
    }
  }
}
