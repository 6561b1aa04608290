// The `app-floor` row of `npm run bench` (bench/floor-plugin.mjs) measures what ESLint's `stats`
// charge to the otel-safe rules by themselves: its stand-ins must carry the same names, be timed
// by ESLint like the real rules, and do and allocate nothing, or the row measures something else.
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';
// @ts-expect-error -- a plain .mjs module of the bench
import { FLOOR_STEPS, floorPlugin, ladderSeen } from '../../bench/floor-plugin.mjs';

const SETUP = "const { NodeSDK } = require('@opentelemetry/sdk-node');\nconst sdk = new NodeSDK();\nsdk.start();\n";

describe("the bench's floor of ESLint's per-rule cost", () => {
  const floor = floorPlugin(plugin);
  const names = Object.keys(plugin.rules);

  it('has one stand-in per otel-safe rule, under the same name', () => {
    expect(Object.keys(floor.rules).sort()).toEqual([...names].sort());
  });

  it('gives each name a rule object and a create function of its own, as a plugin of ten rules has', () => {
    const rules = names.map((name) => floor.rules[name]!);
    expect(new Set(rules).size).toBe(names.length);
    expect(new Set(rules.map((rule) => rule.create)).size).toBe(names.length);
  });

  it('hands every rule and file one frozen object without listeners (no allocation of its own)', () => {
    const returned = names.flatMap((name) => [1, 2].map(() => floor.rules[name]!.create({} as never)));
    expect(new Set(returned).size).toBe(1);
    expect(Object.isFrozen(returned[0])).toBe(true);
    expect(Object.keys(returned[0]!)).toEqual([]);
  });

  it('is timed by ESLint per rule like the real rules, and reports nothing where they do', () => {
    const rules = Object.fromEntries(names.map((r) => [`otel-safe/${r}`, 'error' as const]));
    const linter = new Linter({ configType: 'flat', cwd: '/app' });
    // with `stats`, as the bench's ESLint runs (ESLint's `verifyAndFix` is what keeps the times)
    const lint = (p: object) => {
      const config = [{ files: ['**/*.js'], plugins: { 'otel-safe': p as never }, rules }];
      const { messages } = linter.verifyAndFix(SETUP, config, { filename: '/app/src/tracing.js', stats: true } as never);
      return { messages, timed: Object.keys(linter.getTimes().passes[0]?.rules ?? {}).sort() };
    };
    const real = lint(plugin);
    const stand = lint(floor);
    expect(real.messages.length).toBeGreaterThan(0);
    expect(stand.messages).toEqual([]);
    expect(real.timed).toEqual(Object.keys(rules).sort());
    expect(stand.timed).toEqual(real.timed);
  });

  describe('the ladder from the floor to the gate (owner, read, scan)', () => {
    const rules = Object.fromEntries(names.map((r) => [`otel-safe/${r}`, 'error' as const]));
    const lint = (p: object, text: string, filename: string) => {
      const linter = new Linter({ configType: 'flat', cwd: '/app' });
      const config = [{ files: ['**/*.js'], plugins: { 'otel-safe': p as never }, rules }];
      return linter.verifyAndFix(text, config, { filename, stats: true } as never).messages;
    };
    const PLAIN = 'const a = 1; // @since 2\n';

    it('names the steps, and refuses one it does not know', () => {
      expect(FLOOR_STEPS).toEqual(['idle', 'owner', 'read', 'scan']);
      expect(() => floorPlugin(plugin, 'parse')).toThrow(/unknown step 'parse'/);
    });

    it.each(['owner', 'read', 'scan'])('%s: a rule object of its own per name, the frozen object for every file, no report', (step) => {
      const ladder = floorPlugin(plugin, step);
      expect(Object.keys(ladder.rules).sort()).toEqual([...names].sort());
      expect(new Set(names.map((name) => ladder.rules[name]!.create)).size).toBe(names.length);
      const fileContext = { sourceCode: { text: SETUP } };
      const returned = names.map((name) => ladder.rules[name]!.create(Object.create(fileContext)));
      expect(new Set(returned).size).toBe(1);
      expect(Object.isFrozen(returned[0])).toBe(true);
      expect(lint(ladder, SETUP, '/app/src/tracing.js')).toEqual([]);
    });

    it('read: the first rule of each file reads its text once, whatever the number of rules', () => {
      const ladder = floorPlugin(plugin, 'read');
      const before = ladderSeen.chars;
      lint(ladder, PLAIN, '/app/src/a.js');
      lint(ladder, SETUP, '/app/src/b.js');
      expect(ladderSeen.chars - before).toBe(PLAIN.length + SETUP.length);
    });

    it('scan: finds the OpenTelemetry module in a file naming it, not in one with other @s', () => {
      const ladder = floorPlugin(plugin, 'scan');
      const before = ladderSeen.hints;
      lint(ladder, PLAIN, '/app/src/a.js');
      expect(ladderSeen.hints).toBe(before);
      lint(ladder, SETUP, '/app/src/b.js');
      expect(ladderSeen.hints).toBe(before + 1);
    });
  });
});
