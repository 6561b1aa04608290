// Self-lint: the rule files checked against eslint-plugin-eslint-plugin (ECOSYSTEM.md §5),
// parsed with typescript-eslint. `npm run lint`.
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'test/fixtures/**', 'examples/**', 'bench/**', 'coverage/**'] },
  {
    ...eslintPlugin.configs.recommended,
    files: ['rules/**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
    rules: {
      ...eslintPlugin.configs.recommended.rules,
      // `createRule` (src/rule.ts) derives `meta.docs.url` from the name and copies the top-level
      // `defaultOptions` into `meta.defaultOptions`; suggestions are produced in `reportFindings`.
      // Static analysis cannot see through that, so these three are checked on the built rule
      // objects instead, by test/meta.test.ts (docs url pattern, defaultOptions listing every schema
      // key) and by RuleTester (which throws on suggestions without `hasSuggestions`).
      'eslint-plugin/require-meta-docs-url': 'off',
      'eslint-plugin/require-meta-default-options': 'off',
      'eslint-plugin/require-meta-has-suggestions': 'off',
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Disallow|Require|Enforce)' }],
      'eslint-plugin/require-meta-schema-description': 'error',
      'eslint-plugin/require-meta-type': 'error',
      'eslint-plugin/require-meta-schema': 'error',
      'eslint-plugin/prefer-message-ids': 'error',
    },
  },
];
