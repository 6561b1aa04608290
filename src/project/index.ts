// Project-file awareness (SPEC §4 "Reading project files"): the nearest package.json
// (scripts, dependencies), nodemon configuration, and which files dev-like scripts run
// or preload. Cached until one of the files they come from changes (src/project/files.ts);
// a missing or malformed file is treated as absent and never throws.
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { FileMemo, findPackageDir, isRecord, readJsonObject } from './files';
import { getProjectIndex } from './project-index';
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
  /** Scripts whose command runs nodemon (alone, or among the commands `concurrently` runs). */
  readonly nodemonScripts: ReadonlySet<string>;
  /** Absolute paths (extension kept) of files that a dev-like script runs or preloads. */
  readonly devScriptFiles: ReadonlySet<string>;
  /** For each file in `devScriptFiles`: the first dev-like script that runs or preloads it (one that restarts it, if any does). */
  readonly devScripts: ReadonlyMap<string, string>;
  /**
   * Dev scripts that run their files under something that restarts or re-evaluates them on an edit
   * (nodemon, `node --watch`, `tsx watch`, `ts-node-dev`, `tsc-watch`, `bun --watch`/`--hot`, `nest start --watch`,
   * a framework dev server such as `next dev` or `vite`),
   * and `nodemon exec` (nodemon's own config). A `dev` script without one runs the process once.
   */
  readonly restartingDevScripts: ReadonlySet<string>;
  /** Absolute paths of files that a script that is not dev-like runs or preloads. */
  readonly prodScriptFiles: ReadonlySet<string>;
  /** Dev scripts that reload code inside one long-lived process (`bun --hot`) instead of restarting it. */
  readonly inPlaceDevScripts: ReadonlySet<string>;
  /** Dev scripts whose one watcher restarts with a known signal (`tsx watch`, `nest start --watch`: SIGTERM; nodemon: its signal). */
  readonly devRestartSignals: ReadonlyMap<string, string>;
  /** Dev scripts whose one watcher is `nest start --watch` (its restart signal counts only without `enableShutdownHooks`). */
  readonly nestWatchDevScripts: ReadonlySet<string>;
  /** Dev scripts whose one watcher is `node --watch` (see `ParsedScript.nodeWatch`). */
  readonly nodeWatchDevScripts: ReadonlySet<string>;
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
  nodemonScripts: new Set(),
  devScriptFiles: new Set(),
  devScripts: new Map(),
  restartingDevScripts: new Set(),
  prodScriptFiles: new Set(),
  inPlaceDevScripts: new Set(),
  devRestartSignals: new Map(),
  nestWatchDevScripts: new Set(),
  nodeWatchDevScripts: new Set(),
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
  const devScripts = new Map<string, string>();
  const restartingDevScripts = new Set<string>(['nodemon exec']);
  const prodScriptFiles = new Set<string>();
  const inPlaceDevScripts = new Set<string>();
  const nodeWatchDevScripts = new Set<string>();
  const restarters = new Map<string, 'SIGTERM' | 'nodemon' | 'nest'>();
  let nodemonInScripts = false;
  const nodemonScripts = new Set<string>();
  let signalFromScript: string | undefined;
  for (const [name, command] of Object.entries(scripts)) {
    const parsed = withNodemonConfig(parseScript(command), root);
    if (parsed.nodemon) {
      nodemonInScripts = true;
      nodemonScripts.add(name);
    }
    signalFromScript ??= parsed.signal;
    const dev = isDevScript(name, parsed);
    if (dev && parsed.hotInPlace) inPlaceDevScripts.add(name);
    if (dev && parsed.restarter) restarters.set(name, parsed.restarter);
    if (dev && parsed.nodeWatch) nodeWatchDevScripts.add(name);
    if (dev && (parsed.watch || parsed.hotInPlace || parsed.devServer)) restartingDevScripts.add(name);
    const target = dev ? devScriptFiles : prodScriptFiles;
    // a bare `nodemon` runs the package's `main` (index.js by default); `nest start` the Nest CLI's entry file
    const files = parsed.nodemon && parsed.files.length === 0 ? [`./${typeof raw?.main === 'string' ? raw.main.replace(/^\.\//, '') : 'index.js'}`] : parsed.nest ? [...parsed.files, nestEntry(root)] : parsed.files;
    for (const f of files) {
      for (const abs of candidates(root, f)) {
        target.add(abs);
        // a script that restarts the file names it before one that runs it once
        const known = devScripts.get(abs);
        if (dev && (known === undefined || (!restartingDevScripts.has(known) && restartingDevScripts.has(name)))) devScripts.set(abs, name);
      }
    }
  }
  // nodemon's own config can name what it runs (`exec`) and preloads
  for (const cfg of [nodemonJson, packageJson?.nodemonConfig]) {
    if (cfg && typeof cfg.exec === 'string') {
      for (const f of parseScript(cfg.exec).files) {
        for (const abs of candidates(root, f)) {
          devScriptFiles.add(abs);
          const known = devScripts.get(abs);
          if (known === undefined || !restartingDevScripts.has(known)) devScripts.set(abs, 'nodemon exec');
        }
      }
    }
  }
  const configSignal = [nodemonJson?.signal, packageJson?.nodemonConfig?.signal].find((s): s is string => typeof s === 'string');
  // a nodemon dependency alone does not say the process runs under it
  const usesNodemon = nodemonInScripts || !!nodemonJson || !!packageJson?.nodemonConfig;
  const nodemonSignal = (configSignal ?? signalFromScript ?? 'SIGUSR2').toUpperCase();
  const devRestartSignals = new Map([...restarters].map(([name, r]) => [name, r === 'nodemon' ? nodemonSignal : 'SIGTERM']));
  const nestWatchDevScripts = new Set([...restarters].filter(([, r]) => r === 'nest').map(([name]) => name));
  return {
    root,
    packageJson,
    usesNodemon,
    nodemonSignal,
    nodemonScripts,
    devScriptFiles,
    devScripts,
    restartingDevScripts,
    prodScriptFiles,
    inPlaceDevScripts,
    devRestartSignals,
    nestWatchDevScripts,
    nodeWatchDevScripts,
  };
}

