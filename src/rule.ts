// Rule plumbing shared by every rule: creation with merged default options, and running a
// check on the linted file and reporting its findings.
import type { TSESLint } from '@typescript-eslint/utils';
import type { Node } from './ast/node';
import type { JsCheck } from './checks/define';
import type { Finding } from './core/finding';
import { hasNoModel } from './analysis';
import { readSettings } from './core/settings';

export const DOCS_BASE = 'https://github.com/otel-safe/eslint-plugin-otel-safe/blob/main/docs/rules/';

export type RuleContext<M extends string, O extends readonly unknown[]> = Readonly<TSESLint.RuleContext<M, O>>;

export interface RuleSpec<O extends readonly unknown[], M extends string> {
  readonly name: string;
  readonly meta: Omit<TSESLint.RuleMetaData<M, unknown, O>, 'docs' | 'defaultOptions'> & {
    readonly docs: { readonly description: string; readonly recommended: boolean };
  };
  readonly defaultOptions: O;
  create(context: RuleContext<M, O>, options: O): TSESLint.RuleListener;
}

export type OtelSafeRule<O extends readonly unknown[] = readonly unknown[], M extends string = string> = TSESLint.RuleModule<M, O, { description: string; recommended: boolean; url: string }> & {
  readonly name: string;
};

/** Builds a rule: docs url from the name, `meta.defaultOptions`, and options merged over the defaults. */
export function createRule<O extends readonly unknown[], M extends string>(spec: RuleSpec<O, M>): OtelSafeRule<O, M> {
  // ESLint hands every file of a config the same options array: merge once per array
  const merged = new WeakMap<readonly unknown[], O>();
  const mergedOptions = (given: readonly unknown[]): O => {
    let options = merged.get(given);
    if (!options) {
      options = spec.defaultOptions.map((dflt, i) => {
        const value = given[i];
        return isPlainObject(dflt) && isPlainObject(value) ? { ...dflt, ...value } : (value ?? dflt);
      }) as unknown as O;
      merged.set(given, options);
    }
    return options;
  };
  return {
    name: spec.name,
    meta: {
      ...spec.meta,
      docs: { ...spec.meta.docs, url: `${DOCS_BASE}${spec.name}.md` },
      defaultOptions: spec.defaultOptions as unknown as O,
    },
    defaultOptions: spec.defaultOptions,
    create(context) {
      // Decided once per file for all rules, by one text scan: a file without OpenTelemetry gets
      // no listener, so ESLint neither merges options nor dispatches and times a visit for it.
      if (fileHasNoModel(context)) return {};
      return spec.create(context, mergedOptions(context.options));
    },
  } as OtelSafeRule<O, M>;
}

function fileHasNoModel(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): boolean {
  const { sourceCode } = context;
  return hasNoModel(sourceCode.ast as unknown as Node, sourceCode.text, context.filename, readSettings(context.settings as Record<string, unknown>));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The visitor of every otel-safe rule: at `Program`, the check's findings for the file,
 * reported. The check costs one text scan on a file without OpenTelemetry; the file model
 * it reads is built once per file and shared by every rule.
 */
export function reportOnProgram<M extends string, O>(context: RuleContext<M, readonly unknown[]>, check: JsCheck<M, O>, options: O): TSESLint.RuleListener {
  const sourceCode = context.sourceCode;
  const settings = readSettings(context.settings as Record<string, unknown>);
  return {
    Program(program) {
      const input = {
        tree: program as unknown as Node,
        file: { path: context.filename, text: sourceCode.text },
        settings,
        cwd: context.cwd,
      };
      reportFindings(context, check.run(input, options));
    },
  };
}

/** Reports findings (offsets turned into ESLint locations) with their suggestions. */
export function reportFindings<M extends string>(context: RuleContext<M, readonly unknown[]>, findings: readonly Finding<M>[]): void {
  const sourceCode = context.sourceCode;
  for (const f of findings) {
    context.report({
      loc: { start: sourceCode.getLocFromIndex(f.range[0]), end: sourceCode.getLocFromIndex(f.range[1]) },
      messageId: f.messageId,
      data: f.data,
      suggest: f.suggestions.map((s) => ({
        messageId: s.messageId,
        data: s.data,
        fix: (fixer) => s.edits.map((e) => fixer.replaceTextRange([e.range[0], e.range[1]], e.text)),
      })),
    });
  }
}
