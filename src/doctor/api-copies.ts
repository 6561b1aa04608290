// What is installed: every copy of `@opentelemetry/api` (two copies of different
// minors split the process-global registry: one side's tracers become no-ops,
// otel-api-surface.md §7.3), OpenTelemetry packages whose api peer range the copy
// they resolve does not satisfy, and SDK packages from more than one generation.
// Reads the installed tree (npm/yarn nested layout and pnpm's .pnpm store), or the
// package-lock.json when nothing is installed.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseJsonObject, readJsonObject, readText } from '../project/files';
import { lineOfKey, toRel } from './entrypoints';
import { parseVersion, satisfies } from './semver';
import type { ApiCopy, DoctorFinding, Location } from './types';

const API = '@opentelemetry/api';

export interface InstalledPackage {
  readonly name: string;
  readonly version: string;
  /** Directory (absolute) for installed packages; the lockfile key for locked ones. */
  readonly dir: string;
  /** The lockfile key or the path relative to the root. */
  readonly where: string;
  readonly apiPeer: string | undefined;
  readonly source: 'installed' | 'lockfile';
  readonly lockLine?: number;
}

/** Every `@opentelemetry/*` package under the node_modules of the given directories. */
export function findInstalled(root: string, dirs: readonly string[]): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) walkNodeModules(path.join(dir, 'node_modules'), 0);
  return out;

  function walkNodeModules(nm: string, depth: number): void {
    if (depth > 12 || seen.has(nm)) return;
    seen.add(nm);
    let entries;
    try {
      entries = readdirSync(nm, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isSymbolicLink()) continue; // workspace links: their own tree is scanned as a workspace dir
      if (!e.isDirectory()) continue;
      if (e.name === '.pnpm') {
        // .pnpm/<name>@<version>/node_modules/<name>
        let stores;
        try {
          stores = readdirSync(path.join(nm, e.name), { withFileTypes: true });
        } catch {
          continue;
        }
        for (const s of stores) if (s.isDirectory() && s.name !== 'node_modules') walkNodeModules(path.join(nm, e.name, s.name, 'node_modules'), depth + 1);
        continue;
      }
      if (e.name.startsWith('.')) continue;
      if (e.name.startsWith('@')) {
        let scoped;
        try {
          scoped = readdirSync(path.join(nm, e.name), { withFileTypes: true });
        } catch {
          continue;
        }
        for (const s of scoped) if (s.isDirectory() && !s.isSymbolicLink()) visit(path.join(nm, e.name, s.name), `${e.name}/${s.name}`, depth);
      } else visit(path.join(nm, e.name), e.name, depth);
    }
  }

  function visit(pkgDir: string, name: string, depth: number): void {
    if (name.startsWith('@opentelemetry/')) {
      const manifest = readJsonObject(path.join(pkgDir, 'package.json'));
      if (manifest && typeof manifest.version === 'string') {
        const peers = (manifest.peerDependencies ?? {}) as Record<string, unknown>;
        const deps = (manifest.dependencies ?? {}) as Record<string, unknown>;
        const range = peers[API] ?? deps[API];
        out.push({
          name,
          version: manifest.version,
          dir: pkgDir,
          where: toRel(root, pkgDir),
          apiPeer: typeof range === 'string' ? range : undefined,
          source: 'installed',
        });
      }
    }
    walkNodeModules(path.join(pkgDir, 'node_modules'), depth + 1);
  }
}

