// jscodeshift is not a dependency of the package: otel-codemod hands transforms an `api`
// whose `jscodeshift` loads it only when it is installed, and otherwise fails that file with
// a message that says so. Run for real, from a bundle outside the repository.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(os.tmpdir(), 'otel-codemod-api-'));
const script = path.join(dir, 'probe.js');
const source = path.join(dir, 'probe-input.js');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  await build({ entryPoints: [path.join(__dirname, 'api-probe-entry.ts')], outfile: script, bundle: true, platform: 'node', format: 'cjs', external: ['jscodeshift'], logLevel: 'silent' });
  writeFileSync(source, 'const a = 1;\n');
});

function probe(env: NodeJS.ProcessEnv): { status: string; error?: string } {
  const r = spawnSync(process.execPath, [script, source], { encoding: 'utf8', env: { ...process.env, NODE_PATH: '', ...env } });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { status: string; error?: string };
}

describe('the api given to transforms', () => {
  it('without jscodeshift installed: the file fails with a message naming the missing package', () => {
    const result = probe({});
    expect(result.status).toBe('error');
    expect(result.error).toContain('jscodeshift is not installed');
    expect(result.error).toContain('npm i -D jscodeshift');
  });

  it('with jscodeshift resolvable: api.jscodeshift is the real jscodeshift', () => {
    const result = probe({ NODE_PATH: path.join(__dirname, '..', '..', 'node_modules') });
    expect(result).toEqual({ path: 'probe.js', status: 'unchanged' });
  });
});
