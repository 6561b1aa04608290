// The published package: what `npm pack` ships, and how it loads. Runs on the built dist/
// (built in beforeAll when missing or stale; `npm test` builds first anyway).
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REQUIRED, codemodNames, dist, ensureBuilt, root } from './build';

const bin = (name: string) => join(root, 'node_modules', '.bin', name);
// publint and attw pack the package with `npm pack`; the `prepack` build must not run there
// (it would rebuild dist/ while other test files read it). dist/ is built by ensureBuilt.
const packEnv = { ...process.env, npm_config_ignore_scripts: 'true' };

beforeAll(() => ensureBuilt(), 200_000);

describe('build output', () => {
  it('has the CJS entry, the ESM wrapper, both type entries, the CLI and one file per codemod', () => {
    for (const f of [...REQUIRED, ...codemodNames().map((n) => `codemods/${n}.js`)]) {
      expect(statSync(join(dist, f)).size, f).toBeGreaterThan(0);
    }
    expect(readFileSync(join(dist, 'index.mjs'), 'utf8')).toMatch(/import plugin from '\.\/index\.js';\s*export default plugin;/);
    expect(readFileSync(join(dist, 'index.d.ts'), 'utf8')).toMatch(/export = plugin;/);
  });

  it('ships an executable CLI with a shebang', () => {
    expect(readFileSync(join(dist, 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(() => accessSync(join(dist, 'cli.js'), constants.X_OK)).not.toThrow();
    const r = spawnSync(join(dist, 'cli.js'), ['list'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(0);
    for (const name of codemodNames()) expect(r.stdout).toContain(name);
  });

  it('gives require() and import the same plugin object', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createRequire } from 'node:module';
         import esm from ${JSON.stringify(join(dist, 'index.mjs'))};
         const cjs = createRequire(import.meta.url)(${JSON.stringify(join(dist, 'index.js'))});
         console.log(JSON.stringify({ same: esm === cjs, hasDefault: 'default' in cjs, ns: cjs.meta.namespace, rules: Object.keys(cjs.rules).length }));`,
      ],
      { encoding: 'utf8' },
    );
    const r = JSON.parse(out);
    expect(r).toMatchObject({ same: true, hasDefault: false, ns: 'otel-safe' });
    expect(r.rules).toBeGreaterThan(0);
  });

  it('ships transforms jscodeshift can load (a default-exported function)', () => {
    for (const name of codemodNames()) {
      const out = execFileSync(process.execPath, ['-e', `const m = require(${JSON.stringify(join(dist, 'codemods', `${name}.js`))}); const f = typeof m === 'function' ? m : m.default; console.log(typeof f)`], { encoding: 'utf8' });
      expect(out.trim(), name).toBe('function');
    }
  });
});

describe('light entry', () => {
  it('loading the plugin does not load jscodeshift, recast, @babel/parser or the CLI', () => {
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        `const p = require(${JSON.stringify(join(dist, 'index.js'))});
         if (!p.rules || !p.configs) throw new Error('not the plugin');
         console.log(JSON.stringify(Object.keys(require.cache)));`,
      ],
      { encoding: 'utf8' },
    );
    const loaded: string[] = JSON.parse(out);
    expect(loaded.some((f) => f.endsWith(join('dist', 'index.js')))).toBe(true);
    const heavy = loaded.filter((f) => /[\\/]node_modules[\\/](jscodeshift|recast|@babel[\\/]parser)[\\/]/.test(f) || /[\\/]dist[\\/]cli\.js$/.test(f) || /[\\/]dist[\\/]codemods[\\/]/.test(f));
    expect(heavy).toEqual([]);
  });

  it('the CLI, by contrast, does load jscodeshift or @babel/parser when it runs a transform (the check above can fail)', () => {
    // Babel is required on the first parse (src/codemod/parser.ts): the transform must parse a file
    const setup = `const { NodeSDK } = require('@opentelemetry/sdk-node');\nnew NodeSDK().start();\n`;
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        `const m = require(${JSON.stringify(join(dist, 'codemods', 'add-guards.js'))});
         m.fix({ path: 'otel.js', source: ${JSON.stringify(setup)} }, {});
         console.log(JSON.stringify(Object.keys(require.cache)));`,
      ],
      { encoding: 'utf8' },
    );
    const loaded: string[] = JSON.parse(out);
    expect(loaded.some((f) => /[\\/]node_modules[\\/](jscodeshift|recast|@babel[\\/]parser)[\\/]/.test(f))).toBe(true);
  });
});

describe('lean install', () => {
  /** Bare specifiers `require`d by the shipped files (Node built-ins left out). */
  function requiredPackages(): string[] {
    const { builtinModules } = require('node:module') as typeof import('node:module');
    const files = [...readdirSync(dist).filter((f) => f.endsWith('.js')), ...codemodNames().map((n) => `codemods/${n}.js`)];
    const found = new Set<string>();
    for (const file of files) {
      // `require("x")`, and esbuild's shim for a require inside a function (a lazily loaded package): `__require("x")`, `__require.call(void 0, "x")`
      for (const m of readFileSync(join(dist, file), 'utf8').matchAll(/(?:\brequire\(|\b__require\(|\b__require\.call\(void 0,)\s*["']([^"'.][^"']*)["']\s*\)/g)) {
        const spec = m[1]!.replace(/^node:/, '');
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!builtinModules.includes(name)) found.add(name);
      }
    }
    return [...found].sort();
  }

  it('runtime dependencies are exactly the packages dist/ loads (jscodeshift only where a transform asks for api.jscodeshift)', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; peerDependencies: Record<string, string> };
    const loaded = requiredPackages();
    // the CLI's lazily loaded, optional jscodeshift (src/cli/process-file.ts) is the one exception
    expect(loaded.filter((name) => name !== 'jscodeshift')).toEqual(Object.keys(manifest.dependencies).sort());
    expect(Object.keys(manifest.dependencies)).not.toContain('jscodeshift');
    expect(Object.keys(manifest.peerDependencies)).toEqual(['eslint']);
  });
});

describe('package checks', () => {
  it('publint finds nothing (strict: warnings fail too)', () => {
    const r = spawnSync(bin('publint'), ['--strict'], { cwd: root, env: packEnv, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('All good!');
  }, 130_000);

  it('attw --pack finds no problem for node10, node16 (CJS and ESM) and bundler', () => {
    // ./python is ESM-only by design (top-level await of the wasm parser): checked below with attw's esm-only profile
    const r = spawnSync(bin('attw'), ['--pack', '.', '--exclude-entrypoints', './python', '--format', 'json'], { cwd: root, env: packEnv, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.values(report.problems ?? {}).flat()).toEqual([]);
    const resolutions = report.analysis.entrypoints['.'].resolutions;
    expect(Object.keys(resolutions).sort()).toEqual(['bundler', 'node10', 'node16-cjs', 'node16-esm']);
  }, 130_000);

  it('attw --pack finds no problem for the ESM-only ./python subpath (node16 ESM and bundler)', () => {
    const r = spawnSync(bin('attw'), ['--pack', '.', '--entrypoints', './python', '--profile', 'esm-only', '--format', 'json'], { cwd: root, env: packEnv, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const resolutions = JSON.parse(r.stdout).analysis.entrypoints['./python'].resolutions;
    expect(resolutions['node16-esm'].resolution.fileName).toMatch(/dist\/python\.d\.mts$/);
    expect(resolutions['node16-esm'].implementationResolution.fileName).toMatch(/dist\/python\.mjs$/);
  }, 130_000);

  it('npm pack ships dist/ and docs/, not sources or tests', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const files: string[] = JSON.parse(r.stdout)[0].files.map((f: { path: string }) => f.path);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('README.md');
    expect(files.some((f) => f.startsWith('docs/rules/'))).toBe(true);
    expect(files.filter((f) => /^(src|rules|codemods|test)\//.test(f))).toEqual([]);
  });
});
