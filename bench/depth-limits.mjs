// How deep ESLint itself gets on each shape of bench/deep-shapes.mjs, with espree and with
// typescript-eslint's parser: the largest chain that ESLint alone (no rules) lints without a
// fatal message or an exception, found by doubling then bisecting. Then the same file with every
// otel-safe rule on (the built plugin): the plugin must never fail a file ESLint alone lints.
// The depths the tests in test/reliability/ use come from this (bench/README.md).
// Usage: node bench/depth-limits.mjs [--json]
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHAPES, source } from './deep-shapes.mjs';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { Linter } = require('eslint');
const tsParser = require('@typescript-eslint/parser');
const dist = path.resolve(process.env.OTEL_SAFE_BENCH_DIST ?? path.join(repo, 'dist'));
const plugin = require(path.join(dist, 'index.js')).default ?? require(path.join(dist, 'index.js'));
const otelRules = Object.fromEntries(Object.keys(plugin.rules).map((r) => [`otel-safe/${r}`, 'error']));
const PARSERS = { espree: undefined, 'typescript-eslint': tsParser };
const LIMIT = 1 << 17;

/** 'ok', or why ESLint failed on the text. */
function lint(text, parser, withPlugin) {
  const config = [{ files: ['**/*.js'], languageOptions: parser ? { parser } : {}, ...(withPlugin ? { plugins: { 'otel-safe': plugin }, rules: otelRules } : {}) }];
  try {
    const messages = new Linter({ configType: 'flat' }).verify(text, config, 'deep.js');
    const fatal = messages.find((m) => m.fatal || !m.ruleId || m.messageId === 'internalError');
    return fatal ? `fatal: ${fatal.message}` : 'ok';
  } catch (error) {
    return `exception: ${error.message.split('\n')[0]}`;
  }
}

/** Largest n in [1, LIMIT] for which ESLint alone lints the shape (0 when even n = 1 fails). */
function maxDepth(shape, parser) {
  const ok = (n) => lint(source(shape, n), parser, false) === 'ok';
  if (!ok(1)) return 0;
  let good = 1;
  let bad = LIMIT + 1;
  for (let n = 2; n <= LIMIT; n *= 2) {
    if (!ok(n)) {
      bad = n;
      break;
    }
    good = n;
  }
  while (bad - good > Math.max(1, good >> 6)) {
    const mid = (good + bad) >> 1;
    if (ok(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

// warm the JIT on small files first: a cold parser's frames are bigger, and the limit with them
for (const shape of SHAPES) for (const parser of Object.values(PARSERS)) for (let i = 0; i < 20; i++) lint(source(shape, 50), parser, true);

const rows = [];
for (const shape of SHAPES) {
  for (const [name, parser] of Object.entries(PARSERS)) {
    const depth = maxDepth(shape, parser);
    const withPlugin = depth > 0 ? lint(source(shape, depth), parser, true) : 'n/a';
    const failsAt = lint(source(shape, depth * 2), parser, false);
    rows.push({ shape, parser: name, eslintAlone: depth, withPlugin, atTwiceTheDepth: failsAt.slice(0, 70) });
  }
}
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else {
  console.log(`Node ${process.version}, stack as the main thread has it (no --stack-size)`);
  console.log('| shape | parser | deepest ESLint alone lints | all otel-safe rules at that depth | ESLint alone at twice the depth |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.shape} | ${r.parser} | ${r.eslintAlone} | ${r.withPlugin} | ${r.atTwiceTheDepth} |`);
}
