// Versions of the project's OpenTelemetry packages: installed (`node_modules/<pkg>/package.json`
// found by walking up from the linted file), locked (`package-lock.json` / `npm-shrinkwrap.json`
// v2/v3 `packages` map), or declared (the nearest package.json's dependency ranges, read
// through src/project/index.ts; a pnpm `catalog:` range from the workspace's pnpm-workspace.yaml). Cached until the files they come from change; a missing or
// malformed file is absent, never an exception.
import { dirname, join, resolve, sep } from 'node:path';
import { FileMemo, isDirectory, type JsonObject, readJsonObject, readText } from './files';
import { getProjectInfo } from './index';

export type VersionSource = 'installed' | 'lockfile' | 'declared';

export interface PackageVersion {
  readonly name: string;
  /** An exact version (`installed`, `lockfile`) or the declared range (`declared`). */
  readonly version: string;
  readonly source: VersionSource;
}

interface Installed {
  readonly version: string;
  /** The directory whose `node_modules` holds it. */
  readonly dir: string;
}

const installedMemo = new FileMemo<Installed | undefined>();
const lockDirMemo = new FileMemo<string | undefined>();

/** The version of `pkg` that Node would load from `dir` (the nearest `node_modules/<pkg>` walking up). */
export function installedVersion(dir: string, pkg: string): string | undefined {
  return findInstalled(dir, pkg)?.version;
}

function findInstalled(dir: string, pkg: string): Installed | undefined {
  return installedMemo.get(`${dir}\0${pkg}`, () => {
    // lint runs ask every directory of a tree for a dozen packages, and most directories have
    // no node_modules (bench/README.md): one stat of the folder rules them out
    const manifest = isDirectory(join(dir, 'node_modules')) ? readJsonObject(join(dir, 'node_modules', pkg, 'package.json')) : undefined;
    if (manifest && typeof manifest.version === 'string') return { version: manifest.version, dir };
    const parent = dirname(dir);
    return parent !== dir ? findInstalled(parent, pkg) : undefined;
  });
}

/** Directory of the nearest npm lockfile at or above `dir`. */
function findLockDir(dir: string): string | undefined {
  return lockDirMemo.get(dir, () => {
    if (readLock(dir)) return dir;
    const parent = dirname(dir);
    return parent !== dir ? findLockDir(parent) : undefined;
  });
}

function readLock(dir: string): JsonObject | undefined {
  return readJsonObject(join(dir, 'npm-shrinkwrap.json')) ?? readJsonObject(join(dir, 'package-lock.json'));
}

/** The version the nearest lockfile pins for the top-level `pkg`. */
export function lockedVersion(dir: string, pkg: string): string | undefined {
  const lockDir = findLockDir(dir);
  if (!lockDir) return undefined;
  const lock = readLock(lockDir);
  const packages = lock?.packages;
  if (packages && typeof packages === 'object') {
    const entry = (packages as Record<string, unknown>)[`node_modules/${pkg}`];
    const v = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).version : undefined;
    if (typeof v === 'string') return v;
  }
  // lockfile v1
  const deps = lock?.dependencies;
  if (deps && typeof deps === 'object') {
    const entry = (deps as Record<string, unknown>)[pkg];
    const v = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).version : undefined;
    if (typeof v === 'string') return v;
  }
  return undefined;
}

/** The range the nearest package.json declares for `pkg` (dependencies or devDependencies). */
export function declaredRange(filename: string, pkg: string): string | undefined {
  const deps = getProjectInfo(filename).packageJson?.dependencies;
  const range = deps && Object.hasOwn(deps, pkg) ? deps[pkg] : undefined;
  // pnpm's catalog protocol: the range lives in the workspace's pnpm-workspace.yaml (holdout17 breadcrum)
  return range?.startsWith('catalog:') ? catalogRange(dirname(resolve(filename)), pkg, range.slice('catalog:'.length).trim()) : range;
}

const catalogMemo = new FileMemo<Map<string, Map<string, string>> | undefined>();

/** The range pnpm's `catalog` (or the named one of `catalogs`) gives `pkg`, from the nearest pnpm-workspace.yaml up from `dir`. */
function catalogRange(dir: string, pkg: string, name: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    const catalogs = catalogMemo.get(join(d, 'pnpm-workspace.yaml'), () => {
      const text = readText(join(d, 'pnpm-workspace.yaml'));
      return text === undefined ? undefined : readCatalogs(text);
    });
    if (catalogs) return catalogs.get(name === '' ? 'default' : name)?.get(pkg);
    if (dirname(d) === d) return undefined;
  }
}

