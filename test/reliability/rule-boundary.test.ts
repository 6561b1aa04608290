// The rules' defensive boundary (src/rule.ts): an exception inside otel-safe becomes one report
// on the file, never an aborted ESLint run; invalid settings stay a configuration error.
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';

const FILE = `
import { NodeSDK } from '@opentelemetry/sdk-node';
const sdk = new NodeSDK({});
const start = () => sdk.start();
start();
`;

/**
 * A parser whose AST breaks an ESTree invariant otel-safe relies on (arrow functions lose
 * `params`), the way a third-party parser's non-standard nodes can. Scopes are analysed on the
 * intact tree first, so ESLint itself is unaffected and only otel-safe meets the broken node.
 */
const parserWithoutParams = {
  meta: { name: 'parser-without-params' },
  parseForESLint(text: string) {
    const parsed = tsParser.parseForESLint(text, { sourceType: 'module', range: true, loc: true });
    const stack: unknown[] = [parsed.ast];
    while (stack.length > 0) {
      const node = stack.pop() as Record<string, unknown>;
      if (node.type === 'ArrowFunctionExpression') delete node.params;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'parent') continue;
        for (const child of Array.isArray(value) ? value : [value]) if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') stack.push(child);
      }
    }
    return parsed;
  },
};

const allRules = Object.fromEntries(Object.keys(plugin.rules).map((r) => [`otel-safe/${r}`, 'error' as const]));

function lintWith(parser: unknown, settings: Record<string, unknown> = {}): Linter.LintMessage[] {
  return new Linter({ configType: 'flat' }).verify(
    FILE,
    [{ files: ['**/*.js'], languageOptions: parser ? { parser: parser as never } : {}, plugins: { 'otel-safe': plugin as never }, settings, rules: allRules }],
    'src/telemetry.js',
  );
}

describe('an exception inside otel-safe', () => {
  it('is one report naming the file and asking for a bug report, not an aborted run', () => {
    const messages = lintWith(parserWithoutParams);
    const internal = messages.filter((m) => m.messageId === 'internalError');
    expect(internal).toHaveLength(1);
    expect(internal[0]!.line).toBe(1);
    expect(internal[0]!.message).toContain('src/telemetry.js');
    expect(internal[0]!.message).toMatch(/TypeError: .*/);
    expect(internal[0]!.message).toContain('please report it at https://github.com/otel-safe/eslint-plugin-otel-safe/issues');
    expect(messages.filter((m) => m.fatal)).toEqual([]);
  });

  it('does not change what the rules report on an intact tree', () => {
    const messages = lintWith(undefined);
    expect(messages.map((m) => m.messageId)).toEqual(['missingShutdown']);
  });

  it('leaves invalid settings a configuration error', () => {
    expect(() => lintWith(undefined, { 'otel-safe': { registrars: [{ module: 'm', export: 'x', kind: 'sdk-startt' }] } })).toThrow(/registrars\[0\]\.kind/);
  });
});