interface ParsedScript {
  /** Files run or preloaded (relative as written). */
  readonly files: string[];
  readonly nodemon: boolean;
  /** Runs under a restarting watcher (`nodemon`, `node --watch`, `tsx watch`, `ts-node-dev`, ...). */
  readonly watch: boolean;
  readonly signal: string | undefined;
  /** `nest start`: the Nest CLI runs its entry file (nest-cli.json). */
  readonly nest: boolean;
  /**
   * `bun --hot`: edits re-evaluate the modules inside the same process (same pid, `globalThis`
   * kept; checked with bun 1.2.23), which is not a restart.
   */
  readonly hotInPlace: boolean;
  /**
   * The script's only watcher, when its restart signal is known: `tsx watch` (tsx 4.19.3 and 4.22.2 `dist/cli.mjs`
   * `killProcess(child, signal = "SIGTERM", 5e3)` on a restart) sends SIGTERM; nodemon its configured signal;
   * `nest start --watch` SIGTERM (@nestjs/cli 11.0.7 `actions/start.action.js:69` `killProcess(childProcessRef.pid)`,
   * tree-kill 1.2.2 `index.js:82` `process.kill(pid, undefined)`), and starts the new child on the old one's exit (`:60-67`).
   */
  readonly restarter: 'SIGTERM' | 'nodemon' | 'nest' | undefined;
  /**
   * The script's only watcher is `node --watch`: it restarts with SIGTERM and starts the new child only
   * once the old one exits, with no timeout (Node 20.20.2, holdout6 FP9). Still reported (the shared corpus
   * case batch-node-watch), but a SIGTERM listener's flush is not lost on a restart.
   */
  readonly nodeWatch: boolean;
  /** A framework dev server (`next dev`, `vite`, `nuxt dev`...): it re-evaluates server modules on an edit and restarts on config changes. */
  readonly devServer: boolean;
  /** The config file nodemon is given (`nodemon --config nodemon.server.json`), relative as written. */
  readonly nodemonConfig?: string;
}

/** Framework CLIs whose dev server re-evaluates the app's modules, by the subcommand that starts it (`''`: the bare command). */
const DEV_SERVERS: Readonly<Record<string, readonly string[]>> = {
  next: ['dev'],
  vite: ['', 'dev', 'serve'],
  nuxt: ['dev'],
  nuxi: ['dev'],
  astro: ['dev'],
  remix: ['dev'],
  'react-router': ['dev'],
};

