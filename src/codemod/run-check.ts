// A JavaScript transform is a check run through the core engine (src/core/engine.ts): parse,
// apply the first suggestion of each finding, re-parse, repeat. This adapts it to jscodeshift's
// transform signature.
import type { JsCheck } from '../checks/define';
import { engineStats, fixFile } from '../core/engine';
import { mayHaveModelBytes } from '../analysis';
import { javascript } from './javascript';
import type { FileInfo, TransformOptions } from './types';

/** Work counters, read by the fast-path regression test (test/perf): a file with no OpenTelemetry module name must cost no parse. */
export const codemodStats = engineStats;

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

/**
 * Applies the fixes of `check` to a file. Returns undefined when the file has no OpenTelemetry
 * import (skipped), else the new source (the same string when unchanged). Throws `ParseError`
 * for a file that does not parse, or a rewrite that would not.
 */
export function runJsCheck<M extends string, O>(file: FileInfo, options: TransformOptions, check: JsCheck<M, O>, checkOptions: O): string | undefined {
  const context = { settings: options.settings ?? {}, cwd: typeof options.cwd === 'string' ? options.cwd : undefined };
  return fixFile(javascript, { path: file.path, text: file.source }, context, (input) => check.run(input, checkOptions))?.text;
}
