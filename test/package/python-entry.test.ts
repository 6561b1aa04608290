// The built Python pieces: the grammar copied next to the code (the bytes of the scriptless
// devDependency), and the JavaScript path never loading the wasm runtime.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dist, ensureBuilt } from './build';

beforeAll(() => ensureBuilt(), 200_000);

describe('Python build output', () => {
  it('ships tree-sitter-python.wasm in dist/, byte-identical to the devDependency it is copied from', () => {
    const shipped = readFileSync(join(dist, 'tree-sitter-python.wasm'));
    expect(shipped.equals(readFileSync(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm')))).toBe(true);
  });

  it('loading the main entry (every editor does) loads no wasm runtime', () => {
    const script = `require(${JSON.stringify(join(dist, 'index.js'))}); console.log(Object.keys(require.cache).filter((k) => k.includes('web-tree-sitter')).length);`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('0');
  });

  it('the python subpath loads the parser at import and extends the main plugin object', () => {
    const script = `const main = require(${JSON.stringify(join(dist, 'index.js'))});
import(${JSON.stringify(join(dist, 'python.mjs'))}).then(({ default: py }) => {
  console.log(JSON.stringify({ same: py === main, language: typeof py.languages.python.parse, rules: Object.keys(py.rules).filter((r) => r.startsWith('python/')).length, config: py.configs['python/recommended'].language }));
});`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ same: true, language: 'function', rules: 7, config: 'otel-safe/python' });
  });
});