const SCRIPT_EXT = /\.(?:[cm]?[jt]sx?)$/;
/** `./x`, `../x`, `/x`: a path, not a module specifier. */
const RELATIVE_PATH = /^\.{0,2}\//;
/** Commands whose argument is the entry they run (`node ./src/server` runs `src/server/index.js`). */
const RUNNERS = new Set(['node', 'nodemon', 'babel-node', 'ts-node', 'tsx', 'ts-node-dev', 'tsnd', 'node-dev', 'bun']);

/** Node flags that take no value (`node --watch ./src/server`); nodemon's `--watch` takes a directory. */
const NODE_SWITCHES = new Set(['--watch', '--inspect', '--inspect-brk', '--enable-source-maps', '--trace-warnings', '--no-warnings', '--experimental-strip-types']);

/** A word is a flag whose value may be the next word. */
function takesValue(word: string, nodemon: boolean): boolean {
  return word.startsWith('-') && !word.includes('=') && !(NODE_SWITCHES.has(word) && !(nodemon && word === '--watch'));
}

/** What a package.json script runs: entry files, preloads (flags and `NODE_OPTIONS`), and whether it watches. */
export function parseScript(command: string): ParsedScript {
  const files: string[] = [];
  let nodemon = false;
  let watch = false;
  let nest = false;
  let bunHot = false;
  let devServer = false;
  let signal: string | undefined;
  let nodemonConfig: string | undefined;
  // the watchers of the line, by restart signal ('other': one whose signal is not known here)
  const watchers = new Set<'SIGTERM' | 'nodemon' | 'nest' | 'node' | 'other'>();
  // every command of the line counts (a file a dev script runs after `&&` is still run by it)
  for (const { env, argv: words } of parseCommandLine(command)) {
    // NODE_OPTIONS='--require ./x' (an environment prefix)
    if (env.NODE_OPTIONS !== undefined) files.push(...parseScript(env.NODE_OPTIONS).files);
    let fastifyCli = false;
    let nestStart = false;
    let runner = false;
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      // `fastify start app.js -- --require ./x`: fastify-cli hands what follows `--` to the app plugin
      // as options, not to node (fastify-cli 7.4.1 args.js:58-59)
      if (fastifyCli && w === '--') break;
      const tool = basename(w);
      if (tool === 'fastify') fastifyCli = true;
      const sub = words[i + 1];
      if (DEV_SERVERS[tool]?.includes(sub === undefined || sub.startsWith('-') ? '' : sub)) devServer = true;
      if (tool === 'bun' && words.slice(i + 1).includes('--hot')) bunHot = true;
      if (tool === 'nodemon') {
        nodemon = watch = true;
        watchers.add('nodemon');
      } else if (tool === 'nest' && words[i + 1] === 'start') nest = nestStart = true;
      else if (tool === 'ts-node-dev' || tool === 'tsnd' || tool === 'node-dev' || tool === 'tsc-watch') {
        watch = true;
        watchers.add('other');
      } else if (w === '--watch' || w.startsWith('--watch=') || w.startsWith('--watch-path') || w === 'watch') {
        watch = true;
        const before = basename(words[i - 1] ?? '');
        // nodemon's own `--watch <dir>` picks what it watches, not a second watcher
        // `node --watch` is left unknown: the shared corpus (batch-node-watch) expects its report
        if (w === 'watch' && before === 'tsx') watchers.add('SIGTERM');
        else if (w === '--watch' && nestStart) watchers.add('nest');
        else if (w === '--watch' && !nodemon && words.slice(0, i).some((x) => basename(x) === 'node')) watchers.add('node');
        else if (!nodemon) watchers.add('other');
      }
      if (w === '--config' && nodemon && words[i + 1]) nodemonConfig ??= words[i + 1];
      if ((w === '--signal' || w === '-s') && nodemon) signal = words[i + 1];
      else if (w.startsWith('--signal=')) signal = w.slice('--signal='.length);
      // `export NODE_OPTIONS=…` (or one after `env -i`): not a prefix, still counts
      const exported = /^NODE_OPTIONS=(.*)$/s.exec(w);
      if (exported) {
        files.push(...parseScript(exported[1]!).files);
        continue;
      }
      // `nodemon --exec "node --loader ts-node/esm src/index.ts"`: the quoted command is one word; what it runs counts
      // `tsc-watch --onSuccess "node ./dist/index.js"`, `tsup --watch --onSuccess "node -r ./dist/otel.js …"`:
      // the command the watcher (re)starts after each build
      const onSuccess = w === '--onSuccess' || w === '--on-success' ? words[i + 1] : undefined;
      const exec = onSuccess ?? (nodemon && (w === '--exec' || w === '-x') ? words[i + 1] : nodemon && w.startsWith('--exec=') ? w.slice('--exec='.length) : undefined);
      if (exec !== undefined) {
        if (!w.includes('=')) i++;
        files.push(...parseScript(exec).files);
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
      // `babel-node ./src/server`, `nodemon ./src/server`: an entry named without its extension (a file
      // or a directory); only after a runner, and not as a flag's value (`nodemon -w ./src`)
      else if (runner && RELATIVE_PATH.test(w) && !extname(w) && !takesValue(words[i - 1] ?? '', nodemon)) files.push(w);
      if (RUNNERS.has(tool)) runner = true;
    }
  }
  const restarter = watchers.size === 1 && !watchers.has('other') && !watchers.has('node') ? ([...watchers][0] as 'SIGTERM' | 'nodemon' | 'nest') : undefined;
  const nodeWatch = watchers.size === 1 && watchers.has('node');
  return { files, nodemon, watch, signal, nest, hotInPlace: bunHot && !watch, restarter, nodeWatch, devServer, ...(nodemonConfig ? { nodemonConfig } : {}) };
}

