// Cloudflare Worker projects: a wrangler configuration (`wrangler.toml`, `wrangler.json`,
// `wrangler.jsonc`) names the Worker's entry module in `main`; wrangler bundles that module and
// everything it imports into the Worker. Read from the file's folder up to its package's folder.
import { dirname, join, relative, resolve } from 'node:path';
import { FileMemo, findPackageDir, isFile, parseJsonObject, readText } from './files';
import { getProjectIndex } from './project-index';

export interface WorkerConfig {
  /** The wrangler configuration file (absolute). */
  readonly config: string;
  /** The entry module its `main` names (absolute, as written). */
  readonly entry: string;
}

const CONFIG_NAMES = ['wrangler.toml', 'wrangler.jsonc', 'wrangler.json'];

const memo = new FileMemo<WorkerConfig | undefined>();

/**
 * The Worker configuration that covers `file`: the nearest wrangler configuration with a `main`,
 * from the file's folder up to its package's folder (a monorepo's Worker may have none of its own).
 * Undefined outside any package, or when no configuration names an entry.
 */
export function findWorkerConfig(file: string): WorkerConfig | undefined {
  const start = dirname(resolve(file));
  const stop = findPackageDir(start);
  if (stop === undefined) return undefined;
  return memo.get(start, () => {
    for (let dir = start; ; dir = dirname(dir)) {
      for (const name of CONFIG_NAMES) {
        const config = join(dir, name);
        if (!isFile(config)) continue;
        const main = readMain(config);
        if (main !== undefined) return { config, entry: resolve(dir, main) };
      }
      if (dir === stop || relative(stop, dir).startsWith('..') || dirname(dir) === dir) return undefined;
    }
  });
}

/** `main` of a wrangler configuration: the top-level key (TOML: before the first table header). */
function readMain(config: string): string | undefined {
  const text = readText(config);
  if (text === undefined) return undefined;
  if (!config.endsWith('.toml')) {
    const main = parseJsonObject(text, true)?.main;
    return typeof main === 'string' && main !== '' ? main : undefined;
  }
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*\[/.test(line)) return undefined;
    const m = /^\s*main\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\s*(?:#.*)?$/.exec(line);
    if (m) return (m[1] ?? m[2]) || undefined;
  }
  return undefined;
}

const reachMemo = new FileMemo<ReadonlySet<string> | undefined>();

/**
 * True when `file` is the Worker's entry or a module it imports (directly or not, through the
 * project index): wrangler bundles it into the Worker. False when the entry is not a source file of
 * the project (a build output) or the project cannot be indexed.
 */
export function isWorkerModule(file: string, worker: WorkerConfig): boolean {
  const target = resolve(file);
  if (target === worker.entry) return true;
  return reachMemo.get(worker.entry, () => bundledModules(worker.entry))?.has(target) ?? false;
}

function bundledModules(entry: string): ReadonlySet<string> | undefined {
  const index = getProjectIndex(entry);
  if (!index?.imports.has(entry)) return undefined;
  const seen = new Set([entry]);
  const stack = [entry];
  while (stack.length > 0) {
    for (const next of index.imports.get(stack.pop()!) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(next);
    }
  }
  return seen;
}
