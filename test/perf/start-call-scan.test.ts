// `mayCallStart` (src/analysis/imported-sdk.ts) finds `.start()` by each `()` and then the `.start`
// before it, because V8's string search scans for the pattern's first character and a `.` or an `s`
// comes every few characters of code. The answer must be `includes('.start()')`'s, on every text.
import { describe, expect, it } from 'vitest';
import { mayCallStart } from '../../src/analysis';

/** Deterministic texts from an alphabet dense in the pattern's characters, so near-misses abound. */
function* texts(count: number): Generator<string> {
  const alphabet = ['.', 's', 't', 'a', 'r', '(', ')', '()', '(()', 'start', '.start', 'start()', '.start()', 'restart()', '.sta', 'rt()', ' ', '\n', 'x', 'x.start'];
  let seed = 42;
  // a 31-bit linear congruential generator in integer arithmetic (`Math.imul`), read by its high bits:
  // its low bits repeat with a short period
  const next = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) >>> 16) % n;
  for (let i = 0; i < count; i++) {
    let text = '';
    const parts = next(12);
    for (let p = 0; p < parts; p++) text += alphabet[next(alphabet.length)];
    yield text;
  }
}

describe('start-call text test', () => {
  it("answers as includes('.start()') on the edge cases", () => {
    for (const text of ['', 'start()', '.start()', 'start() x.start()', 'restart()', 'x.restart()', 'sdk.start(x)', 'sdk.start ()', 'a.start()b', '.start(', 'start().start()', '()', '()()', '.start()()', 's()', 'start(()', '.start(())', 'x.start(()']) {
      expect(mayCallStart(text), JSON.stringify(text)).toBe(text.includes('.start()'));
    }
  });

  it("answers as includes('.start()') on 100,000 generated texts", () => {
    let found = 0;
    for (const text of texts(100_000)) {
      const expected = text.includes('.start()');
      if (mayCallStart(text) !== expected) expect(mayCallStart(text), JSON.stringify(text)).toBe(expected);
      if (expected) found++;
    }
    // the set holds both answers in numbers
    expect(found).toBeGreaterThan(1_000);
    expect(found).toBeLessThan(95_000);
  });
});
