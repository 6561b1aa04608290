// The committed bundle table must match the installed auto-instrumentation packages.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLES, instrumentationsOfModule, stacks } from '../../src/otel/bundles';

const root = join(__dirname, '..', '..');

describe('bundle table', () => {
  it('is not stale for the installed bundles (regenerate with node scripts/generate-bundle-table.mjs)', () => {
    const run = () => execFileSync(process.execPath, [join(root, 'scripts', 'generate-bundle-table.mjs'), '--check'], { encoding: 'utf8', stdio: 'pipe' });
    expect(run).not.toThrow();
  }, 60_000);

  it('records the installed versions', () => {
    const version = (pkg: string) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
    expect(BUNDLES.node.version).toBe(version('@opentelemetry/auto-instrumentations-node'));
    expect(BUNDLES.web.version).toBe(version('@opentelemetry/auto-instrumentations-web'));
  });

  it('knows members, defaults, patching and targets from the real packages', () => {
    const http = BUNDLES.node.instrumentations.find((m) => m.name === '@opentelemetry/instrumentation-http');
    expect(http).toMatchObject({ className: 'HttpInstrumentation', defaultEnabled: true, patching: 'wrap' });
    expect(http?.modules).toEqual(['http', 'https']);
    expect(BUNDLES.node.instrumentations.find((m) => m.name === '@opentelemetry/instrumentation-fs')?.defaultEnabled).toBe(false);
    expect(stacks('@opentelemetry/instrumentation-undici')).toBe(true);
    expect(stacks('@opentelemetry/instrumentation-express')).toBe(false);
    expect(stacks('@opentelemetry/instrumentation-fetch')).toBe(true);
    expect(instrumentationsOfModule('node:http').map((m) => m.name)).toEqual(['@opentelemetry/instrumentation-http']);
    expect(instrumentationsOfModule('@nestjs/core/router').map((m) => m.name)).toEqual(['@opentelemetry/instrumentation-nestjs-core']);
    expect(instrumentationsOfModule('zod')).toEqual([]);
  });
});
