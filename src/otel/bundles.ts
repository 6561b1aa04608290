// The auto-instrumentation bundles as data (generated from the installed packages by
// scripts/generate-bundle-table.mjs into bundles.generated.json): members, default state,
// how each one patches, and (Node) the modules it instruments; and the first Node bundle release
// that contains each member (scripts/generate-bundle-history.mjs, bundle-history.generated.json).
import generated from './bundles.generated.json';
import history from './bundle-history.generated.json';
import type { Platform } from './types';

/**
 * `channel`: diagnostics_channel subscribers (a second instance doubles spans); `wrap`: shimmer
 * patches that unwrap first (a second instance replaces the first one's config); `browser-wrap`:
 * browser wrapping that stacks; `collector`: patches nothing and collects metrics (runtime-node,
 * host-metrics), so a second instance reports every metric twice.
 */
export type Patching = 'channel' | 'wrap' | 'browser-wrap' | 'collector';

export interface BundleMember {
  /** `instrumentationName` = npm package name = config-map key. */
  readonly name: string;
  readonly className: string;
  readonly defaultEnabled: boolean;
  readonly patching: Patching;
  /** Modules the instrumentation patches (Node only). */
  readonly modules?: readonly string[];
}

export interface Bundle {
  readonly package: string;
  readonly version: string;
  readonly instrumentations: readonly BundleMember[];
}

export const BUNDLES: Readonly<Record<'node' | 'web', Bundle>> = {
  node: generated.node as Bundle,
  web: generated.web as Bundle,
};

const byName = new Map<string, BundleMember>();
for (const b of Object.values(BUNDLES)) for (const m of b.instrumentations) byName.set(m.name, m);

/** The bundle of a platform (`any` counts as Node). */
export function bundleFor(platform: Platform): Bundle {
  return platform === 'web' ? BUNDLES.web : BUNDLES.node;
}

/** A known instrumentation by its `instrumentationName`. */
export function bundleMember(name: string): BundleMember | undefined {
  return byName.get(name);
}

/** True when a second instance of the instrumentation adds spans rather than replacing the first one's patches. */
export function stacks(name: string): boolean {
  const m = byName.get(name);
  return !!m && m.patching !== 'wrap';
}

let moduleIndex: Map<string, BundleMember[]> | undefined;

/** Node bundle members that instrument a module specifier (`node:` prefix and subpaths ignored). */
export function instrumentationsOfModule(specifier: string): readonly BundleMember[] {
  if (!moduleIndex) {
    moduleIndex = new Map();
    for (const m of BUNDLES.node.instrumentations) for (const mod of m.modules ?? []) moduleIndex.set(mod, [...(moduleIndex.get(mod) ?? []), m]);
  }
  const s = specifier.replace(/^node:/, '');
  const direct = moduleIndex.get(s);
  if (direct) return direct;
  const parts = s.split('/');
  const base = s.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return moduleIndex.get(base) ?? [];
}

/**
 * Vendor instrumentations that enable bundle members themselves (otel-api-surface.md §4.3;
 * hand-maintained, not generated): Faro's TracingInstrumentation brings fetch + XHR
 * instrumentations unless its `instrumentations` option replaces them.
 */
export const VENDOR_BUNDLES: Readonly<Record<string, { readonly members: readonly string[]; readonly unlessOption: string; readonly platform: 'node' | 'web' }>> = {
  '@grafana/faro-web-tracing#TracingInstrumentation': {
    members: ['@opentelemetry/instrumentation-fetch', '@opentelemetry/instrumentation-xml-http-request'],
    unlessOption: 'instrumentations',
    platform: 'web',
  },
};

/**
 * The Node bundle before 0.28.0 had eleven members (npm registry: `npm view
 * @opentelemetry/auto-instrumentations-node@0.27.0 dependencies`); aws-lambda and the rest came
 * in 0.28.0. A project on an older bundle has only these.
 */
const EARLY_NODE_BUNDLE = { before: [0, 28], members: ['dns', 'express', 'graphql', 'grpc', 'http', 'ioredis', 'koa', 'mongodb', 'mysql', 'pg', 'redis'].map((m) => `@opentelemetry/instrumentation-${m}`) } as const;

/** The first Node bundle release (from 0.28.0 on) that contains a member, from the registry history. */
export function firstNodeBundleRelease(name: string): string | undefined {
  return (history.firstRelease as Readonly<Record<string, string>>)[name];
}

/**
 * The Node bundle's members for a version or range of it (`^0.25.0`): the current table unless the
 * version is known to be older. A member that came in a later release than the project's (runtime-node
 * first in 0.58.0) is left out when the version pins the minor: an installed or locked version, or a
 * `^0.x` / `~` / exact range. Other ranges (`>=0.40`, `latest`) and unknown versions keep every member.
 */
export function nodeBundleMembersAt(version: string | undefined): readonly BundleMember[] {
  const all = BUNDLES.node.instrumentations;
  const m = version ? /(\d+)\.(\d+)/.exec(version) : null;
  if (!m) return all;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  const [bMajor, bMinor] = EARLY_NODE_BUNDLE.before;
  if (major < bMajor || (major === bMajor && minor < bMinor)) return all.filter((i) => (EARLY_NODE_BUNDLE.members as readonly string[]).includes(i.name));
  if (!pinsMinor(version!)) return all;
  return all.filter((i) => {
    const since = firstNodeBundleRelease(i.name);
    const s = since ? /(\d+)\.(\d+)/.exec(since) : null;
    if (!s) return true;
    const [sMajor, sMinor] = [Number(s[1]), Number(s[2])];
    return sMajor < major || (sMajor === major && sMinor <= minor);
  });
}

/** A version that fixes major and minor: `0.49.1`, `^0.49.1` (0.x carets stay within the minor), `~0.49.1`, `0.49.x`. */
function pinsMinor(version: string): boolean {
  const v = version.trim();
  if (/^=?v?\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/.test(v)) return true;
  if (/^~\s*\d+\.\d+/.test(v)) return true;
  if (/^\^\s*0\.\d+/.test(v)) return true;
  return /^\d+\.\d+\.[x*]$/.test(v);
}
