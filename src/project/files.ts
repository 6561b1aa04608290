// Reading project files (SPEC §4 "Reading project files"), shared by the lint-time project
// readers (src/project/*) and the doctor: text, JSON objects (package.json, nodemon.json,
// lockfiles, tsconfig with `comments`), directory listings and the package.json find-up.
// A missing, unreadable or malformed file is absent: nothing here throws.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type JsonObject = Record<string, unknown>;

const jsonCache = new Map<string, JsonObject | null>();
const packageDirCache = new Map<string, string | null>();

/** Clears the caches (tests and long-lived processes that rewrite project files). */
export function clearFileCache(): void {
  jsonCache.clear();
  packageDirCache.clear();
}

export function isRecord(v: unknown): v is JsonObject {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** The file's text, or undefined. */
export function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The entries of a directory, or none. */
export function listDir(dir: string): string[] {
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

/**
 * The JSON object in `file` (cached per file and mode). A failed readFileSync costs an exception
 * with a stack (tens of µs) and lint runs ask many directories that have no such file
 * (bench/README.md), so a missing file is ruled out with existsSync first.
 */
export function readJsonObject(file: string, options: { comments?: boolean } = {}): JsonObject | undefined {
  const key = options.comments ? `c\0${file}` : file;
  const cached = jsonCache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const text = existsSync(file) ? readText(file) : undefined;
  const value = text === undefined ? undefined : parseJsonObject(text, options.comments);
  jsonCache.set(key, value ?? null);
  return value;
}

/** Directory of the nearest package.json at or above `dir` (cached per directory). */
export function findPackageDir(dir: string): string | undefined {
  const cached = packageDirCache.get(dir);
  if (cached !== undefined) return cached ?? undefined;
  let found: string | undefined;
  try {
    if (existsSync(join(dir, 'package.json'))) found = dir;
  } catch {
    found = undefined;
  }
  if (!found) {
    const parent = dirname(dir);
    found = parent !== dir ? findPackageDir(parent) : undefined;
  }
  packageDirCache.set(dir, found ?? null);
  return found;
}
