// The jscodeshift parser of otel-safe: @babel/parser with the `estree` plugin, so
// codemods get the same ESTree shapes (Literal, Property, PropertyDefinition,
// ImportExpression, ChainExpression) that ESLint rules see, and run the same
// analyses. `tokens: true` keeps it usable by recast (`j.withParser(parser)`).
import type * as BabelParser from '@babel/parser';
import type { ParserOptions } from '@babel/parser';
import { analysisOptionsFor, options } from './parser-options';

let babel: typeof BabelParser | undefined;

/** Work counters, read by test/perf: how often Babel was loaded (once, when the first file is parsed; never when none is). */
export const parserStats = { babelLoads: 0 };

/**
 * Babel is loaded on the first parse, not with this module: the CLI loads the transforms to run
 * their text gates, and a run where no file passes them (most trees) never needs Babel's 0.5 MB.
 */
function parse(source: string, parserOptions: ParserOptions): ReturnType<typeof BabelParser.parse> {
  if (!babel) {
    parserStats.babelLoads++;
    babel = require('@babel/parser') as typeof BabelParser;
  }
  return babel.parse(source, parserOptions);
}

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
