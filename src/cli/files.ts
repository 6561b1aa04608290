import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { describeKind, noteSpecialFile, readText as readProjectText } from '../project/files';

/** A file the run will read and maybe write. */
export interface FileTarget {
  /** Absolute, as found (a symlink stays a symlink here): what the transform sees as `file.path`. */
  readonly path: string;
  /** The symlink-free path that is read and written, so a symlink is never replaced by a regular file. */
  readonly realPath: string;
  /** Relative to the working directory when inside it, else absolute: what the output shows. */
  readonly displayPath: string;
}

/** A path that was looked at and deliberately left alone, or could not be looked at. */
export interface PathNote {
  readonly displayPath: string;
  readonly reason: string;
}

export interface FileSelection {
  /** Sorted by display path, one entry per real file. */
  readonly targets: FileTarget[];
  /** Named explicitly (or met as a symlink) but not processed: extension, ignore rules, safety. */
  readonly skipped: PathNote[];
  /** Paths that do not exist or directories that cannot be listed. */
  readonly errors: PathNote[];
  /** What each folder the walk listed holds under the name package.json (SettingsResolver.useListings). */
  readonly packageJsons: ReadonlyMap<string, ListedPackageJson>;
}

/** A listed folder's package.json: a regular file, none (or not a regular file), or a symlink whose target decides. */
export type ListedPackageJson = 'file' | 'none' | 'symlink';

export interface SelectOptions {
  readonly cwd: string;
  readonly extensions: ReadonlySet<string>;
  /** gitignore-syntax patterns relative to `cwd` (`--ignore`). */
  readonly ignore: readonly string[];
}

/**
 * Declaration files (`x.d.ts`, `x.d.mts`, `x.d.cts`, `x.d.css.ts`) hold no runtime code: directory
 * walks leave them out (a file named on the command line is still processed).
 */
const DECLARATION_FILE = /\.d(\.[^./\\]+)?\.[cm]?ts$/i;

/** Work counter, read by test/perf: file-system probes for `.gitignore` and `.git` (a folder the walk listed needs none unless it holds a `.gitignore`). */
export const walkStats = { ignoreProbes: 0 };

/** Never entered, never written, even when named on the command line. */
const PROTECTED_NAMES = new Set(['node_modules', '.git']);

// Git compares paths case-sensitively unless the file system is not (core.ignorecase).
const IGNORE_CASE = process.platform === 'darwin' || process.platform === 'win32';

/**
 * Expands the command-line paths into the files to process. Directories are walked
 * (skipping node_modules, .git, gitignored and `--ignore`d entries, other extensions, declaration
 * files, and symlinked directories); explicitly named files go through the same filters. A symlinked
 * file is kept only when its real path stays inside the real path of the root it was found
 * under (for an explicitly named file: the directory that holds it).
 */
export function selectFiles(paths: readonly string[], options: SelectOptions): FileSelection {
  const selector = new Selector(options);
  for (const given of paths) selector.addArgument(given);
  return selector.result();
}

class Selector {
  private readonly cwd: string;
  private readonly userIgnore: Ignore;
  private readonly hasUserIgnore: boolean;
  private readonly gitignore: GitignoreRules;
  /** Every file added, in the order met; `result` keeps the first of each real path. */
  private readonly found: FileTarget[] = [];
  /**
   * Whether two of `found` may share a real path: a second argument (overlapping roots, a file named
   * twice) or a file added by a path that is not its real one (a symlink). One walk alone lists
   * each real path once (it never enters a symlinked folder), and then no Map of 10k+ long keys is built.
   */
  private mayRepeat = false;
  private argumentCount = 0;
  private readonly skipped: PathNote[] = [];
  private readonly errors: PathNote[] = [];
  private readonly packageJsons = new Map<string, ListedPackageJson>();

  constructor(private readonly options: SelectOptions) {
    this.cwd = path.resolve(options.cwd);
    this.userIgnore = ignore({ ignorecase: IGNORE_CASE }).add([...options.ignore]);
    this.hasUserIgnore = options.ignore.length > 0;
    this.gitignore = new GitignoreRules(this.cwd);
  }

