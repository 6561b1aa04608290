// dedupe-instrumentations: fixes what `no-duplicate-instrumentation` reports.
//   - a single instrumentation that an auto bundle already enables: removed, its config moved
//     under its package name into the bundle's config map;
//   - the same instrumentation twice with the same config, the same instance registered twice,
//     or the bundle called twice with the same config: the later one removed;
//   - a registerInstrumentations() left with nothing to register is removed, with imports it leaves unused.
import type { API, FileInfo, TransformOptions } from '../src/codemod/types';
import type { FixOutcome } from '../src/core/engine';
import type { ReportedFinding } from '../src/core/finding';
import { fixJs, jsStep } from '../src/codemod/run-check';
import { tsxParser } from '../src/codemod/parser';
import { noDuplicateInstrumentation } from '../src/checks/no-duplicate-instrumentation';

/** jscodeshift reads this; the transform itself picks `ts` or `tsx` flavour by file extension. */
export const parser = tsxParser;

/** The check this transform applies, with its options (add-guards runs the same step). */
export const step = jsStep(noDuplicateInstrumentation, undefined);

/** The new text, what was fixed and what is left for a human; undefined when the file has no OpenTelemetry import. */
export function fix(file: FileInfo, options: TransformOptions = {}): FixOutcome<ReportedFinding> | undefined {
  return fixJs(file, options, [step]);
}

export default function transformer(file: FileInfo, _api: API, options: TransformOptions = {}): string | undefined {
  return fix(file, options)?.text;
}
