// Module resolution for the doctor's import graph: relative paths with TypeScript's
// extension rules (`./x.js` may be `x.ts`), directory indexes, tsconfig `paths`, package.json
// `imports` (`#lib/*`), and workspace packages by name. Anything else (node_modules, builtins) is external.
import { statSync } from 'node:fs';
import path from 'node:path';
import { readJsonObject } from './files';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** Build output folders whose sources usually live in `src/` (a `main` of `dist/index.js` before a build). */
const BUILD_DIRS = ['dist', 'build', 'lib', 'out', '.next'];

export interface WorkspacePackage {
  readonly name: string;
  readonly dir: string;
  readonly manifest: Record<string, unknown>;
}

interface PathsConfig {
  readonly base: string;
  /** `compilerOptions.baseUrl` is set: TypeScript (and `nest build`'s path rewriting) also resolves bare specifiers below it. */
  readonly baseUrl: boolean;
  readonly paths: readonly { prefix: string; suffix: string; wildcard: boolean; targets: readonly string[] }[];
}

/** The files a SvelteKit package configures itself in. */
export const SVELTE_CONFIGS = ['svelte.config.js', 'svelte.config.ts', 'svelte.config.mjs'];

export class Resolver {
  private readonly kinds = new Map<string, 'file' | 'dir' | undefined>();
  private readonly tsconfigs = new Map<string, PathsConfig | undefined>();
  private readonly imports = new Map<string, string | undefined>();
  private readonly byName: Map<string, WorkspacePackage>;

  constructor(
    private readonly root: string,
    workspace: readonly WorkspacePackage[],
  ) {
    this.byName = new Map(workspace.map((p) => [p.name, p]));
  }

  kind(p: string): 'file' | 'dir' | undefined {
    if (this.kinds.has(p)) return this.kinds.get(p);
    let k: 'file' | 'dir' | undefined;
    try {
      // most probes miss (`./utils` tries the bare path and four TypeScript extensions before `.js`):
      // a miss returns undefined instead of building and throwing an error (~10 µs each)
      const st = statSync(p, { throwIfNoEntry: false });
      k = st?.isFile() ? 'file' : st?.isDirectory() ? 'dir' : undefined;
    } catch {
      // ENOTDIR (a path through a file), EACCES, a name too long: not a module either
      k = undefined;
    }
    this.kinds.set(p, k);
    return k;
  }

  /**
   * The source file for a path as a runtime would load it: exact, with an extension,
   * the TypeScript source of a `.js` path, a directory index, or the `src/` source of
   * a `dist/` path that is not built yet.
   */
  resolveFile(abs: string): string | undefined {
    return this.probe(abs) ?? this.probeSourceOfBuild(abs);
  }

  private probe(abs: string): string | undefined {
    const ext = path.extname(abs);
    if (this.kind(abs) === 'file' && SOURCE_EXTENSIONS.includes(ext as (typeof SOURCE_EXTENSIONS)[number])) return abs;
    const tsTwins: Record<string, readonly string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
    const twins = tsTwins[ext];
    if (twins) {
      for (const t of twins) {
        const candidate = abs.slice(0, -ext.length) + t;
        if (this.kind(candidate) === 'file') return candidate;
      }
    }
    for (const e of SOURCE_EXTENSIONS) if (this.kind(abs + e) === 'file') return abs + e;
    if (ext === '' && this.kind(abs) === 'file') return abs; // an extensionless bin script (css, json, images are not modules we follow)
    if (this.kind(abs) === 'dir') {
      const pkg = this.readJson(path.join(abs, 'package.json'));
      const main = typeof pkg?.main === 'string' ? this.probe(path.resolve(abs, pkg.main)) : undefined;
      if (main) return main;
      for (const e of SOURCE_EXTENSIONS) if (this.kind(path.join(abs, `index${e}`)) === 'file') return path.join(abs, `index${e}`);
    }
    return undefined;
  }

  private probeSourceOfBuild(abs: string): string | undefined {
    const rel = path.relative(this.root, abs).split(path.sep);
    const i = rel.findIndex((seg) => BUILD_DIRS.includes(seg));
    if (i < 0) return undefined;
    const src = [...rel.slice(0, i), 'src', ...rel.slice(i + 1)].join(path.sep);
    const noBuild = [...rel.slice(0, i), ...rel.slice(i + 1)].join(path.sep);
    for (const candidate of [src, noBuild]) {
      const base = path.join(this.root, candidate);
      const ext = path.extname(base);
      const found = this.probe(base) ?? (ext ? this.probe(base.slice(0, -ext.length)) : undefined);
      if (found) return found;
    }
    return undefined;
  }