/** `@opentelemetry/*` entries of a package-lock.json (v2/v3 `packages`, v1 nested `dependencies`). */
export function findLocked(root: string, lockfile: string): InstalledPackage[] {
  const text = readText(lockfile) ?? '';
  const lock = parseJsonObject(text);
  if (!lock) return [];
  const out: InstalledPackage[] = [];
  const rel = toRel(root, lockfile);
  if (lock.packages && typeof lock.packages === 'object') {
    for (const [key, value] of Object.entries(lock.packages as Record<string, Record<string, unknown>>)) {
      const i = key.lastIndexOf('node_modules/');
      if (i < 0) continue;
      const name = key.slice(i + 'node_modules/'.length);
      if (!name.startsWith('@opentelemetry/') || typeof value?.version !== 'string' || value.link) continue;
      const peers = (value.peerDependencies ?? {}) as Record<string, unknown>;
      const deps = (value.dependencies ?? {}) as Record<string, unknown>;
      const range = peers[API] ?? deps[API];
      out.push({
        name,
        version: value.version,
        dir: key,
        where: `${rel}: ${key}`,
        apiPeer: typeof range === 'string' ? range : undefined,
        source: 'lockfile',
        lockLine: lineOfKey(text, key),
      });
    }
    return out;
  }
  const walkV1 = (deps: unknown, prefix: string): void => {
    if (!deps || typeof deps !== 'object') return;
    for (const [name, value] of Object.entries(deps as Record<string, Record<string, unknown>>)) {
      const key = `${prefix}node_modules/${name}`;
      if (name.startsWith('@opentelemetry/') && typeof value?.version === 'string') {
        out.push({ name, version: value.version, dir: key, where: `${rel}: ${key}`, apiPeer: undefined, source: 'lockfile', lockLine: lineOfKey(text, name) });
      }
      walkV1(value?.dependencies, `${key}/`);
    }
  };
  walkV1(lock.dependencies, '');
  return out;
}

