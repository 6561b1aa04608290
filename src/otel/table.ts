import type { ExportSpec, ModuleSpec, RegistrarSetting } from './types';
import { INSTRUMENTATION_PREFIX, MODULE_HINTS, MODULES } from './modules';
import { SDK_GLOBALS } from './types';

/** The recognition table with the user's registrars merged in. */
export interface Table {
  /** The module spec for an import specifier, or undefined when it is not OpenTelemetry. */
  module(specifier: string): ModuleSpec | undefined;
  /** What a named export of a known module is. */
  exportOf(specifier: string, name: string): ExportSpec | undefined;
  /** True when the source text names any module of the table (the fast path's only work). */
  mayImportOtel(text: string): boolean;
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
    const exports = extra.get(r.module) ?? {};
    exports[r.export] = registrarSpec(r);
    extra.set(r.module, exports);
  }
  const hints = [...MODULE_HINTS, ...extra.keys()];
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
    mayImportOtel(text) {
      for (const hint of hints) if (text.includes(hint)) return true;
      return false;
    },
  };
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
