// The built plugin keeps `?.` and `??` as plain conditionals. tsup turns the split chunks into
// CommonJS with sucrase, which would rewrite each into a helper call that allocates an array and
// closures every time it runs (`_optionalChain([a, 'access', _ => _.b])`), on every rule's per-file
// path too; tsup.config.ts has esbuild lower them first. Counted in the built files, not timed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dist, ensureBuilt } from '../package/build';

const HELPER_CALL = /\b_(?:optionalChain|optionalChainDelete|asyncOptionalChain|nullishCoalesce|asyncNullishCoalesce)\(/g;

function builtScripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? builtScripts(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));
}

describe('build output (counts helper calls, not time)', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it('has no optional-chaining or nullish-coalescing helper calls', () => {
    const files = builtScripts(dist);
    expect(files.length).toBeGreaterThan(10);
    const calls = files.map((f) => [f, readFileSync(f, 'utf8').match(HELPER_CALL)?.length ?? 0] as const).filter(([, n]) => n > 0);
    expect(calls).toEqual([]);
  });
});
