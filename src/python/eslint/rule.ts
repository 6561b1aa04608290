// Python rules are thin: meta, and a `module` listener that hands the file's tree to the
// check and reports its findings with their suggestions (the same edits the codemods apply).
import type { Check } from '../../core/language';
import { readSettings } from '../../core/settings';
import { DOCS_BASE, withinBoundary } from '../../rule';
import type { PyTree } from '../nodes';
import { PYTHON_LANGUAGE_ID } from './ids';
import type { PythonSourceCode } from './source-code';

export interface PythonRuleMeta {
  readonly type: 'problem' | 'suggestion';
  readonly description: string;
  readonly recommended: 'error' | 'warn';
}

/** The parts of ESLint's rule context a Python rule uses. */
interface Context {
  readonly sourceCode: unknown;
  readonly settings: Record<string, unknown>;
  readonly filename: string;
  readonly physicalFilename?: string;
  readonly cwd?: string;
  report(descriptor: unknown): void;
}

export interface PythonRule {
  readonly meta: {
    readonly type: string;
    readonly docs: { readonly description: string; readonly recommended: boolean; readonly url: string };
    readonly messages: Readonly<Record<string, string>>;
    readonly schema: readonly unknown[];
    readonly defaultOptions: readonly unknown[];
    readonly hasSuggestions: true;
    readonly languages: readonly string[];
  };
  /** Severity in `python/recommended`. */
  readonly recommended: 'error' | 'warn';
  create(context: Context): Record<string, (node: unknown) => void>;
}

export function createPythonRule(name: string, meta: PythonRuleMeta, check: Check<PyTree, string>): PythonRule {
  return {
    meta: {
      type: meta.type,
      docs: { description: meta.description, recommended: true, url: `${DOCS_BASE}python/${name}.md` },
      messages: check.messages,
      schema: [],
      defaultOptions: [],
      hasSuggestions: true,
      languages: [PYTHON_LANGUAGE_ID],
    },
    recommended: meta.recommended,
    create(context) {
      return {
        // the defensive boundary of src/rule.ts: an exception inside otel-safe is one report, not an aborted run
        module: (node: unknown) =>
          withinBoundary(context, node as object, () => {
            const sourceCode = context.sourceCode as PythonSourceCode;
            const settings = readSettings(context.settings);
            const tree = sourceCode.treeFor(settings);
            if (!tree) return;
            const file = { path: context.physicalFilename ?? context.filename, text: sourceCode.text };
            for (const f of check.run({ tree, file, settings, cwd: context.cwd }, undefined)) {
              context.report({
                loc: sourceCode.locOf(f.range),
                messageId: f.messageId,
                data: f.data,
                suggest: f.suggestions.map((s) => ({
                  messageId: s.messageId,
                  data: s.data,
                  fix: (fixer: { replaceTextRange(range: [number, number], text: string): unknown }) => s.edits.map((e) => fixer.replaceTextRange([e.range[0], e.range[1]], e.text)),
                })),
              });
            }
          }, { messageId: false }), // meta.messages are the check's own: the text goes as is
      };
    },
  };
}
