// A release below a vendor's first registering one (Sentry 7) must be known, never guessed: an
// unknown or open range counts as "not below", so the registration stays.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isVersionBelow, packageVersion } from '../../src/project/versions';

function projectWith(deps: Record<string, string>, lock?: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'otel-safe-versions-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p', dependencies: deps }));
  if (lock) {
    const packages = Object.fromEntries(Object.entries(lock).map(([name, version]) => [`node_modules/${name}`, { version }]));
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': {}, ...packages } }));
  }
  mkdirSync(join(dir, 'src'));
  return join(dir, 'src', 'index.ts');
}

describe('isVersionBelow', () => {
  it.each([
    ['^7.120.0', true],
    ['~7.114.0', true],
    ['7.99.1', true],
    ['^8.0.0', false],
    ['^7.0.0 || ^8.0.0', false],
    ['>=7.0.0', false],
    ['latest', false],
    ['^0.7.0', true],
  ])('declared %s below 8.0.0: %s', (range, below) => {
    expect(isVersionBelow(projectWith({ '@sentry/node': range }), '@sentry/node', '8.0.0')).toBe(below);
  });

  it('prefers the locked version over the declared range', () => {
    expect(isVersionBelow(projectWith({ '@sentry/node': '>=7.0.0' }, { '@sentry/node': '7.120.3' }), '@sentry/node', '8.0.0')).toBe(true);
    expect(isVersionBelow(projectWith({ '@sentry/node': '^7.120.0' }, { '@sentry/node': '8.1.0' }), '@sentry/node', '8.0.0')).toBe(false);
  });

  it('is false for a package the project does not declare', () => {
    expect(isVersionBelow(projectWith({}), '@sentry/node', '8.0.0')).toBe(false);
  });
});

// holdout17 breadcrum: pnpm's catalog protocol keeps the range in pnpm-workspace.yaml (fastify-cli's
// signal handling is decided by its release)
describe('declared ranges through a pnpm catalog', () => {
  const app = join(__dirname, '..', 'fixtures', 'projects', 'pnpm-catalog', 'packages', 'app', 'otel.js');
  const named = join(__dirname, '..', 'fixtures', 'projects', 'pnpm-catalog', 'packages', 'named', 'otel.js');
  it('reads the default catalog, quoted names and values too', () => {
    expect(packageVersion(app, 'fastify-cli')).toEqual({ name: 'fastify-cli', version: '^8.0.0', source: 'declared' });
    expect(packageVersion(app, '@opentelemetry/sdk-node')).toEqual({ name: '@opentelemetry/sdk-node', version: '^0.203.0', source: 'declared' });
  });
  it('reads a named catalog, and knows nothing of a missing one', () => {
    expect(packageVersion(named, '@opentelemetry/sdk-node')?.version).toBe('~0.52.1');
    expect(packageVersion(named, 'fastify-cli')).toBeUndefined();
  });
});
