import type { ExportSpec, ModuleSpec, RegistrarSetting } from './types';
import type { Generation } from './types';
import { HOT_API_PROPERTIES, INSTRUMENTATION_PREFIX, MODULE_HINTS, MODULES } from './modules';
import { REMOVED_NAMESPACES } from './sdk-generations';
import { SDK_GLOBALS } from './types';

/** The recognition table with the user's registrars merged in. */
export interface Table {
  /** The module hints of the text scans (`namesModuleHint`). */
  readonly hints: Hints;
  /** The module spec for an import specifier, or undefined when it is not OpenTelemetry. */
  module(specifier: string): ModuleSpec | undefined;
  /** What a named export of a known module is. */
  exportOf(specifier: string, name: string): ExportSpec | undefined;
  /** True when the source text names any module of the table (the fast path's only work). */
  mayImportOtel(text: string): boolean;
  /**
   * `mayImportOtel` on the file's UTF-8 bytes, before any decoding: the same answer for valid
   * UTF-8 (a hint's bytes occur exactly where the hint occurs in the text), so the CLI decodes
   * only the files that pass.
   */
  mayImportOtelBytes(bytes: Uint8Array): boolean;
  /**
   * The second text check, for a file that passed `mayImportOtel`: false when the text names
   * neither a module whose import alone can be a finding nor any identifier a check acts on
   * (`actionableNames`), so no check can report anything there (an API-only file: `trace.getTracer`).
   */
  mayHaveFindings(text: string): boolean;
  /**
   * A narrower second text check, for the checks that act only on a setup (registrations, batch
   * processors, SDK and provider lifecycles: the add-guards steps): false when the text names no
   * module whose import alone sets one up (a preload entry) and, for every module it names, no
   * export reachable through it that starts, registers or batches (`setupNames`). Every value the
   * evaluator gives such a check comes from a named import of a named module, so its name is in the text.
   */
  mayHaveSetup(text: string): boolean;
  /**
   * False when a call of a member named `name` (`x.name()`) cannot register anything: it is no
   * registering method of the API, no `register()`/`start()`, and no registering export reached
   * through a namespace. Lets the registration scan skip most calls of a file unevaluated.
   */
  mayRegisterThrough(name: string): boolean;
  /**
   * False when no export of the table (or member of a vendor object) is named `name`: a member call
   * or construction so named (`x.name(…)`, `new ns.name(…)`) reaches none. Lets the scans that look
   * for exports skip most member calls of a file unevaluated (`calledExport`).
   */
  mayReachExportThrough(name: string): boolean;
}

/** What a check can act on, by module (see `actionableNames`). */
export interface Actionable {
  /** Per module: the names a file naming it must also contain (reachable through it, namespaces followed). */
  readonly byModule: ReadonlyMap<string, readonly string[]>;
  /** Names that count whatever module the file names (the hot API's properties). */
  readonly anyModule: readonly string[];
  /** Modules whose import alone can be a finding. */
  readonly alone: ReadonlySet<string>;
}

/**
 * What a check can act on, derived from the table (never a separate hand-kept list):
 * - names, each counted only in a file that names a module it is reachable through: every export
 *   except API objects and namespace re-exports (using them installs nothing by itself: a registration
 *   goes through a method, a namespace through its members' names, which are reachable through the
 *   namespace's module as well), the API objects' registration and teardown methods
 *   (`setGlobalTracerProvider`, `disable`), and configured registrars' exports;
 * - the hot API's properties, with any module (an HMR dispose callback may shut down what it cannot follow);
 * - modules whose import alone can be a finding: side-effect entries (a preload started in code),
 *   modules with removed namespace re-exports (`import { tracing } from '@opentelemetry/sdk-node'`), and
 *   OpenTelemetry packages with no release in the newest generation (no-removed-sdk-api, migrate-sdk);
 * - any `*Instrumentation` word in a file naming an `@opentelemetry/instrumentation-*` package (the
 *   table's suffix rule for those packages).
 */
