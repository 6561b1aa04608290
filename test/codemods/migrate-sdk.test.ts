// migrate-sdk's target: `--to` on the command line (a usage error without it), passed to the
// transform as `options.to`, which wins over `settings.sdkGeneration` (what the fixture harness passes).
import { join } from 'node:path';
import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import transform, { migrationTarget } from '../../codemods/migrate-sdk';
import { parseCliArgs, UsageError } from '../../src/cli/args';
import { registry, transforms } from '../../codemods';
import type { API } from '../../src/codemod/types';
import { makeTree, read, runIn } from '../cli/helpers';

const api = { jscodeshift, j: jscodeshift, stats: () => {}, report: () => {} } as unknown as API;

const source = `const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
const provider = new NodeTracerProvider({ spanProcessors: [p] });
provider.addSpanProcessor(q);
provider.register();
`;

describe('migrate-sdk target', () => {
  it('reads --to, else settings.sdkGeneration; --to wins', () => {
    expect(migrationTarget({ to: 3, settings: { sdkGeneration: 2 } })).toBe(3);
    expect(migrationTarget({ to: '2' })).toBe(2);
    expect(migrationTarget({ settings: { sdkGeneration: 3 } })).toBe(3);
    expect(migrationTarget({ settings: { sdkGeneration: 1 } })).toBeUndefined();
    expect(migrationTarget({})).toBeUndefined();
  });

  it('does nothing without a target, and migrates to the target it is given', () => {
    // beside the to-3 fixtures, whose package.json declares the 3.x packages the migration imports
    const file = { path: join(__dirname, '..', 'fixtures', 'codemods', 'migrate-sdk', 'to-3', 'tracing.js'), source };
    expect(transform(file, api, {})).toBeUndefined();
    const to2 = transform(file, api, { to: 2, settings: { sdkGeneration: 3 } })!;
    expect(to2).toContain("require('@opentelemetry/sdk-trace-node')");
    expect(to2).toContain('spanProcessors: [p, q]');
    expect(to2).toContain('provider.register();');
    const to3 = transform(file, api, { to: 3, settings: { sdkGeneration: 2 } })!;
    expect(to3).toContain("const {\n  TracerProvider: NodeTracerProvider,\n} = require('@opentelemetry/sdk-trace');");
    expect(to3).toContain('trace.setGlobalTracerProvider(provider);');
  });

  it('is registered for the CLI with its rule, and not part of add-guards', () => {
    expect(transforms['migrate-sdk']?.rule).toBe('no-removed-sdk-api');
  });

  it('parses --to 2|3 and rejects migrate-sdk without it or with another value', () => {
    expect(parseCliArgs(['migrate-sdk', '--to', '3', 'src']).to).toBe(3);
    expect(parseCliArgs(['migrate-sdk', '--to=2', 'src']).to).toBe(2);
    expect(parseCliArgs(['add-guards', 'src']).to).toBeUndefined();
    expect(() => parseCliArgs(['migrate-sdk', 'src'])).toThrow(UsageError);
    expect(() => parseCliArgs(['migrate-sdk', '--to', '4', 'src'])).toThrow(/--to must be 2 or 3/);
  });

  it('otel-codemod migrate-sdk: exit 2 without --to, and --to reaches the transform', async () => {
    const root = makeTree({ 'src/tracing.js': source });
    const missing = await runIn(root, ['migrate-sdk', 'src'], { registry });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--to 2 or --to 3/);
    const done = await runIn(root, ['migrate-sdk', '--to', '3', '--jobs', '1', 'src'], { registry });
    expect(done.code).toBe(0);
    expect(read(root, 'src/tracing.js')).toContain("require('@opentelemetry/sdk-trace')");
  });

  it('--to 3 imports only what the nearest package.json declares; anything else is left for a human naming the package', async () => {
    const setup = `const { NodeTracerProvider, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-node');
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();
`;
    const pkg = (deps: readonly string[]) => JSON.stringify({ name: 'app', private: true, dependencies: Object.fromEntries(deps.map((d) => [d, '*'])) });
    // only sdk-node (0.301 exports NodeSDK and startNodeSdk, nothing of sdk-trace) and the 2.x provider
    const bare = makeTree({ 'package.json': pkg(['@opentelemetry/api', '@opentelemetry/sdk-node', '@opentelemetry/sdk-trace-node']), 'src/tracing.js': setup });
    const left = await runIn(bare, ['migrate-sdk', '--to', '3', '--jobs', '1', 'src'], { registry });
    expect(left.code).toBe(0);
    expect(read(bare, 'src/tracing.js')).toBe(setup);
    expect(left.stdout).toMatch(/tracing\.js:1:\d+ +otel-safe\/no-removed-sdk-api .*add `@opentelemetry\/sdk-trace` to the dependencies in package\.json/);
    expect(left.stdout).not.toMatch(/tracing\.js.*otel-codemod/);
    // sdk-trace declared, core and context-async-hooks not: the import moves, register() stays with the packages to add
    const partial = makeTree({ 'package.json': pkg(['@opentelemetry/api', '@opentelemetry/sdk-trace', '@opentelemetry/sdk-trace-node']), 'src/tracing.js': setup });
    const half = await runIn(partial, ['migrate-sdk', '--to', '3', '--jobs', '1', 'src'], { registry });
    expect(read(partial, 'src/tracing.js')).toContain("require('@opentelemetry/sdk-trace')");
    expect(read(partial, 'src/tracing.js')).toContain('provider.register();');
    expect(half.stdout).toMatch(/tracing\.js:3:1 +otel-safe\/no-removed-sdk-api .*after adding `@opentelemetry\/context-async-hooks` and `@opentelemetry\/core` to the dependencies in package\.json/);
    // everything declared: every package the output imports is declared
    const declared = ['@opentelemetry/api', '@opentelemetry/sdk-trace', '@opentelemetry/core', '@opentelemetry/context-async-hooks', '@opentelemetry/sdk-trace-node'];
    const full = makeTree({ 'package.json': pkg(declared), 'src/tracing.js': setup });
    await runIn(full, ['migrate-sdk', '--to', '3', '--jobs', '1', 'src'], { registry });
    const out = read(full, 'src/tracing.js');
    expect(out).toContain('trace.setGlobalTracerProvider(provider);');
    const imported = [...out.matchAll(/require\('([^']+)'\)/g)].map((m) => m[1]!);
    expect(imported.length).toBeGreaterThan(2);
    for (const m of imported) expect(declared, m).toContain(m);
  });
});
