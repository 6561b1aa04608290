// Project-file awareness (SPEC §4 "Reading project files"): the nearest package.json
// (scripts, dependencies), nodemon configuration, and which files dev-like scripts run
// or preload. Cached until one of the files they come from changes (src/project/files.ts);
// a missing or malformed file is treated as absent and never throws.
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { FileMemo, findPackageDir, isRecord, readJsonObject } from './files';
import { parseCommandLine, PRELOAD_FLAGS } from './shell';

export interface PackageJson {
  readonly scripts: Readonly<Record<string, string>>;
  readonly dependencies: Readonly<Record<string, string>>;
  readonly nodemonConfig: Readonly<Record<string, unknown>> | undefined;
}

export interface ProjectInfo {
  /** Directory of the nearest package.json, or undefined when there is none. */
  readonly root: string | undefined;
  readonly packageJson: PackageJson | undefined;
  /** The project restarts its process with nodemon (a script, nodemon.json or `nodemonConfig`). */
  readonly usesNodemon: boolean;
  /** The signal nodemon restarts with (`--signal`, `signal` in its config); SIGUSR2 by default. */
  readonly nodemonSignal: string;
  /** Absolute paths (extension kept) of files that a dev-like script runs or preloads. */
  readonly devScriptFiles: ReadonlySet<string>;
  /** Absolute paths of files that a script that is not dev-like runs or preloads. */
  readonly prodScriptFiles: ReadonlySet<string>;
}

export { isFile, revalidate } from './files';