export function actionableNames(modules: Readonly<Record<string, ModuleSpec>>): Actionable {
  const byModule = new Map<string, Set<string>>();
  const alone = new Set<string>(Object.keys(REMOVED_NAMESPACES));
  const newest = Math.max(...Object.values(MODULES).flatMap((m) => m.gens));
  const via = namespaceRoutes(modules);
  for (const [module, spec] of Object.entries(modules)) {
    if (spec.sideEffect) alone.add(module);
    if (module.startsWith('@opentelemetry/') && !spec.foldedInto && !spec.gens.includes(newest as Generation) && spec.gens.some((g) => g > 0)) alone.add(module);
    // a file naming the package and one of its config types builds a config (checked where it is built)
    if (spec.configTypes) {
      if (!byModule.has(module)) byModule.set(module, new Set());
      for (const t of Object.keys(spec.configTypes)) byModule.get(module)!.add(t);
    }
    for (const [name, exp] of Object.entries(spec.exports)) {
      if (exp.kind === 'namespace') continue;
      const names = exp.kind === 'api-object' ? Object.entries(exp.methods).filter(([, m]) => m.registers || m.disables).map(([method]) => method) : [name];
      for (const through of via.get(module) ?? [module]) {
        let set = byModule.get(through);
        if (!set) byModule.set(through, (set = new Set()));
        for (const n of names) set.add(n);
      }
    }
  }
  return { byModule: new Map([...byModule].map(([m, n]) => [m, [...n]])), anyModule: HOT_API_PROPERTIES, alone };
}

/** Modules through which a module's exports are reachable: itself and every module re-exporting it as a namespace. */
function namespaceRoutes(modules: Readonly<Record<string, ModuleSpec>>): Map<string, Set<string>> {
  const via = new Map<string, Set<string>>();
  for (const [module, spec] of Object.entries(modules)) {
    for (const exp of Object.values(spec.exports)) {
      if (exp.kind !== 'namespace') continue;
      if (!via.has(exp.module)) via.set(exp.module, new Set([exp.module]));
      via.get(exp.module)!.add(module);
    }
  }
  return via;
}

/** Export kinds a setup is made of: what registration sites, batching sites and SDK/provider lifecycles start from. */
const SETUP_KINDS: ReadonlySet<ExportSpec['kind']> = new Set(['provider', 'sdk', 'sdk-function', 'register-instrumentations']);

/**
 * What `Table.mayHaveSetup` looks for, derived from the table like `actionableNames`: per module, the
 * names of its setup exports (SDK and provider classes, SDK functions, `registerInstrumentations`,
 * batching span processors, the API objects' registering methods, vendor objects and their setup
 * members), namespaces followed; `alone`: modules whose import alone sets up (preload entries).
 */
export function setupNames(modules: Readonly<Record<string, ModuleSpec>>): Pick<Actionable, 'byModule' | 'alone'> {
  const byModule = new Map<string, Set<string>>();
  const alone = new Set<string>();
  const via = namespaceRoutes(modules);
  const namesOf = (name: string, exp: ExportSpec): string[] => {
    if (SETUP_KINDS.has(exp.kind) || (exp.kind === 'span-processor' && exp.batching)) return [name];
    if (exp.kind === 'api-object') return Object.entries(exp.methods).filter(([, m]) => m.registers).map(([method]) => method);
    if (exp.kind === 'object') {
      const members = Object.entries(exp.members).flatMap(([n, e]) => namesOf(n, e));
      return members.length > 0 ? [name, ...members] : [];
    }
    return [];
  };
  for (const [module, spec] of Object.entries(modules)) {
    if (spec.sideEffect) alone.add(module);
    for (const [name, exp] of Object.entries(spec.exports)) {
      const names = namesOf(name, exp);
      if (names.length === 0) continue;
      for (const through of via.get(module) ?? [module]) {
        let set = byModule.get(through);
        if (!set) byModule.set(through, (set = new Set()));
        for (const n of names) set.add(n);
      }
    }
  }
  return { byModule: new Map([...byModule].map(([m, n]) => [m, [...n]])), alone };
}

