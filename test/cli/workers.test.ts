import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../src/cli/run';
import { listTree, makeTree, parseJson, read, runIn, tempDir } from './helpers';
import { received, SKIP, UNPARSEABLE } from './test-transforms';

const repoRoot = path.resolve(__dirname, '../..');
const distCli = path.join(repoRoot, 'dist/cli.js');
const registrySource = path.join(repoRoot, 'codemods/index.ts');

/** 130 files of every kind: enough for the worker path (more than 50). */
function bigTree(): Record<string, string> {
  const kinds = ['const x = OLD;\n', 'const y = 1;\n', `// ${SKIP}\n`, `${UNPARSEABLE}\n`, 'a\r\nOLD\r\n'];
  return Object.fromEntries(Array.from({ length: 130 }, (_, i) => [`src/m${i % 7}/file${i}.${i % 2 ? 'ts' : 'js'}`, kinds[i % kinds.length]!]));
}

function snapshot(root: string): [string, string][] {
  return listTree(root)
    .filter((rel) => /\.(ts|js)$/.test(rel))
    .map((rel) => [rel, read(root, rel)]);
}

describe('worker threads (script bundled from the sources by esbuild)', () => {
  // Not tempDir(): that one is removed after each test, and the script serves them all.
  const scriptDir = mkdtempSync(path.join(os.tmpdir(), 'otel-codemod-worker-'));
  const workerScript = path.join(scriptDir, 'worker.js');
  afterAll(() => rmSync(scriptDir, { recursive: true, force: true }));

  beforeAll(async () => {
    await build({
      entryPoints: [path.join(__dirname, 'worker-entry.ts')],
      outfile: workerScript,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      external: ['jscodeshift'],
      logLevel: 'silent',
    });
  });

  it('--jobs 4 gives the same report and the same files as --jobs 1', async () => {
    const one = makeTree(bigTree());
    const four = makeTree(bigTree());
    const sequential = await runIn(one, ['add-guards', '--json', '--jobs', '1', 'src'], { workerScript });
    expect(received).toHaveLength(130); // in this thread
    received.length = 0;
    const parallel = await runIn(four, ['add-guards', '--json', '--jobs', '4', 'src'], { workerScript });
    expect(received).toHaveLength(0); // all in worker threads

    expect(parallel.code).toBe(3);
    expect(sequential.code).toBe(3);
    const a = parseJson(sequential.stdout);
    const b = parseJson(parallel.stdout);
    expect(b.files).toEqual(a.files);
    expect({ ...b.summary, durationMs: 0 }).toEqual({ ...a.summary, durationMs: 0 });
    expect(a.summary).toMatchObject({ changed: 52, unchanged: 26, skipped: 26, errors: 26 });
    expect(snapshot(four)).toEqual(snapshot(one));
    expect(read(four, 'src/m4/file4.js')).toBe('a\r\nNEW\r\n');
    expect(parallel.stderr).toBe(sequential.stderr);
  });

  it('--check and --diff behave the same in workers', async () => {
    const root = makeTree(bigTree());
    const before = snapshot(root);
    const out = await runIn(root, ['add-guards', '--check', '--diff', '--jobs', '3', 'src'], { workerScript });
    expect(out.stderr).toContain('error: src/m3/file3.ts: Unexpected token (1:4)');
    expect(out.code).toBe(3); // the unparseable files win over the would-change ones
    // the file, its stylish row (computed in the worker), then its diff
    expect(out.stdout).toMatch(/^would change: src\/m0\/file0\.js\n {2}1:1 {2}error {2}.+ {2}otel-codemod\/add-guards\n--- a\/src\/m0\/file0\.js\n\+\+\+ b\/src\/m0\/file0\.js\n@@/m);
    expect(snapshot(root)).toEqual(before);
    expect(received).toHaveLength(0);
  });

  it('small runs and --jobs 1 stay in-process', async () => {
    const root = makeTree(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}.ts`, 'OLD'])));
    await runIn(root, ['add-guards', '--jobs', '8', '.'], { workerScript });
    expect(received).toHaveLength(50);
  });

  it('a worker that cannot start turns its files into errors and leaves them untouched (exit 3)', async () => {
    const broken = path.join(tempDir(), 'broken-worker.js');
    writeFileSync(broken, "throw new Error('cannot load the transforms');\n");
    const root = makeTree(bigTree());
    const before = snapshot(root);
    const out = await runIn(root, ['add-guards', '--json', '--jobs', '2', 'src'], { workerScript: broken });
    expect(out.code).toBe(3);
    const report = parseJson(out.stdout);
    expect(report.summary.errors).toBe(130);
    expect(report.files[0]?.error).toMatch(/worker thread failed: cannot load the transforms/);
    expect(snapshot(root)).toEqual(before);
  });
});

describe('the built binary (dist/cli.js)', () => {
  it.skipIf(!existsSync(distCli))(
    '--jobs 2 gives the same results as --jobs 1 with the real transforms (skipped until `npm run build` has produced dist/cli.js)',
    () => {
      const fixture = {
        ...bigTree(),
        'src/app.js':
          "const { NodeSDK } = require('@opentelemetry/sdk-node');\napp.use((req,res,next)=>{ new NodeSDK().start(); next(); });\n",
      };
      const root = makeTree(fixture);
      const copy = tempDir();
      cpSync(root, copy, { recursive: true });
      const run = (cwd: string, jobs: string) =>
        spawnSync(process.execPath, [distCli, 'add-guards', '--json', '--jobs', jobs, 'src'], { cwd, encoding: 'utf8' });
      const one = run(root, '1');
      const two = run(copy, '2');
      expect(one.status).toBe(two.status);
      const a = parseJson(one.stdout);
      const b = parseJson(two.stdout);
      expect(b.files).toEqual(a.files);
      expect(a.files.find((file) => file.path === 'src/app.js')?.status).toBe('changed');
      expect(snapshot(copy)).toEqual(snapshot(root));
    },
  );

  it.skipIf(!existsSync(distCli))('--version and list work from the bundle (skipped until dist/cli.js is built)', () => {
    const version = spawnSync(process.execPath, [distCli, '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const list = spawnSync(process.execPath, [distCli, 'list'], { encoding: 'utf8' });
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^add-guards {2,}\S/m);
    expect(list.stdout).toMatch(/^guard-registration {2,}\S/m);
  });
});

describe('the real add-guards transform (in-process)', () => {
  const middleware =
    "const { NodeSDK } = require('@opentelemetry/sdk-node');\napp.use((req,res,next)=>{ new NodeSDK().start(); next(); });\n";

  async function realRegistry(): Promise<Registry | undefined> {
    if (!existsSync(registrySource)) return undefined;
    const loaded = (await import(/* @vite-ignore */ registrySource)) as { registry?: Registry };
    return loaded.registry?.some((t) => t.name === 'add-guards') ? loaded.registry : undefined;
  }

  it.skipIf(!existsSync(registrySource))('--check finds the SDK started in middleware, a run fixes it, a second --check passes', async () => {
    const registry = await realRegistry();
    if (!registry) return; // the registry exists but has no add-guards yet
    const root = makeTree({ 'src/app.js': middleware, 'src/plain.ts': 'export const x = 1;\n' });
    const check = await runIn(root, ['add-guards', '--check', 'src'], { registry });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('would change: src/app.js');
    expect(read(root, 'src/app.js')).toBe(middleware);

    const fix = await runIn(root, ['add-guards', 'src'], { registry });
    expect(fix.code).toBe(0);
    expect(read(root, 'src/app.js')).not.toBe(middleware);
    expect(read(root, 'src/plain.ts')).toBe('export const x = 1;\n');

    const again = await runIn(root, ['add-guards', '--check', 'src'], { registry });
    expect(again.stdout).not.toMatch(/^would change:/m);
    expect(again.code).toBe(0);
  });

  it.skipIf(!existsSync(registrySource))('list shows add-guards and guard-registration', async () => {
    const registry = await realRegistry();
    if (!registry) return;
    const out = await runIn(tempDir(), ['list'], { registry });
    expect(out.stdout).toMatch(/^add-guards {2,}\S/m);
    expect(out.stdout).toMatch(/^guard-registration {2,}\S/m);
  });
});
