// The packages of the monorepo a file belongs to, read from the workspace root's declarations
// only (package.json `workspaces`, npm/yarn; `packages:` of pnpm-workspace.yaml) and their
// package.json names: enough to tell whether a bare specifier names a workspace package
// (`@acme/tracing`) without walking the whole tree.
import path from 'node:path';
import { FileMemo, isFile, listDir, readJsonObject, readText } from './files';
import { findProjectRoot, isWorkspaceRoot } from './project-index';
import type { WorkspacePackage } from './resolve';

const memo = new FileMemo<readonly WorkspacePackage[]>();

/** The workspace packages of the file's monorepo (none outside one). */
export function workspacePackages(filename: string): readonly WorkspacePackage[] {
  const root = findProjectRoot(filename);
  if (root === undefined || !isWorkspaceRoot(root)) return [];
  return memo.get(root, () => {
    const out: WorkspacePackage[] = [];
    for (const dir of packageDirs(root)) {
      const manifest = readJsonObject(path.join(dir, 'package.json'), { comments: true });
      if (manifest && typeof manifest.name === 'string') out.push({ name: manifest.name, dir, manifest });
    }
    return out;
  });
}

/** The package name a bare specifier names (`@acme/tracing/register` → `@acme/tracing`). */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Folders the workspace globs name: `packages/*` (and `/**`, read one level deep) or an exact folder; `!` exclusions dropped. */
function packageDirs(root: string): string[] {
  const dirs = new Set<string>();
  const excluded = new Set<string>();
  for (const glob of workspaceGlobs(root)) {
    const negated = glob.startsWith('!');
    const clean = glob.replace(/^!/, '').replace(/^\.\//, '').replace(/\/+$/, '');
    const wild = /\/\*\*?$/.exec(clean);
    const base = path.join(root, wild ? clean.slice(0, wild.index) : clean);
    if (base.includes('*')) continue;
    const found = wild ? listDir(base).map((n) => path.join(base, n)) : [base];
    for (const d of found) if (isFile(path.join(d, 'package.json'))) (negated ? excluded : dirs).add(d);
  }
  return [...dirs].filter((d) => !excluded.has(d));
}

function workspaceGlobs(root: string): string[] {
  const ws = readJsonObject(path.join(root, 'package.json'))?.workspaces;
  const fromJson = Array.isArray(ws) ? ws : ws && typeof ws === 'object' && Array.isArray((ws as Record<string, unknown>).packages) ? ((ws as Record<string, unknown>).packages as unknown[]) : [];
  const globs = fromJson.filter((g): g is string => typeof g === 'string');
  // pnpm-workspace.yaml: the list items under `packages:`
  const yaml = readText(path.join(root, 'pnpm-workspace.yaml'));
  if (yaml !== undefined) {
    let inPackages = false;
    for (const line of yaml.split(/\r?\n/)) {
      if (/^packages\s*:/.test(line)) inPackages = true;
      else if (/^\S/.test(line)) inPackages = false;
      else if (inPackages) {
        const item = /^\s*-\s*['"]?([^'"#]+?)['"]?\s*(?:#.*)?$/.exec(line);
        if (item) globs.push(item[1]!);
      }
    }
  }
  return globs;
}