const INSTRUMENTATION_SUFFIX = 'Instrumentation';

/** `[A-Za-z0-9_$]`: ASCII identifier characters (every name looked for is ASCII). */
function isIdentifierChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}

/** Characters of a module specifier (`@scope/name/sub.path`). */
function isSpecifierChar(c: number): boolean {
  return isIdentifierChar(c) || c === 64 || c === 47 || c === 46 || c === 45;
}

/**
 * The module specifiers of `hints` the text names: for scoped hints, the whole specifier read from
 * each '@' that starts one; unscoped hints (registrar modules) as themselves.
 */
function namedModules(text: string, hints: Hints): Set<string> {
  const out = new Set<string>();
  someModuleHint(text, hints, (at, unscoped) => {
    if (unscoped !== undefined) out.add(unscoped);
    else {
      let end = at + 1;
      while (end < text.length && isSpecifierChar(text.charCodeAt(end))) end++;
      out.add(text.slice(at, end));
    }
    return false;
  });
  return out;
}

/** Module hints split for the text scans: scoped ones are looked for from each '@' of the text. */
export interface Hints {
  /**
   * The scoped hints by their character after '@': most '@'s of a text (JSDoc tags, decorators) end
   * the check at one lookup, and the rest compare only the few hints of that letter (`@since` and
   * `@see` meet the three `@s…` hints, not all of them: JSDoc-heavy texts spent most of the scan there).
   */
  readonly scopedByFirst: ReadonlyMap<number, readonly string[]>;
  /** The same as UTF-8 bytes by the byte after '@', for `mayImportOtelBytes`. */
  readonly scopedBytesByFirst: ReadonlyMap<number, readonly Buffer[]>;
  readonly unscoped: readonly string[];
  readonly unscopedBytes: readonly Buffer[];
}

/** `items` grouped by `key`. */
function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function hintsOf(all: readonly string[]): Hints {
  const scoped = all.filter((h) => h.startsWith('@') && h.length > 1);
  const unscoped = all.filter((h) => !scoped.includes(h));
  const bytes = (list: readonly string[]): Buffer[] => list.map((h) => Buffer.from(h, 'utf8'));
  return {
    scopedByFirst: groupBy(scoped, (h) => h.charCodeAt(1)),
    scopedBytesByFirst: groupBy(bytes(scoped), (b) => b[1]!),
    unscoped,
    unscopedBytes: bytes(unscoped),
  };
}

const AT = 0x40;

/** `startsScoped` on bytes. */
function startsScopedBytes(bytes: Buffer, at: number, hints: Hints): boolean {
  const candidates = hints.scopedBytesByFirst.get(bytes[at + 1]!);
  if (candidates === undefined) return false;
  for (const h of candidates) if (at + h.length <= bytes.length && bytes.compare(h, 0, h.length, at, at + h.length) === 0) return true;
  return false;
}

/**
 * `Table.mayImportOtel`: true when the text names one of `hints`. A plain function, so that the ESLint
 * gate calls it from its own module without a method call per file (bench/README.md, twelfth pass).
 */
export function namesModuleHint(text: string, hints: Hints): boolean {
  if (hints.unscoped.length > 0) for (const h of hints.unscoped) if (text.includes(h)) return true;
  // one indexOf('@') pass: several times quicker than one `includes` per hint on long, '@'-poor texts
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) if (startsScoped(text, at, hints)) return true;
  return false;
}