  addArgument(given: string): void {
    if (++this.argumentCount > 1) this.mayRepeat = true;
    const abs = path.resolve(this.cwd, given);
    const display = this.display(abs);
    const protectedName = this.protectedSegment(abs);
    if (protectedName) {
      this.skip(display, `inside ${protectedName}, which is never touched`);
      return;
    }
    let stats: Stats;
    try {
      stats = statSync(abs);
    } catch (error) {
      const broken = isSymlink(abs);
      this.errors.push({ displayPath: display, reason: broken ? 'broken symbolic link' : describeFsError(error) });
      return;
    }
    if (stats.isDirectory()) {
      const rootReal = realpathOr(abs);
      const reason = this.protectedSegment(rootReal) ? 'resolves into node_modules or .git' : this.ignoreReason(abs, true, true);
      if (reason) this.skip(display, reason);
      else this.walk(abs, rootReal, rootReal);
      return;
    }
    if (!stats.isFile()) {
      if (!stats.isDirectory()) noteSpecialFile(abs);
      this.skip(display, `${describeKind(stats)}, not a regular file`);
      return;
    }
    if (!this.hasWantedExtension(abs)) {
      this.skip(display, 'extension not in --extensions');
      return;
    }
    const reason = this.ignoreReason(abs, false, true);
    if (reason) {
      this.skip(display, reason);
      return;
    }
    this.addFile(abs, realpathOr(path.dirname(abs)), undefined);
  }

  result(): FileSelection {
    const targets = (this.mayRepeat ? firstPerRealPath(this.found) : this.found).sort((a, b) => compare(a.displayPath, b.displayPath));
    const byPath = (a: PathNote, b: PathNote): number => compare(a.displayPath, b.displayPath);
    return { targets, skipped: this.skipped.sort(byPath), errors: this.errors.sort(byPath), packageJsons: this.packageJsons };
  }

  /** `dirReal` is the real path of `dir`: symlinked directories are never entered, so it follows from the root's. */
  private walk(dir: string, dirReal: string, rootReal: string): void {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      this.errors.push({ displayPath: this.display(dir), reason: describeFsError(error) });
      return;
    }
    this.gitignore.noteListing(dir, entries);
    // most folders have no ignore rule at all: then no entry needs asking
    const mayIgnore = this.hasUserIgnore || this.gitignore.hasRulesFor(dir);
    // the listing answers for the settings' package.json lookup too: no stat per folder
    this.packageJsons.set(dir, 'none');
    // the real path of a child is its path when the folder's is (no symlink above it): one string, not two
    const realIsPath = dirReal === dir;
    for (const entry of entries) {
      if (PROTECTED_NAMES.has(entry.name)) continue;
      if (entry.name === 'package.json') this.packageJsons.set(dir, entry.isFile() ? 'file' : entry.isSymbolicLink() ? 'symlink' : 'none');
      if (entry.isFile()) {
        // most entries of a package tree are other files (maps, docs, JSON): no path is built for them
        if (!this.options.extensions.has(extensionOf(entry.name)) || DECLARATION_FILE.test(entry.name)) continue;
        const full = childPath(dir, entry.name);
        if (!mayIgnore || !this.ignoreReason(full, false, false)) this.addFile(full, rootReal, realIsPath ? full : childPath(dirReal, entry.name));
        continue;
      }
      const full = childPath(dir, entry.name);
      if (entry.isDirectory()) {
        if (!mayIgnore || !this.ignoreReason(full, true, false)) this.walk(full, realIsPath ? full : childPath(dirReal, entry.name), rootReal);
      } else if (isSpecial(entry)) {
        // a FIFO, socket or device named like a source file: reading it would block or never end
        if (this.hasWantedExtension(full) && !this.ignoreReason(full, false, false)) {
          noteSpecialFile(full);
          this.skip(this.display(full), `${specialKind(entry)}, not a regular file`);
        }
      } else if (entry.isSymbolicLink()) {
        // Symlinked directories are not followed: whatever they reach inside the root is walked
        // under its real name, and whatever is outside the root must not be touched.
        if (this.hasWantedExtension(full) && !DECLARATION_FILE.test(entry.name) && isFileThroughLinks(full) && !this.ignoreReason(full, false, false)) {
          this.addFile(full, rootReal, undefined);
        }
      }
    }
  }

  /** `knownReal` saves a realpath call for regular files met while walking. */
  private addFile(abs: string, rootReal: string, knownReal: string | undefined): void {
    const display = this.display(abs);
    let realPath = knownReal;
    if (realPath === undefined) {
      try {
        realPath = realpathSync(abs);
      } catch (error) {
        this.errors.push({ displayPath: display, reason: describeFsError(error) });
        return;
      }
      if (!isInside(realPath, rootReal)) {
        this.skip(display, `symbolic link to ${realPath}, outside ${rootReal}`);
        return;
      }
      if (this.protectedSegment(realPath)) {
        this.skip(display, 'symbolic link into node_modules or .git');
        return;
      }
      this.mayRepeat = true; // a symlink or a named file: its real path may also be walked
    }
    this.found.push({ path: abs, realPath, displayPath: display });
  }

  private skip(displayPath: string, reason: string): void {
    this.skipped.push({ displayPath, reason });
  }

  private hasWantedExtension(file: string): boolean {
    return this.options.extensions.has(extensionOf(file));
  }

  /**
   * Why `abs` is excluded by .gitignore or `--ignore`, or undefined. While walking, parent
   * directories were already checked on the way down; for paths named on the command line
   * (`withAncestors`) the directories between the repository top and the path are checked too.
   */
  private ignoreReason(abs: string, isDir: boolean, withAncestors: boolean): string | undefined {
    if (this.hasUserIgnore && abs !== this.cwd && this.userIgnore.ignores(this.ignorePath(abs, isDir))) return 'matches --ignore';
    const ignored = withAncestors ? this.gitignore.ignoresWithAncestors(abs, isDir) : this.gitignore.ignores(abs, isDir);
    return ignored ? 'ignored by .gitignore' : undefined;
  }

  /** `--ignore` patterns are relative to the working directory; outside it, to the file-system root. */
  private ignorePath(abs: string, isDir: boolean): string {
    const rel = relativeTo(this.cwd, abs);
    return toPosix(isOutside(rel) ? abs.slice(path.parse(abs).root.length) : rel) + (isDir ? '/' : '');
  }

  /**
   * node_modules or .git anywhere in the absolute path: source code never lives there, so
   * even running from inside node_modules/pkg with `.` touches nothing.
   */
  private protectedSegment(abs: string): string | undefined {
    return abs.split(path.sep).find((segment) => PROTECTED_NAMES.has(segment));
  }

  private display(abs: string): string {
    const rel = relativeTo(this.cwd, abs);
    return rel === '' ? '.' : isOutside(rel) ? abs : rel;
  }
}

