// `loadsRelativeModule` looks for the side-effect loads of relative modules only where `import`
// occurs, instead of trying a regular expression at every position of every text that names
// OpenTelemetry: it must answer exactly as that expression did.
import { describe, expect, it } from 'vitest';
import { loadsRelativeModule } from '../../src/analysis';

/** The expression `loadsRelativeModule` replaces (src/analysis/index.ts says which). */
const EXPRESSION = /\bimport\s*\(\s*['"]\.\.?\/|^\s*import\s+['"]\.\.?\//m;

/** Pieces that make every part of the expression succeed and fail: word characters, white space and line ends of each kind, quotes, dots, slashes. */
const PIECES = ['import', 'import', ' ', '\t', '\n', '\r', '\u2028', '\u00a0', '\ufeff', '(', "'", '"', '`', './', '../', '.', '/', 'x', '_', '$', '9', ';', 'await ', "('./", "'./", '"../', " '"];

/** A small seeded generator, so a failure names a text that can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('loadsRelativeModule', () => {
  it('answers as the regular expression on the forms it is for and their near misses', () => {
    const texts = [
      "await import('./sentry.server.config')",
      'import "./tracing";',
      "  import '../otel'",
      "x\n\t import './a'",
      "x; import './a'",
      "ximport('./a')",
      "$import('./a')",
      "_import('./a')",
      "import ( \n '../a')",
      "import('a')",
      'import(`./a`)',
      "import x from './a'",
      "\u2028import './a'",
      "\rimport './a'",
      "a\u00a0import './a'",
      "\u00a0import './a'",
      'importimport("./x")',
      '',
    ];
    for (const text of texts) expect(loadsRelativeModule(text), JSON.stringify(text)).toBe(EXPRESSION.test(text));
    expect(texts.filter((t) => EXPRESSION.test(t)).length).toBeGreaterThan(6); // the cases cover both answers
  });

  it('answers as the regular expression on 50,000 texts made of the pieces that decide it', () => {
    const next = random(16);
    let found = 0;
    for (let n = 0; n < 50_000; n++) {
      let text = '';
      const length = 1 + Math.floor(next() * 10);
      for (let k = 0; k < length; k++) text += PIECES[Math.floor(next() * PIECES.length)];
      const expected = EXPRESSION.test(text);
      if (loadsRelativeModule(text) !== expected) expect.fail(`differs on ${JSON.stringify(text)}: the expression says ${expected}`);
      if (expected) found++;
    }
    expect(found).toBeGreaterThan(100); // the generator reaches the matches, not only misses
  });
});
