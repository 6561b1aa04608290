// @babel/parser's options for otel-safe's ESTree parse (src/codemod/parser.ts), kept apart from
// the parser so that code which parses only on demand (the project index's callers) can name
// them without loading Babel.
import type { ParserOptions, ParserPlugin } from '@babel/parser';

const common: ParserPlugin[] = [
  ['estree', { classFeatures: true }],
  'decorators-legacy',
  'importAttributes',
  // `import m from './package.json' assert { type: 'json' }`: Node 17–21's spelling, still in real setup files
  'deprecatedImportAssert',
  'explicitResourceManagement',
];

export function options(jsx: boolean): ParserOptions {
  return {
    sourceType: 'unambiguous',
    allowImportExportEverywhere: true,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    createImportExpressions: true,
    errorRecovery: false,
    ranges: true,
    tokens: true,
    plugins: [...common, jsx ? ['typescript', {}] : ['typescript', { dts: false }], ...(jsx ? (['jsx'] as ParserPlugin[]) : [])],
  } as ParserOptions;
}

const tsAnalysis: ParserOptions = { ...options(false), tokens: false };
const tsxAnalysis: ParserOptions = { ...options(true), tokens: false };
/** JavaScript with JSX, without the TypeScript plugin: a sixth less parse time on `.js` files (bench/README.md). */
const jsAnalysis: ParserOptions = { ...tsxAnalysis, plugins: [...common, 'jsx'] };

/** Options for an AST that only the analyses read (no tokens), by file extension (ECOSYSTEM.md §3). */
function analysisOptionsFor(path: string): ParserOptions {
  return /\.[cm]?ts$/i.test(path) ? tsAnalysis : tsxAnalysis;
}

/**
 * Babel's AST of a file for the analyses. A JavaScript file (`.js/.jsx/.mjs/.cjs`) is parsed as
 * JavaScript first, and only when that fails as before, with TypeScript's syntax too (Flow-style
 * annotations, which TypeScript's syntax covers, still parse): the answer of `analysisOptionsFor`
 * for every file that is not valid JavaScript, errors included, and JavaScript's reading of the
 * few texts the two read differently (`f < a > (b)` compares in JavaScript).
 */
export function parseForAnalysis<T>(parse: (source: string, options: ParserOptions) => T, source: string, path: string): T {
  if (!/\.[cm]?jsx?$/i.test(path)) return parse(source, analysisOptionsFor(path));
  try {
    return parse(source, jsAnalysis);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return parse(source, tsxAnalysis);
  }
}