/** True when a scoped hint starts at `at` (an '@'). */
function startsScoped(text: string, at: number, hints: Hints): boolean {
  const candidates = hints.scopedByFirst.get(text.charCodeAt(at + 1));
  if (candidates === undefined) return false;
  for (let i = 0; i < candidates.length; i++) if (text.startsWith(candidates[i]!, at)) return true;
  return false;
}

/**
 * True when some occurrence of a hint of `hints` in `text` passes `accept`, given the offset where
 * it starts (and an unscoped hint, the hint). Only for texts that passed `namesModuleHint`: it
 * visits every occurrence, the scoped ones by one indexOf('@') pass (several times quicker than an
 * `includes` per hint on long, '@'-poor texts).
 */
export function someModuleHint(text: string, hints: Hints, accept: (at: number, unscoped?: string) => boolean): boolean {
  for (const h of hints.unscoped) for (let at = text.indexOf(h); at >= 0; at = text.indexOf(h, at + 1)) if (accept(at, h)) return true;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) if (startsScoped(text, at, hints) && accept(at)) return true;
  return false;
}

/** True when `word` occurs in `text` as a whole word (`init`, not `initialize`). */
function hasWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if ((at === 0 || !isIdentifierChar(text.charCodeAt(at - 1))) && !isIdentifierChar(text.charCodeAt(at + word.length))) return true;
  }
  return false;
}

/** True when a word of `text` ends with `suffix` (and is longer than it). */
function hasWordEndingWith(text: string, suffix: string): boolean {
  for (let at = text.indexOf(suffix); at >= 0; at = text.indexOf(suffix, at + 1)) {
    if (at > 0 && isIdentifierChar(text.charCodeAt(at - 1)) && !isIdentifierChar(text.charCodeAt(at + suffix.length))) return true;
  }
  return false;
}

const builtin = createTableFrom([]);
const cache = new Map<string, Table>();

/** The table for a lint run's settings; cached per distinct registrar list. */
export function getTable(registrars: readonly RegistrarSetting[] | undefined): Table {
  if (!registrars || registrars.length === 0) return builtin;
  const key = JSON.stringify(registrars);
  let table = cache.get(key);
  if (!table) {
    table = createTableFrom(registrars);
    cache.set(key, table);
  }
  return table;
}