/**
 * A script's parse with what `nodemon --config <file>` names in that file: the files its `exec`
 * runs or preloads, and its restart `signal` (holdout8 admina: `nodemon --config nodemon.server.json`).
 */
function withNodemonConfig(parsed: ParsedScript, root: string): ParsedScript {
  if (!parsed.nodemonConfig) return parsed;
  const cfg = readJsonObject(resolve(root, parsed.nodemonConfig));
  if (!cfg) return parsed;
  const exec = typeof cfg.exec === 'string' ? parseScript(cfg.exec).files : [];
  const signal = parsed.signal ?? (typeof cfg.signal === 'string' ? cfg.signal : undefined);
  return { ...parsed, files: [...parsed.files, ...exec], signal };
}

/** The file `nest start` runs: nest-cli.json's `sourceRoot` and `entryFile` (defaults `src`, `main`). */
function nestEntry(root: string): string {
  const cfg = readJsonObject(join(root, 'nest-cli.json'), { comments: true });
  const sourceRoot = typeof cfg?.sourceRoot === 'string' ? cfg.sourceRoot : 'src';
  const entryFile = typeof cfg?.entryFile === 'string' ? cfg.entryFile : 'main';
  return `./${sourceRoot.replace(/^\.\//, '')}/${entryFile}.ts`;
}

/**
 * Script names that mean "development" (`dev`, `start:dev`, `watch`), for the rules and doctor
 * alike. Not `serve`: a `serve` script that runs `node` without a watcher is how many apps start
 * in production (a watcher makes any script a dev one anyway).
 */
export const DEV_SCRIPT_NAME = /(?:^|[:_-])(?:dev|develop|development|watch)(?:$|[:_-])/i;

function isDevScript(name: string, parsed: ParsedScript): boolean {
  return parsed.watch || DEV_SCRIPT_NAME.test(name);
}

/** Absolute paths a script argument can name (relative to the package; module specifiers are skipped). */
function candidates(root: string, file: string, followMain = true): string[] {
  // bare module specifiers (`@opentelemetry/auto-instrumentations-node/register`) are not project files
  if (file.startsWith('@') || (!file.startsWith('.') && !file.startsWith('/') && !SCRIPT_EXT.test(file))) return [];
  const abs = isAbsolute(file) ? file : resolve(root, file);
  if (extname(abs)) return [abs];
  // a directory runs as Node runs it: its package.json `main`, else its `index` file (holdout6 B13)
  const main = followMain ? readJsonObject(join(abs, 'package.json'))?.main : undefined;
  const inDir = typeof main === 'string' ? candidates(abs, main.startsWith('.') || main.startsWith('/') ? main : `./${main}`, false) : [];
  return ['.js', '.ts', '.mjs', '.cjs', '.mts', '.cts'].map((e) => abs + e).concat(inDir, ['.js', '.ts', '.mjs', '.cjs', '.mts', '.cts'].map((e) => join(abs, `index${e}`)));
}

/**
 * The compiled files a script may name for a TypeScript source under `src/`: `src/otel.ts` is run
 * as `dist/otel.js` after `tsc`/`tsup` (also `build/`, `lib/`, `out/`).
 */
