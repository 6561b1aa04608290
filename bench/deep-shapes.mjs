// Deeply nested source files, one shape per construct a real file can chain without limit:
// the inputs of the depth tests (test/reliability/) and of `bench/depth-limits.mjs`, which
// measures how deep each parser gets. Every file imports OpenTelemetry and registers an SDK, so
// the rules build their model and run every check over the deep part (no fast path).
//
// `source(shape, n)` is valid JavaScript and TypeScript for every n >= 1.

const PREFIX = [
  "import { NodeSDK } from '@opentelemetry/sdk-node';",
  "import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';",
  'const sdk = new NodeSDK({ traceExporter: new OTLPTraceExporter() });',
  '',
].join('\n');

/** Each shape's deep part, for a chain of `n` links. */
const BODIES = {
  // globalThis.a.a…a = sdk.a.a…a: the walker, storage keys and the evaluator on one long member chain
  member: (n) => `globalThis${'.a'.repeat(n)} = sdk${'.a'.repeat(n)};\nsdk.start();`,
  // a builder chain: builder(sdk).a().a()…
  call: (n) => `const built = builder(sdk)${'.a()'.repeat(n)};\nsdk.start();`,
  // promise chains with a callback per link (a function scope per link)
  then: (n) => `import('@opentelemetry/sdk-node').then((m) => m)${'.then((m) => m)'.repeat(n)}.then(() => sdk.start());`,
  // a long concatenation in an exporter's url (the hard-coded-endpoint check reads it)
  plus: (n) => `new OTLPTraceExporter({ url: process.env.OTEL_HOST${" + '/a'".repeat(n)} });\nsdk.start();`,
  // nested conditionals in the value a registration reads
  ternary: (n) => `const chosen = ${'process.env.A ? sdk : '.repeat(n)}sdk;\nchosen.start();`,
  // a registration at the end of a long else-if chain (guards and branches walk up through it)
  'else-if': (n) => `${'if (process.env.A) {} else '.repeat(n)}{ sdk.start(); }`,
  // a guard whose condition is a long && chain
  logical: (n) => `if (!globalThis.a${' && !globalThis.a'.repeat(n)}) { sdk.start(); }`,
  // nested blocks around a registration
  blocks: (n) => `${'{ '.repeat(n)}sdk.start();${' }'.repeat(n)}`,
  // nested arrow functions, the innermost one registering, all called
  functions: (n) => `${'(() => '.repeat(n)}sdk.start()${')()'.repeat(n)};`,
  // nested array literals (config objects)
  arrays: (n) => `const config = ${'['.repeat(n)}sdk${']'.repeat(n)};\nsdk.start();`,
  // nested object literals (config objects)
  objects: (n) => `const config = ${'{ a: '.repeat(n)}sdk${' }'.repeat(n)};\nsdk.start();`,
  // a nested destructuring pattern
  destructuring: (n) => `const ${'{ a: '.repeat(n)}x${' }'.repeat(n)} = globalThis;\nsdk.start();`,
};

/** The shape names, in a stable order. */
export const SHAPES = Object.keys(BODIES);

/** A complete source file whose `shape` is nested `n` levels deep. */
export function source(shape, n) {
  const body = BODIES[shape];
  if (!body) throw new Error(`unknown shape ${shape}`);
  return `${PREFIX}${body(n)}\n`;
}
