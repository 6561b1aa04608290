// One settings resolver for every surface (issue 11): settings['otel-safe'] set only in a
// project's eslint.config.js reach the rules, `otel-codemod add-guards` and `doctor` alike;
// invalid settings are an error naming the key; project globs are relative to the project,
// never to the process; and project facts cached in a long-lived process follow file edits.
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../src/cli/registry';
import { parseSettings, readSettings, SettingsError } from '../../src/core/settings';
import plugin from '../../src/index';
import { makeTree, runIn } from '../cli/helpers';

const ALL_RULES = Object.fromEntries(Object.keys(plugin.rules).map((r) => [`otel-safe/${r}`, 'error' as const]));

/** ESLint as a user runs it in `cwd`: the project's own config file, plus the plugin and every rule. */
async function lintWithProjectConfig(cwd: string, files: readonly string[], configFile = true): Promise<{ file: string; rule: string | null; line: number }[]> {
  const eslint = new ESLint({
    cwd,
    ...(configFile ? {} : { overrideConfigFile: true }),
    overrideConfig: [{ files: ['**/*.{js,ts}'], languageOptions: { parser: tsParser }, plugins: { 'otel-safe': plugin as never }, rules: ALL_RULES }],
  });
  const results = await eslint.lintFiles([...files]);
  return results.flatMap((r) => r.messages.map((m) => ({ file: path.relative(cwd, r.filePath).split(path.sep).join('/'), rule: m.ruleId, line: m.line })));
}

async function cli(cwd: string, argv: string[]) {
  return runIn(cwd, argv, { registry: await loadRegistry() });
}

// A project whose eslint.config.js alone says: `@acme/telemetry`'s initTelemetry starts the
// SDK, src/local/** holds dev entrypoints, and every file is hot-reloaded.
const SETTINGS_PROJECT = {
  'package.json': JSON.stringify({ name: 'shop', private: true, scripts: { start: 'node src/main.js' } }),
  'eslint.config.js': `module.exports = [
  {
    settings: {
      'otel-safe': {
        registrars: [{ module: '@acme/telemetry', export: 'initTelemetry', kind: 'sdk-start' }],
        devEntrypoints: ['src/local/**'],
        hmr: 'always',
      },
    },
  },
];
`,
  'src/main.js': `require('./server');\nrequire('./local/otel');\n`,
  'src/server.js': `const { initTelemetry } = require('@acme/telemetry');
const express = require('express');
const app = express();
app.use((req, res, next) => {
  initTelemetry('shop');
  next();
});
module.exports = app;
`,
  'src/local/otel.js': `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
provider.register();
`,
};

describe('settings in eslint.config.js reach every surface', () => {
  it('the rules honour the registrar, the dev-entrypoint glob and hmr: always', async () => {
    const root = makeTree(SETTINGS_PROJECT);
    const reports = await lintWithProjectConfig(root, ['src']);
    expect(reports).toContainEqual({ file: 'src/server.js', rule: 'otel-safe/no-duplicate-registration', line: 5 });
    expect(reports).toContainEqual({ file: 'src/local/otel.js', rule: 'otel-safe/no-batch-processor-in-dev', line: 4 });
    expect(reports).toContainEqual({ file: 'src/local/otel.js', rule: 'otel-safe/require-hmr-dispose', line: 5 });
  });

  it('the transforms read the same settings and would fix the same files; with other settings they would not', async () => {
    const root = makeTree({ ...SETTINGS_PROJECT, 'none.json': '{}' });
    const changed = async (argv: string[]): Promise<string[]> => {
      const run = await cli(root, [...argv, '--check', '--json', 'src']);
      return (JSON.parse(run.stdout) as { files: { path: string; status: string }[] }).files.filter((f) => f.status === 'changed').map((f) => f.path);
    };
    expect(await changed(['guard-registration'])).toEqual(['src/server.js']);
    expect(await changed(['dev-simple-processor'])).toEqual(['src/local/otel.js']);
    expect(await changed(['add-hmr-dispose'])).toEqual(['src/local/otel.js']);
    expect((await changed(['add-guards'])).sort()).toEqual(['src/local/otel.js', 'src/server.js']);
    // without them: initTelemetry() in the request handler is just a call, otel.js neither a dev entrypoint nor hot-reloaded
    for (const transform of ['guard-registration', 'dev-simple-processor', 'add-hmr-dispose']) {
      expect(await changed([transform, '--settings', 'none.json']), transform).toEqual([]);
    }
  });

  it('add-guards writes the fixes, after which the rules are silent on those files', async () => {
    const root = makeTree(SETTINGS_PROJECT);
    const run = await cli(root, ['add-guards', 'src']);
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(root, 'src/server.js'), 'utf8')).toContain("Symbol.for('otel-safe.");
    expect(readFileSync(path.join(root, 'src/local/otel.js'), 'utf8')).toContain('SimpleSpanProcessor');
    const left = (await lintWithProjectConfig(root, ['src'])).filter((r) => ['otel-safe/no-duplicate-registration', 'otel-safe/no-batch-processor-in-dev', 'otel-safe/require-hmr-dispose'].includes(r.rule ?? ''));
    expect(left).toEqual([]);
  });

  it('doctor reads the same settings: the registrar is a registration, and the glob names a dev entrypoint', async () => {
    const root = makeTree(SETTINGS_PROJECT);
    const run = await cli(root, ['doctor', '--json']);
    const report = JSON.parse(run.stdout) as { findings: { code: string; message: string; locations: { file: string; line: number }[] }[] };
    const duplicate = report.findings.find((f) => f.code === 'duplicate-registration');
    expect(duplicate?.locations.map((l) => `${l.file}:${l.line}`)).toEqual(['src/server.js:5', 'src/local/otel.js:5']);
    expect(report.findings.find((f) => f.code === 'dev-entrypoint')?.message).toContain('src/local/otel.js');
    expect(run.code).toBe(1);
  });

  it('falls back to the package.json "otel-safe" key when there is no ESLint config', async () => {
    const { 'eslint.config.js': _config, ...rest } = SETTINGS_PROJECT;
    const root = makeTree({
      ...rest,
      'package.json': JSON.stringify({ name: 'shop', scripts: { start: 'node src/main.js' }, 'otel-safe': { registrars: [{ module: '@acme/telemetry', export: 'initTelemetry', kind: 'sdk-start' }] } }),
    });
    const run = await cli(root, ['add-guards', '--check', 'src/server.js']);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain('src/server.js');
  });
});

