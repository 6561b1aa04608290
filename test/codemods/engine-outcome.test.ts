// The engine's account of a run (src/core/engine.ts): what its fixes fixed, at their place in
// the original text, and what is left for a human, over several passes and several steps.
// A toy language (lines of `word` tokens) keeps the positions easy to check by hand.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding';
import type { Language } from '../../src/core/language';
import { fixFile, fixSteps, toOriginalRange, type RunCheck } from '../../src/core/engine';

const words: Language<string> = {
  id: 'javascript',
  extensions: ['txt'],
  mayHaveFindings: (file) => file.text.length > 0,
  init: () => Promise.resolve(),
  parse: (file) => file.text,
};

const context = { settings: {}, cwd: undefined };

/** Reports every `word` of `pattern`; fixes it into `replacement` when one is given. */
function check(ruleId: string, pattern: RegExp, replacement?: string): RunCheck<string> {
  return ({ tree }) =>
    [...tree.matchAll(new RegExp(pattern.source, 'g'))].map(
      (m): Finding => ({
        ruleId,
        messageId: 'found',
        data: {},
        range: [m.index, m.index + m[0].length],
        suggestions: replacement === undefined ? [] : [{ messageId: 'fix', edits: [{ range: [m.index, m.index + m[0].length], text: replacement }] }],
      }),
    );
}

describe('fixFile', () => {
  it('reports what it fixed at its original place and what it left in the new text', () => {
    const text = 'keep bad keep bad\nlater human\n';
    const out = fixFile(words, { path: 'a.txt', text }, context, (input) => [...check('r/bad', /bad/, 'better!')(input), ...check('r/human', /human/)(input)]);
    expect(out!.text).toBe('keep better! keep better!\nlater human\n');
    expect(out!.fixed.map((f) => text.slice(...f.range))).toEqual(['bad', 'bad']);
    expect(out!.left.map((f) => out!.text.slice(...f.range))).toEqual(['human']);
    // mapped back through the pass, the left finding is where the original had it
    expect(text.slice(...toOriginalRange(out!.left[0]!.range, out!.passes, out!.text))).toBe('human');
  });

  it('maps a finding of a later pass, inside text an earlier pass wrote, to the code it was moved from', () => {
    // pass 1 wraps `start` in a block; pass 2 fixes the `start` now inside it
    const text = 'a start b\n';
    const wrap: RunCheck<string> = ({ tree }) => {
      const at = /(?<!\{ )a start\b/.exec(tree)?.index ?? -1;
      if (at < 0) return [];
      return [{ ruleId: 'r/wrap', messageId: 'm', data: {}, range: [at, at + 7], suggestions: [{ messageId: 'f', edits: [{ range: [at, at + 7], text: '{ a start }' }] }] }];
    };
    const fixStart: RunCheck<string> = ({ tree }) => {
      const at = tree.indexOf('{ a start }');
      return at < 0 ? [] : [{ ruleId: 'r/start', messageId: 'm', data: {}, range: [at + 4, at + 9], suggestions: [{ messageId: 'f', edits: [{ range: [at + 4, at + 9], text: 'started' }] }] }];
    };
    const out = fixSteps(words, { path: 'a.txt', text }, context, [wrap, fixStart]);
    expect(out!.text).toBe('{ a started } b\n');
    expect(out!.fixed.map((f) => [f.ruleId, text.slice(...f.range)])).toEqual([
      ['r/wrap', 'a start'],
      ['r/start', 'start'],
    ]);
  });
});

describe('fixSteps', () => {
  it('asks every step again about the final text: a finding one step fixes is not left, what none fixes is', () => {
    const text = 'x y z\n';
    const out = fixSteps(words, { path: 'a.txt', text }, context, [check('r/x', /x/, 'X'), check('r/y', /y/), check('r/z', /z/, 'Z')]);
    expect(out!.text).toBe('X y Z\n');
    expect(out!.fixed.map((f) => f.ruleId)).toEqual(['r/x', 'r/z']);
    expect(out!.left.map((f) => [f.ruleId, out!.text.slice(...f.range)])).toEqual([['r/y', 'y']]);
  });

  it('runs another round when a later step makes an earlier one fixable again', () => {
    // step 2 writes an `x` that step 1 fixes in the next round
    const out = fixSteps(words, { path: 'a.txt', text: 'x w\n' }, context, [check('r/x', /\bx\b/, 'X'), check('r/w', /\bw\b/, 'x')]);
    expect(out!.text).toBe('X X\n');
    expect(out!.left).toEqual([]);
  });

  it('is undefined when every step fails the text gate', () => {
    expect(fixSteps(words, { path: 'a.txt', text: '' }, context, [check('r/x', /x/, 'X'), check('r/y', /y/)])).toBeUndefined();
  });
});
