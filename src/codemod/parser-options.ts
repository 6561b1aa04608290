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

/** Options for an AST that only the analyses read (no tokens), by file extension (ECOSYSTEM.md §3). */
export function analysisOptionsFor(path: string): ParserOptions {
  return /\.[cm]?ts$/i.test(path) ? tsAnalysis : tsxAnalysis;
}
