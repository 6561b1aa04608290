// Lints source text with the plugin built from source, the way users run it (flat config,
// typescript-eslint's parser for JS and TS alike).
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../../src/index';

export interface LintMessage {
  ruleId: string | null;
  messageId?: string;
  line: number;
  message: string;
}

/** Messages of one otel-safe rule (or all of them) on a source text; `filename` decides JS/TS and project lookups. */
export function lint(source: string, filename: string, rule?: string, settings: Record<string, unknown> = {}): LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const rules = Object.fromEntries(Object.keys(plugin.rules).filter((r) => !rule || r === rule).map((r) => [`otel-safe/${r}`, 'error' as const]));
  const messages = linter.verify(
    source,
    [
      {
        files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
        languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { 'otel-safe': plugin as never },
        settings,
        rules,
      },
    ],
    filename,
  );
  const fatal = messages.find((m) => m.fatal || !m.ruleId);
  if (fatal) throw new Error(`${filename}: ${fatal.message}`);
  return messages.map((m) => ({ ruleId: m.ruleId, messageId: m.messageId, line: m.line, message: m.message }));
}

export interface SuggestedReport extends LintMessage {
  readonly suggestions: { readonly messageId: string | undefined; readonly output: string }[];
}

/** Like `lint`, with each report's suggestions applied to the source (one output per suggestion). */
export function lintWithSuggestions(source: string, filename: string, rule: string): SuggestedReport[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    source,
    [
      {
        files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
        languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: { 'otel-safe': plugin as never },
        rules: { [`otel-safe/${rule}`]: 'error' },
      },
    ],
    filename,
  );
  const fatal = messages.find((m) => m.fatal || !m.ruleId);
  if (fatal) throw new Error(`${filename}: ${fatal.message}`);
  return messages.map((m) => ({
    ruleId: m.ruleId,
    messageId: m.messageId,
    line: m.line,
    message: m.message,
    suggestions: (m.suggestions ?? []).map((s) => ({ messageId: s.messageId, output: source.slice(0, s.fix.range[0]) + s.fix.text + source.slice(s.fix.range[1]) })),
  }));
}

/** A suggestion checked by its id and the lines it must write (the full text lives in the codemod fixture pairs). */
export interface SuggestionCase {
  readonly name: string;
  readonly code: string;
  readonly filename: string;
  readonly messageId: string;
  readonly line: number;
  readonly suggestion: string;
  readonly essentials: readonly string[];
}