/**
 * The `catalog:` map (as `default`) and the `catalogs:` maps of a pnpm-workspace.yaml, read line by
 * line: block mappings of `name: range` with optional quotes, the shape pnpm documents for them.
 */
function readCatalogs(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  let section: 'catalog' | 'catalogs' | undefined;
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    const m = /^\s*(['"]?)([^'":]+)\1\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const [key, value] = [m[2]!.trim(), m[3]!.trim().replace(/^(['"])(.*)\1$/, '$2')];
    if (indent === 0) {
      section = key === 'catalog' ? 'catalog' : key === 'catalogs' ? 'catalogs' : undefined;
      current = section === 'catalog' ? new Map() : undefined;
      if (current) out.set('default', current);
    } else if (section === 'catalogs' && value === '') {
      current = new Map();
      out.set(key, current);
    } else if (current && value !== '') current.set(key, value);
  }
  return out;
}

/**
 * The best-known version of `pkg` for the file: installed, else locked, else declared. Only copies
 * installed (or locked) at or below the nearest package.json count: one above it belongs to an
 * enclosing project (a workspace root, or a checkout the project sits in), which may be on another
 * generation. A file outside any package uses whatever Node would load.
 */
export function packageVersion(filename: string, pkg: string): PackageVersion | undefined {
  const abs = resolve(filename);
  const dir = dirname(abs);
  const root = getProjectInfo(abs).root;
  const declared = declaredRange(abs, pkg);
  const inside = (d: string) => !root || d === root || d.startsWith(root + sep);
  const installed = findInstalled(dir, pkg);
  if (installed && inside(installed.dir)) return { name: pkg, version: installed.version, source: 'installed' };
  const lockDir = findLockDir(dir);
  const locked = lockDir && inside(lockDir) ? lockedVersion(dir, pkg) : undefined;
  if (locked) return { name: pkg, version: locked, source: 'lockfile' };
  if (declared) return { name: pkg, version: declared, source: 'declared' };
  return undefined;
}

/**
 * Whether the file's project is known to have `pkg` below `before`: an installed or locked version
 * under it, or a declared exact, `^` or `~` range that ends under it (`^7.100.0` is below 8.0.0).
 * False when that is not known.
 */
export function isVersionBelow(filename: string, pkg: string, before: string): boolean {
  const v = packageVersion(filename, pkg);
  const limit = lowestOf(before, true);
  if (!v || !limit) return false;
  if (v.source !== 'declared') {
    const have = lowestOf(v.version, true);
    return !!have && compare(have, limit) < 0;
  }
  const m = /^\s*([\^~]|=)?\s*v?(\d+)\.(\d+)\.(\d+)\s*$/.exec(v.version);
  if (!m) return false;
  const low: [number, number, number] = [Number(m[2]), Number(m[3]), Number(m[4])];
  // the first version the range no longer allows (`^0.x` stays inside its minor, like npm)
  const end: [number, number, number] =
    m[1] === '^' ? (low[0] > 0 ? [low[0] + 1, 0, 0] : [0, low[1] + 1, 0]) : m[1] === '~' ? [low[0], low[1] + 1, 0] : [low[0], low[1], low[2] + 1];
  return compare(end, limit) <= 0;
}

const compare = (a: readonly number[], b: readonly number[]): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** `x.y.z` as numbers, from an exact version or the start of a `^`/`~`/`>=`/`=` range; undefined otherwise. */
function lowestOf(text: string, exact: boolean): [number, number, number] | undefined {
  const m = (exact ? /^\s*v?(\d+)\.(\d+)\.(\d+)/ : /^\s*(?:\^|~|>=|=)?\s*v?(\d+)\.(\d+)\.(\d+)\s*$/).exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/**
 * Whether the file's project has `pkg` at `since` or later: from the installed or locked version,
 * or true when a declared range starts at or above it; undefined when that is not known.
 */
export function hasVersionAtLeast(filename: string, pkg: string, since: string): boolean | undefined {
  const v = packageVersion(filename, pkg);
  const want = lowestOf(since, true);
  const have = v && lowestOf(v.version, v.source !== 'declared');
  if (!want || !have) return undefined;
  const atLeast = compare(have, want);
  if (v!.source !== 'declared') return atLeast >= 0;
  return atLeast >= 0 ? true : undefined;
}