/**
 * .gitignore files the way git reads them: every directory's file applies to the entries
 * below it, from the repository top (the nearest directory holding `.git`, else the
 * working directory's tree) down; a deeper file overrides a shallower one; the last
 * matching line wins; nothing inside an ignored directory can be re-included.
 */
class GitignoreRules {
  private readonly rulesByDir = new Map<string, Ignore | null>();
  private readonly chainByDir = new Map<string, readonly Matcher[]>();
  private readonly gitTopByDir = new Map<string, string | null>();
  /** Folders the walk listed: whether each holds `.git` and `.gitignore` (then no stat needs to ask). */
  private readonly listed = new Map<string, { readonly git: boolean; readonly gitignore: boolean }>();

  /** `cwd` bounds the rules outside a git repository, so a stray ~/.gitignore cannot exclude a project. */
  constructor(private readonly cwd: string) {}

  /** What the walk's listing of `dir` says about `.git` and `.gitignore` there. */
  noteListing(dir: string, entries: readonly Dirent[]): void {
    let git = false;
    let gitignore = false;
    for (const entry of entries) {
      // a symlink counts as `existsSync` counts it: only when its target exists
      if (entry.name === '.git') git = !entry.isSymbolicLink() || existsSync(childPath(dir, entry.name));
      else if (entry.name === '.gitignore') gitignore = true;
    }
    this.listed.set(dir, { git, gitignore });
  }

  /** True when some rule applies to the entries of `dir`. */
  hasRulesFor(dir: string): boolean {
    return this.chain(dir).length > 0;
  }

  /** Checks the entry itself against the rules of its directory and those above it. */
  ignores(abs: string, isDir: boolean): boolean {
    const chain = this.chain(path.dirname(abs));
    for (let i = chain.length - 1; i >= 0; i--) {
      const { base, rules } = chain[i]!;
      const result = rules.test(toPosix(relativeTo(base, abs)) + (isDir ? '/' : ''));
      if (result.unignored) return false;
      if (result.ignored) return true;
    }
    return false;
  }

  /** Also checks every directory between the repository top and the entry. */
  ignoresWithAncestors(abs: string, isDir: boolean): boolean {
    if (isDir && this.top(abs) === abs) return false; // git never ignores the top itself
    const top = this.top(path.dirname(abs));
    const ancestors: string[] = [];
    for (let dir = path.dirname(abs); isInside(dir, top) && dir !== top; dir = path.dirname(dir)) ancestors.unshift(dir);
    return ancestors.some((dir) => this.ignores(dir, true)) || this.ignores(abs, isDir);
  }

  /** The matchers that apply to entries of `dir`, shallowest first. */
  private chain(dir: string): readonly Matcher[] {
    const cached = this.chainByDir.get(dir);
    if (cached) return cached;
    const parent = path.dirname(dir);
    const above = dir === this.top(dir) || parent === dir ? [] : this.chain(parent);
    const own = this.rules(dir);
    const chain = own ? [...above, { base: dir, rules: own }] : above;
    this.chainByDir.set(dir, chain);
    return chain;
  }

