// The jscodeshift baseline: parse each file with the parser otel-safe's codemods use
// (src/codemod/parser.ts, bundled by bench/run.mjs into the bench cache, path in
// OTEL_SAFE_BENCH_PARSER), through jscodeshift (recast), and change nothing.
const { parserFor } = require(process.env.OTEL_SAFE_BENCH_PARSER);

module.exports = function noop(file, api) {
  api.jscodeshift.withParser(parserFor(file.path))(file.source);
  return undefined;
};
