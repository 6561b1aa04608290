// dev-simple-processor: replaces batching span processors in dev entrypoints and dev-only
// branches with a SimpleSpanProcessor of the same exporter (constructor shape per module,
// import updated); in a file production runs too, the choice becomes
// `process.env.NODE_ENV === 'production' ? <batch> : <simple>`.
import type { API, FileInfo, TransformOptions } from '../src/codemod/types';
import type { FixOutcome } from '../src/core/engine';
import type { ReportedFinding } from '../src/core/finding';
import { fixJs, jsStep } from '../src/codemod/run-check';
import { tsxParser } from '../src/codemod/parser';
import { noBatchProcessorInDev } from '../src/checks/no-batch-processor-in-dev';

export const parser = tsxParser;

/** The check this transform applies, with its options (add-guards runs the same step). */
export const step = jsStep(noBatchProcessorInDev, undefined);

/** The new text, what was fixed and what is left for a human; undefined when the file has no OpenTelemetry import. */
export function fix(file: FileInfo, options: TransformOptions = {}): FixOutcome<ReportedFinding> | undefined {
  return fixJs(file, options, [step]);
}

export default function transformer(file: FileInfo, _api: API, options: TransformOptions = {}): string | undefined {
  return fix(file, options)?.text;
}