  /** A module specifier imported from `fromFile`: a project file, or undefined for packages and builtins (cached per folder). */
  resolveImport(specifier: string, fromFile: string): string | undefined {
    if (specifier.startsWith('node:')) return undefined;
    const dir = path.dirname(fromFile);
    const key = `${dir}\0${specifier}`;
    if (this.imports.has(key)) return this.imports.get(key);
    const found = this.resolveUncached(specifier, dir);
    this.imports.set(key, found);
    return found;
  }

  private resolveUncached(specifier: string, dir: string): string | undefined {
    if (specifier.startsWith('.') || specifier.startsWith('/')) return this.resolveFile(path.resolve(dir, specifier));
    if (specifier.startsWith('#')) return this.resolvePackageImport(specifier, dir);
    const viaPaths = this.resolveTsPaths(specifier, dir);
    if (viaPaths) return viaPaths;
    if (specifier === '$lib' || specifier.startsWith('$lib/')) return this.resolveSvelteLib(specifier, dir);
    return this.resolveWorkspace(specifier);
  }

  /**
   * SvelteKit's `$lib` alias: `src/lib` of the package whose svelte.config.* is nearest (the alias is
   * written into the generated `.svelte-kit/tsconfig.json`, which a checkout does not have; holdout13).
   */
  private resolveSvelteLib(specifier: string, dir: string): string | undefined {
    for (let d = dir; isInside(this.root, d); d = path.dirname(d)) {
      if (SVELTE_CONFIGS.some((f) => this.kind(path.join(d, f)) === 'file')) {
        return this.resolveFile(path.join(d, 'src', 'lib', specifier.slice('$lib'.length)));
      }
      if (path.dirname(d) === d) break;
    }
    return undefined;
  }

  /**
   * `#lib/otel-shutdown.js` through the nearest package.json's `imports` (`"#lib/*": "./lib/*"`, Node's
   * subpath imports): an exact key, or one `*` pattern, to a file inside the package.
   */
  private resolvePackageImport(specifier: string, dir: string): string | undefined {
    let pkgDir = dir;
    while (this.kind(path.join(pkgDir, 'package.json')) !== 'file') {
      const up = path.dirname(pkgDir);
      if (up === pkgDir || !isInside(this.root, up)) return undefined;
      pkgDir = up;
    }
    const imports = this.readJson(path.join(pkgDir, 'package.json'))?.imports;
    if (!imports || typeof imports !== 'object') return undefined;
    const map = imports as Record<string, unknown>;
    let target = pickCondition(map[specifier]);
    if (target === undefined) {
      for (const [key, value] of Object.entries(map)) {
        const star = key.indexOf('*');
        if (star < 0 || key.indexOf('*', star + 1) >= 0) continue;
        const prefix = key.slice(0, star);
        const suffix = key.slice(star + 1);
        if (!specifier.startsWith(prefix) || !specifier.endsWith(suffix) || specifier.length < key.length - 1) continue;
        const t = pickCondition(value);
        if (t !== undefined) target = t.replace('*', specifier.slice(prefix.length, specifier.length - suffix.length));
        break;
      }
    }
    // only a file of the package itself (a target naming another package is external)
    return target?.startsWith('./') ? this.resolveFile(path.resolve(pkgDir, target)) : undefined;
  }

  /** A bare specifier naming a workspace package (`@acme/telemetry`, `@acme/telemetry/register`). */
  resolveWorkspace(specifier: string): string | undefined {
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
    const pkg = this.byName.get(name);
    if (!pkg) return undefined;
    const sub = specifier.slice(name.length); // '' or '/x'
    const target = exportTarget(pkg.manifest, sub === '' ? '.' : `.${sub}`);
    if (target) {
      const found = this.resolveFile(path.resolve(pkg.dir, target));
      if (found) return found;
    }
    if (sub === '') {
      for (const field of ['source', 'module', 'main', 'types']) {
        const value = pkg.manifest[field];
        if (typeof value === 'string') {
          const found = this.resolveFile(path.resolve(pkg.dir, value.replace(/\.d\.ts$/, '.ts')));
          if (found) return found;
        }
      }
      return this.probe(path.join(pkg.dir, 'src', 'index')) ?? this.probe(path.join(pkg.dir, 'index'));
    }
    return this.resolveFile(path.join(pkg.dir, sub)) ?? this.probe(path.join(pkg.dir, 'src', sub));
  }

  private resolveTsPaths(specifier: string, dir: string): string | undefined {
    const config = this.pathsFor(dir);
    if (!config) return undefined;
    for (const p of config.paths) {
      let star: string | undefined;
      if (p.wildcard) {
        if (specifier.startsWith(p.prefix) && specifier.endsWith(p.suffix) && specifier.length >= p.prefix.length + p.suffix.length) {
          star = specifier.slice(p.prefix.length, specifier.length - p.suffix.length);
        } else continue;
      } else if (specifier !== p.prefix) continue;
      for (const t of p.targets) {
        const found = this.resolveFile(path.resolve(config.base, star === undefined ? t : t.replace('*', star)));
        if (found) return found;
      }
    }
    // `import otelSDK from 'src/opentelemetry'` with `"baseUrl": "./"`: a project file below baseUrl
    // (packages keep resolving to node_modules: only an existing source file counts)
    if (config.baseUrl && !specifier.startsWith('@')) return this.probe(path.resolve(config.base, specifier));
    return undefined;
  }

