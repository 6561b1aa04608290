// The Python entries of the transform registry (codemods/index.ts): each Python transform in the
// registry's shape, with the text gate the CLI runs in its main thread and the parser load it
// awaits before the first `.py` file.
import type { FileInfo, TransformEntry, TransformOptions } from '../codemod/types';
import type { FixOutcome } from '../core/engine';
import type { Finding, ReportedFinding } from '../core/finding';
import { messageOf, type Messages } from '../core/messages';
import { pythonChecks } from './checks';
import { pythonLanguage } from './language';
import type { PythonTransform } from './transforms';
import { pythonAddGuards, pythonTransforms } from './transforms';

function entry(t: PythonTransform): TransformEntry {
  return {
    name: t.name,
    language: 'python',
    extensions: t.extensions,
    description: t.description,
    rule: t.rule,
    init: pythonLanguage.init,
    textGate: (file, options) => pythonLanguage.mayHaveFindings({ path: file.path, text: file.source }, options.settings ?? {}),
    run: (file, _api, options) => fix(t, file, options)?.text,
    fix: (file, options) => fix(t, file, options),
  };
}

/** The transform's outcome, each finding with its rule's message. */
function fix(t: PythonTransform, file: FileInfo, options: TransformOptions): FixOutcome<ReportedFinding> | undefined {
  const out = t.run({ path: file.path, text: file.source }, { settings: options.settings ?? {}, cwd: typeof options.cwd === 'string' ? options.cwd : undefined });
  if (!out) return undefined;
  const describe = (f: Finding): ReportedFinding => ({ ...f, message: messageOf(checkFor(f.ruleId)?.messages, f.messageId, f.data) });
  return { ...out, fixed: out.fixed.map(describe), left: out.left.map(describe) };
}

function checkFor(ruleId: string): { readonly messages: Messages<string> } | undefined {
  return pythonChecks.find((c) => c.ruleId === ruleId);
}

/** add-guards first, then the transforms, as `otel-codemod list` shows them. */
export const pythonRegistry: readonly TransformEntry[] = [pythonAddGuards, ...pythonTransforms].map(entry);