function stringRecord(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Project facts for the file at `filename` (its nearest package.json's). */
export function getProjectInfo(filename: string): ProjectInfo {
  return readProject(findPackageDir(dirname(resolve(filename))));
}

const EMPTY: ProjectInfo = {
  root: undefined,
  packageJson: undefined,
  usesNodemon: false,
  nodemonSignal: 'SIGUSR2',
  devScriptFiles: new Set(),
  prodScriptFiles: new Set(),
};

const projectMemo = new FileMemo<ProjectInfo>();

function readProject(root: string | undefined): ProjectInfo {
  if (!root) return EMPTY;
  return projectMemo.get(root, () => readPackage(root));
}

function readPackage(root: string): ProjectInfo {
  const raw = readJsonObject(join(root, 'package.json'));
  const packageJson: PackageJson | undefined = raw
    ? {
        scripts: stringRecord(raw.scripts),
        dependencies: { ...stringRecord(raw.dependencies), ...stringRecord(raw.devDependencies) },
        nodemonConfig: raw.nodemonConfig && typeof raw.nodemonConfig === 'object' ? (raw.nodemonConfig as Record<string, unknown>) : undefined,
      }
    : undefined;
  const nodemonJson = readJsonObject(join(root, 'nodemon.json'));
  const scripts = packageJson?.scripts ?? {};
  const devScriptFiles = new Set<string>();
  const prodScriptFiles = new Set<string>();
  let nodemonInScripts = false;
  let signalFromScript: string | undefined;
  for (const [name, command] of Object.entries(scripts)) {
    const parsed = parseScript(command);
    if (parsed.nodemon) nodemonInScripts = true;
    signalFromScript ??= parsed.signal;
    const target = isDevScript(name, parsed) ? devScriptFiles : prodScriptFiles;
    // a bare `nodemon` runs the package's `main` (index.js by default)
    const files = parsed.nodemon && parsed.files.length === 0 ? [`./${typeof raw?.main === 'string' ? raw.main.replace(/^\.\//, '') : 'index.js'}`] : parsed.files;
    for (const f of files) for (const abs of candidates(root, f)) target.add(abs);
  }
  // nodemon's own config can name what it runs (`exec`) and preloads
  for (const cfg of [nodemonJson, packageJson?.nodemonConfig]) {
    if (cfg && typeof cfg.exec === 'string') for (const f of parseScript(cfg.exec).files) for (const abs of candidates(root, f)) devScriptFiles.add(abs);
  }
  const configSignal = [nodemonJson?.signal, packageJson?.nodemonConfig?.signal].find((s): s is string => typeof s === 'string');
  // a nodemon dependency alone does not say the process runs under it
  const usesNodemon = nodemonInScripts || !!nodemonJson || !!packageJson?.nodemonConfig;
  return {
    root,
    packageJson,
    usesNodemon,
    nodemonSignal: (configSignal ?? signalFromScript ?? 'SIGUSR2').toUpperCase(),
    devScriptFiles,
    prodScriptFiles,
  };
}

interface ParsedScript {
  /** Files run or preloaded (relative as written). */
  readonly files: string[];
  readonly nodemon: boolean;
  /** Runs under a restarting watcher (`nodemon`, `node --watch`, `tsx watch`, `ts-node-dev`, ...). */
  readonly watch: boolean;
  readonly signal: string | undefined;
}

const SCRIPT_EXT = /\.(?:[cm]?[jt]sx?)$/;

/** What a package.json script runs: entry files, preloads (flags and `NODE_OPTIONS`), and whether it watches. */
export function parseScript(command: string): ParsedScript {
  const files: string[] = [];
  let nodemon = false;
  let watch = false;
  let signal: string | undefined;
  // every command of the line counts (a file a dev script runs after `&&` is still run by it)
  for (const { env, argv: words } of parseCommandLine(command)) {
    // NODE_OPTIONS='--require ./x' (an environment prefix)
    if (env.NODE_OPTIONS !== undefined) files.push(...parseScript(env.NODE_OPTIONS).files);
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const tool = basename(w);
      if (tool === 'nodemon') nodemon = watch = true;
      else if (tool === 'ts-node-dev' || tool === 'tsnd' || tool === 'node-dev') watch = true;
      else if (w === '--watch' || w.startsWith('--watch=') || w === 'watch') watch = true;
      if ((w === '--signal' || w === '-s') && nodemon) signal = words[i + 1];
      else if (w.startsWith('--signal=')) signal = w.slice('--signal='.length);
      // `export NODE_OPTIONS=…` (or one after `env -i`): not a prefix, still counts
      const exported = /^NODE_OPTIONS=(.*)$/s.exec(w);
      if (exported) {
        files.push(...parseScript(exported[1]!).files);
        continue;
      }
      if (PRELOAD_FLAGS.has(w) && words[i + 1]) {
        files.push(words[++i]!);
        continue;
      }
      const eq = /^(--require|--import|--loader|--experimental-loader)=(.+)$/.exec(w);
      if (eq) {
        files.push(eq[2]!);
        continue;
      }
      if (!w.startsWith('-') && SCRIPT_EXT.test(w)) files.push(w);
    }
  }
  return { files, nodemon, watch, signal };
}

/** Script names that mean "development" (`dev`, `start:dev`, `watch`, `serve`), for the rules and doctor alike. */
export const DEV_SCRIPT_NAME = /(?:^|[:_-])(?:dev|develop|development|watch|serve)(?:$|[:_-])/i;

function isDevScript(name: string, parsed: ParsedScript): boolean {
  return parsed.watch || DEV_SCRIPT_NAME.test(name);
}

/** Absolute paths a script argument can name (relative to the package; module specifiers are skipped). */
function candidates(root: string, file: string): string[] {
  // bare module specifiers (`@opentelemetry/auto-instrumentations-node/register`) are not project files
  if (file.startsWith('@') || (!file.startsWith('.') && !file.startsWith('/') && !SCRIPT_EXT.test(file))) return [];
  const abs = isAbsolute(file) ? file : resolve(root, file);
  if (extname(abs)) return [abs];
  return ['.js', '.ts', '.mjs', '.cjs', '.mts', '.cts'].map((e) => abs + e).concat([join(abs, 'index.js'), join(abs, 'index.ts')]);
}

/** Default dev-entrypoint globs (SPEC §4). */
export const DEFAULT_DEV_ENTRYPOINTS: readonly string[] = ['**/*.dev.*', '**/*.development.*', '**/dev.*', '**/development.*', '**/dev/**'];

const matcherCache = new Map<string, (path: string) => boolean>();

function matcher(globs: readonly string[]): (path: string) => boolean {
  const key = globs.join('\0');
  let m = matcherCache.get(key);
  if (!m) {
    m = picomatch([...globs], { dot: true });
    matcherCache.set(key, m);
  }
  return m;
}

/** Why a file counts as a dev entrypoint, or undefined. `glob`: dev-only by name; `script`: run by a dev-like script. */
export type DevEntrypointReason = 'glob' | 'script';

/**
 * A file's path as project globs see it: relative to its project (the nearest package.json's
 * folder), else to `cwd` (ESLint's, or the CLI's), with forward slashes; undefined when the
 * file is outside both. Never relative to the process's working directory, so a file gets the
 * same verdict whichever folder the linter was started from.
 */
export function projectRelativePath(filename: string, cwd: string | undefined): string | undefined {
  const abs = resolve(filename);
  const base = getProjectInfo(abs).root ?? (cwd === undefined ? undefined : resolve(cwd));
  if (base === undefined) return undefined;
  const rel = toPosix(relative(base, abs));
  return rel.startsWith('../') || rel === '..' || isAbsolute(rel) ? undefined : rel;
}

/** True when a file matches project globs (see `projectRelativePath`). */
export function matchesProjectGlobs(filename: string, globs: readonly string[], cwd: string | undefined): boolean {
  const rel = projectRelativePath(filename, cwd);
  return rel !== undefined && matcher(globs)(rel);
}

/**
 * Whether a file is a dev entrypoint: it matches the default globs or
 * `settings['otel-safe'].devEntrypoints` (relative to its project, see `projectRelativePath`),
 * or a dev/watch-like script of the nearest package.json runs or preloads it.
 */
export function devEntrypointReason(filename: string, extraGlobs: readonly string[] = [], cwd?: string): DevEntrypointReason | undefined {
  const abs = resolve(filename);
  if (matchesProjectGlobs(abs, [...DEFAULT_DEV_ENTRYPOINTS, ...extraGlobs], cwd)) return 'glob';
  // the default globs also apply to the bare name (a file outside any project)
  if (matcher(DEFAULT_DEV_ENTRYPOINTS)(basename(abs))) return 'glob';
  if (getProjectInfo(abs).devScriptFiles.has(abs)) return 'script';
  return undefined;
}

/** True when a file is run or preloaded by a script that is not dev-like (so it ships to production too). */
export function isRunByProdScript(filename: string): boolean {
  return getProjectInfo(filename).prodScriptFiles.has(resolve(filename));
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}