function buildOutputTwins(abs: string, root: string | undefined): string[] {
  if (!root || !/\.[cm]?tsx?$/.test(abs)) return [];
  const rel = toPosix(relative(root, abs));
  if (!rel.startsWith('src/')) return [];
  const stem = rel.slice('src/'.length).replace(/\.[cm]?tsx?$/, '');
  return ['dist', 'build', 'lib', 'out'].flatMap((d) => ['.js', '.mjs', '.cjs'].map((e) => join(root, d, stem + e)));
}

/**
 * The other files a package.json script runs in one command line with this one, as indexed: the main
 * module of `node -r ./otel.js dist/server.js` (or `NODE_OPTIONS='--import ./otel.mjs' tsx src/server.ts`)
 * for the preloaded setup, each with the script's name. Their signal listeners live in the same process.
 */
export function coRunFiles(filename: string): readonly { file: string; script: string }[] {
  // asked once per signal of each file that reads its importers: the scripts are parsed once per file
  return coRunMemo.get(resolve(filename), () => findCoRunFiles(filename));
}

const coRunMemo = new FileMemo<readonly { file: string; script: string }[]>();

function findCoRunFiles(filename: string): { file: string; script: string }[] {
  const info = getProjectInfo(filename);
  const root = info.root;
  const index = getProjectIndex(filename);
  if (!root || !index) return [];
  const target = resolve(filename);
  const self = new Set([target, ...buildOutputTwins(target, root)]);
  const out: { file: string; script: string }[] = [];
  for (const [script, command] of Object.entries(info.packageJson?.scripts ?? {})) {
    const named = withNodemonConfig(parseScript(command), root).files.map((f) => candidates(root, f));
    if (!named.some((options) => options.some((f) => self.has(f)))) continue;
    for (const options of named) {
      const found = options.map((f) => indexedFile(f, index.imports)).find((f) => f !== undefined);
      if (found !== undefined && found !== target && !out.some((o) => o.file === found)) out.push({ file: found, script });
    }
  }
  return out;
}

/** A file a script names, as indexed: itself, or the `src/` source of its build output. */
function indexedFile(file: string, imports: ReadonlyMap<string, unknown>): string | undefined {
  return imports.has(file) ? file : sourceOfBuild(file, imports);
}