  private rules(dir: string): Ignore | null {
    if (!this.rulesByDir.has(dir)) {
      if (this.listed.get(dir)?.gitignore === false && dir !== this.top(dir)) {
        this.rulesByDir.set(dir, null); // listed without one: nothing to read
        return null;
      }
      walkStats.ignoreProbes++;
      const texts = [readText(path.join(dir, '.gitignore'))];
      if (dir === this.top(dir)) texts.unshift(readText(path.join(dir, '.git', 'info', 'exclude')));
      const found = texts.filter((text): text is string => text !== undefined);
      // One string: ignore() splits it into lines (array items would each be taken as one pattern).
      this.rulesByDir.set(dir, found.length > 0 ? ignore({ ignorecase: IGNORE_CASE }).add(found.join('\n')) : null);
    }
    return this.rulesByDir.get(dir) ?? null;
  }

  /** Where the rules start: the repository top, else the working directory, else the file-system root. */
  private top(dir: string): string {
    return this.gitTop(dir) ?? (isInside(dir, this.cwd) ? this.cwd : path.parse(dir).root);
  }

  /** The nearest directory at or above `dir` holding `.git`. */
  private gitTop(dir: string): string | null {
    const cached = this.gitTopByDir.get(dir);
    if (cached !== undefined) return cached;
    const parent = path.dirname(dir);
    const top = this.holdsGit(dir) ? dir : parent === dir ? null : this.gitTop(parent);
    this.gitTopByDir.set(dir, top);
    return top;
  }

  /** `.git` in `dir` (a folder, or a worktree's file): from the walk's listing when it has one. */
  private holdsGit(dir: string): boolean {
    const listed = this.listed.get(dir);
    if (listed) return listed.git;
    walkStats.ignoreProbes++;
    return existsSync(path.join(dir, '.git'));
  }
}

interface Matcher {
  readonly base: string;
  readonly rules: Ignore;
}

/** A .gitignore's text: through the project-file reader, so a FIFO named .gitignore is skipped (and noted), never read. */
function readText(file: string): string | undefined {
  return readProjectText(file);
}

/**
 * `path.extname(file)` without its dot, lower-cased ('' for no dot or a dotfile's only dot), for a
 * path or a bare name, without building the base name: the walk asks it of every entry and the
 * registry (`entryFor`) of every file of a run.
 */
export function extensionOf(file: string): string {
  // path.extname ignores trailing separators (`x.js/`); no file of a run has one
  if (file.length > 1 && (file.endsWith('/') || file.endsWith(path.sep))) return extensionOf(file.slice(0, -1));
  const dot = file.lastIndexOf('.');
  const separator = path.sep === '/' ? file.lastIndexOf('/') : Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  if (dot <= separator + 1) return '';
  const ext = file.slice(dot + 1);
  return ext === ext.toLowerCase() ? ext : ext.toLowerCase();
}

function isSpecial(entry: Dirent): boolean {
  return entry.isFIFO() || entry.isSocket() || entry.isCharacterDevice() || entry.isBlockDevice();
}

function specialKind(entry: Dirent): string {
  return entry.isFIFO() ? 'FIFO' : entry.isSocket() ? 'socket' : 'device';
}

function realpathOr(abs: string): string {
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
}

function isSymlink(abs: string): boolean {
  try {
    return lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

function isFileThroughLinks(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false; // a broken link found while walking is not ours to report
  }
}

function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
}

function isInside(abs: string, root: string): boolean {
  return !isOutside(relativeTo(root, abs));
}

// path.join / path.relative normalise their arguments every time; on a 10k-file tree that
// showed up in profiles, and our paths are already absolute and normalised.
export function childPath(dir: string, name: string): string {
  return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

function relativeTo(base: string, abs: string): string {
  if (abs === base) return '';
  // `base + sep` as a prefix, without building that string for each of a walk's files
  if (base.endsWith(path.sep)) return abs.startsWith(base) ? abs.slice(base.length) : path.relative(base, abs);
  return abs.startsWith(base) && abs.charCodeAt(base.length) === SEP_CODE ? abs.slice(base.length + 1) : path.relative(base, abs);
}

const SEP_CODE = path.sep.charCodeAt(0);

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** The first target of each real path, in order. */
function firstPerRealPath(found: readonly FileTarget[]): FileTarget[] {
  const byRealPath = new Map<string, FileTarget>();
  for (const target of found) if (!byRealPath.has(target.realPath)) byRealPath.set(target.realPath, target);
  return [...byRealPath.values()];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `ENOENT: no such file or directory` rather than Node's message with the path repeated. */
export function describeFsError(error: unknown): string {
  if (error instanceof Error) {
    const { code } = error as NodeJS.ErrnoException;
    // Node's text repeats the code and ends with the syscall and path, which the report already shows.
    if (code) return `${code}: ${error.message.replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '')}`;
    return error.message;
  }
  return String(error);
}
