// Whether a TypeScript file's imports run in source order. `tsc` compiling to CommonJS turns each
// `import` into a `require` where it is written (TypeScript 6.0.3 `transpileModule`), so code above
// an import runs before it; esbuild (tsx, tsup) keeps ES semantics and hoists every import
// (test/runtime/import-order.test.ts). Read from the nearest tsconfig.json's `compilerOptions.module`
// (through relative `extends`); nest-cli.json's SWC builder (not run here) keeps the hoisting reading.
import { dirname, join, resolve } from 'node:path';
import { isFile, readJsonObject } from './files';
import { getProjectInfo } from './index';

const TS_FILE = /\.(?:c?ts|tsx)$/i;

/** True when the file is TypeScript that `tsc` compiles to CommonJS (imports stay in place); false when unknown. */
export function compilesImportsInPlace(filename: string): boolean {
  if (!TS_FILE.test(filename)) return false;
  const root = getProjectInfo(filename).root;
  if (!root) return false;
  if (nestBuildsWithSwc(root)) return false;
  let dir = dirname(resolve(filename));
  for (;;) {
    const config = join(dir, 'tsconfig.json');
    if (isFile(config)) return moduleOption(config, 0)?.toLowerCase() === 'commonjs';
    if (dir === root || dirname(dir) === dir) return false;
    dir = dirname(dir);
  }
}

/** `compilerOptions.module` of a tsconfig, or of the relative config it extends. */
function moduleOption(file: string, depth: number): string | undefined {
  const json = readJsonObject(file, { comments: true });
  const options = json?.compilerOptions as Record<string, unknown> | undefined;
  if (typeof options?.module === 'string') return options.module;
  if (typeof json?.extends !== 'string' || !json.extends.startsWith('.') || depth >= 5) return undefined;
  const target = resolve(dirname(file), json.extends);
  const withExt = target.endsWith('.json') ? target : `${target}.json`;
  return isFile(withExt) ? moduleOption(withExt, depth + 1) : undefined;
}

/** nest-cli.json's `compilerOptions.builder` is SWC (a string, or `{ type: 'swc' }`). */
function nestBuildsWithSwc(root: string): boolean {
  const cli = readJsonObject(join(root, 'nest-cli.json'), { comments: true });
  const builder = (cli?.compilerOptions as Record<string, unknown> | undefined)?.builder;
  const type = typeof builder === 'string' ? builder : (builder as Record<string, unknown> | undefined)?.type;
  return type === 'swc';
}
