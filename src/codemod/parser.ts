// The jscodeshift parser of otel-safe: @babel/parser with the `estree` plugin, so
// codemods get the same ESTree shapes (Literal, Property, PropertyDefinition,
// ImportExpression, ChainExpression) that ESLint rules see, and run the same
// analyses. `tokens: true` keeps it usable by recast (`j.withParser(parser)`).
import { parse } from '@babel/parser';
import { analysisOptionsFor, options } from './parser-options';

export interface EstreeParser {
  parse(source: string): any;
}

const tsOptions = options(false);
const tsxOptions = options(true);

/** `.ts/.mts/.cts`: TypeScript without JSX, so `<T>(x) => x` and `<any>x` parse. */
export const tsParser: EstreeParser = { parse: (source) => parse(source, tsOptions) };
/** `.tsx/.js/.jsx/.mjs/.cjs`: TypeScript syntax plus JSX. */
export const tsxParser: EstreeParser = { parse: (source) => parse(source, tsxOptions) };

/** The parser for a file, chosen by its extension (ECOSYSTEM.md §3). */
export function parserFor(path: string): EstreeParser {
  return /\.[cm]?ts$/i.test(path) ? tsParser : tsxParser;
}

// The analyses read only the AST: without `tokens` (which only recast needs) Babel parses
// about a fifth faster (bench/README.md). Used by src/codemod/javascript.ts.
const tsAnalysisParser: EstreeParser = { parse: (source) => parse(source, analysisOptionsFor('x.ts')) };
const tsxAnalysisParser: EstreeParser = { parse: (source) => parse(source, analysisOptionsFor('x.tsx')) };

/** Like `parserFor`, for an AST that only the analyses read (no tokens: not for recast). */
export function analysisParserFor(path: string): EstreeParser {
  return /\.[cm]?ts$/i.test(path) ? tsAnalysisParser : tsxAnalysisParser;
}
