import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const UTF8_BOM = '\uFEFF';

/** A file's text as the transform sees it, plus what must be put back when writing. */
export interface DecodedText {
  /** Without the BOM; line endings untouched. */
  readonly text: string;
  readonly hasBom: boolean;
}

/**
 * Reads a source file as UTF-8 text and strips a BOM (parsers and transforms should not
 * see it). Returns undefined for bytes that are not valid UTF-8: writing such a file
 * back would replace the invalid bytes, so it is reported instead of processed.
 * Throws the file system's error when the file cannot be read.
 */
export function readSourceText(realPath: string): DecodedText | undefined {
  // Decoding straight into a string (no Buffer) is the fast path, and it turns invalid
  // bytes into U+FFFD: only a text containing U+FFFD needs its bytes checked.
  const raw = readFileSync(realPath, 'utf8');
  if (raw.includes('\uFFFD') && !isUtf8(readFileSync(realPath))) return undefined;
  return raw.startsWith(UTF8_BOM) ? { text: raw.slice(1), hasBom: true } : { text: raw, hasBom: false };
}

/** The bytes to write for a transform's output: the BOM goes back if the file had one. */
export function encodeText(text: string, hasBom: boolean): Buffer {
  return Buffer.from(hasBom ? UTF8_BOM + text : text, 'utf8');
}

/**
 * Replaces `realPath` atomically: a temp file in the same directory (so the rename
 * never crosses file systems) gets the content and the original mode (and owner,
 * when we may set it), then is renamed over the original. Readers see the old or the
 * new file, never half of one. On failure the temp file is removed and the original
 * is untouched. `realPath` must be symlink-free, or the rename would replace the link.
 */
export function writeFileAtomic(realPath: string, content: Buffer): void {
  const original = statSync(realPath);
  const temp = path.join(path.dirname(realPath), `.${path.basename(realPath)}.otel-codemod-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content, { flag: 'wx', mode: 0o600 });
    // writeFile's mode is filtered by the umask; chmod is not.
    chmodSync(temp, original.mode & 0o7777);
    restoreOwner(temp, original.uid, original.gid);
    renameSync(temp, realPath);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    throw error;
  }
}

/** Only root can give a file away; for anyone else the new file is already theirs. */
function restoreOwner(file: string, uid: number, gid: number): void {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  try {
    chownSync(file, uid, gid);
  } catch {
    // e.g. a file system without owners; the content is what matters
  }
}
