// The one reader of project files (package.json, nodemon.json, lockfiles, tsconfig, .env,
// Dockerfiles, Python requirements), shared by the rules, the codemods and doctor.
//
// Everything derived from project files is cached, and every cache entry remembers the
// files it was computed from with their stamp (size + mtime, or "absent"). A long-lived
// process (an editor's ESLint server) calls `revalidate()` before each file it lints; the
// first use of an entry after that stats its files again and recomputes it when one changed,
// so a `dev` script added or an SDK upgraded is seen on the next lint without a restart.
// Only regular files are read: a FIFO, socket or device named `package.json` counts as
// absent (reading it would block forever) and is remembered for the CLI to mention.
// A missing, unreadable or malformed file is absent: nothing here throws.
import { closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';

export type JsonObject = Record<string, unknown>;

/** `f<mtime>:<size>` for a regular file, `d<mtime>` for a directory, `-` when absent, `x` for anything else. */
type Stamp = string;

let epoch = 1;
const stamps = new Map<string, { epoch: number; stamp: Stamp }>();
/** Non-regular files met where a project file was expected (absolute paths), for the CLI's notes. */
const specialFiles = new Set<string>();

/** Starts a new validation round: every cached fact is checked against its files on its next use. */
export function revalidate(): void {
  epoch++;
}

/** Paths of FIFOs, sockets or devices that were skipped where a project file was expected. */
export function skippedSpecialFiles(): readonly string[] {
  return [...specialFiles];
}

/** Starts a fresh list for `skippedSpecialFiles` (a CLI run reports the ones it met), and a validation round so they are met again. */
export function forgetSkippedSpecialFiles(): void {
  specialFiles.clear();
  revalidate();
}

/** Work counter, read by test/perf: `stat` calls made for stamps (at most one per path and validation round). */
export const statStats = { stats: 0 };

function stampOf(path: string): Stamp {
  const known = stamps.get(path);
  if (known && known.epoch === epoch) return known.stamp;
  let stamp: Stamp;
  statStats.stats++;
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    stamp = !st ? '-' : st.isFile() ? `f${st.mtimeMs}:${st.size}` : st.isDirectory() ? `d${st.mtimeMs}` : 'x';
  } catch {
    stamp = '-';
  }
  if (stamp === 'x') specialFiles.add(path);
  stamps.set(path, { epoch, stamp });
  return stamp;
}

// Dependency tracking: a computation running under `FileMemo.get` collects the stamps of the
// files it reads (directly, or through other memos it uses) into the collector on top.
const collectors: Map<string, Stamp>[] = [];

function track(path: string, stamp: Stamp): void {
  collectors.at(-1)?.set(path, stamp);
}

interface Entry<T> {
  value: T;
  readonly deps: ReadonlyMap<string, Stamp>;
  checked: number;
}

/** A cache whose entries are valid as long as the files they were computed from are unchanged. */
export class FileMemo<T> {
  private readonly entries = new Map<string, Entry<T>>();

