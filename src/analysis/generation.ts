// Which SDK generation (otel-api-surface.md §0.1) a module of a file belongs to: pinned by
// `settings['otel-safe'].sdkGeneration`, fixed by the import path (the table's `gens`), or read
// from the installed / locked / declared version of the package (src/project/versions.ts), else
// from the rest of the project's OpenTelemetry packages. Cached until the project files change; never throws.
import { dirname, resolve } from 'node:path';
import type { Generation } from '../otel/types';
import { FileMemo } from '../project/files';
import type { PackageVersion } from '../project/versions';
import { packageVersion } from '../project/versions';
import type { FileModel } from './model';

export type GenerationSource = 'pinned' | 'import path' | 'installed' | 'lockfile' | 'declared' | 'project';

export interface GenerationInfo {
  readonly gen: Generation;
  readonly source: GenerationSource;
  /** The package (and version) the generation was read from, when it came from a version. */
  readonly from?: PackageVersion;
}

/** Stable-line packages: major version = generation (0.x = pre-1.0). */
const STABLE = new Set([
  'sdk-trace', 'sdk-trace-base', 'sdk-trace-node', 'sdk-trace-web', 'core', 'resources', 'context-async-hooks', 'context-zone',
  'context-zone-peer-dep', 'sdk-metrics', 'propagator-b3', 'propagator-jaeger', 'exporter-zipkin', 'exporter-jaeger', 'shim-opentracing',
].map((n) => `@opentelemetry/${n}`));

/** Experimental-line packages: 0.25–0.57 = 1.x, 0.200–0.2xx = 2.x, 0.300+ = 3.x (≤0.24 = pre-1.0). */
const EXPERIMENTAL = new Set([
  'sdk-node', 'instrumentation', 'api-logs', 'sdk-logs', 'configuration', 'otlp-exporter-base', 'otlp-transformer',
  'exporter-trace-otlp-http', 'exporter-trace-otlp-grpc', 'exporter-trace-otlp-proto',
  'exporter-metrics-otlp-http', 'exporter-metrics-otlp-grpc', 'exporter-metrics-otlp-proto',
  'exporter-logs-otlp-http', 'exporter-logs-otlp-grpc', 'exporter-logs-otlp-proto', 'exporter-prometheus',
  'instrumentation-http', 'instrumentation-grpc', 'instrumentation-fetch', 'instrumentation-xml-http-request',
].map((n) => `@opentelemetry/${n}`));

/** The packages that say which generation a project is on, in the order they are asked. */
const PROJECT_PACKAGES = [
  '@opentelemetry/sdk-trace', '@opentelemetry/sdk-node', '@opentelemetry/sdk-trace-base', '@opentelemetry/sdk-trace-node',
  '@opentelemetry/sdk-trace-web', '@opentelemetry/core', '@opentelemetry/context-async-hooks', '@opentelemetry/instrumentation',
  '@opentelemetry/auto-instrumentations-node', '@opentelemetry/exporter-trace-otlp-http', '@opentelemetry/api',
];

