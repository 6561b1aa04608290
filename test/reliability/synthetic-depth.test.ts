import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs module shared with bench/depth-limits.mjs
import { SHAPES, source } from '../../bench/deep-shapes.mjs';
import { parseWithLargeStack, runRules } from './deep-ast';

// Far deeper than any parser gets on a normal stack (bench/README.md "Depth limits"): the
// limit is then otel-safe's own code alone, which must have none.
const DEPTH = 10_000;

describe('every rule on a file nested far deeper than ESLint can parse', () => {
  for (const shape of SHAPES as string[]) {
    it(`${shape} × ${DEPTH}`, async () => {
      const text: string = source(shape, DEPTH);
      const program = await parseWithLargeStack(text);
      const reports = runRules(program, text, '/project/src/deep.js');
      expect(reports.filter((r) => r.messageId === 'internalError')).toEqual([]);
      // the model was built and the checks ran over the deep part: the file starts an SDK without a shutdown handler
      expect(reports.map((r) => r.ruleId)).toContain('require-shutdown-handler');
    }, 120_000);
  }
});
