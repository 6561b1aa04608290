import path from 'node:path';
import type { CliIo } from './io';

/**
 * `note: skipped …` on stderr, naming the FIFOs, sockets and devices met where a regular file
 * was expected (a package.json, a .gitignore, a source file): never read, since a read would
 * block the run forever.
 */
export function writeSpecialFilesNote(io: CliIo, absolutePaths: readonly string[]): void {
  const shown = [...new Set(absolutePaths)].map((p) => displayPath(io.cwd, p)).sort();
  if (shown.length === 0) return;
  const what = shown.length === 1 ? 'a FIFO, socket or device' : `${shown.length} FIFOs, sockets or devices`;
  io.stderr.write(`note: skipped ${what} where a regular file was expected (never read): ${shown.join(', ')}\n`);
}

function displayPath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
}