  get(key: string, compute: () => T): T {
    const entry = this.entries.get(key);
    if (entry && (entry.checked === epoch || isFresh(entry.deps))) {
      entry.checked = epoch;
      const outer = collectors.at(-1);
      if (outer) for (const [p, s] of entry.deps) outer.set(p, s);
      return entry.value;
    }
    const deps = new Map<string, Stamp>();
    collectors.push(deps);
    let value: T;
    try {
      value = compute();
    } finally {
      collectors.pop();
    }
    this.entries.set(key, { value, deps, checked: epoch });
    const outer = collectors.at(-1);
    if (outer) for (const [p, s] of deps) outer.set(p, s);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

function isFresh(deps: ReadonlyMap<string, Stamp>): boolean {
  for (const [path, stamp] of deps) if (stampOf(path) !== stamp) return false;
  return true;
}

export function isRecord(v: unknown): v is JsonObject {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** True when `path` is a regular file (tracked: a file that appears later is seen). */
export function isFile(path: string): boolean {
  const stamp = stampOf(path);
  track(path, stamp);
  return stamp.startsWith('f');
}

/** True when `path` is a directory (tracked). */
export function isDirectory(path: string): boolean {
  const stamp = stampOf(path);
  track(path, stamp);
  return stamp.startsWith('d');
}

/** The text of a regular file, or undefined (absent, unreadable, or not a regular file). */
export function readText(file: string): string | undefined {
  if (!isFile(file)) return undefined;
  try {
    return readRegularFile(file);
  } catch {
    return undefined;
  }
}

/** A FIFO, socket or device where a regular file was expected. */
export class NotRegularFileError extends Error {
  constructor(
    readonly path: string,
    readonly kind: string,
  ) {
    super(`${kind}, not a regular file`);
    this.name = 'NotRegularFileError';
  }
}

// O_NONBLOCK: opening a FIFO for reading then returns at once instead of waiting for a writer
// (regular files ignore the flag). Windows has no FIFOs and no such flag.
export const OPEN_NONBLOCK = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * The UTF-8 text of a file, decided on the open descriptor: a FIFO, socket or device throws
 * `NotRegularFileError` (and is remembered for the CLI's note) instead of blocking the read
 * forever, even when it replaced a regular file after a stat. Other failures throw the file
 * system's error. Every reader of project or source files goes through here.
 */
export function readRegularFile(file: string): string;
export function readRegularFile(file: string, encoding: null): Buffer;
export function readRegularFile(file: string, encoding: 'utf8' | null = 'utf8'): string | Buffer {
  return withRegularFile(file, (fd) => (encoding ? readFileSync(fd, encoding) : readFileSync(fd)));
}

/**
 * Runs `read` on an open descriptor of `file` once it is known to be a regular file (see
 * `readRegularFile`, which the CLI's writer shares it with); closes the descriptor after.
 */
export function withRegularFile<T>(file: string, read: (fd: number, st: Stats) => T): T {
  const fd = openSync(file, OPEN_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      if (!st.isDirectory()) specialFiles.add(file);
      throw new NotRegularFileError(file, describeKind(st));
    }
    return read(fd, st);
  } finally {
    closeSync(fd);
  }
}

/** `FIFO`, `socket`, `character device`, … for messages. */
export function describeKind(st: Stats): string {
  if (st.isFIFO()) return 'FIFO';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isDirectory()) return 'directory';
  return 'special file';
}

/** Records a non-regular file met where a regular one was expected (a directory walk's FIFO named like a source file). */
export function noteSpecialFile(file: string): void {
  specialFiles.add(file);
}

/** The entries of a directory, or none (tracked: an entry added later is seen). */
export function listDir(dir: string): string[] {
  if (!isDirectory(dir)) return [];
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A JSON text whose value is an object; with `comments`, also JSONC (comments, trailing commas: tsconfig). */
export function parseJsonObject(text: string, comments = false): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    if (!comments) return undefined;
  }
  // strip comments outside strings, then trailing commas
  const stripped = text
    .replace(/("(?:[^"\\\n]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m, str: string | undefined) => str ?? '')
    .replace(/,(\s*[}\]])/g, '$1');
  try {
    const value: unknown = JSON.parse(stripped);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const jsonMemo = new FileMemo<JsonObject | undefined>();

/** The JSON object in `file` (cached until the file changes); with `comments`, JSONC. */
export function readJsonObject(file: string, options: { comments?: boolean } = {}): JsonObject | undefined {
  return jsonMemo.get(options.comments ? `c\0${file}` : file, () => {
    const text = readText(file);
    return text === undefined ? undefined : parseJsonObject(text, options.comments);
  });
}

const packageDirMemo = new FileMemo<string | undefined>();

/** Directory of the nearest package.json at or above `dir` (cached until a package.json on the way appears or goes). */
export function findPackageDir(dir: string): string | undefined {
  return packageDirMemo.get(dir, () => {
    if (isFile(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    return parent !== dir ? findPackageDir(parent) : undefined;
  });
}
