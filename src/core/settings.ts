// `settings['otel-safe']`: one object for every surface (ESLint rules, otel-codemod, doctor,
// pre-commit), validated here. An invalid key or value is an error naming it, never dropped:
// a mistyped registrar that silently does nothing is worse than a config error.
import type { RegistrarSetting } from '../otel/types';

/** `settings['otel-safe']` (docs/settings.md). */
export interface OtelSafeSettings {
  /** Globs (relative to the file's project, the nearest package.json's folder) of dev entrypoints, added to the defaults. */
  readonly devEntrypoints?: readonly string[];
  /**
   * Whether files count as HMR contexts: detected (`auto`), always, or never; or a list of globs
   * (relative to the file's project) of files that count as HMR contexts in addition to the detected ones.
   */
  readonly hmr?: 'auto' | 'always' | 'never' | readonly string[];
  /** In-house wrappers of the SDK that register globals. */
  readonly registrars?: readonly RegistrarSetting[];
  /** Pin the SDK generation when detection from imports and versions is not enough. */
  readonly sdkGeneration?: 1 | 2 | 3;
}

/** Invalid settings: the message names the key, the value and where the settings came from. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

const REGISTRAR_KINDS: readonly RegistrarSetting['kind'][] = ['sdk-start', 'sdk-class', 'provider-class'];
const HMR_MODES = ['auto', 'always', 'never'] as const;
const KEYS = ['devEntrypoints', 'hmr', 'registrars', 'sdkGeneration'];
const REGISTRAR_KEYS = ['module', 'export', 'kind', 'language'];
const REGISTRAR_LANGUAGES = ['javascript', 'python'];

/**
 * Validates a raw `settings['otel-safe']` value (`origin` says where it came from, for the
 * message: `eslint.config.js`, `package.json "otel-safe"`, `--settings otel.json`).
 * `undefined` is no settings; anything else must be valid, or this throws `SettingsError`.
 */
export function parseSettings(raw: unknown, origin: string): OtelSafeSettings {
  if (raw === undefined) return {};
  const fail = (what: string, value: unknown, expected: string): never => {
    throw new SettingsError(`Invalid settings['otel-safe'].${what} in ${origin}: expected ${expected}, got ${describe(value)}.`);
  };
  if (!isPlainObject(raw)) throw new SettingsError(`Invalid settings['otel-safe'] in ${origin}: expected an object, got ${describe(raw)}.`);
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) throw new SettingsError(`Unknown key settings['otel-safe'].${key} in ${origin}: the keys are ${KEYS.join(', ')}.`);
  }
  const out: { -readonly [K in keyof OtelSafeSettings]: OtelSafeSettings[K] } = {};
  if (raw.devEntrypoints !== undefined) out.devEntrypoints = stringList(raw.devEntrypoints, 'devEntrypoints', fail);
  if (raw.hmr !== undefined) {
    if (typeof raw.hmr === 'string') {
      if (!(HMR_MODES as readonly string[]).includes(raw.hmr)) fail('hmr', raw.hmr, `one of ${HMR_MODES.map((m) => `"${m}"`).join(', ')} or an array of globs`);
      out.hmr = raw.hmr as OtelSafeSettings['hmr'];
    } else out.hmr = stringList(raw.hmr, 'hmr', fail);
  }
  if (raw.registrars !== undefined) {
    if (!Array.isArray(raw.registrars)) fail('registrars', raw.registrars, 'an array of { module, export, kind }');
    out.registrars = (raw.registrars as unknown[]).map((r, i) => registrar(r, `registrars[${i}]`, fail));
  }
  if (raw.sdkGeneration !== undefined) {
    if (raw.sdkGeneration !== 1 && raw.sdkGeneration !== 2 && raw.sdkGeneration !== 3) fail('sdkGeneration', raw.sdkGeneration, '1, 2 or 3');
    out.sdkGeneration = raw.sdkGeneration as 1 | 2 | 3;
  }
  return out;
}

type Fail = (what: string, value: unknown, expected: string) => never;

function stringList(value: unknown, what: string, fail: Fail): string[] {
  if (!Array.isArray(value)) return fail(what, value, 'an array of glob strings');
  value.forEach((g, i) => {
    if (typeof g !== 'string' || g === '') fail(`${what}[${i}]`, g, 'a non-empty glob string');
  });
  return [...(value as string[])];
}

function registrar(value: unknown, what: string, fail: Fail): RegistrarSetting {
  if (!isPlainObject(value)) return fail(what, value, 'an object { module, export, kind }');
  for (const key of Object.keys(value)) if (!REGISTRAR_KEYS.includes(key)) fail(`${what}.${key}`, value[key], `no such key (the keys are ${REGISTRAR_KEYS.join(', ')})`);
  if (typeof value.module !== 'string' || value.module === '') fail(`${what}.module`, value.module, 'a module name');
  if (typeof value.export !== 'string' || value.export === '') fail(`${what}.export`, value.export, 'an export name');
  if (!REGISTRAR_KINDS.includes(value.kind as RegistrarSetting['kind'])) fail(`${what}.kind`, value.kind, `one of ${REGISTRAR_KINDS.map((k) => `"${k}"`).join(', ')}`);
  // `language: 'python'` marks a Python module (`acme.telemetry`); absent means JavaScript
  if (value.language !== undefined && !REGISTRAR_LANGUAGES.includes(value.language as string)) fail(`${what}.language`, value.language, '"javascript" or "python"');
  const out: RegistrarSetting = { module: value.module as string, export: value.export as string, kind: value.kind as RegistrarSetting['kind'] };
  return value.language === 'python' ? { ...out, language: 'python' } : out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'object') return 'an object';
  return String(v);
}

const readCache = new WeakMap<object, OtelSafeSettings>();

/**
 * `settings['otel-safe']` of an ESLint config, validated once per settings object (ESLint
 * hands every file of a config the same object). Throws `SettingsError` when invalid, which
 * ESLint reports as a configuration error.
 */
export function readSettings(settings: Record<string, unknown> | undefined): OtelSafeSettings {
  const raw = settings?.['otel-safe'];
  if (raw === undefined) return {};
  if (typeof raw === 'object' && raw !== null) {
    const cached = readCache.get(raw);
    if (cached) return cached;
    const parsed = parseSettings(raw, 'the ESLint configuration');
    readCache.set(raw, parsed);
    return parsed;
  }
  return parseSettings(raw, 'the ESLint configuration');
}
