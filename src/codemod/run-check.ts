// A JavaScript transform is a check run through the core engine (src/core/engine.ts): parse,
// apply the first suggestion of each finding, re-parse, repeat. This adapts it to jscodeshift's
// transform signature, and gives the CLI what the fixes fixed and what they left.
import type { JsCheck } from '../checks/define';
import type { FixOutcome } from '../core/engine';
import { engineStats, fixSteps, type RunCheck } from '../core/engine';
import type { ReportedFinding } from '../core/finding';
import { messageOf, type Messages } from '../core/messages';
import type { Node } from '../ast/node';
import { mayHaveModelBytes, mayHaveSetupFindings } from '../analysis';
import { javascript, javascriptWithHotStartFiles, javascriptWithStartFiles } from './javascript';
import type { FileInfo, TransformOptions } from './types';

/** Work counters, read by the fast-path regression test (test/perf): a file with no OpenTelemetry module name must cost no parse. */
export const codemodStats = engineStats;

/** A check with the options a transform runs it with. */
export interface JsStep {
  readonly check: JsCheck<string, unknown>;
  readonly options: unknown;
}

/** A step of a transform: `check` run with `options`. */
export function jsStep<M extends string, O>(check: JsCheck<M, O>, options: O): JsStep {
  return { check: check as unknown as JsCheck<string, unknown>, options };
}

/**
 * The text check every JavaScript transform starts with: false when it returns undefined for the
 * file without parsing it. `TransformEntry.textGate` of those transforms.
 */
export function applyCheckGate(file: FileInfo, options: TransformOptions): boolean {
  return javascript.mayHaveFindings({ path: file.path, text: file.source }, options.settings ?? {});
}

/**
 * `applyCheckGate` on the file's raw bytes, before they are decoded: false only when the text
 * gate would be false on the decoded text (for valid UTF-8). `TransformEntry.byteGate`.
 */
export function applyCheckByteGate(file: string, bytes: Uint8Array, options: TransformOptions): boolean {
  return mayHaveModelBytes(bytes, file, options.settings ?? {});
}

/** `applyCheckGate` of the HMR transforms: also a hot module that starts an imported SDK (HM1). */
export function applyHotCheckGate(file: FileInfo, options: TransformOptions): boolean {
  return javascriptWithHotStartFiles.mayHaveFindings({ path: file.path, text: file.source }, options.settings ?? {});
}

/** The text gate of the transforms that look at every start file (`add-shutdown-handler`, `add-guards`). */
export function applyStartCheckGate(file: FileInfo, options: TransformOptions): boolean {
  return javascriptWithStartFiles.mayHaveFindings({ path: file.path, text: file.source }, options.settings ?? {});
}

/**
 * add-guards' `TransformEntry.findingsGate`: false when none of its four checks can report in a file
 * that passed `applyStartCheckGate` (`mayHaveSetupFindings`: no setup, hot API or imported one).
 */
export function applyGuardsFindingsGate(file: FileInfo, options: TransformOptions): boolean {
  return mayHaveSetupFindings(file.source, file.path, options.settings ?? {});
}

/** `applyCheckByteGate` of the HMR transforms: a file with `.start(` is decoded for the text gate. */
export function applyHotCheckByteGate(file: string, bytes: Uint8Array, options: TransformOptions): boolean {
  return mayHaveModelBytes(bytes, file, options.settings ?? {}) || Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('.start(');
}

/**
 * Applies the fixes of each step in turn. Returns undefined when the file has no OpenTelemetry
 * import (skipped), else the new text, what was fixed and what is left for a human (with the
 * rules' messages). Throws `ParseError` for a file that does not parse, or a rewrite that would not.
 */
export function fixJs(file: FileInfo, options: TransformOptions, steps: readonly JsStep[], { hotStartFiles = false, startFiles = false } = {}): FixOutcome<ReportedFinding> | undefined {
  const context = { settings: options.settings ?? {}, cwd: typeof options.cwd === 'string' ? options.cwd : undefined };
  const runs: RunCheck<Node>[] = steps.map((s) => (input) => s.check.run(input, s.options));
  const language = startFiles ? javascriptWithStartFiles : hotStartFiles ? javascriptWithHotStartFiles : javascript;
  const outcome = fixSteps(language, { path: file.path, text: file.source }, context, runs);
  if (!outcome) return undefined;
  const messages = new Map<string, Messages<string>>(steps.map((s) => [s.check.ruleId, s.check.messages]));
  const describe = (f: FixOutcome['fixed'][number]): ReportedFinding => ({ ...f, message: messageOf(messages.get(f.ruleId), f.messageId, f.data) });
  return { ...outcome, fixed: outcome.fixed.map(describe), left: outcome.left.map(describe) };
}

/**
 * Applies the fixes of `check` to a file. Returns undefined when the file has no OpenTelemetry
 * import (skipped), else the new source (the same string when unchanged). Throws `ParseError`
 * for a file that does not parse, or a rewrite that would not.
 */
export function runJsCheck<M extends string, O>(file: FileInfo, options: TransformOptions, check: JsCheck<M, O>, checkOptions: O): string | undefined {
  return fixJs(file, options, [jsStep(check, checkOptions)])?.text;
}
