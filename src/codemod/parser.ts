// The jscodeshift parser of otel-safe: @babel/parser with the `estree` plugin, so
// codemods get the same ESTree shapes (Literal, Property, PropertyDefinition,
// ImportExpression, ChainExpression) that ESLint rules see, and run the same
// analyses. `tokens: true` keeps it usable by recast (`j.withParser(parser)`).
import type * as BabelParser from '@babel/parser';
import type { ParserOptions } from '@babel/parser';
import { options, parseForAnalysis } from './parser-options';

let babel: typeof BabelParser | undefined;

/** Work counters, read by test/perf: how often Babel was loaded (once, when the first file is parsed; never when none is). */
export const parserStats = { babelLoads: 0 };

/**
 * Babel is loaded on the first parse, not with this module: the CLI loads the transforms to run
 * their text gates, and a run where no file passes them (most trees) never needs Babel's 0.5 MB.
 */
function parse(source: string, parserOptions: ParserOptions): ReturnType<typeof BabelParser.parse> {
  babel ??= loadBabel();
  return babel.parse(source, parserOptions);
}

/**
 * Babel's `estree` plugin hides the `index` of both positions of every node (`loc.start.index`,
 * `loc.end.index`: ESTree has line and column only) with an `Object.defineProperty` each, which
 * turns a sixth of a parse into property redefinitions (bench/README.md). It takes that function
 * when it loads and uses it for nothing else, so while it loads, `Object.defineProperty` lets
 * that one redefinition (`index`, made non-enumerable) leave the property as it is and passes
 * every other call on; it is itself again once Babel has loaded. The value is the same: `index`
 * only stays enumerable, which no analysis can tell (they read positions by name, never list
 * them; test/perf/babel-positions.test.ts). When something else loaded Babel first, its
 * positions are hidden as before.
 */
export function loadBabel(): typeof BabelParser {
  parserStats.babelLoads++;
  const defineProperty = Object.defineProperty;
  const keepsIndex = <T>(object: T, key: PropertyKey, descriptor: PropertyDescriptor & ThisType<unknown>): T =>
    key === 'index' && descriptor.enumerable === false && Object.keys(descriptor).length === 2 && 'value' in descriptor ? object : defineProperty(object, key, descriptor);
  Object.defineProperty = keepsIndex;
  try {
    return require('@babel/parser') as typeof BabelParser;
  } finally {
    Object.defineProperty = defineProperty;
  }
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

/**
 * Like `parserFor`, for an AST that only the analyses read: without `tokens` (which only recast
 * needs) Babel parses about a fifth faster, and JavaScript files as `parseForAnalysis` says
 * (bench/README.md). Used by src/codemod/javascript.ts.
 */
export function analysisParserFor(path: string): EstreeParser {
  return { parse: (source) => parseForAnalysis(parse, source, path) };
}