/** The api copy a package loads: Node's lookup, the nearest `node_modules/@opentelemetry/api` up from its folder. */
function resolveApiFor(pkg: InstalledPackage, apis: readonly InstalledPackage[]): InstalledPackage | undefined {
  const byDir = new Map(apis.map((a) => [a.dir, a]));
  const p = pkg.source === 'installed' ? path : path.posix;
  let dir = pkg.dir;
  for (let i = 0; i < 64; i++) {
    if (p.basename(dir) !== 'node_modules') {
      const found = byDir.get(dir === '' || dir === '.' ? `node_modules/${API}` : p.join(dir, 'node_modules', API));
      if (found) return found;
    }
    if (dir === '' || dir === '.') break;
    const up = p.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

/** Stable (1.x/2.x/3.x major) packages of the core SDK; their major is the generation. */
const STABLE = new Set([
  'core', 'resources', 'sdk-trace-base', 'sdk-trace-node', 'sdk-trace-web', 'sdk-trace', 'sdk-metrics', 'context-async-hooks',
  'context-zone', 'context-zone-peer-dep', 'propagator-b3', 'propagator-jaeger', 'exporter-zipkin', 'exporter-jaeger', 'shim-opentracing',
]);
/** Experimental 0.x packages released with the core: 0.2xx is the 2.x line, 0.3xx the 3.x line. */
const EXPERIMENTAL = /^(sdk-node|instrumentation|instrumentation-(http|grpc|fetch|xml-http-request)|exporter-(trace|metrics|logs)-otlp-(http|grpc|proto)|otlp-.*|api-logs|sdk-logs|sdk-events|api-events|exporter-prometheus|configuration|browser-sdk)$/;

/** SDK generation of an OpenTelemetry package version (1, 2, 3), or undefined when its version says nothing about it. */
export function generationOf(name: string, version: string): number | undefined {
  const short = name.replace('@opentelemetry/', '');
  const v = parseVersion(version);
  if (!v) return undefined;
  if (STABLE.has(short)) return v[0] >= 1 ? v[0] : undefined;
  if (EXPERIMENTAL.test(short) && v[0] === 0) {
    if (v[1] >= 300) return 3;
    if (v[1] >= 200) return 2;
    if (v[1] >= 48) return 1;
  }
  return undefined;
}

export interface InstallFindings {
  readonly apiCopies: ApiCopy[];
  readonly generations: Record<string, string[]>;
  readonly findings: DoctorFinding[];
}

/** Findings about the installed tree (or lockfile) of the project's packages. */
export function checkInstalled(root: string, packageDirs: readonly string[]): InstallFindings {
  let packages = findInstalled(root, packageDirs);
  if (!packages.some((p) => p.name === API)) {
    const locks = packageDirs.map((d) => path.join(d, 'package-lock.json'));
    const locked = locks.flatMap((l) => findLocked(root, l));
    if (locked.length > 0) packages = locked;
  }
  const apis = packages.filter((p) => p.name === API);
  const findings: DoctorFinding[] = [];
  const loc = (p: InstalledPackage): Location =>
    p.source === 'installed' ? { file: `${p.where}/package.json`, line: 1 } : { file: p.where.split(': ')[0]!, line: p.lockLine ?? 1 };

  // who loads which copy
  const users = new Map<InstalledPackage, InstalledPackage[]>();
  for (const p of packages) {
    if (p.name === API || p.apiPeer === undefined) continue;
    const api = resolveApiFor(p, apis);
    if (!api) continue;
    users.set(api, [...(users.get(api) ?? []), p]);
    if (!satisfies(api.version, p.apiPeer)) {
      findings.push({
        code: 'mismatched-api-copy',
        severity: 'error',
        message: `${p.name}@${p.version} wants ${API} ${p.apiPeer} but loads ${api.version} (${api.where}): its registrations and tracers do not work with that copy`,
        locations: [loc(p), loc(api)],
        process: undefined,
      });
    }
  }

  const versions = [...new Set(apis.map((a) => a.version))];
  if (versions.length > 1) {
    const describe = (a: InstalledPackage): string => {
      const u = users.get(a) ?? [];
      const names = u.slice(0, 4).map((x) => `${x.name}@${x.version}`);
      return `${a.version} at ${a.where}${names.length ? ` (used by ${names.join(', ')}${u.length > 4 ? `, +${u.length - 4}` : ''})` : ''}`;
    };
    findings.push({
      code: 'duplicate-api-copies',
      severity: 'error',
      message:
        `${apis.length} copies of ${API} with different versions (${versions.join(', ')}): each copy keeps its own view of the global ` +
        `registry, so whichever side registers second gets no-op tracers and the registration fails silently. ` +
        `Copies: ${apis.map(describe).join('; ')}. Align the SDK packages on one generation so one copy is installed (npm dedupe / overrides)`,
      locations: apis.map(loc),
      process: undefined,
    });
  } else if (apis.length > 1) {
    findings.push({
      code: 'duplicate-api-copies',
      severity: 'info',
      message: `${apis.length} copies of ${API}@${versions[0]} are installed; same version, so they share the global registry (npm dedupe would remove the extra copies)`,
      locations: apis.map(loc),
      process: undefined,
    });
  }

  const generations: Record<string, string[]> = {};
  for (const p of packages) {
    const g = generationOf(p.name, p.version);
    if (g === undefined) continue;
    const label = `${p.name}@${p.version}`;
    const list = (generations[String(g)] ??= []);
    if (!list.includes(label)) list.push(label);
  }
  const gens = Object.keys(generations).sort();
  if (gens.length > 1) {
    findings.push({
      code: 'mixed-sdk-generations',
      severity: 'error',
      message:
        `OpenTelemetry SDK packages from ${gens.length} generations are installed (${gens.map((g) => `${g}.x: ${generations[g]!.slice(0, 4).join(', ')}${generations[g]!.length > 4 ? ', …' : ''}`).join('; ')}): ` +
        `their api peer ranges differ and their providers, processors and exporters are not interchangeable. Move every package to one line`,
      locations: gens.map((g) => {
        const first = packages.find((p) => generationOf(p.name, p.version) === Number(g))!;
        return loc(first);
      }),
      process: undefined,
    });
  }

  return {
    apiCopies: apis.map((a) => ({ path: a.where, version: a.version, source: a.source })),
    generations,
    findings,
  };
}
