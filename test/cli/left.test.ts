// What a transform run leaves for a human: the engine's findings that no suggestion fixes,
// listed after the summary (file:line:column, rule, why), counted in --json, failing the run
// only with --strict.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry, type Registry } from '../../src/cli/registry';
import { makeTree, read, runIn } from './helpers';

let registry: Registry;
beforeAll(async () => {
  registry = await loadRegistry();
});

/** Two different setups of the trace global in one file: a decision (which one stays), no codemod makes it. */
const CONFLICT = `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');

const provider = new NodeTracerProvider();
provider.register();
const sdk = new NodeSDK({ serviceName: 'shop' });
sdk.start();
process.once('SIGTERM', () => void sdk.shutdown().finally(() => process.exit(143)));
process.once('SIGINT', () => void sdk.shutdown().finally(() => process.exit(130)));
`;

const tree = (): string => makeTree({ 'package.json': '{ "name": "app", "private": true }', 'src/tracing.js': CONFLICT });

describe('left for a human', () => {
  it('lists each finding no transform fixes after the summary, with file:line:column, rule and message', async () => {
    const out = await runIn(tree(), ['add-guards', 'src'], { registry });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^otel-codemod add-guards: 0 changed, 1 unchanged, 0 skipped, 0 errors, 1 left for a human \(\d+\.\ds\)\n/m);
    const list = out.stdout.slice(out.stdout.indexOf('Left for a human'));
    expect(list.split('\n')[0]).toBe('Left for a human (1 finding: decisions add-guards does not make; --strict fails on them):');
    expect(list.split('\n')[1]).toMatch(/^ {2}src\/tracing\.js:7:1 {2}otel-safe\/no-duplicate-registration {2}`sdk\.start\(\)` registers the .* that `provider\.register\(\)` on line 5 already registered: .*Keep a single SDK setup per process\.$/);
    expect(list).not.toContain('npx otel-codemod');
  });

  it('--check passes on what is left, --check --strict fails on it', async () => {
    const root = tree();
    expect((await runIn(root, ['add-guards', '--check', 'src'], { registry })).code).toBe(0);
    const strict = await runIn(root, ['add-guards', '--check', '--strict', 'src'], { registry });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('Left for a human (1 finding: decisions add-guards does not make):');
    expect(read(root, 'src/tracing.js')).toBe(CONFLICT);
  });

  it('--json counts them and gives each its place and rule; --strict makes them errors', async () => {
    const out = await runIn(tree(), ['add-guards', '--check', '--strict', '--json', 'src'], { registry });
    const report = JSON.parse(out.stdout) as { summary: { left: number }; files: { path: string; status: string; left?: { line: number; ruleId: string; severity: string }[] }[] };
    expect(report.summary.left).toBe(1);
    expect(report.files[0]).toMatchObject({ path: 'src/tracing.js', status: 'unchanged', left: [{ line: 7, ruleId: 'otel-safe/no-duplicate-registration', severity: 'error' }] });
  });

  it('a fixed file lists what was fixed under it, and what is left is placed in the written file', async () => {
    const handler = `const { NodeSDK } = require('@opentelemetry/sdk-node');
const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');

const provider = new NodeTracerProvider();
provider.register();
process.once('SIGTERM', () => void provider.shutdown().finally(() => process.exit(143)));
process.once('SIGINT', () => void provider.shutdown().finally(() => process.exit(130)));

module.exports = function handler(req, res) {
  const sdk = new NodeSDK({ serviceName: 'shop' });
  sdk.start();
  res.end('ok');
};
`;
    const root = makeTree({ 'package.json': '{ "name": "app", "private": true }', 'src/tracing.js': handler });
    const out = await runIn(root, ['add-guards', 'src'], { registry });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^changed: src\/tracing\.js\n {2}11:3 {2}fixed {2}`sdk\.start\(\)` runs in a request handler: .*otel-safe\/no-duplicate-registration\n/);
    // the guarded start still registers a second SDK next to the provider: a conflict, left for a human
    const written = read(root, 'src/tracing.js').split('\n');
    const leftRow = /src\/tracing\.js:(\d+):(\d+) {2}otel-safe\/no-duplicate-registration/.exec(out.stdout);
    expect(leftRow, out.stdout).not.toBeNull();
    expect(written[Number(leftRow![1]) - 1]!.slice(Number(leftRow![2]) - 1)).toMatch(/^sdk\.start\(\);/);
  });
});