  /** The `paths` of the nearest tsconfig.json (or jsconfig.json) at or above `dir`, within the root. */
  private pathsFor(dir: string): PathsConfig | undefined {
    if (this.tsconfigs.has(dir)) return this.tsconfigs.get(dir);
    let result: PathsConfig | undefined;
    const file = ['tsconfig.json', 'jsconfig.json'].map((n) => path.join(dir, n)).find((f) => this.kind(f) === 'file');
    if (file) result = this.readPaths(file, 0);
    else {
      const parent = path.dirname(dir);
      result = parent !== dir && isInside(this.root, parent) ? this.pathsFor(parent) : undefined;
    }
    this.tsconfigs.set(dir, result);
    return result;
  }

  private readPaths(file: string, depth: number): PathsConfig | undefined {
    const json = readJsonObject(file, { comments: true });
    if (!json) return undefined;
    const options = (json.compilerOptions ?? {}) as Record<string, unknown>;
    const dir = path.dirname(file);
    const baseUrl = typeof options.baseUrl === 'string';
    if (baseUrl && !(options.paths && typeof options.paths === 'object')) return { base: path.resolve(dir, options.baseUrl as string), baseUrl, paths: [] };
    if (options.paths && typeof options.paths === 'object') {
      const base = baseUrl ? path.resolve(dir, options.baseUrl as string) : dir;
      const paths = Object.entries(options.paths as Record<string, unknown>).map(([key, targets]) => {
        const star = key.indexOf('*');
        return {
          prefix: star < 0 ? key : key.slice(0, star),
          suffix: star < 0 ? '' : key.slice(star + 1),
          wildcard: star >= 0,
          targets: Array.isArray(targets) ? targets.filter((t): t is string => typeof t === 'string') : [],
        };
      });
      return { base, baseUrl, paths };
    }
    // `extends` a relative config (package configs are not followed)
    if (typeof json.extends === 'string' && json.extends.startsWith('.') && depth < 5) {
      const target = path.resolve(dir, json.extends);
      const withExt = target.endsWith('.json') ? target : `${target}.json`;
      if (this.kind(withExt) === 'file') return this.readPaths(withExt, depth + 1);
    }
    return undefined;
  }

  private readJson(file: string): Record<string, unknown> | undefined {
    if (this.kind(file) !== 'file') return undefined;
    return readJsonObject(file, { comments: true });
  }
}

/** The target of a package `exports` entry for a subpath, preferring source-ish conditions. */
export function exportTarget(manifest: Record<string, unknown>, subpath: string): string | undefined {
  const exp = manifest.exports;
  if (exp === undefined || exp === null) return undefined;
  if (typeof exp === 'string') return subpath === '.' ? exp : undefined;
  if (typeof exp !== 'object') return undefined;
  const keys = Object.keys(exp);
  const entry = keys.some((k) => k.startsWith('.')) ? (exp as Record<string, unknown>)[subpath] : subpath === '.' ? exp : undefined;
  return pickCondition(entry);
}

/** Every subpath target of `exports` (`.`, `./register`...). */
export function exportTargets(manifest: Record<string, unknown>): { subpath: string; target: string }[] {
  const exp = manifest.exports;
  if (typeof exp === 'string') return [{ subpath: '.', target: exp }];
  if (!exp || typeof exp !== 'object') return [];
  const keys = Object.keys(exp);
  if (!keys.some((k) => k.startsWith('.'))) {
    const t = pickCondition(exp);
    return t ? [{ subpath: '.', target: t }] : [];
  }
  const out: { subpath: string; target: string }[] = [];
  for (const k of keys) {
    if (k.includes('*') || k === './package.json') continue;
    const t = pickCondition((exp as Record<string, unknown>)[k]);
    if (t) out.push({ subpath: k, target: t });
  }
  return out;
}

function pickCondition(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (Array.isArray(entry)) {
    for (const e of entry) {
      const t = pickCondition(e);
      if (t) return t;
    }
    return undefined;
  }
  if (!entry || typeof entry !== 'object') return undefined;
  const obj = entry as Record<string, unknown>;
  for (const cond of ['source', 'development', 'node', 'require', 'import', 'default']) {
    if (cond in obj) {
      const t = pickCondition(obj[cond]);
      if (t && !t.endsWith('.d.ts')) return t;
    }
  }
  return undefined;
}

export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