/** The indexed `src/` source of a build output file (`dist/index.js` → `src/index.ts`), if there is one. */
function sourceOfBuild(built: string, indexed: ReadonlyMap<string, unknown>): string | undefined {
  // the package's own build folder (a monorepo package's `packages/bot/dist/…` too)
  const root = getProjectInfo(built).root;
  const m = root ? /^(.*)[/\\](?:dist|build|lib|out)[/\\](.+)\.[cm]?js$/.exec(built) : null;
  if (!m || resolve(m[1]!) !== root) return undefined;
  return ['.ts', '.tsx', '.mts', '.cts', '.js'].map((e) => join(m[1]!, 'src', m[2]! + e)).find((f) => indexed.has(f));
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

/**
 * Why a file counts as a dev entrypoint, or undefined. `glob`: dev-only by name; `script`: run or
 * preloaded by a dev-like script; `imported`: imported by such a file (at most two levels down).
 */
export type DevEntrypointReason = 'glob' | 'script' | 'imported';

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
 * or a dev script of the nearest package.json that restarts (or re-evaluates) it on an edit runs or preloads it.
 */
export function devEntrypointReason(filename: string, extraGlobs: readonly string[] = [], cwd?: string): DevEntrypointReason | undefined {
  return devEntrypointEvidence(filename, extraGlobs, cwd)?.reason;
}

export interface DevEntrypointEvidence {
  readonly reason: DevEntrypointReason;
  /** For messages: `the dev script "dev" runs it`, `src/main.ts, which the dev script "start:dev" runs, imports it`. */
  readonly why: string;
  /** The dev script reloads in place (`bun --hot`): the process is not restarted on an edit, only stopped. */
  readonly inPlace?: boolean;
  /** The signal the dev script's watcher restarts the process with, when known. */
  readonly restartSignal?: string;
  /** The dev script runs the file once, with nothing restarting it: the batch is lost only when the process is stopped. */
  readonly runsOnce?: boolean;
  /** The dev script's only watcher is `node --watch`, which waits for the old process to exit on its SIGTERM. */
  readonly nodeWatch?: boolean;
  /** For `imported`: the modules of the dev process that import the file (the entry, or a module the entry imports). */
  readonly importers?: readonly string[];
}

/**
 * Which import edges count when following a dev script's entry down to the modules it loads:
 * `loads(from, to)` is false when `from` loads `to` only where the dev process never goes (a
 * production-only branch; the analysis decides it). Every edge counts when it is not given.
 */
export type LoadsEdge = (from: string, to: string) => boolean;

/** Why a file is a dev entrypoint, with the evidence named (see `devEntrypointReason`). */
export function devEntrypointEvidence(filename: string, extraGlobs: readonly string[] = [], cwd?: string, loads?: LoadsEdge): DevEntrypointEvidence | undefined {
  const abs = resolve(filename);
  if (matchesProjectGlobs(abs, [...DEFAULT_DEV_ENTRYPOINTS, ...extraGlobs], cwd)) return { reason: 'glob', why: 'its path matches a dev-entrypoint glob' };
  // the default globs also apply to the bare name (a file outside any project)
  if (matcher(DEFAULT_DEV_ENTRYPOINTS)(basename(abs))) return { reason: 'glob', why: 'its name matches a dev-entrypoint glob' };
  const project = getProjectInfo(abs);
  const restarting = (name: string | undefined): name is string => name !== undefined && project.restartingDevScripts.has(name);
  const direct = [abs, ...buildOutputTwins(abs, project.root)].map((f) => project.devScripts.get(f));
  const script = direct.find(restarting);
  if (script !== undefined && project.inPlaceDevScripts.has(script)) {
    return { reason: 'script', why: `the dev script "${script}" runs it under \`bun --hot\`, which keeps the process across edits`, inPlace: true };
  }
  const restart = (name: string) => {
    const signal = project.devRestartSignals.get(name);
    // with `app.enableShutdownHooks({ useProcessExit: true })` Nest's own listener exits once the app is
    // closed, cutting off another listener's flush; without it Nest removes its listener and raises the
    // signal again, which the remaining listeners catch (@nestjs/core 11.2.12
    // nest-application-context.js:205-214; run with a 300 ms flush: it completes), so they decide (holdout12)
    if (project.nestWatchDevScripts.has(name) && nestMayExitAfterHooks(abs, project.root)) return {};
    if (project.nodeWatchDevScripts.has(name)) return { nodeWatch: true };
    return signal ? { restartSignal: signal } : {};
  };
  if (script !== undefined) return { reason: 'script', why: `the dev script "${script}" runs it in a process it restarts`, ...restart(script) };
  // SPEC's dev entrypoint: a file a dev-like script runs or preloads itself, also when nothing
  // restarts it (its batch is lost when the dev process is stopped)
  const once = direct.find((name): name is string => name !== undefined);
  if (once !== undefined) return { reason: 'script', why: `the dev script "${once}" runs it`, runsOnce: true };
  // a module that file imports only under a script that restarts (or re-evaluates) it: a `dev` script
  // that runs the process once loses the batch only when it is stopped, which is
  // require-shutdown-handler's report for the file that starts it
  const entries = new Set([...project.devScriptFiles].filter((f) => restarting(project.devScripts.get(f))));
  if (entries.size === 0) return undefined;
  const entry = importingDevEntry(abs, entries, loads);
  if (entry === undefined) return undefined;
  const rel = project.root ? toPosix(relative(project.root, entry)) : entry;
  const entryScript = project.devScripts.get(entry) ?? 'dev';
  const importers = devProcessImporters(abs, entries, loads);
  return { reason: 'imported', why: `${rel}, which the dev script "${entryScript}" runs, loads it`, importers, ...(project.inPlaceDevScripts.has(entryScript) ? { inPlace: true } : {}), ...restart(entryScript) };
}

/** A module of the project calls `enableShutdownHooks(…, { useProcessExit: true })` (or the project cannot be indexed, so one may). */
function nestMayExitAfterHooks(file: string, root: string | undefined): boolean {
  return !getProjectIndex(file) || !root || nestShutdownHooks(file)?.useProcessExit === true;
}

/** Where a module of the file's package calls Nest's `enableShutdownHooks(…)`, and how Nest then ends the process. */
export interface NestShutdownHooks {
  /** `src/main.ts:14`, relative to the package. */
  readonly at: string;
  /**
   * After its own hooks Nest calls `process.exit(0)` with `{ useProcessExit: true }`, and otherwise
   * removes its listeners and re-sends the signal (@nestjs/core 11.2.12 `nest-application-context.js:205-214`).
   */
  readonly useProcessExit: boolean;
}

const ENABLE_SHUTDOWN_HOOKS = /\benableShutdownHooks\s*\(/;

/** The first `enableShutdownHooks(` call in the file's package (undefined without one, or with no index). */
export function nestShutdownHooks(file: string): NestShutdownHooks | undefined {
  const root = getProjectInfo(file).root;
  if (!root) return undefined;
  // asked per flush-only listener and per dev script: the package's files are scanned once (the
  // index is read inside the memo, so its files are the entry's dependencies)
  return nestHooksMemo.get(root, () => findNestShutdownHooks(file, root));
}

const nestHooksMemo = new FileMemo<NestShutdownHooks | undefined>();

function findNestShutdownHooks(file: string, root: string): NestShutdownHooks | undefined {
  const index = getProjectIndex(file);
  if (!index) return undefined;
  const inPackage = root.endsWith(sep) ? root : root + sep;
  for (const f of index.files) {
    if (!f.startsWith(inPackage)) continue;
    const text = index.text(f) ?? '';
    const call = ENABLE_SHUTDOWN_HOOKS.exec(text);
    if (!call) continue;
    const line = text.slice(0, call.index).split('\n').length;
    // the call's options: within its statement (to the next `;`, at most a few lines)
    const end = text.indexOf(';', call.index);
    const args = text.slice(call.index, Math.min(end === -1 ? text.length : end, call.index + 300));
    return { at: `${toPosix(relative(root, f))}:${line}`, useProcessExit: /\buseProcessExit\s*:\s*true\b/.test(args) };
  }
  return undefined;
}

/** How many import levels below a dev script's entry a module still counts as loaded by it at start-up. */
const DEV_IMPORT_DEPTH = 2;

/**
 * A module the file a dev script runs imports (directly, or through one more module): it is
 * evaluated in that restarting process too (`main.ts` importing `./tracing` first of all).
 */
function importingDevEntry(file: string, entries: ReadonlySet<string>, loads?: LoadsEdge): string | undefined {
  const index = getProjectIndex(file);
  if (!index) return undefined;
  // each module reached, with the dev entry it was reached from; an entry the script names as its
  // build (`node ./dist/index.js` after `tsc-watch`) starts from its `src/` source
  let level = [...entries].flatMap((e) => {
    const file = indexedFile(e, index.imports);
    return file ? [{ file, entry: e }] : [];
  });
  const seen = new Set(level.map((l) => l.file));
  for (let depth = 0; depth < DEV_IMPORT_DEPTH && level.length > 0; depth++) {
    const next: { file: string; entry: string }[] = [];
    for (const { file: f, entry } of level) {
      for (const imported of index.imports.get(f) ?? []) {
        if (loads && !loads(f, imported)) continue;
        if (imported === file) return entry;
        if (!seen.has(imported)) {
          seen.add(imported);
          next.push({ file: imported, entry });
        }
      }
    }
    level = next;
  }
  return undefined;
}

/**
 * The modules that import `file` within the dev entries' first import level (the entries
 * themselves, or a module one of them imports): where the dev process can call its exports.
 */
function devProcessImporters(file: string, entries: ReadonlySet<string>, loads?: LoadsEdge): string[] {
  const index = getProjectIndex(file);
  if (!index) return [];
  const starts = [...entries].flatMap((e) => indexedFile(e, index.imports) ?? []);
  const near = new Set(starts);
  for (const f of starts) for (const imported of index.imports.get(f) ?? []) if (!loads || loads(f, imported)) near.add(imported);
  return [...near].filter((f) => f !== file && (index.imports.get(f) ?? []).includes(file) && (!loads || loads(f, file)));
}

/**
 * Whether the process a package.json script starts can load the file: the script runs or preloads
 * it (or its build output), or a file it runs or preloads imports it, directly or through others.
 * True when that cannot be told (no such script, a script naming no project file, no index).
 */
export function scriptReaches(filename: string, scriptName: string): boolean {
  const info = getProjectInfo(filename);
  const command = info.packageJson?.scripts[scriptName];
  if (command === undefined || !info.root) return true;
  const root = info.root;
  const named = withNodemonConfig(parseScript(command), root).files.map((f) => candidates(root, f)).filter((c) => c.length > 0);
  return entriesReach(filename, root, named);
}

/**
 * Whether a Lambda that serverless.yml deploys runs the file: one of its `handler`s
 * (`dist/main.handler`: the module `dist/main`, or the `src/` source of that build) is the file or
 * imports it, directly or through others (holdout13). True when that cannot be told.
 */
export function handlersReach(filename: string, handlers: readonly string[]): boolean {
  const root = getProjectInfo(filename).root;
  if (!root || handlers.length === 0) return true;
  const named = handlers.map((h) => candidates(root, `./${h.replace(/\.[^./]+$/, '')}`)).filter((c) => c.length > 0);
  return entriesReach(filename, root, named);
}

/** Whether one of the entry files (each a list of candidate paths) is the file or reaches it through the import graph; true when unknown. */
function entriesReach(filename: string, root: string, named: readonly (readonly string[])[]): boolean {
  if (named.length === 0) return true;
  const target = resolve(filename);
  const runs = new Set(named.flat());
  if ([target, ...buildOutputTwins(target, root)].some((f) => runs.has(f))) return true;
  const index = getProjectIndex(target);
  if (!index) return true;
  // each file the script names, as indexed (or the `src/` source of its build); one not found is unknown
  const indexed = (f: string) => indexedFile(f, index.imports);
  const starts: string[] = [];
  for (const options of named) {
    const found = options.map(indexed).find((f) => f !== undefined);
    if (found === undefined) return true;
    starts.push(found);
  }
  return reaches(starts, index.imports, (f) => f === target);
}

/** Whether following `edges` from `starts` (breadth first, each file once) meets a file `isGoal` accepts. */
function reaches(starts: readonly string[], edges: ReadonlyMap<string, readonly string[]>, isGoal: (file: string) => boolean): boolean {
  const seen = new Set(starts);
  for (let level = [...starts]; level.length > 0; ) {
    const next: string[] = [];
    for (const f of level) {
      for (const to of edges.get(f) ?? []) {
        if (seen.has(to)) continue;
        if (isGoal(to)) return true;
        seen.add(to);
        next.push(to);
      }
    }
    level = next;
  }
  return false;
}

/**
 * Whether nodemon may run the process that loads the file: a nodemon script reaches it (see
 * `scriptReaches`, true when that cannot be told), or nodemon runs from its own config only
 * (`nodemon.json`, `nodemonConfig`), whose target is not followed. False in a project without nodemon,
 * and when every nodemon script runs other files (a sibling app's `dev`, a scratch script).
 */
export function mayRunUnderNodemon(filename: string): boolean {
  const info = getProjectInfo(filename);
  if (!info.usesNodemon) return false;
  if (info.nodemonScripts.size === 0) return true;
  return [...info.nodemonScripts].some((name) => scriptReaches(filename, name));
}

/** `require.main === module`, `process.argv[1] === fileURLToPath(import.meta.url)` (either order), `import.meta.main`. */
const RUNS_AS_MAIN = /\brequire\.main\s*===?\s*module\b|\bmodule\s*===?\s*require\.main\b|process\.argv\[1\][^\n]*import\.meta\.url|import\.meta\.url[^\n]*process\.argv\[1\]|\bimport\.meta\.main\b/;

/**
 * True when a package.json script runs or preloads the file (or its build output), or a module that
 * imports it, directly or through others; when the file tests whether it is the main module (someone
 * runs it directly); also when the project cannot be indexed (unknown).
 */
export function isReachedFromScript(filename: string): boolean {
  const info = getProjectInfo(filename);
  const runs = (f: string) => [f, ...buildOutputTwins(f, info.root)].some((x) => info.devScriptFiles.has(x) || info.prodScriptFiles.has(x));
  const start = resolve(filename);
  if (runs(start)) return true;
  const index = getProjectIndex(start);
  if (!index) return true;
  // a module that tests whether it is the process's main module is run directly by someone
  if (RUNS_AS_MAIN.test(index.text(start) ?? '')) return true;
  return reaches([start], index.importers, runs);
}

/** True when a file is run or preloaded by a script that is not dev-like (so it ships to production too). */
export function isRunByProdScript(filename: string): boolean {
  return getProjectInfo(filename).prodScriptFiles.has(resolve(filename));
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}
