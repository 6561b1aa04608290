// The project index: every source file of a project and its import graph, read from text
// (one scan per file, no parse), for evidence a per-file rule cannot see in its own file —
// who imports a module, who calls an exported init. Built lazily, only when a rule needs
// cross-file evidence, once per project, and revalidated like every project fact
// (src/project/files.ts): a file added, removed or edited is seen on the next lint.
import path from 'node:path';
import { FileMemo, findPackageDir, isDirectory, isFile, listDir, readJsonObject, readText } from './files';
import { scanSpecifiers } from './imports';
import { Resolver, SOURCE_EXTENSIONS, type WorkspacePackage } from './resolve';
import { workStats } from '../work-stats';

export interface ProjectIndex {
  /** The folder indexed: the workspace root of a monorepo, else the nearest package.json's folder. */
  readonly root: string;
  /** Absolute paths of the project's source files. */
  readonly files: readonly string[];
  /** Project files each file imports (resolved; packages and builtins left out). */
  readonly imports: ReadonlyMap<string, readonly string[]>;
  /** The reverse: files importing each file. */
  readonly importers: ReadonlyMap<string, readonly string[]>;
  /** Per file, what each of its project-local import specifiers resolves to. */
  readonly resolved: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** The text of a file as indexed. */
  text(file: string): string | undefined;
}

/** Folders never indexed: dependencies, build output, tool caches. */
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.output', '.svelte-kit', '.turbo', '.vercel', 'vendor', 'tmp']);
/** A project larger than this is not indexed: evidence that needs the index is then unknown (and nothing is reported on it). */
const MAX_FILES = 20_000;
/** Indexed files: JavaScript and TypeScript sources, and Vue/Svelte components (as importers: they are HMR boundaries). */
const SOURCE = new Set<string>([...SOURCE_EXTENSIONS, '.vue', '.svelte']);
const DECLARATION = /\.d\.[cm]?ts$/;

const indexMemo = new FileMemo<ProjectIndex | undefined>();

/** Work counters for the perf tests and the bench: how often an index was built, of how many files, in how many ms. */
export const projectIndexStats = workStats('projectIndex', { built: 0, files: 0, ms: 0 });

/** The index of the project `file` belongs to, or undefined (no package.json above it, or too large to index). */
export function getProjectIndex(file: string): ProjectIndex | undefined {
  const root = findProjectRoot(file);
  if (root === undefined) return undefined;
  return indexMemo.get(root, () => buildIndex(root));
}

/**
 * The folder a file's project index covers: the workspace root above the nearest package.json
 * (a package.json with `workspaces`, or a pnpm workspace), else that package.json's folder;
 * undefined for a file in no package.
 */
export function findProjectRoot(file: string): string | undefined {
  const nearest = findPackageDir(path.dirname(path.resolve(file)));
  if (nearest === undefined) return undefined;
  for (let up = path.dirname(nearest); up !== path.dirname(up); ) {
    const pkg = findPackageDir(up);
    if (pkg === undefined) break;
    if (isWorkspaceRoot(pkg)) return pkg;
    up = path.dirname(pkg);
  }
  return nearest;
}

/** A folder that declares a monorepo's packages: package.json `workspaces` (npm, yarn) or a pnpm-workspace.yaml. */
export function isWorkspaceRoot(dir: string): boolean {
  return readJsonObject(path.join(dir, 'package.json'))?.workspaces !== undefined || isFile(path.join(dir, 'pnpm-workspace.yaml'));
}

function buildIndex(root: string): ProjectIndex | undefined {
  const started = performance.now();
  try {
    return indexProject(root);
  } finally {
    projectIndexStats.ms += performance.now() - started;
  }
}

function indexProject(root: string): ProjectIndex | undefined {
  projectIndexStats.built++;
  const files: string[] = [];
  const packages: WorkspacePackage[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const name of listDir(dir)) {
      const full = path.join(dir, name);
      if (name === 'package.json') {
        const manifest = readJsonObject(full, { comments: true });
        if (manifest && typeof manifest.name === 'string') packages.push({ name: manifest.name, dir, manifest });
        continue;
      }
      if (SOURCE.has(path.extname(name)) && !DECLARATION.test(name)) {
        if (isFile(full)) files.push(full);
        if (files.length > MAX_FILES) return undefined;
      } else if (!name.startsWith('.') && !SKIP_DIRS.has(name) && isDirectory(full)) stack.push(full);
    }
  }
  files.sort();
  projectIndexStats.files += files.length;
  const resolver = new Resolver(root, packages);
  const texts = new Map<string, string>();
  const imports = new Map<string, string[]>();
  const importers = new Map<string, string[]>();
  const resolved = new Map<string, Map<string, string>>();
  for (const file of files) {
    const text = readText(file) ?? '';
    texts.set(file, text);
    const targets = new Set<string>();
    const bySpec = new Map<string, string>();
    for (const spec of scanSpecifiers(text)) {
      if (spec.startsWith('node:')) continue;
      const target = resolver.resolveImport(spec, file);
      if (target === undefined || target.includes(`${path.sep}node_modules${path.sep}`)) continue;
      targets.add(target);
      bySpec.set(spec, target);
    }
    resolved.set(file, bySpec);
    imports.set(file, [...targets]);
    for (const t of targets) importers.set(t, [...(importers.get(t) ?? []), file]);
  }
  return { root, files, imports, importers, resolved, text: (file) => texts.get(file) };
}