/** The npm package a module specifier loads (`@scope/name/sub` → `@scope/name`). */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The lowest version a version or range names (`^2.0.1` → [2, 0], `~0.57` → [0, 57]), or undefined (`*`, `latest`, tags, URLs). */
function lowestVersion(range: string): [number, number] | undefined {
  const r = range.trim().replace(/^npm:[^@]+@/, '').replace(/^workspace:/, '');
  if (/^[a-z]+:|\//i.test(r)) return undefined;
  const m = /(\d+)(?:\.(\d+|x|\*))?/.exec(r);
  if (!m) return undefined;
  const minor = m[2] === undefined || m[2] === 'x' || m[2] === '*' ? 0 : Number(m[2]);
  return [Number(m[1]), minor];
}

/** The generation a version (or declared range) of an OpenTelemetry package belongs to; undefined when the package does not tell. */
export function generationOfVersion(pkg: string, version: string): Generation | undefined {
  const v = lowestVersion(version);
  if (!v) return undefined;
  const [major, minor] = v;
  if (STABLE.has(pkg)) return major >= 3 ? 3 : (major as Generation);
  if (EXPERIMENTAL.has(pkg)) {
    if (major > 0) return undefined;
    if (minor >= 300) return 3;
    if (minor >= 200) return 2;
    if (minor >= 25) return 1;
    return 0;
  }
  if (pkg === '@opentelemetry/auto-instrumentations-node') {
    if (major > 0) return undefined;
    return minor >= 82 ? 3 : minor >= 57 ? 2 : 1;
  }
  // api 1.10 is the 3.x peer; older 1.x serve pre-1.0, 1.x and 2.x alike
  if (pkg === '@opentelemetry/api') return major === 1 && minor >= 10 ? 3 : undefined;
  return undefined;
}

function fromVersion(pkg: string, filename: string): GenerationInfo | undefined {
  const v = packageVersion(filename, pkg);
  if (!v) return undefined;
  const gen = generationOfVersion(pkg, v.version);
  return gen === undefined ? undefined : { gen, source: v.source, from: v };
}

const projectMemo = new FileMemo<GenerationInfo | undefined>();

/** Work counter for test/perf: project generations asked for (unpinned; a cached answer counts too). */
export const generationStats = { projectLookups: 0 };

/**
 * The generation of the project a file belongs to: the pinned one, else the newest generation
 * among its OpenTelemetry packages (a project with one 3.x package is migrating to 3.x).
 */
export function projectGeneration(filename: string, pinned: Generation | undefined): GenerationInfo | undefined {
  if (pinned !== undefined) return { gen: pinned, source: 'pinned' };
  generationStats.projectLookups++;
  return projectMemo.get(dirname(resolve(filename)), () => {
    let best: GenerationInfo | undefined;
    try {
      for (const pkg of PROJECT_PACKAGES) {
        const info = fromVersion(pkg, filename);
        if (info && (!best || info.gen > best.gen)) best = info;
      }
    } catch {
      best = undefined;
    }
    return best;
  });
}

/** The generation `gen` as the module can be: itself when the module has it, else the nearest the module has. */
function clamp(gen: Generation, gens: readonly Generation[]): Generation {
  if (gens.includes(gen)) return gen;
  const below = gens.filter((g) => g < gen);
  return below.length > 0 ? Math.max(...below) as Generation : Math.min(...gens) as Generation;
}

/**
 * The generation of a module as a file uses it. `pinned` (the setting, or the codemod's `--to`) is
 * the project's generation; a module that has no release in it (`sdk-trace-node` under 3.x) keeps
 * its last one.
 */
export function moduleGeneration(model: FileModel, module: string, pinned: Generation | undefined = model.settings.sdkGeneration): GenerationInfo | undefined {
  const spec = model.table.module(module);
  const gens = spec?.gens ?? [];
  if (pinned !== undefined) return gens.length > 0 ? { gen: clamp(pinned, gens), source: 'pinned' } : { gen: pinned, source: 'pinned' };
  if (gens.length === 1) return { gen: gens[0]!, source: 'import path' };
  try {
    const own = fromVersion(packageOf(module), model.filename);
    if (own && (gens.length === 0 || gens.includes(own.gen))) return own;
  } catch {
    // unreadable project files: fall through to the project's generation
  }
  const project = projectGeneration(model.filename, undefined);
  if (!project) return undefined;
  return { gen: gens.length > 0 ? clamp(project.gen, gens) : project.gen, source: 'project', from: project.from };
}

/** Words for a message: `SDK 2.x (@opentelemetry/sdk-trace-base 2.12.1 installed)`. */
export function describeGeneration(info: GenerationInfo, module?: string): string {
  const g = info.gen === 0 ? 'pre-1.0' : `${info.gen}.x`;
  switch (info.source) {
    case 'pinned':
      return `SDK ${g} (settings['otel-safe'].sdkGeneration)`;
    case 'import path':
      return `SDK ${g} (${module ?? 'the import path'})`;
    case 'installed':
      return `SDK ${g} (${info.from!.name} ${info.from!.version} installed)`;
    case 'lockfile':
      return `SDK ${g} (${info.from!.name} ${info.from!.version} in the lockfile)`;
    case 'declared':
      return `SDK ${g} (${info.from!.name} ${info.from!.version} in package.json)`;
    default:
      return info.from ? `SDK ${g} (the project's ${info.from.name} ${info.from.version})` : `SDK ${g}`;
  }
}
