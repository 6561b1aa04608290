// Runtime proof behind no-removed-sdk-api's `removedExport` for `new Resource(…)` on resources 2.x:
// the package exports `Resource` as a type only (2.0.0 `build/src/index.d.ts:4`, nothing at run time in
// `build/src/index.js:18-30`), so the construction throws; `resourceFromAttributes`, the fix's call,
// builds the same attributes. Run against the installed @opentelemetry/resources (2.x).
import * as resources from '@opentelemetry/resources';
import { describe, expect, it } from 'vitest';

describe('@opentelemetry/resources 2.x', () => {
  it('has no Resource at run time: `new Resource(…)` throws a TypeError', () => {
    const exported = resources as unknown as Record<string, unknown>;
    expect(exported.Resource).toBeUndefined();
    const Resource = exported.Resource as new (attrs: Record<string, string>) => unknown;
    expect(() => new Resource({ 'service.name': 'api' })).toThrow(TypeError);
  });
  it('builds the same attributes through resourceFromAttributes', () => {
    expect(resources.resourceFromAttributes({ 'service.name': 'api' }).attributes).toEqual({ 'service.name': 'api' });
  });
});
