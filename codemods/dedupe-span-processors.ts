// dedupe-span-processors: fixes what `no-duplicate-span-processor` reports.
//   - a second processor in front of the same exporter (binding or equal construction), or the
//     same processor listed twice: the later one removed;
//   - `traceExporter` / `spanProcessor` next to `spanProcessors` in NodeSDK: removed (NodeSDK ignores it).
import type { API, FileInfo, TransformOptions } from '../src/codemod/types';
import { applyCheck } from '../src/codemod/apply-findings';
import { tsxParser } from '../src/codemod/parser';
import { checkDuplicateSpanProcessor } from '../src/checks/duplicate-span-processor';

/** jscodeshift reads this; the transform itself picks `ts` or `tsx` flavour by file extension. */
export const parser = tsxParser;

export default function transformer(file: FileInfo, _api: API, options: TransformOptions = {}): string | undefined {
  return applyCheck(file, options.settings, checkDuplicateSpanProcessor);
}
