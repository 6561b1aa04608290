import type { TransformEntry } from '../codemod/types';

/** Transforms by the name users type. */
export type Registry = Readonly<Record<string, TransformEntry>>;

/** The shipped transforms; loaded on demand so tests can inject their own registry instead. */
export async function loadRegistry(): Promise<Registry> {
  return (await import('../codemod/registry')).transforms;
}

/** Own properties only, so `toString` or `__proto__` are not transforms. */
export function findTransform(registry: Registry, name: string): TransformEntry | undefined {
  return Object.hasOwn(registry, name) ? registry[name] : undefined;
}

/** `{ name, description, rule }` per transform, in registry order, for `list` and the unknown-transform message. */
export function describeTransforms(registry: Registry): { name: string; description: string; rule: string | undefined }[] {
  return Object.entries(registry).map(([name, entry]) => ({ name, description: entry.description, rule: entry.rule }));
}
