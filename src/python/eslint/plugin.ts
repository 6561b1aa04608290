// What `eslint-plugin-otel-safe/python` adds to the one plugin object: the `python` language,
// the Python rules (`otel-safe/python/<name>`) and `configs['python/recommended']`. The ESM
// entry (dist/python.mjs, written by scripts/write-esm-wrapper.mjs) imports the main plugin,
// awaits `initPython()` (the wasm parser; ESLint's parse is synchronous) and extends it, so the
// main entry and the subpath are the same object and mixing them never defines it twice.
import { pythonRules } from '../../../rules/python';
import { initPythonParser } from '../parser';
import { PYTHON_LANGUAGE_ID } from './ids';
import { pythonEslintLanguage } from './language';

export { pythonRules };
/** For bench/python-parser.mjs: the parser and converter the language uses. */
export { parsePython } from '../parser';

/** Loads the Python parser; the subpath awaits it before anyone lints. */
export function initPython(): Promise<void> {
  return initPythonParser();
}

interface ExtensiblePlugin {
  rules: Record<string, unknown>;
  configs: Record<string, unknown>;
  languages?: Record<string, unknown>;
}

const prefix = PYTHON_LANGUAGE_ID.split('/')[0]!;

/** Adds the language, the rules and `python/recommended` to `plugin` (idempotent); returns the same object. */
export function extendPlugin<P extends object>(plugin: P): P {
  const p = plugin as unknown as ExtensiblePlugin;
  if (p.languages?.python === pythonEslintLanguage) return plugin;
  p.languages = { ...p.languages, python: pythonEslintLanguage };
  Object.assign(p.rules, pythonRules);
  p.configs['python/recommended'] = {
    name: `${prefix}/python/recommended`,
    files: ['**/*.py'],
    plugins: { [prefix]: plugin },
    language: PYTHON_LANGUAGE_ID,
    rules: Object.fromEntries(Object.entries(pythonRules).map(([id, rule]) => [`${prefix}/${id}`, rule.recommended])),
  };
  return plugin;
}
