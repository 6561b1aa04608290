// dedupe-span-processors: fixes what `no-duplicate-span-processor` reports.
//   - a second processor in front of the same exporter (binding or equal construction), or the
//     same processor listed twice: the later one removed;
//   - `traceExporter` / `spanProcessor` next to `spanProcessors` in NodeSDK: removed (NodeSDK ignores it).
import type { API, FileInfo, TransformOptions } from '../src/codemod/types';
import type { FixOutcome } from '../src/core/engine';
import type { ReportedFinding } from '../src/core/finding';
import { fixJs, jsStep } from '../src/codemod/run-check';
import { tsxParser } from '../src/codemod/parser';
import { noDuplicateSpanProcessor } from '../src/checks/no-duplicate-span-processor';

/** jscodeshift reads this; the transform itself picks `ts` or `tsx` flavour by file extension. */
export const parser = tsxParser;

/** The check this transform applies, with its options (add-guards runs the same step). */
export const step = jsStep(noDuplicateSpanProcessor, undefined);

/** The new text, what was fixed and what is left for a human; undefined when the file has no OpenTelemetry import. */
export function fix(file: FileInfo, options: TransformOptions = {}): FixOutcome<ReportedFinding> | undefined {
  return fixJs(file, options, [step]);
}

export default function transformer(file: FileInfo, _api: API, options: TransformOptions = {}): string | undefined {
  return fix(file, options)?.text;
}
