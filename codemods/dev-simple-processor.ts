// dev-simple-processor: replaces batching span processors in dev entrypoints and dev-only
// branches with a SimpleSpanProcessor of the same exporter (constructor shape per module,
// import updated); in a file production runs too, the choice becomes
// `process.env.NODE_ENV === 'production' ? <batch> : <simple>`.
import type { API, FileInfo, TransformOptions } from '../src/codemod/types';
import { runJsCheck } from '../src/codemod/run-check';
import { tsxParser } from '../src/codemod/parser';
import { noBatchProcessorInDev } from '../src/checks/no-batch-processor-in-dev';

export const parser = tsxParser;

export default function transformer(file: FileInfo, _api: API, options: TransformOptions = {}): string | undefined {
  return runJsCheck(file, options, noBatchProcessorInDev, undefined);
}
