// The CLI's settings resolver loads ESLint (hundreds of modules: the largest fixed cost of a
// small run) only when ESLint could find a configuration: with ESLint 9 in flat-config mode and no
// eslint.config.* in the working directory or above it, ESLint would only answer "none", so the
// settings come from package.json without loading it. Counted, not timed. Without a configuration the
// settings are also known without a promise per file (`forFileNow`, `forGroupNow`: the CLI gate's loop).
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { selectFiles } from '../../src/cli/files';
import { SettingsResolver, settingsStats } from '../../src/cli/settings';
import { statStats } from '../../src/project/files';
import { makeTree } from '../cli/helpers';

const FLAT = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

/** A flat config above the temp directories would make ESLint load whatever the test does. */
function configAbove(dir: string): boolean {
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    if (FLAT.some((f) => existsSync(path.join(d, f)))) return true;
    if (path.dirname(d) === d) return false;
  }
}

const PACKAGE = JSON.stringify({ name: 'app', 'otel-safe': { hmr: 'always' } });

describe('settings: ESLint is loaded only when a flat config can apply', () => {
  const saved = process.env.ESLINT_USE_FLAT_CONFIG;
  afterEach(() => {
    if (saved === undefined) delete process.env.ESLINT_USE_FLAT_CONFIG;
    else process.env.ESLINT_USE_FLAT_CONFIG = saved;
  });

  it('no eslint.config.* from the cwd up: package.json settings, ESLint not loaded', async () => {
    const root = makeTree({ 'package.json': PACKAGE, 'src/a.ts': '' });
    if (configAbove(root)) return; // a config above the temp directory: nothing to count here
    const before = { ...settingsStats };
    const resolver = await SettingsResolver.create({ cwd: root });
    expect(await resolver.forFile(path.join(root, 'src/a.ts'))).toEqual({ hmr: 'always' });
    expect(settingsStats.eslintLoads - before.eslintLoads).toBe(0);
    expect(settingsStats.eslintLoadsSkipped - before.eslintLoadsSkipped).toBe(1);
  });

  it('an eslint.config.js in the cwd (or above it): ESLint is loaded and its settings win', async () => {
    const root = makeTree({
      'package.json': PACKAGE,
      'eslint.config.js': `module.exports = [{ settings: { 'otel-safe': { hmr: 'never' } } }];\n`,
      'app/src/a.js': '',
    });
    for (const cwd of [root, path.join(root, 'app')]) {
      const before = { ...settingsStats };
      const resolver = await SettingsResolver.create({ cwd });
      expect(await resolver.forFile(path.join(root, 'app/src/a.js'))).toEqual({ hmr: 'never' });
      expect(settingsStats.eslintLoads - before.eslintLoads).toBe(1);
      expect(settingsStats.eslintLoadsSkipped - before.eslintLoadsSkipped).toBe(0);
    }
  });

  it('a config below the cwd only (ESLint 9 looks up from the cwd): not loaded, as ESLint would find none', async () => {
    const root = makeTree({ 'package.json': PACKAGE, 'app/eslint.config.js': `module.exports = [{ settings: { 'otel-safe': { hmr: 'never' } } }];\n`, 'app/a.ts': '' });
    if (configAbove(root)) return;
    const before = { ...settingsStats };
    const resolver = await SettingsResolver.create({ cwd: root });
    expect(await resolver.forFile(path.join(root, 'app/a.ts'))).toEqual({ hmr: 'always' });
    expect(settingsStats.eslintLoads - before.eslintLoads).toBe(0);
  });

  it('ESLINT_USE_FLAT_CONFIG=false (eslintrc: a per-file cascade): ESLint is loaded', async () => {
    const root = makeTree({ 'package.json': PACKAGE, 'src/a.ts': '' });
    process.env.ESLINT_USE_FLAT_CONFIG = 'false';
    const before = { ...settingsStats };
    await SettingsResolver.create({ cwd: root, warn: () => {} });
    expect(settingsStats.eslintLoadsSkipped - before.eslintLoadsSkipped).toBe(0);
    expect(settingsStats.eslintLoads - before.eslintLoads).toBe(1);
  });
});

describe('settings: known without waiting when no ESLint configuration applies', () => {
  it('package.json settings come synchronously, per folder, equal to forFile', async () => {
    const root = makeTree({ 'package.json': PACKAGE, 'src/a.ts': '', 'src/b.js': '', 'lib/package.json': '{"name":"lib"}', 'lib/c.ts': '' });
    if (configAbove(root)) return;
    const resolver = await SettingsResolver.create({ cwd: root });
    for (const file of ['src/a.ts', 'src/b.js', 'lib/c.ts'].map((f) => path.join(root, f))) {
      expect(resolver.forFileNow(file)).toEqual(await resolver.forFile(file));
      expect(resolver.forGroupNow(file)).toEqual(await resolver.forGroup(file));
    }
    expect(resolver.forFileNow(path.join(root, 'src/a.ts'))).toEqual({ hmr: 'always' });
    expect(resolver.forFileNow(path.join(root, 'lib/c.ts'))).toEqual({});
  });

  it('invalid package.json settings throw, as forFile rejects', async () => {
    const root = makeTree({ 'package.json': JSON.stringify({ 'otel-safe': { hmr: 'sometimes' } }), 'a.ts': '' });
    if (configAbove(root)) return;
    const resolver = await SettingsResolver.create({ cwd: root });
    expect(() => resolver.forFileNow(path.join(root, 'a.ts'))).toThrow(/hmr/);
    await expect(resolver.forFile(path.join(root, 'a.ts'))).rejects.toThrow(/hmr/);
  });

  it('with an ESLint configuration: unknown until ESLint has answered for the folder', async () => {
    const root = makeTree({ 'package.json': PACKAGE, 'eslint.config.js': `module.exports = [{ settings: { 'otel-safe': { hmr: 'never' } } }];\n`, 'src/a.js': '', 'src/b.js': '' });
    const resolver = await SettingsResolver.create({ cwd: root });
    const [a, b] = ['src/a.js', 'src/b.js'].map((f) => path.join(root, f));
    expect(resolver.forFileNow(a!)).toBeUndefined();
    expect(resolver.forGroupNow(a!)).toBeUndefined();
    expect(await resolver.forGroup(a!)).toEqual({ hmr: 'never' });
    // the folder's group has settled: its other files need no await for the text gate
    expect(resolver.forGroupNow(b!)).toEqual({ hmr: 'never' });
    expect(resolver.forFileNow(b!)).toBeUndefined();
  });
});

