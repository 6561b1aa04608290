// dedupe-span-processors: fixes what `no-duplicate-span-processor` reports.
//   - a second processor in front of the same exporter (binding or equal construction), or the
//     same processor listed twice: the later one removed;
//   - `traceExporter` / `spanProcessor` next to `spanProcessors` in NodeSDK: removed (NodeSDK ignores it).
import type { API, FileInfo, TransformOptions } from '../src/codemod/types';
import { runJsCheck } from '../src/codemod/run-check';
import { tsxParser } from '../src/codemod/parser';
import { noDuplicateSpanProcessor } from '../src/checks/no-duplicate-span-processor';

/** jscodeshift reads this; the transform itself picks `ts` or `tsx` flavour by file extension. */
export const parser = tsxParser;

export default function transformer(file: FileInfo, _api: API, options: TransformOptions = {}): string | undefined {
  return runJsCheck(file, options, noDuplicateSpanProcessor, undefined);
}
