// eslint-doc-generator (`npm run docs`, `npm run docs:check`): reads the built plugin
// (dist/index.js) and fills the README rules/configs lists and each rule doc's header.
/** @type {import('eslint-doc-generator').GenerateOptions} */
module.exports = {
  // The flat and oxlint configs mirror the eslintrc ones (ECOSYSTEM.md §1, layout L2; docs/oxlint.md);
  // list each config once.
  ignoreConfig: ['flat/recommended', 'flat/all', 'oxlint/recommended', 'oxlint/all'],
  configEmoji: [['all', '🌐']],
  ruleDocTitleFormat: 'desc-parens-prefix-name',
  urlRuleDoc: 'https://github.com/otel-safe/eslint-plugin-otel-safe/blob/main/docs/rules/{name}.md',
  pathRuleList: 'README.md',
  ruleListColumns: ['name', 'description', 'configsError', 'configsWarn', 'configsOff', 'fixable', 'hasSuggestions', 'options'],
};
