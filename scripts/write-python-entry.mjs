// The `eslint-plugin-otel-safe/python` entry: an ESM module that awaits the wasm parser at the
// top level (ESLint's parse is synchronous) and extends the one plugin object of the main
// entry. Also copies the tree-sitter-python grammar next to the built code: it comes from the
// scriptless devDependency @vscode/tree-sitter-wasm (byte-identical to tree-sitter-python
// 0.25.0's wasm), so users install only web-tree-sitter (src/README.md, "Python").
import { copyFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dist = new URL('../dist/', import.meta.url);

copyFileSync(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm'), new URL('tree-sitter-python.wasm', dist));

writeFileSync(
  new URL('python.mjs', dist),
  `import plugin from './index.js';
import python from './python.js';

await python.initPython();
export default python.extendPlugin(plugin);
`,
);
writeFileSync(
  new URL('python.d.mts', dist),
  `import plugin from './index.js';
declare const extended: typeof plugin & {
  languages: { python: unknown };
  configs: typeof plugin.configs & { 'python/recommended': { name: string; files: string[]; plugins: Record<string, unknown>; language: string; rules: Record<string, 'error' | 'warn'> } };
};
export default extended;
`,
);
