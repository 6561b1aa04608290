// The CLI's settings resolver loads ESLint (hundreds of modules: the largest fixed cost of a
// small run) only when ESLint could find a configuration: with ESLint 9 in flat-config mode and no
// eslint.config.* in the working directory or above it, ESLint would only answer "none", so the
// settings come from package.json without loading it. Counted, not timed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsResolver, settingsStats } from '../../src/cli/settings';
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
