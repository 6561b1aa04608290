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
