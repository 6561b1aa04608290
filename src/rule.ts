// Rule plumbing shared by every rule: creation with merged default options, the
// file model lookup (fast path included), and reporting of check findings.
import type { TSESLint } from '@typescript-eslint/utils';
import type { FileModel } from './analysis';
import { getFileModel, peekFileModel } from './analysis';
import type { Node } from './ast/node';
import type { Finding } from './checks/types';
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
      return spec.create(context, mergedOptions(context.options));
    },
  } as OtelSafeRule<O, M>;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The shared file model for the linted file, or undefined on the fast path (no OpenTelemetry import). */
export function getRuleModel(context: RuleContext<string, readonly unknown[]>): FileModel | undefined {
  const sourceCode = context.sourceCode;
  // every rule asks for the same file: after the first, this is one lookup
  const decided = peekFileModel(sourceCode.ast as unknown as Node);
  if (decided !== undefined) return decided ?? undefined;
  return getFileModel({
    program: sourceCode.ast as unknown as Node,
    source: sourceCode.text,
    filename: context.filename,
    settings: readSettings(context.settings as Record<string, unknown>),
  });
}

/**
 * The visitor of every otel-safe rule: at `Program`, the shared model (undefined on the
 * fast path, which then costs nothing more) and the check's findings, reported.
 */
export function reportOnProgram<M extends string>(context: RuleContext<M, readonly unknown[]>, check: (model: FileModel) => readonly Finding<M>[]): TSESLint.RuleListener {
  return {
    Program() {
      const model = getRuleModel(context);
      if (model) reportFindings(context, check(model));
    },
  };
}

/** Reports findings with their suggestions. */
export function reportFindings<M extends string>(context: RuleContext<M, readonly unknown[]>, findings: readonly Finding<M>[]): void {
  for (const f of findings) {
    context.report({
      node: f.node as never,
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
