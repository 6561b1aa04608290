// Resolver.kind answers every probe of module resolution (the bare path, then each source extension,
// then a folder's index), and most probes miss: a missing path asks stat not to throw, any other
// failure (a path through a file) still means "no module".
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Resolver } from '../../src/project/resolve';
import { makeTree } from '../cli/helpers';

/** A small project under a fresh temp dir (removed after the test), and a path in it. */
function project(): { root: string; at: (rel: string) => string } {
  const root = makeTree({ 'src/utils.js': '', 'src/twin.ts': '', 'src/lib/index.js': '', 'src/main.js': '' });
  return { root, at: (rel) => path.join(root, rel) };
}

describe('Resolver.kind', () => {
  it('tells a file, a folder and a missing path apart', () => {
    const { root, at } = project();
    const r = new Resolver(root, []);
    expect([r.kind(at('src/utils.js')), r.kind(at('src/lib')), r.kind(at('src/nope')), r.kind(at('nope/deeper'))]).toEqual(['file', 'dir', undefined, undefined]);
  });

  it('answers undefined for a path through a file (ENOTDIR), which stat reports by throwing even when told not to for a missing entry', () => {
    const { root, at } = project();
    expect(new Resolver(root, []).kind(at('src/utils.js/index.js'))).toBeUndefined();
  });
});

describe('Resolver.resolveImport', () => {
  it('finds `./utils` after the bare path and the four TypeScript extensions miss, a folder by its index, a `.js` specifier of a TypeScript source by its `.ts` file', () => {
    const { root, at } = project();
    const r = new Resolver(root, []);
    const from = at('src/main.js');
    expect(r.resolveImport('./utils', from)).toBe(at('src/utils.js'));
    expect(r.resolveImport('./lib', from)).toBe(at('src/lib/index.js'));
    expect(r.resolveImport('./twin.js', from)).toBe(at('src/twin.ts'));
    expect(r.resolveImport('./missing', from)).toBeUndefined();
    expect(r.resolveImport('./utils.js/x', from)).toBeUndefined();
  });
});
