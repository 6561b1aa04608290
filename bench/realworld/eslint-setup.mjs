// What the real-world scripts (score.mjs, score-python.mjs, sweep.mjs) share to lint files in place:
// ESLint's ignore-file warning silenced, and the flat config that runs every plugin rule at `error`.

/** ESLint warns once per repository that still has a legacy .eslintignore; these runs never read a repository's own ESLint setup. */
export function quietEslintIgnoreWarning() {
  process.removeAllListeners('warning');
  process.on('warning', (w) => {
    if (w.name !== 'ESLintIgnoreWarning') console.error(`${w.name}: ${w.message}`);
  });
}

/** The JS/TS override config: `ruleNames` of `plugin` at `error`, inline config off, typescript-eslint's parser for TS. */
export function jsOverrideConfig(plugin, tsParser, ruleNames) {
  const base = {
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    plugins: { 'otel-safe': plugin },
    rules: Object.fromEntries(ruleNames.map((r) => [`otel-safe/${r}`, 'error'])),
  };
  return [
    { ...base, files: ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'], languageOptions: { ecmaVersion: 'latest', parserOptions: { ecmaFeatures: { jsx: true } } } },
    { ...base, files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } },
  ];
}