describe('invalid settings are an error naming the key', () => {
  it('parseSettings names a mistyped registrar kind, an unknown key and a bad hmr value', () => {
    expect(() => parseSettings({ registrars: [{ module: '@acme/t', export: 'init', kind: 'sdk_start' }] }, 'eslint.config.js')).toThrow(
      /registrars\[0\]\.kind in eslint\.config\.js: expected one of "sdk-start", "sdk-class", "provider-class", got "sdk_start"/,
    );
    expect(() => parseSettings({ devEntrypoint: ['x'] }, 'package.json')).toThrow(/Unknown key settings\['otel-safe'\]\.devEntrypoint in package\.json/);
    expect(() => parseSettings({ hmr: 'sometimes' }, 'x')).toThrow(SettingsError);
    expect(() => parseSettings({ sdkGeneration: '2' }, 'x')).toThrow(/sdkGeneration/);
    expect(parseSettings({ hmr: ['src/**'], sdkGeneration: 3 }, 'x')).toEqual({ hmr: ['src/**'], sdkGeneration: 3 });
  });

  it('ESLint stops with the message instead of linting with the entry dropped', () => {
    expect(() => readSettings({ 'otel-safe': { registrars: [{ module: 'm', export: 'e', kind: 'start' }] } })).toThrow(/registrars\[0\]\.kind/);
  });

  it('in eslint.config.js: ESLint fails naming the key, and otel-codemod exits 2 naming it', async () => {
    const root = makeTree({
      ...SETTINGS_PROJECT,
      'eslint.config.js': `module.exports = [{ settings: { 'otel-safe': { registrars: [{ module: '@acme/telemetry', export: 'initTelemetry', kind: 'sdk_start' }] } } }];\n`,
    });
    await expect(lintWithProjectConfig(root, ['src/server.js'])).rejects.toThrow(/registrars\[0\]\.kind/);
    for (const argv of [['add-guards', '--check', 'src'], ['doctor']]) {
      const run = await cli(root, argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/registrars\[0\]\.kind in eslint\.config\.js/);
    }
  });

  it('a --settings file that is not JSON is a usage error naming it', async () => {
    const root = makeTree({ ...SETTINGS_PROJECT, 'bad.json': '{ nope' });
    const run = await cli(root, ['add-guards', '--check', '--settings', 'bad.json', 'src']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--settings bad.json is not valid JSON');
  });
});

describe('paths relative to the project, never to the process', () => {
  // a BatchSpanProcessor in src/dev/otel.ts: a dev entrypoint by the default **/dev/** glob
  const DEV_PROJECT = {
    'app/package.json': JSON.stringify({ name: 'app', private: true }),
    'app/src/dev/otel.ts': `import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
provider.register();
`,
    'app/src/lib/tracing.ts': `import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
provider.register();
`,
  };

  it('ESLint reports src/dev/otel.ts whether it runs in the project or in a parent folder', async () => {
    const root = makeTree(DEV_PROJECT);
    const dev = (r: { rule: string | null }) => r.rule === 'otel-safe/no-batch-processor-in-dev';
    const fromProject = (await lintWithProjectConfig(path.join(root, 'app'), ['src'], false)).filter(dev);
    const fromParent = (await lintWithProjectConfig(root, ['app/src'], false)).filter(dev);
    expect(fromProject).toEqual([{ file: 'src/dev/otel.ts', rule: 'otel-safe/no-batch-processor-in-dev', line: 4 }]);
    expect(fromParent).toEqual([{ file: 'app/src/dev/otel.ts', rule: 'otel-safe/no-batch-processor-in-dev', line: 4 }]);
  });

  it('ESLint with a cwd inside a folder named dev does not make every file there a dev entrypoint', async () => {
    const root = makeTree({ 'dev/shop/package.json': JSON.stringify({ name: 'shop' }), 'dev/shop/src/tracing.ts': DEV_PROJECT['app/src/lib/tracing.ts'] });
    const reports = await lintWithProjectConfig(path.join(root, 'dev', 'shop'), ['src'], false);
    expect(reports.filter((r) => r.rule === 'otel-safe/no-batch-processor-in-dev')).toEqual([]);
  });

  it('hmr globs match relative to the project, from the project and from a parent folder', async () => {
    const root = makeTree({
      'app/package.json': JSON.stringify({ name: 'app', private: true }),
      'app/eslint.config.js': `module.exports = [{ settings: { 'otel-safe': { hmr: ['src/web/**'] } } }];\n`,
      'app/src/web/tracing.ts': DEV_PROJECT['app/src/lib/tracing.ts'],
      'app/src/lib/tracing.ts': DEV_PROJECT['app/src/lib/tracing.ts'],
    });
    const hmr = (r: { rule: string | null }) => r.rule === 'otel-safe/require-hmr-dispose';
    const fromProject = (await lintWithProjectConfig(path.join(root, 'app'), ['src'])).filter(hmr);
    expect(fromProject).toEqual([{ file: 'src/web/tracing.ts', rule: 'otel-safe/require-hmr-dispose', line: 5 }]);
    // ESLint 9 finds app/eslint.config.js from the parent too when told to use it
    const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'app/eslint.config.js'), overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { 'otel-safe': plugin as never }, rules: { 'otel-safe/require-hmr-dispose': 'error' } }] });
    const fromParent = (await eslint.lintFiles(['app/src'])).flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath).split(path.sep).join('/')}:${m.line}`));
    expect(fromParent).toEqual(['app/src/web/tracing.ts:5']);
  });

  it('otel-codemod gives the same verdict from the project and from its parent', async () => {
    const root = makeTree(DEV_PROJECT);
    const fromProject = await cli(path.join(root, 'app'), ['dev-simple-processor', '--check', '--json', 'src']);
    const fromParent = await cli(root, ['dev-simple-processor', '--check', '--json', 'app/src']);
    const changed = (out: string) => (JSON.parse(out) as { files: { path: string; status: string }[] }).files.filter((f) => f.status === 'changed').map((f) => path.basename(path.dirname(f.path)));
    expect(changed(fromProject.stdout)).toEqual(['dev']);
    expect(changed(fromParent.stdout)).toEqual(['dev']);
  });
});

describe('caches an editor can trust', () => {
  it('one ESLint process sees a dev script added to package.json on the next lint', async () => {
    const root = makeTree({
      'package.json': JSON.stringify({ name: 'svc', private: true, scripts: { start: 'node src/tracing.js' } }, null, 2),
      'src/tracing.js': DEV_TRACING,
    });
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [{ plugins: { 'otel-safe': plugin as never }, rules: { 'otel-safe/no-batch-processor-in-dev': 'error' } }] });
    const count = async () => (await eslint.lintFiles(['src/tracing.js']))[0]!.messages.length;
    expect(await count()).toBe(0);
    const pkg = path.join(root, 'package.json');
    writeFileSync(pkg, JSON.stringify({ name: 'svc', private: true, scripts: { start: 'node src/tracing.js', dev: 'nodemon src/tracing.js' } }, null, 2));
    bumpMtime(pkg);
    expect(await count()).toBe(1);
    writeFileSync(pkg, JSON.stringify({ name: 'svc', private: true, scripts: { start: 'node src/tracing.js' } }, null, 2));
    bumpMtime(pkg);
    expect(await count()).toBe(0);
  });

  it('sees a package.json that appears in a folder between the file and the old project root', async () => {
    const root = makeTree({
      'package.json': JSON.stringify({ name: 'outer', private: true }),
      'svc/src/tracing.js': DEV_TRACING,
    });
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [{ plugins: { 'otel-safe': plugin as never }, rules: { 'otel-safe/no-batch-processor-in-dev': 'error' } }] });
    const count = async () => (await eslint.lintFiles(['svc/src/tracing.js']))[0]!.messages.length;
    expect(await count()).toBe(0);
    writeFileSync(path.join(root, 'svc/package.json'), JSON.stringify({ name: 'svc', scripts: { dev: 'node --watch src/tracing.js' } }));
    expect(await count()).toBe(1);
  });
});

const DEV_TRACING = `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
provider.register();
`;

/** A write within the same millisecond keeps mtime on some file systems: make the change visible as an editor's save would. */
function bumpMtime(file: string): void {
  const later = new Date(Date.now() + 2000);
  utimesSync(file, later, later);
}
