// Work counters of the fast paths and of what is built lazily (the project index, the Python
// parser), reachable from outside the bundle through one registered symbol: bench/eslint.mjs
// reads them from the built plugin, whose entry exports no internals.
const KEY = Symbol.for('otel-safe.workStats');

type Registry = Record<string, object>;

/** Registers `stats` under `name` (readable as `globalThis[Symbol.for('otel-safe.workStats')][name]`) and returns it. */
export function workStats<T extends object>(name: string, stats: T): T {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  (holder[KEY] ??= {})[name] = stats;
  return stats;
}
