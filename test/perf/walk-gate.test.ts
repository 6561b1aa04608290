// The CLI's walk and gate, counted rather than timed (bench/README.md, 2026-12-04 tenth pass):
// - a folder the walk has listed needs no file-system probe for `.gitignore` or `.git`: the
//   listing says whether they are there (two failed stats per folder were a third of the walk);
// - the byte gate reads a file to its end without `fstat` (Node's Stats object cost more than
//   the read of a small file), and reads a file larger than its buffer whole;
// - settings without an ESLint configuration are known without a promise per file.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { selectFiles, walkStats } from '../../src/cli/files';
import { DEFAULT_EXTENSIONS } from '../../src/cli/args';
import { readGateBytes } from '../../src/cli/write';
import { makeTree, tempDir } from '../cli/helpers';

const EXTENSIONS = new Set(DEFAULT_EXTENSIONS);

function walk(root: string, paths = ['.']): string[] {
  return selectFiles(paths, { cwd: root, extensions: EXTENSIONS, ignore: [] }).targets.map((t) => t.displayPath);
}

function probesOf(run: () => void): number {
  const before = walkStats.ignoreProbes;
  run();
  return walkStats.ignoreProbes - before;
}

describe('walk: the listing answers for .gitignore and .git', () => {
  it('costs the same probes for 2 folders as for 60 without a .gitignore', () => {
    const tree = (n: number): string => {
      const root = makeTree(Object.fromEntries(Array.from({ length: n }, (_, i) => [`pkg${i}/src/a${i}.ts`, 'export {};\n'])));
      mkdirSync(path.join(root, '.git'));
      return root;
    };
    const small = tree(2);
    const large = tree(60);
    const probesSmall = probesOf(() => expect(walk(small)).toHaveLength(2));
    const probesLarge = probesOf(() => expect(walk(large)).toHaveLength(60));
    expect(probesLarge).toBe(probesSmall);
    // the repository top still reads its .gitignore and .git/info/exclude: a handful, not one per folder
    expect(probesSmall).toBeLessThan(5);
  });

  it('a .gitignore the listing shows is read and honoured, at any depth', () => {
    const root = makeTree({ 'a/b/c/.gitignore': 'gen.ts\n', 'a/b/c/gen.ts': '', 'a/b/c/kept.ts': '', 'a/gen.ts': '' });
    mkdirSync(path.join(root, '.git'));
    expect(walk(root)).toEqual(['a/b/c/kept.ts', 'a/gen.ts']);
  });

  it('a .git file (a worktree) makes its folder the top: .gitignore files above it do not apply', () => {
    const root = makeTree({ '.gitignore': '*.ts\n', 'wt/.git': 'gitdir: /elsewhere/.git/worktrees/wt\n', 'wt/src/a.ts': '' });
    mkdirSync(path.join(root, '.git'));
    expect(walk(path.join(root, 'wt'))).toEqual(['src/a.ts']);
    // walked from above, the worktree folder is met through the listing: the same answer
    expect(walk(root)).toEqual(['wt/src/a.ts']);
    expect(walk(root, ['wt'])).toEqual(['wt/src/a.ts']);
  });

  it('a .git symlink counts only when its target exists, as existsSync counts it', () => {
    const root = makeTree({ '.gitignore': '*.ts\n', 'sub/src/a.ts': '', 'other/src/b.ts': '' });
    mkdirSync(path.join(root, '.git'));
    mkdirSync(path.join(root, 'real-git'));
    symlinkSync(path.join(root, 'real-git'), path.join(root, 'sub/.git'));
    symlinkSync(path.join(root, 'missing-git'), path.join(root, 'other/.git'));
    // sub is a repository of its own (the root's *.ts does not reach it); other's dangling link is no repository
    expect(walk(root, ['sub', 'other'])).toEqual(['sub/src/a.ts']);
  });
});

describe('byte gate read', () => {
  let dir = '';
  const write = (name: string, bytes: Buffer): string => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };
  beforeEach(() => {
    dir = tempDir();
  });

  it('reads small, empty, exactly-buffer-sized and larger files whole', () => {
    const small = Buffer.from("import '@opentelemetry/api';\n");
    expect(readGateBytes(write('small.ts', small))?.equals(small)).toBe(true);
    expect(readGateBytes(write('empty.ts', Buffer.alloc(0)))?.length).toBe(0);
    for (const size of [256 * 1024, 256 * 1024 + 1, 700 * 1024]) {
      // the one name that matters sits in the last bytes
      const tail = Buffer.from("\nimport '@opentelemetry/sdk-node';\n");
      const bytes = Buffer.concat([Buffer.alloc(size - tail.length, 0x20), tail]);
      const read = readGateBytes(write(`large-${size}.ts`, bytes));
      expect(read?.length, String(size)).toBe(size);
      expect(read?.equals(bytes), String(size)).toBe(true);
    }
    // the buffer grew: a small file after a large one is still read exactly
    expect(readGateBytes(path.join(dir, 'small.ts'))?.equals(small)).toBe(true);
  });

  it('gives undefined for what it cannot read, so the ordinary read reports why', () => {
    expect(readGateBytes(path.join(dir, 'absent.ts'))).toBeUndefined();
    expect(readGateBytes(dir)).toBeUndefined(); // a directory: the read fails
  });
});
