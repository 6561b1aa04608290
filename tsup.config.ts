import { readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

// One CJS build: the plugin entry (light: rules + analyses only), the CLI, and one
// file per codemod so `jscodeshift -t dist/codemods/<name>.js` works.
const codemods = Object.fromEntries(
  readdirSync('codemods')
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [`codemods/${f.slice(0, -3)}`, `codemods/${f}`]),
);

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', python: 'src/python/eslint/plugin.ts', ...codemods },
  format: ['cjs'],
  cjsInterop: true,
  splitting: true,
  dts: { entry: { index: 'src/index.ts' } },
  target: 'node18',
  platform: 'node',
  clean: true,
  sourcemap: false,
  external: ['eslint', 'jscodeshift', '@babel/parser'],
  // tsup turns the split ESM chunks into CommonJS with sucrase, which rewrites every `?.` and `??`
  // into a helper call that allocates an array and closures (`_optionalChain([a, 'access', …])`) on
  // each evaluation: measurable on ESLint's per-file fast path. esbuild lowers them first, to plain
  // conditionals, so sucrase finds none (test/package/build-output.test.ts).
  esbuildOptions(options) {
    options.supported = { ...options.supported, 'optional-chain': false, 'nullish-coalescing': false };
  },
});
