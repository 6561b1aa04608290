// What the nearest package.json declares: the one answer to "may generated code import this
// package?" for every fix planner (a codemod never adds a dependency the project does not have).
import { join } from 'node:path';
import { getProjectInfo } from './index';

export interface DeclaredDependencies {
  /** Path of the package.json the answer comes from. */
  readonly packageJson: string;
  /** True when `module` is in its dependencies or devDependencies. */
  has(module: string): boolean;
}

/** The nearest package.json's declared packages; undefined when the file has none (nothing to check against). */
export function declaredDependencies(filename: string): DeclaredDependencies | undefined {
  const info = getProjectInfo(filename);
  if (!info.root || !info.packageJson) return undefined;
  const deps = info.packageJson.dependencies;
  return { packageJson: join(info.root, 'package.json'), has: (m) => Object.hasOwn(deps, m) };
}

/**
 * Of the modules generated code would import, those that would be a new dependency: not declared
 * by the nearest package.json and not already imported by the file. None outside any package.
 */
export function undeclaredModules(filename: string, modules: Iterable<string>, importedByFile: ReadonlySet<string>): string[] {
  const declared = declaredDependencies(filename);
  if (!declared) return [];
  return [...new Set(modules)].filter((m) => !importedByFile.has(m) && !declared.has(m));
}
