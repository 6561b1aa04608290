import type { TransformEntry } from '../codemod/types';
import { extensionOf } from './files';

/** Every transform entry, one per name and language. */
export type Registry = readonly TransformEntry[];

/** What one name on the command line runs: its entries, one per language. */
export interface TransformCommand {
  readonly name: string;
  readonly entries: readonly TransformEntry[];
}

/** The shipped transforms; loaded on demand so tests can inject their own registry instead. */
export async function loadRegistry(): Promise<Registry> {
  return (await import('../../codemods')).registry;
}

/** The entries named `name`, or undefined when there are none. */
export function findTransform(registry: Registry, name: string): TransformCommand | undefined {
  const entries = registry.filter((t) => t.name === name);
  return entries.length > 0 ? { name, entries } : undefined;
}

/** Each command's entries by extension: `entryFor` runs once per file of a run, thousands of times. */
const entriesByExtension = new WeakMap<TransformCommand, Map<string, TransformEntry | undefined>>();

/** The entry of a command that handles a file (by extension), if any. */
export function entryFor(command: TransformCommand, file: string): TransformEntry | undefined {
  let byExtension = entriesByExtension.get(command);
  if (!byExtension) entriesByExtension.set(command, (byExtension = new Map()));
  const ext = extensionOf(file);
  if (byExtension.has(ext)) return byExtension.get(ext);
  const entry = command.entries.find((e) => e.extensions.includes(ext));
  byExtension.set(ext, entry);
  return entry;
}

/** `{ name, description, rule, languages }` per transform name, in registry order, for `list` and the unknown-transform message. */
export function describeTransforms(registry: Registry): { name: string; description: string; rule: string | undefined; languages: string[] }[] {
  const out = new Map<string, { name: string; description: string; rule: string | undefined; languages: string[] }>();
  for (const t of registry) {
    const seen = out.get(t.name);
    if (seen) seen.languages.push(t.language);
    else out.set(t.name, { name: t.name, description: t.description, rule: t.rule, languages: [t.language] });
  }
  return [...out.values()];
}