describe("settings from the walk's listings (the nearest package.json without a stat per folder)", () => {
  /** The settings of each file of the tree as a resolver answers them, with or without the walk's listings. */
  async function answers(root: string, withListings: boolean): Promise<Record<string, unknown>> {
    const selection = selectFiles(['.'], { cwd: root, extensions: new Set(['ts', 'js']), ignore: [] });
    const resolver = await SettingsResolver.create({ cwd: root });
    if (withListings) resolver.useListings(selection.packageJsons);
    return Object.fromEntries(selection.targets.map((t) => [t.displayPath, resolver.forFileNow(t.path)]));
  }

  it('answer as the file system does: nested, absent, symlinked, a folder named package.json, above the walk', async () => {
    const outer = makeTree({ 'package.json': JSON.stringify({ 'otel-safe': { hmr: 'never' } }), 'shared.json': JSON.stringify({ 'otel-safe': { sdkGeneration: 2 } }) });
    const root = path.join(outer, 'repo');
    mkdirSync(path.join(root, 'a/deep/er'), { recursive: true });
    mkdirSync(path.join(root, 'b/package.json'), { recursive: true }); // a folder: not a manifest
    mkdirSync(path.join(root, 'c'), { recursive: true });
    mkdirSync(path.join(root, 'd'), { recursive: true });
    writeFileSync(path.join(root, 'a/package.json'), JSON.stringify({ name: 'a', 'otel-safe': { hmr: 'always' } }));
    for (const f of ['top.ts', 'a/x.ts', 'a/deep/er/y.ts', 'b/z.js', 'c/w.ts', 'd/v.ts']) writeFileSync(path.join(root, f), '');
    symlinkSync(path.join(outer, 'shared.json'), path.join(root, 'c/package.json'));
    symlinkSync(path.join(outer, 'missing.json'), path.join(root, 'd/package.json')); // dangling: no manifest
    if (configAbove(root)) return;
    const listed = await answers(root, true);
    expect(listed).toEqual(await answers(root, false));
    expect(listed).toEqual({
      'top.ts': { hmr: 'never' }, // above the walk: found by the file system
      'a/x.ts': { hmr: 'always' },
      'a/deep/er/y.ts': { hmr: 'always' },
      'b/z.js': { hmr: 'never' },
      'c/w.ts': { sdkGeneration: 2 },
      'd/v.ts': { hmr: 'never' },
    });
  });

  it('cost no stat for a folder the walk listed without a package.json', async () => {
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`src/m${i}/f.ts`, '']));
    const root = makeTree({ 'package.json': PACKAGE, ...files });
    if (configAbove(root)) return;
    const selection = selectFiles(['.'], { cwd: root, extensions: new Set(['ts']), ignore: [] });
    const resolver = await SettingsResolver.create({ cwd: root });
    resolver.useListings(selection.packageJsons);
    let before = statStats.stats;
    for (const t of selection.targets) expect(resolver.forFileNow(t.path)).toEqual({ hmr: 'always' });
    expect(statStats.stats - before).toBeLessThanOrEqual(1); // at most the one manifest's stamp
    // the same answers without the listings: a probe for package.json in each of the 40 folders
    const probing = await SettingsResolver.create({ cwd: root });
    before = statStats.stats;
    for (const t of selection.targets) expect(probing.forFileNow(t.path)).toEqual({ hmr: 'always' });
    expect(statStats.stats - before).toBeGreaterThanOrEqual(40);
  });

  it('read a manifest\'s "otel-safe" key however JSON spells it, and no other key', async () => {
    const escaped = makeTree({ 'package.json': '{ "name": "e", "otel\\u002dsafe": { "hmr": "never" } }', 'a.ts': '' });
    const other = makeTree({ 'package.json': JSON.stringify({ name: 'o', otelSafe: { hmr: 'never' }, description: 'otel-safe' }), 'a.ts': '' });
    if (configAbove(escaped) || configAbove(other)) return;
    expect((await SettingsResolver.create({ cwd: escaped })).forFileNow(path.join(escaped, 'a.ts'))).toEqual({ hmr: 'never' });
    expect((await SettingsResolver.create({ cwd: other })).forFileNow(path.join(other, 'a.ts'))).toEqual({});
  });
});
