// The ESLint plugin entry. Light by design: it reaches the rules and the shared
// analyses only (no jscodeshift, recast, @babel/parser or CLI), because every editor
// loads it on start.
import { version } from '../package.json';
import { rules } from '../rules';

type Severity = 'error' | 'warn';

/** Severity of each rule in `recommended` (SPEC §4); rules absent here are only in `all`. */
const recommendedSeverity: Readonly<Record<keyof typeof rules, Severity>> = {
  'no-duplicate-registration': 'error',
  'no-removed-sdk-api': 'error',
  'no-duplicate-instrumentation': 'error',
  'no-duplicate-span-processor': 'error',
  'no-auto-instrumentation-conflict': 'error',
  'no-hardcoded-exporter-endpoint': 'warn',
  'require-early-init': 'warn',
  'require-hmr-dispose': 'error',
  'require-shutdown-handler': 'error',
  'no-batch-processor-in-dev': 'error',
};

const prefixed = (entries: [string, Severity][]) => Object.fromEntries(entries.map(([name, sev]) => [`otel-safe/${name}`, sev]));
const recommendedRules = prefixed(Object.entries(recommendedSeverity) as [string, Severity][]);
const allRules = prefixed(Object.keys(rules).map((name) => [name, 'error'] as [string, Severity]));

export interface OtelSafePlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: {
    recommended: { plugins: string[]; rules: Record<string, Severity> };
    all: { plugins: string[]; rules: Record<string, Severity> };
    'flat/recommended': { name: string; plugins: Record<string, OtelSafePlugin>; rules: Record<string, Severity> };
    'flat/all': { name: string; plugins: Record<string, OtelSafePlugin>; rules: Record<string, Severity> };
    'oxlint/recommended': OxlintConfig;
    'oxlint/all': OxlintConfig;
  };
}

/** An `.oxlintrc.json` (or `oxlint.config.ts`) body that runs the rules through oxlint's JS plugins (docs/oxlint.md). */
export interface OxlintConfig {
  jsPlugins: string[];
  rules: Record<string, Severity>;
}

const plugin = {
  meta: { name: 'eslint-plugin-otel-safe', version, namespace: 'otel-safe' },
  rules,
} as OtelSafePlugin;

// eslintrc configs under the plain names (so `plugin:otel-safe/recommended` works on
// ESLint 8.57/9 and through FlatCompat), flat configs under `flat/` (ECOSYSTEM.md §1).
plugin.configs = {
  recommended: { plugins: ['otel-safe'], rules: recommendedRules },
  all: { plugins: ['otel-safe'], rules: allRules },
  'flat/recommended': { name: 'otel-safe/recommended', plugins: { 'otel-safe': plugin }, rules: recommendedRules },
  'flat/all': { name: 'otel-safe/all', plugins: { 'otel-safe': plugin }, rules: allRules },
  // oxlint loads JS plugins by specifier and names them by `meta.name` (`eslint-plugin-` dropped)
  'oxlint/recommended': { jsPlugins: ['eslint-plugin-otel-safe'], rules: recommendedRules },
  'oxlint/all': { jsPlugins: ['eslint-plugin-otel-safe'], rules: allRules },
};

export default plugin;
