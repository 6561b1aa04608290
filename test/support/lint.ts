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
