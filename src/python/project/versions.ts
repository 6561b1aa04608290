// The opentelemetry-instrumentation version a Python project runs, from what it installs or
// pins: an installed virtualenv (`.venv`, `venv`, `env`: `*.dist-info`), lock files
// (poetry.lock, uv.lock, Pipfile.lock), exact pins in requirements files and pyproject
// (PEP 621 and Poetry), and bounds there (`<=0.62b1`, `>=0.63b0`). The distro and the
// instrumentation packages of one beta pin opentelemetry-instrumentation to their own version.
import { join } from 'node:path';
import { isRecord, listDir, parseJsonObject, readText } from '../../project/files';
import { INSTRUMENTATION_PACKAGE, INSTRUMENTATION_VERSION_PEERS, RELOADER_FIXED_IN } from '../table';

export type VersionSource = 'installed' | 'lockfile' | 'pinned' | 'bound';

export interface PyVersionFact {
  /** `0.62b1`, or a bound as written (`<=0.62b1`). */
  readonly version: string;
  readonly source: VersionSource;
  readonly file: string;
  /** Whether the reloader child loses auto-instrumentation with it (releases before RELOADER_FIXED_IN). */
  readonly reloaderBreaks: boolean | undefined;
}

/** opentelemetry-instrumentation, and the packages of one beta that pin it to their own version (distro, every instrumentation). */
const PACKAGES: PackageSet = (name) => name === INSTRUMENTATION_PACKAGE || name.startsWith(`${INSTRUMENTATION_PACKAGE}-`) || INSTRUMENTATION_VERSION_PEERS.includes(name);

type PackageSet = (normalizedName: string) => boolean;

/** PEP 503 normalisation (`Opentelemetry_Instrumentation` → `opentelemetry-instrumentation`). */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** `0.62b1` → [62, 1]-style comparable parts; undefined for an unparseable version. */
export function compareBetaVersions(a: string, b: string): number | undefined {
  const parse = (v: string): number[] | undefined => {
    const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:(a|b|rc)(\d+))?/.exec(v.trim());
    if (!m) return undefined;
    const pre = m[4] === 'a' ? 0 : m[4] === 'b' ? 1 : m[4] === 'rc' ? 2 : 3;
    return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0), pre, Number(m[5] ?? 0)];
  };
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) return undefined;
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

/** Whether the reloader breaks the CLI for a version or bounds (`>=0.60b0,<0.63b0`); undefined: cannot tell. */
export function reloaderBreaksWith(version: string): boolean | undefined {
  const verdicts = version.split(',').map(clauseVerdict);
  if (verdicts.includes(true)) return true;
  if (verdicts.includes(false)) return false;
  return undefined;
}

function clauseVerdict(version: string): boolean | undefined {
  const m = /^(==|<=|<|>=|>|~=)?\s*(\S+)$/.exec(version.trim());
  if (!m) return undefined;
  const [, op = '==', v] = m;
  const cmp = compareBetaVersions(v!, RELOADER_FIXED_IN);
  if (cmp === undefined) return undefined;
  switch (op) {
    case '==':
      return cmp < 0;
    case '<':
      return cmp <= 0 ? true : undefined;
    case '<=':
      return cmp < 0 ? true : undefined;
    default: // >=, >, ~= (a lower bound)
      return cmp >= 0 ? false : undefined;
  }
}

/** The opentelemetry-instrumentation version fact for a project directory, the most reliable source first. */
export function instrumentationVersion(dir: string): PyVersionFact | undefined {
  return installed(dir, PACKAGES) ?? locked(dir, PACKAGES) ?? declared(dir, PACKAGES);
}

/** The opentelemetry-sdk version (installed, locked or pinned), for facts that changed with the SDK. */
export function sdkVersion(dir: string): PyVersionFact | undefined {
  const sdk: PackageSet = (name) => name === 'opentelemetry-sdk';
  return installed(dir, sdk) ?? locked(dir, sdk) ?? declared(dir, sdk);
}

function fact(version: string, source: VersionSource, file: string): PyVersionFact {
  return { version, source, file, reloaderBreaks: reloaderBreaksWith(source === 'bound' ? version : `==${version}`) };
}

