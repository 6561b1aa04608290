// no-removed-sdk-api evaluates a member call's callee only when the call can be one it acts on: a
// provider method it looks at (`register`, `addSpanProcessor`, the removed ones), or a name the
// file stores a value under (`holder.go = provider.register`), so the scan still sees every value
// the evaluator would give it. Counted, not timed: on the worst bench tree's modelled files these
// evaluations were most of the rule's time.
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { generationStats } from '../../src/analysis/generation';
import { removedApiStats } from '../../src/checks/no-removed-sdk-api';
import plugin from '../../src/index';

const config = (gen: number) => [
  { files: ['**/*.js'], plugins: { 'otel-safe': plugin as never }, rules: { 'otel-safe/no-removed-sdk-api': 'error' as const }, settings: { 'otel-safe': { sdkGeneration: gen } } },
];
const provider = "const { BasicTracerProvider } = require('@opentelemetry/sdk-trace-base');\nconst provider = new BasicTracerProvider();\n";
const appCalls = Array.from({ length: 200 }, (_, i) => `this.client.send(${i});\nres.json({ n: ${i} });\n`).join('');

function lint(code: string, gen = 2): { ids: string[]; evaluated: number } {
  const before = removedApiStats.memberCallsEvaluated;
  const messages = new Linter({ configType: 'flat', cwd: '/app' }).verify(code, config(gen) as never, '/app/src/tracing.js');
  return { ids: messages.map((m) => m.messageId ?? m.message), evaluated: removedApiStats.memberCallsEvaluated - before };
}

describe('no-removed-sdk-api member calls (counts work, not time)', () => {
  it('evaluates the provider method calls, not the 400 app member calls around them', () => {
    const { ids, evaluated } = lint(provider + appCalls + 'provider.register();\n');
    expect(ids).toEqual(['noSpanProcessor', 'removedRegister']);
    expect(evaluated).toBe(1);
  });

  it('still follows a method stored under another name', () => {
    const { ids, evaluated } = lint(provider + appCalls + 'const holder = {};\nholder.go = provider.register;\nholder.go();\n');
    expect(ids).toEqual(['noSpanProcessor', 'removedRegister']);
    expect(evaluated).toBe(1);
  });

  it('evaluates every member call when a computed member is assigned (any name may hold a stored value)', () => {
    const { ids, evaluated } = lint(provider + appCalls + "const holder = {};\nholder[pick()] = provider.register;\nprovider.register();\n");
    expect(ids).toEqual(['noSpanProcessor', 'removedRegister']);
    expect(evaluated).toBe(401);
  });
});

describe('no-removed-sdk-api project generation (counts work, not time)', () => {
  const unpinned = [{ files: ['**/*.js'], plugins: { 'otel-safe': plugin as never }, rules: { 'otel-safe/no-removed-sdk-api': 'error' as const } }];
  const lookups = (code: string): number => {
    const before = generationStats.projectLookups;
    new Linter({ configType: 'flat', cwd: '/app' }).verify(code, unpinned as never, '/app/src/tracing.js');
    return generationStats.projectLookups - before;
  };

  it('looks up the installed, locked or declared versions only for a file importing a package 3.x dropped', () => {
    // sdk-node has a 3.x release: its import alone is never moduleNotInGeneration
    expect(lookups("const { NodeSDK } = require('@opentelemetry/sdk-node');\nnew NodeSDK().start();\n")).toBe(0);
    expect(lookups("const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');\nnew NodeTracerProvider();\n")).toBeGreaterThan(0);
  });
});
