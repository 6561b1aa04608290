// src/codemod/parser.ts loads Babel so that its estree plugin leaves `index` on each node's
// positions enumerable instead of redefining it twice per node (a sixth of a parse,
// bench/README.md). These tests hold it to its word: Object.defineProperty is itself again
// afterwards, and the tree is the one Babel gives otherwise, `index` aside.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadBabel } from '../../src/codemod/parser';
import { options } from '../../src/codemod/parser-options';

const require = createRequire(import.meta.url);
const BABEL = require.resolve('@babel/parser');

/** A fresh instance of Babel (the module evaluated again), loaded by `load`. */
function freshBabel(load: () => typeof import('@babel/parser')): typeof import('@babel/parser') {
  delete require.cache[BABEL];
  return load();
}

const SOURCE = `import { NodeSDK } from '@opentelemetry/sdk-node';
const sdk = globalThis.__otel ??= new NodeSDK({ serviceName: \`api-\${process.env.NAME}\` });
class Tracing { #started = false; start() { if (!this.#started) sdk.start(); this.#started = true; } }
export default <Tracing />;
`;

/** JSON of a tree without the positions' `index` (a position: an object with line and column). */
function withoutIndex(tree: unknown): string {
  return JSON.stringify(tree, function (key, value) {
    return key === 'index' && typeof this === 'object' && this !== null && 'line' in this && 'column' in this ? undefined : value;
  });
}

describe("Babel's positions", () => {
  it('keep index enumerable, and nothing else differs from the tree Babel gives otherwise', () => {
    const defineProperty = Object.defineProperty;
    const ours = freshBabel(loadBabel);
    expect(Object.defineProperty).toBe(defineProperty);
    const plain = freshBabel(() => require('@babel/parser'));
    expect(plain).not.toBe(ours);

    const a = ours.parse(SOURCE, options(true));
    const b = plain.parse(SOURCE, options(true));
    const declaration = a.program.body[1]!;
    expect(Object.getOwnPropertyDescriptor(declaration.loc!.start, 'index')).toMatchObject({ enumerable: true, value: declaration.start });
    expect(Object.getOwnPropertyDescriptor(b.program.body[1]!.loc!.start, 'index')).toMatchObject({ enumerable: false, value: declaration.start });
    expect(withoutIndex(a)).toBe(withoutIndex(b));
    expect(withoutIndex(a).length).toBeGreaterThan(5000); // a whole tree, tokens and comments included
    delete require.cache[BABEL];
  });

  it('pass every other Object.defineProperty call on while Babel loads', () => {
    const defineProperty = Object.defineProperty;
    const seen: PropertyKey[] = [];
    // a stand-in for Babel's module: its own definitions at load time must still happen
    Object.defineProperty = ((o: object, k: PropertyKey, d: PropertyDescriptor) => (seen.push(k), defineProperty(o, k, d))) as typeof Object.defineProperty;
    try {
      const babel = freshBabel(loadBabel);
      expect(Object.getOwnPropertyDescriptor(babel, '__esModule')?.value).toBe(true);
    } finally {
      Object.defineProperty = defineProperty;
      delete require.cache[BABEL];
    }
    expect(seen).toContain('__esModule');
  });
});
