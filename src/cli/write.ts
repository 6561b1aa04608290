import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, closeSync, fstatSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OPEN_NONBLOCK, withRegularFile } from '../project/files';

const UTF8_BOM = '\uFEFF';

/** What was read, to tell at write time whether the file changed since (with the bytes, which the decoded text gives back). */
export interface FileSnapshot {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

/** A file's text as the transform sees it, plus what must be put back when writing. */
export interface DecodedText {
  /** Without the BOM; line endings untouched. */
  readonly text: string;
  readonly hasBom: boolean;
}

/** A source file as read for a transform: its text, and what to compare before writing over it. */
export interface ReadSource extends DecodedText {
  readonly snapshot: FileSnapshot;
}

/** The file changed on disk between reading and writing (an editor saved it): the new text is not written. */
export class ChangedDuringRunError extends Error {
  constructor() {
    super('changed during the run, not written (run again to apply the change to the new contents)');
    this.name = 'ChangedDuringRunError';
  }
}

/** Test seam: runs just before a written file is compared with what was read (a test edits the file here). */
export const writeHooks: { beforeCompare?: (realPath: string) => void } = {};

/**
 * Reads a source file as UTF-8 text and strips a BOM (parsers and transforms should not
 * see it). Returns undefined for bytes that are not valid UTF-8: writing such a file
 * back would replace the invalid bytes, so it is reported instead of processed.
 * Throws `NotRegularFileError` for a FIFO, socket or device, and the file system's
 * error when the file cannot be read.
 */
export function readSourceText(realPath: string): DecodedText | undefined {
  const read = readSource(realPath);
  return read && { text: read.text, hasBom: read.hasBom };
}

/** `readSourceText`, with the snapshot `writeFileAtomic` compares against before replacing the file. */
/** Work counters, read by test/perf: reads by the byte gate, and reads of a file's text. */
export const readStats = { gateBytes: 0, sources: 0 };

export function readSource(realPath: string): ReadSource | undefined {
  readStats.sources++;
  return withRegularFile(realPath, (fd, st) => {
    // Decoding straight into a string is the fast path; invalid bytes decode to U+FFFD, so only
    // a text containing U+FFFD needs its bytes checked.
    const raw = readFileSync(fd, 'utf8');
    const bytes = raw.includes('\uFFFD') ? readBytes(fd, st.size) : undefined;
    if (bytes && !isUtf8(bytes)) return undefined;
    const snapshot = { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
    return raw.startsWith(UTF8_BOM) ? { text: raw.slice(1), hasBom: true, snapshot } : { text: raw, hasBom: false, snapshot };
  });
}

/** Reused between calls of `readGateBytes`: most source files fit, so the gate allocates nothing per file. */
let gateBuffer = Buffer.allocUnsafe(256 * 1024);

/**
 * A regular file's bytes for the CLI's byte gate, without decoding them; valid only until the
 * next call (one reused buffer). Read until the read returns nothing, as grep does: no `fstat`
 * per file (in Node, building its Stats costs more than the read of a small file). A file that
 * fills the buffer is sized by `fstat` and must be a regular file. Undefined for anything unusual
 * (a read error, a larger file that is not a regular file or changed size while read): the caller
 * then reads it the ordinary way, which reports why. A FIFO opens without blocking and reads as
 * empty here; the walk never offers one (it notes them), so only a swap mid-run could.
 */
export function readGateBytes(realPath: string): Buffer | undefined {
  readStats.gateBytes++;
  let fd: number;
  try {
    fd = openSync(realPath, OPEN_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    let read = 0;
    for (;;) {
      if (read === gateBuffer.length) return readLargeRest(fd, read);
      const n = readSync(fd, gateBuffer, read, gateBuffer.length - read, read);
      if (n === 0) return gateBuffer.subarray(0, read);
      read += n;
    }
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** `readGateBytes` past its buffer: the rest of a regular file, by its size, after the `read` bytes already there. */
function readLargeRest(fd: number, read: number): Buffer | undefined {
  const st = fstatSync(fd);
  if (!st.isFile() || st.size < read) return undefined;
  const larger = Buffer.allocUnsafe(st.size);
  gateBuffer.copy(larger, 0, 0, read);
  gateBuffer = larger;
  while (read < st.size) {
    const n = readSync(fd, gateBuffer, read, st.size - read, read);
    if (n === 0) return undefined;
    read += n;
  }
  return gateBuffer.subarray(0, read);
}

/** The text of valid UTF-8 bytes as `readSourceText` gives it: decoded, without the BOM. */
export function decodeText(bytes: Buffer): string {
  const raw = bytes.toString('utf8');
  return raw.startsWith(UTF8_BOM) ? raw.slice(1) : raw;
}

/** `size` bytes from the start of an open file (undefined if it is shorter now). */
function readBytes(fd: number, size: number): Buffer | undefined {
  const bytes = Buffer.allocUnsafe(size);
  let read = 0;
  while (read < size) {
    const n = readSync(fd, bytes, read, size - read, read);
    if (n === 0) return undefined;
    read += n;
  }
  return bytes;
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
 *
 * Compare before replace: with `expected` (the snapshot and the bytes that were read), the
 * file is checked just before the rename, after the temp file is written; if its size, mtime,
 * inode or bytes differ, it is left as it is and `ChangedDuringRunError` is thrown: an edit
 * saved while the transform ran is never overwritten by output computed from the old text.
 * (A write landing between this check and the rename, microseconds later, is not caught: no
 * portable lock exists.)
 */
export function writeFileAtomic(realPath: string, content: Buffer, expected?: { readonly snapshot: FileSnapshot; readonly bytes: Buffer }): void {
  const original = statSync(realPath);
  const temp = path.join(path.dirname(realPath), `.${path.basename(realPath)}.otel-codemod-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content, { flag: 'wx', mode: 0o600 });
    // writeFile's mode is filtered by the umask; chmod is not.
    chmodSync(temp, original.mode & 0o7777);
    restoreOwner(temp, original.uid, original.gid);
    if (expected) {
      writeHooks.beforeCompare?.(realPath);
      if (!isUnchanged(realPath, expected.snapshot, expected.bytes)) throw new ChangedDuringRunError();
    }
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

/** True when the file still is what was read: same size, mtime and inode, and (since an mtime can repeat) the same bytes. */
function isUnchanged(realPath: string, snapshot: FileSnapshot, bytes: Buffer): boolean {
  const fd = openSync(realPath, OPEN_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size !== snapshot.size || st.mtimeMs !== snapshot.mtimeMs || st.ino !== snapshot.ino) return false;
    return readBytes(fd, st.size)?.equals(bytes) ?? false;
  } finally {
    closeSync(fd);
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