function createTableFrom(registrars: readonly RegistrarSetting[]): Table {
  const extra = new Map<string, Record<string, ExportSpec>>();
  for (const r of registrars) {
    if (r.language === 'python') continue; // src/python/table.ts reads those
    const exports = extra.get(r.module) ?? {};
    exports[r.export] = registrarSpec(r);
    extra.set(r.module, exports);
  }
  const hints = hintsOf([...MODULE_HINTS, ...extra.keys()]);
  const withRegistrars: Record<string, ModuleSpec> = { ...MODULES };
  for (const [m, exports] of extra) withRegistrars[m] = { gens: MODULES[m]?.gens ?? [1, 2, 3], platform: 'any', exports: { ...MODULES[m]?.exports, ...exports } };
  const actionable = actionableNames(withRegistrars);
  const setup = setupNames(withRegistrars);
  const registeringMembers = registeringMemberNames(withRegistrars);
  const exportedNames = exportNames(withRegistrars);
  const moduleCache = new Map<string, ModuleSpec | undefined>();

  function module(specifier: string): ModuleSpec | undefined {
    if (moduleCache.has(specifier)) return moduleCache.get(specifier);
    let spec: ModuleSpec | undefined = MODULES[specifier];
    const user = extra.get(specifier);
    if (user) spec = { gens: spec?.gens ?? [1, 2, 3], platform: spec?.platform ?? 'any', exports: { ...spec?.exports, ...user } };
    if (!spec && specifier.startsWith(INSTRUMENTATION_PREFIX)) spec = { gens: [1, 2, 3], platform: 'any', exports: {} };
    moduleCache.set(specifier, spec);
    return spec;
  }

  return {
    module,
    exportOf(specifier, name) {
      const spec = module(specifier);
      if (!spec) return undefined;
      const found = Object.hasOwn(spec.exports, name) ? spec.exports[name] : undefined;
      if (found) return found;
      // every `@opentelemetry/instrumentation-x` package exports its `XInstrumentation` class
      if (specifier.startsWith(INSTRUMENTATION_PREFIX) && name.endsWith('Instrumentation')) return { kind: 'instrumentation' };
      return undefined;
    },
    mayRegisterThrough(name) {
      return registeringMembers.has(name);
    },
    mayReachExportThrough(name) {
      // every `@opentelemetry/instrumentation-x` package exports its `XInstrumentation` class (see exportOf)
      return exportedNames.has(name) || name.endsWith('Instrumentation');
    },
    hints,
    mayImportOtel(text) {
      return namesModuleHint(text, hints);
    },
    mayImportOtelBytes(raw) {
      const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      for (const h of hints.unscopedBytes) if (bytes.includes(h)) return true;
      for (let at = bytes.indexOf(AT); at >= 0; at = bytes.indexOf(AT, at + 1)) if (startsScopedBytes(bytes, at, hints)) return true;
      return false;
    },
    mayHaveFindings(text) {
      const named = namedModules(text, hints);
      const words = new Set(actionable.anyModule);
      let instrumentationPackage = false;
      for (const m of named) {
        if (actionable.alone.has(m)) return true;
        for (const w of actionable.byModule.get(m) ?? []) words.add(w);
        if (m.startsWith(INSTRUMENTATION_PREFIX)) instrumentationPackage = true;
      }
      for (const w of words) if (hasWord(text, w)) return true;
      return instrumentationPackage && hasWordEndingWith(text, INSTRUMENTATION_SUFFIX);
    },
    mayHaveSetup(text) {
      const words = new Set<string>();
      for (const m of namedModules(text, hints)) {
        if (setup.alone.has(m)) return true;
        for (const w of setup.byModule.get(m) ?? []) words.add(w);
      }
      for (const w of words) if (hasWord(text, w)) return true;
      return false;
    },
  };
}

/** The member names a registering call can end in (see `Table.mayRegisterThrough`). */
function registeringMemberNames(modules: Readonly<Record<string, ModuleSpec>>): Set<string> {
  const names = new Set(['register', 'start']);
  const add = (exports: Readonly<Record<string, ExportSpec>>): void => {
    for (const [name, exp] of Object.entries(exports)) {
      if (exp.kind === 'api-object') for (const [method, m] of Object.entries(exp.methods)) if (m.registers) names.add(method);
      if (exp.kind === 'sdk-function' || exp.kind === 'register-instrumentations') names.add(name);
      if (exp.kind === 'object') add(exp.members); // a vendor object's members: `H.init()`
    }
  };
  for (const spec of Object.values(modules)) add(spec.exports);
  return names;
}

/** Every export name, vendor objects' members included (see `Table.mayReachExportThrough`). */
function exportNames(modules: Readonly<Record<string, ModuleSpec>>): Set<string> {
  const names = new Set<string>();
  const add = (exports: Readonly<Record<string, ExportSpec>>): void => {
    for (const [name, exp] of Object.entries(exports)) {
      names.add(name);
      if (exp.kind === 'object') add(exp.members);
    }
  };
  for (const spec of Object.values(modules)) add(spec.exports);
  return names;
}

function registrarSpec(r: RegistrarSetting): ExportSpec {
  switch (r.kind) {
    case 'sdk-class':
      return { kind: 'sdk', start: SDK_GLOBALS, platform: 'any', vendor: r.module };
    case 'provider-class':
      return { kind: 'provider', register: SDK_GLOBALS, registerGens: [0, 1, 2, 3], platform: 'any' };
    default:
      return { kind: 'sdk-function', registers: SDK_GLOBALS, platform: 'any', vendor: r.module, returnsHandle: true };
  }
}