function installed(dir: string, packages: PackageSet): PyVersionFact | undefined {
  for (const venv of ['.venv', 'venv', 'env']) {
    for (const lib of ['lib', 'Lib']) {
      const libDir = join(dir, venv, lib);
      const versions = listDir(libDir).filter((d) => d.startsWith('python'));
      const siteDirs = lib === 'Lib' ? [join(libDir, 'site-packages')] : versions.map((v) => join(libDir, v, 'site-packages'));
      for (const site of siteDirs) {
        for (const entry of listDir(site)) {
          const m = /^([A-Za-z0-9_.-]+?)-([^-]+)\.dist-info$/.exec(entry);
          if (m && packages(normalizeName(m[1]!))) return fact(m[2]!, 'installed', join(site, entry));
        }
      }
    }
  }
  return undefined;
}

function locked(dir: string, packages: PackageSet): PyVersionFact | undefined {
  for (const name of ['poetry.lock', 'uv.lock', 'pdm.lock']) {
    const file = join(dir, name);
    const text = readText(file);
    if (!text) continue;
    // [[package]] tables: name = "...", version = "..."
    for (const block of text.split(/^\[\[package\]\]\s*$/m)) {
      const n = /^name\s*=\s*"([^"]+)"/m.exec(block)?.[1];
      const v = /^version\s*=\s*"([^"]+)"/m.exec(block)?.[1];
      if (n && v && packages(normalizeName(n))) return fact(v, 'lockfile', file);
    }
  }
  const pipfileLock = join(dir, 'Pipfile.lock');
  const lock = parseJsonObject(readText(pipfileLock) ?? '');
  for (const section of ['default', 'develop']) {
    const deps = lock && isRecord(lock[section]) ? lock[section] : undefined;
    if (!deps) continue;
    for (const [n, info] of Object.entries(deps)) {
      const v = isRecord(info) && typeof info.version === 'string' ? info.version.replace(/^==/, '') : undefined;
      if (v && packages(normalizeName(n))) return fact(v, 'lockfile', pipfileLock);
    }
  }
  return undefined;
}

/** A requirement line or string: `opentelemetry-instrumentation==0.62b1`, `opentelemetry-distro>=0.63b0,<1`. */
function requirementVersion(spec: string, packages: PackageSet): { version: string; exact: boolean } | undefined {
  const m = /^\s*([A-Za-z0-9_.-]+)\s*(?:\[[^\]]*\])?\s*([^;#]*)/.exec(spec);
  if (!m || !packages(normalizeName(m[1]!))) return undefined;
  const clauses = m[2]!.split(',').map((c) => c.trim()).filter(Boolean);
  const exact = clauses.find((c) => c.startsWith('=='));
  if (exact) return { version: exact.slice(2).trim(), exact: true };
  const bounds = clauses.filter((c) => /^(<=|<|>=|>|~=)/.test(c)).map((c) => c.replace(/\s+/g, ''));
  return bounds.length > 0 ? { version: bounds.join(','), exact: false } : undefined;
}

function declared(dir: string, packages: PackageSet): PyVersionFact | undefined {
  const files = listDir(dir).filter((f) => /^requirements.*\.(txt|in)$/.test(f) || f === 'constraints.txt');
  for (const sub of ['requirements']) for (const f of listDir(join(dir, sub))) if (f.endsWith('.txt')) files.push(join(sub, f));
  for (const rel of files) {
    const file = join(dir, rel);
    for (const line of (readText(file) ?? '').split(/\r?\n/)) {
      const r = requirementVersion(line, packages);
      if (r) return fact(r.version, r.exact ? 'pinned' : 'bound', file);
    }
  }
  const pyproject = join(dir, 'pyproject.toml');
  const text = readText(pyproject);
  if (text) {
    // PEP 621 / PEP 735 lists of strings, and Poetry tables (`name = "0.62b1"` or `{ version = "..." }`)
    for (const m of text.matchAll(/["']([A-Za-z0-9_.-]+\s*(?:\[[^\]]*\])?\s*[=<>~!][^"']*)["']/g)) {
      const r = requirementVersion(m[1]!, packages);
      if (r) return fact(r.version, r.exact ? 'pinned' : 'bound', pyproject);
    }
    for (const m of text.matchAll(/^\s*["']?([A-Za-z0-9_.-]+)["']?\s*=\s*(?:\{[^}]*version\s*=\s*)?["']([^"']+)["']/gm)) {
      if (!packages(normalizeName(m[1]!))) continue;
      const v = m[2]!.trim();
      if (/^\d/.test(v) || v.startsWith('==')) return fact(v.replace(/^==/, ''), 'pinned', pyproject);
      if (/^(<|<=|>=|>)/.test(v)) return fact(v.replace(/\s+/g, ''), 'bound', pyproject);
    }
  }
  return undefined;
}
