// The CLI's share of the fast path, counted rather than timed: the transform's text gate runs in
// the main thread while files are read, so files that fail it never reach the transform or a
// worker thread; workers start only for enough files that pass; files over 512 KB are never
// analysed by two threads at once (peak RSS); directory walks leave declaration files out.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_EXTENSIONS } from '../../src/cli/args';
import { selectFiles } from '../../src/cli/files';
import { listTree, makeTree, parseJson, read, runIn } from '../cli/helpers';
import { gatedRegistry, received, SKIP } from './gated-transforms';

function snapshot(root: string): [string, string][] {
  return listTree(root)
    .filter((rel) => /\.(ts|js)$/.test(rel))
    .map((rel) => [rel, read(root, rel)]);
}

describe('directory walks', () => {
  it('leave out declaration files (no runtime code); a declaration file named explicitly is still processed', () => {
    const root = makeTree({ 'src/a.ts': '', 'src/a.d.ts': '', 'src/b.d.mts': '', 'src/c.d.cts': '', 'src/s.d.css.ts': '', 'src/d.ts': '', 'src/x.dts.ts': '' });
    const selected = (paths: string[]) => selectFiles(paths, { cwd: root, extensions: new Set(DEFAULT_EXTENSIONS), ignore: [] }).targets.map((t) => t.displayPath);
    expect(selected(['src'])).toEqual(['src/a.ts', 'src/d.ts', 'src/x.dts.ts']);
    expect(selected(['src/a.d.ts'])).toEqual(['src/a.d.ts']);
  });
});

describe('text gate in the main thread (worker script bundled from the sources by esbuild)', () => {
  const scriptDir = mkdtempSync(path.join(os.tmpdir(), 'otel-codemod-gate-'));
  const workerScript = path.join(scriptDir, 'worker.js');
  afterAll(() => rmSync(scriptDir, { recursive: true, force: true }));
  beforeAll(async () => {
    await build({ entryPoints: [path.join(__dirname, 'gated-worker-entry.ts')], outfile: workerScript, bundle: true, platform: 'node', format: 'cjs', target: 'node18', external: ['jscodeshift'], logLevel: 'silent' });
  });
  beforeEach(() => {
    received.length = 0;
  });

  it('files that fail the gate never reach the transform, and a few that pass start no worker', async () => {
    // 130 files, 20 of which pass the gate
    const tree = Object.fromEntries(Array.from({ length: 130 }, (_, i) => [`src/f${i}.ts`, i < 20 ? 'OLD' : `// ${SKIP}\n`]));
    const one = makeTree(tree);
    const four = makeTree(tree);
    const sequential = await runIn(one, ['gated', '--json', '--jobs', '1', 'src'], { workerScript, registry: gatedRegistry });
    expect(received).toHaveLength(20);
    received.length = 0;
    const parallel = await runIn(four, ['gated', '--json', '--jobs', '4', 'src'], { workerScript, registry: gatedRegistry });
    expect(received).toHaveLength(20); // 20 < 50 files per worker: all in this thread, no worker started
    const a = parseJson(sequential.stdout);
    expect(parseJson(parallel.stdout).files).toEqual(a.files);
    expect(a.summary).toMatchObject({ changed: 20, skipped: 110 });
    expect(snapshot(four)).toEqual(snapshot(one));
  });

  it('with many files passing, workers get them, except files over 512 KB, which run in this thread one at a time', async () => {
    const big = `const big = OLD;\n${'// filler\n'.repeat(60_000)}`; // > 512K characters
    const tree = {
      ...Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`src/f${i}.ts`, 'OLD'])),
      ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`src/skip${i}.ts`, `// ${SKIP}\n`])),
      'src/big.js': big,
      'src/big-skipped.js': `// ${SKIP}\n${big}`,
    };
    const one = makeTree(tree);
    const two = makeTree(tree);
    const sequential = await runIn(one, ['gated', '--json', '--jobs', '1', 'src'], { workerScript, registry: gatedRegistry });
    received.length = 0;
    const parallel = await runIn(two, ['gated', '--json', '--jobs', '2', 'src'], { workerScript, registry: gatedRegistry });
    expect(received.map((f) => path.basename(f.path))).toEqual(['big.js']); // the rest went to the workers
    const a = parseJson(sequential.stdout);
    expect(parseJson(parallel.stdout).files).toEqual(a.files);
    expect(a.summary).toMatchObject({ changed: 121, skipped: 21 });
    expect(read(two, 'src/big.js').startsWith('const big = NEW;')).toBe(true);
    expect(snapshot(two)).toEqual(snapshot(one));
  });
});
