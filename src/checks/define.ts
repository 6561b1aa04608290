// JavaScript checks as core `Check`s: the tree is the ESTree Program (ESLint's, or Babel's in
// estree mode for the codemods), and the file model every check reads comes from it (built
// once per Program and shared by all checks; none for a file without OpenTelemetry).
import type { FileModel } from '../analysis';
import { getFileModel, getStartFileModel } from '../analysis';
import type { Node } from '../ast/node';
import type { Check } from '../core/language';
import type { Messages } from '../core/messages';
import type { Report } from './types';

export type JsCheck<M extends string, O = undefined> = Check<Node, M, O>;

export interface JsCheckSpec<M extends string, O> {
  readonly ruleId: string;
  /**
   * The transform that applies this check's suggestions. Messages end their advice with
   * `{{fix}}`: ` (\`npx otel-codemod <transform>\`)` when the finding has a suggestion, else
   * nothing, so a message names a codemod only where that codemod changes something.
   */
  readonly transform?: string;
  readonly messages: Messages<M>;
  readonly check: (model: FileModel, options: O) => readonly Report<M>[];
  /** Also check a file that imports no OpenTelemetry module but starts an SDK a project module exports (`getStartFileModel`). */
  readonly startFiles?: boolean;
}

export function defineJsCheck<M extends string, O = undefined>(spec: JsCheckSpec<M, O>): JsCheck<M, O> {
  return {
    ruleId: spec.ruleId,
    language: 'javascript',
    messages: spec.messages,
    run(input, options) {
      const analysisInput = { program: input.tree, source: input.file.text, filename: input.file.path, cwd: input.cwd, settings: input.settings };
      const model = getFileModel(analysisInput) ?? (spec.startFiles ? getStartFileModel(analysisInput) : undefined);
      if (!model) return [];
      return spec.check(model, options).map((report) => ({ ruleId: spec.ruleId, ...report, data: { fix: fixHint(spec.transform, report), ...report.data } }));
    },
  };
}

/** The codemod pointer of a finding: only when one of its suggestions has edits the transform applies. */
export function fixHint(transform: string | undefined, report: Pick<Report<string>, 'suggestions'>): string {
  return transform && report.suggestions.some((s) => s.edits.length > 0) ? ` (\`npx otel-codemod ${transform}\`)` : '';
}
