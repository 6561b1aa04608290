// The `walkers` row of `npm run bench` (bench/walkers.mjs) compares otel-codemod's directory walk
// with fdir, tinyglobby and fast-glob (issue 16): the comparison means something only if every
// walker lists the same files the CLI walks, so each is checked against one tree with the traps
// that tell them apart.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTENSIONS } from '../../src/cli/args';
// @ts-expect-error -- a plain .mjs module of the bench
import { CLI_EXTENSIONS, WALKERS, loadWalker, measureWalkers, otelSafeWalkerModule } from '../../bench/walkers.mjs';
import { makeTree } from '../cli/helpers';

const FILES = [
  'src/a.ts',
  'src/b.tsx',
  'src/deep/c.mjs',
  'src/deep/d.cts',
  'src/e.py',
  'src/types.d.ts', // declaration files: never walked
  'src/more.d.mts',
  'src/notes.md',
  'src/data.json',
  'src/a.js.map',
  'lib.js/README.md', // a folder named like a source file: only its source files count
  'lib.js/index.js',
  'node_modules/pkg/index.js', // never entered
  '.git/hooks/x.js',
  '.hidden/f.js', // dot folders are walked
];
const EXPECTED = ['.hidden/f.js', 'lib.js/index.js', 'src/a.ts', 'src/b.tsx', 'src/deep/c.mjs', 'src/deep/d.cts', 'src/e.py'];

/** The traps under a fresh temp dir (removed after the test). */
const trapTree = (): string => makeTree(Object.fromEntries(FILES.map((f) => [f, ''])));

describe("the bench's walkers", () => {
  it("walk the CLI's default extensions", () => {
    expect([...CLI_EXTENSIONS].sort()).toEqual([...DEFAULT_EXTENSIONS].sort());
  });

  it('list the same files as the CLI on a tree with its traps', () => {
    const root = trapTree();
    const modulePath = otelSafeWalkerModule();
    for (const name of WALKERS as string[]) {
      const walk = loadWalker(name, modulePath) as (dir: string) => string[];
      const listed = walk(root).map((f) => path.relative(root, f).split(path.sep).join('/')).sort();
      expect({ name, listed }).toEqual({ name, listed: EXPECTED });
    }
  });

  it('are timed in processes of their own and compared file by file', () => {
    const root = trapTree();
    const result = measureWalkers(root, { repeat: 1 }) as Record<string, { files: number; firstMs: number; differences: { extra: number; missing: number } }>;
    expect(Object.keys(result)).toEqual(WALKERS);
    for (const r of Object.values(result)) {
      expect(r.files).toBe(EXPECTED.length);
      expect(r.firstMs).toBeGreaterThan(0);
      expect(r.differences).toMatchObject({ extra: 0, missing: 0 });
    }
  }, 30_000);
});
