// The ESLint configuration of the bench (bench/eslint.mjs): `@eslint/js` recommended + every
// otel-safe rule of the built plugin ($OTEL_SAFE_BENCH_DIST, else dist/), espree for JavaScript,
// typescript-eslint's parser for TypeScript. A file, not an object, so that ESLint's worker
// threads (`--concurrency`) can load it too.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { floorPlugin } from './floor-plugin.mjs';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const js = require('@eslint/js');
const tsParser = require('@typescript-eslint/parser');
const dist = path.resolve(process.env.OTEL_SAFE_BENCH_DIST ?? path.join(repo, 'dist'));
const loaded = require(path.join(dist, 'index.js'));
// OTEL_SAFE_BENCH_FLOOR=1: the same rule names doing nothing (bench/floor-plugin.mjs), ESLint's own per-rule cost;
// =owner, =read, =scan: the steps of the gate on that floor
const floor = process.env.OTEL_SAFE_BENCH_FLOOR;
export const plugin = floor && floor !== '0' ? floorPlugin(loaded.default ?? loaded, floor === '1' ? 'idle' : floor) : (loaded.default ?? loaded);
export const otelRules = Object.fromEntries(Object.keys(plugin.rules).map((r) => [`otel-safe/${r}`, 'error']));

export default [
  { files: ['**/*.{js,mjs,cjs,jsx}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'], plugins: { 'otel-safe': plugin }, rules: { ...js.configs.recommended.rules, ...otelRules } },
];
