import type { RegistrarSetting } from '../otel/types';

/** `settings['otel-safe']`, shared by every rule and codemod (docs/settings.md). */
export interface OtelSafeSettings {
  /** Globs (relative to the linted project) of dev entrypoints, added to the defaults. */
  devEntrypoints?: string[];
  /**
   * Whether files count as HMR contexts: detected (`auto`), always, or never; or a list of globs
   * (relative to the working directory) of files that count as HMR contexts in addition to the detected ones.
   */
  hmr?: 'auto' | 'always' | 'never' | string[];
  /** In-house wrappers of the SDK that register globals. */
  registrars?: RegistrarSetting[];
  /** Pin the SDK generation when detection from imports and versions is not enough. */
  sdkGeneration?: 1 | 2 | 3;
}

const readCache = new WeakMap<object, OtelSafeSettings>();

/** Reads and lightly validates `settings['otel-safe']` (memoized per settings object); invalid entries are dropped, never thrown. */
export function readSettings(settings: Record<string, unknown> | undefined): OtelSafeSettings {
  const raw = settings?.['otel-safe'];
  if (raw && typeof raw === 'object') {
    const cached = readCache.get(raw);
    if (cached) return cached;
    const parsed = parseSettings(raw as Record<string, unknown>);
    readCache.set(raw, parsed);
    return parsed;
  }
  return {};
}

function parseSettings(s: Record<string, unknown>): OtelSafeSettings {
  const out: OtelSafeSettings = {};
  if (Array.isArray(s.devEntrypoints)) out.devEntrypoints = s.devEntrypoints.filter((g): g is string => typeof g === 'string');
  if (s.hmr === 'auto' || s.hmr === 'always' || s.hmr === 'never') out.hmr = s.hmr;
  else if (Array.isArray(s.hmr)) out.hmr = s.hmr.filter((g): g is string => typeof g === 'string');
  if (Array.isArray(s.registrars)) {
    out.registrars = s.registrars.filter(
      (r): r is RegistrarSetting =>
        !!r &&
        typeof r === 'object' &&
        typeof (r as RegistrarSetting).module === 'string' &&
        typeof (r as RegistrarSetting).export === 'string' &&
        ['sdk-start', 'sdk-class', 'provider-class'].includes((r as RegistrarSetting).kind),
    );
  }
  if (s.sdkGeneration === 1 || s.sdkGeneration === 2 || s.sdkGeneration === 3) out.sdkGeneration = s.sdkGeneration;
  return out;
}
