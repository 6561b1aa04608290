// Deep files at the deepest chain ESLint itself still lints, measured here in this process
// (starting from the depths bench/depth-limits.mjs recorded in bench/README.md): with every
// otel-safe rule on, ESLint must lint them as it does without the plugin. Before the walker,
// model and evaluator became iterative, the plugin overflowed the stack below these depths and
// ESLint aborted the whole run ("Maximum call stack size exceeded", rule otel-safe/…).
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs module shared with bench/depth-limits.mjs
import { SHAPES, source } from '../../bench/deep-shapes.mjs';
import plugin from '../../src/index';

/** The deepest chains ESLint alone lints, as bench/depth-limits.mjs measured them: where the search starts. */
const RECORDED: Record<string, { espree: number; 'typescript-eslint': number }> = {
  member: { espree: 6400, 'typescript-eslint': 912 },
  call: { espree: 3200, 'typescript-eslint': 456 },
  then: { espree: 3200, 'typescript-eslint': 456 },
  plus: { espree: 5504, 'typescript-eslint': 904 },
  ternary: { espree: 3936, 'typescript-eslint': 912 },
  'else-if': { espree: 4224, 'typescript-eslint': 912 },
  logical: { espree: 5568, 'typescript-eslint': 904 },
  blocks: { espree: 3584, 'typescript-eslint': 864 },
  functions: { espree: 536, 'typescript-eslint': 304 },
  arrays: { espree: 1120, 'typescript-eslint': 864 },
  objects: { espree: 800, 'typescript-eslint': 440 },
  destructuring: { espree: 1520, 'typescript-eslint': 384 },
};
/** The search's step: the limit itself moves by about this much with JIT state. */
const STEP = 1.15;
const PARSERS = { espree: undefined, 'typescript-eslint': tsParser } as const;
const otelRules = Object.fromEntries(Object.keys(plugin.rules).map((r) => [`otel-safe/${r}`, 'error' as const]));

function lint(text: string, parser: unknown, withPlugin: boolean): Linter.LintMessage[] {
  const config = { files: ['**/*.js'], languageOptions: parser ? { parser: parser as never } : {}, ...(withPlugin ? { plugins: { 'otel-safe': plugin as never }, rules: otelRules } : {}) };
  return new Linter({ configType: 'flat' }).verify(text, [config], 'src/deep.js');
}

/** How ESLint fared on a text: 'ok', 'eslint' (ESLint itself could not: a parse error or its own overflow), or 'otel-safe' and why. */
function outcome(text: string, parser: unknown, withPlugin: boolean): { by: 'ok' | 'eslint' | 'otel-safe'; messages: Linter.LintMessage[]; why?: string } {
  try {
    const messages = lint(text, parser, withPlugin);
    const internal = messages.find((m) => m.messageId === 'internalError');
    if (internal) return { by: 'otel-safe', messages, why: internal.message };
    return { by: messages.some((m) => m.fatal) ? 'eslint' : 'ok', messages };
  } catch (error) {
    const message = (error as Error).message;
    // ESLint names the rule whose listener threw
    return /Rule: "otel-safe\//.test(message) ? { by: 'otel-safe', messages: [], why: message } : { by: 'eslint', messages: [] };
  }
}

/** The deepest chain (within one STEP) that ESLint alone lints here, searching from `start`. */
function deepestEslintLints(shape: string, parser: unknown, start: number): number {
  const ok = (n: number): boolean => outcome(source(shape, n), parser, false).by === 'ok';
  let depth = start;
  if (ok(depth)) {
    while (ok(Math.round(depth * STEP))) depth = Math.round(depth * STEP);
    return depth;
  }
  while (depth > 1 && !ok(depth)) depth = Math.round(depth / STEP);
  return depth;
}

beforeAll(() => {
  // a cold parser has bigger stack frames: warm it up as a long ESLint run would be
  for (const shape of SHAPES as string[]) for (const parser of Object.values(PARSERS)) for (let i = 0; i < 10; i++) lint(source(shape, 50), parser, true);
});

describe('ESLint with every otel-safe rule on the deepest files ESLint alone lints', () => {
  for (const shape of SHAPES as string[]) {
    for (const [name, parser] of Object.entries(PARSERS)) {
      it(`${shape}, ${name}`, () => {
        let depth = deepestEslintLints(shape, parser, RECORDED[shape]![name as keyof typeof PARSERS]);
        expect(depth).toBeGreaterThan(100);
        // ESLint's own limit moves between runs: when ESLint itself fails beside the plugin, a little shallower
        let result = outcome(source(shape, depth), parser, true);
        for (let retry = 0; retry < 3 && result.by === 'eslint'; retry++) {
          depth = Math.round(depth / 1.05);
          result = outcome(source(shape, depth), parser, true);
        }
        expect({ depth, by: result.by, why: result.why }).toEqual({ depth, by: 'ok', why: undefined });
        expect(result.messages.map((m) => m.ruleId)).toContain('otel-safe/require-shutdown-handler');
      }, 120_000);
    }
  }
  it('covers every shape', () => expect(Object.keys(RECORDED).sort()).toEqual([...(SHAPES as string[])].sort()));
});
