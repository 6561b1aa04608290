import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeText, readSourceText, writeFileAtomic } from '../../src/cli/write';
import { listTree, makeTree, read, readBytes, runIn, tempDir } from './helpers';
import { received } from './test-transforms';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('what the transform sees and what is written back', () => {
  it('CRLF line endings reach the transform as-is and are kept', async () => {
    const root = makeTree({ 'a.ts': 'const a = 1;\r\nconst b = OLD;\r\n', 'mixed.js': 'x\r\nOLD\ny\r\n' });
    const out = await runIn(root, ['add-guards', '.']);
    expect(out.code).toBe(0);
    expect(received.find((file) => file.path.endsWith('a.ts'))?.source).toBe('const a = 1;\r\nconst b = OLD;\r\n');
    expect(read(root, 'a.ts')).toBe('const a = 1;\r\nconst b = NEW;\r\n');
    expect(read(root, 'mixed.js')).toBe('x\r\nNEW\ny\r\n');
  });

  it('a UTF-8 BOM is stripped before the transform and put back after', async () => {
    const root = makeTree({ 'a.ts': Buffer.concat([BOM, Buffer.from('const a = OLD; // é\n')]) });
    await runIn(root, ['add-guards', 'a.ts']);
    expect(received[0]?.source).toBe('const a = OLD; // é\n');
    expect(readBytes(root, 'a.ts').equals(Buffer.concat([BOM, Buffer.from('const a = NEW; // é\n')]))).toBe(true);
  });

  it('a file without a BOM does not get one', async () => {
    const root = makeTree({ 'a.ts': 'OLD' });
    await runIn(root, ['add-guards', 'a.ts']);
    expect(readBytes(root, 'a.ts').equals(Buffer.from('NEW'))).toBe(true);
  });

  it.each([0o755, 0o600, 0o644, 0o775])('the file mode %o is kept', async (mode) => {
    const root = makeTree({ 'bin.js': '#!/usr/bin/env node\nOLD\n' });
    chmodSync(path.join(root, 'bin.js'), mode);
    await runIn(root, ['add-guards', 'bin.js']);
    expect(read(root, 'bin.js')).toBe('#!/usr/bin/env node\nNEW\n');
    expect(statSync(path.join(root, 'bin.js')).mode & 0o7777).toBe(mode);
  });

  it('an unchanged file is not rewritten (same inode, same mtime)', async () => {
    const root = makeTree({ 'a.ts': 'fine' });
    const before = statSync(path.join(root, 'a.ts'));
    await runIn(root, ['add-guards', 'a.ts']);
    const after = statSync(path.join(root, 'a.ts'));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });
});

describe('atomic writes', () => {
  it('replace the file by rename (new inode) and leave no temp files behind', async () => {
    const root = makeTree({ 'src/a.ts': 'OLD', 'src/b.ts': 'OLD', 'src/c.ts': 'fine', 'src/d.ts': '@@unparseable@@' });
    const inode = statSync(path.join(root, 'src/a.ts')).ino;
    const before = listTree(root);
    const out = await runIn(root, ['add-guards', 'src']);
    expect(out.code).toBe(3);
    expect(statSync(path.join(root, 'src/a.ts')).ino).not.toBe(inode);
    expect(listTree(root)).toEqual(before);
  });

  it('writeFileAtomic removes its temp file when the rename fails, and throws', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'target.ts'));
    writeFileSync(path.join(dir, 'target.ts', 'inside'), 'x'); // a non-empty directory cannot be renamed over
    expect(() => writeFileAtomic(path.join(dir, 'target.ts'), Buffer.from('new'))).toThrow();
    expect(readdirSync(dir)).toEqual(['target.ts']);
  });

  it('writeFileAtomic keeps the mode regardless of the umask', () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.sh');
    writeFileSync(file, 'old');
    chmodSync(file, 0o777);
    const umask = process.umask(0o077);
    try {
      writeFileAtomic(file, Buffer.from('new'));
    } finally {
      process.umask(umask);
    }
    expect(statSync(file).mode & 0o7777).toBe(0o777);
    expect(read(dir, 'x.sh')).toBe('new');
  });

  it.skipIf(isRoot)('a file that cannot be written is an error, left as it was, and the run goes on (skipped as root: root may write anywhere)', async () => {
    const root = makeTree({ 'locked/a.ts': 'OLD', 'open/b.ts': 'OLD' });
    chmodSync(path.join(root, 'locked'), 0o555);
    try {
      const out = await runIn(root, ['add-guards', '.']);
      expect(out.code).toBe(3);
      expect(out.stderr).toMatch(/^error: locked\/a\.ts: cannot write: EACCES/m);
      expect(read(root, 'locked/a.ts')).toBe('OLD');
      expect(read(root, 'open/b.ts')).toBe('NEW');
      expect(readdirSync(path.join(root, 'locked'))).toEqual(['a.ts']);
    } finally {
      chmodSync(path.join(root, 'locked'), 0o755);
    }
  });
});

describe('readSourceText / encodeText', () => {
  it('round-trips BOM and line endings', () => {
    const bytes = Buffer.concat([BOM, Buffer.from('a\r\nb\n')]);
    const root = makeTree({ 'a.ts': bytes });
    const decoded = readSourceText(path.join(root, 'a.ts'));
    expect(decoded).toEqual({ text: 'a\r\nb\n', hasBom: true });
    expect(encodeText(decoded!.text, decoded!.hasBom).equals(bytes)).toBe(true);
  });

  it('refuses bytes that are not UTF-8, but accepts a real U+FFFD', () => {
    const root = makeTree({ 'bad.ts': Buffer.from([0x61, 0xff, 0x62]), 'good.ts': 'a\uFFFDb' });
    expect(readSourceText(path.join(root, 'bad.ts'))).toBeUndefined();
    expect(readSourceText(path.join(root, 'good.ts'))).toEqual({ text: 'a\uFFFDb', hasBom: false });
  });

  it('throws when the file cannot be read', () => {
    expect(() => readSourceText(path.join(tempDir(), 'missing.ts'))).toThrow(/ENOENT/);
  });
});
