// `entryFor` picks a transform's entry by the file's extension once per file of a run, so it reads
// the extension without `path.extname` and remembers each extension's entry: it must pick as
// `path.extname` would.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../../codemods';
import { entryFor, findTransform } from '../../src/cli/registry';

describe('entryFor', () => {
  it('picks the entry path.extname names, for every shape of file name', () => {
    const command = findTransform(registry, 'add-guards')!;
    const byExtname = (file: string) => command.entries.find((e) => e.extensions.includes(path.extname(file).slice(1).toLowerCase()));
    const files = ['/p/a.ts', '/p/a.TSX', '/p/a.d.ts', '/p/a.py', '/p/a.PY', '/p/a.txt', '/p/.ts', '/p/.eslintrc', '/p/a.', '/p/a..js', '/p/...', '/p/x.y/z', '/p/x.js/', 'a.mjs', 'noext', '/', '/p/a.b.c.cts'];
    for (const file of files) {
      expect(entryFor(command, file), file).toBe(byExtname(file));
      expect(entryFor(command, file), `${file} again`).toBe(byExtname(file)); // from the memo
    }
    expect(entryFor(command, '/p/a.ts')?.language).toBe('javascript');
    expect(entryFor(command, '/p/a.py')?.language).toBe('python');
    expect(entryFor(command, '/p/a.txt')).toBeUndefined();
  });
});
