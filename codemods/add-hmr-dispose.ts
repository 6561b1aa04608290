// add-hmr-dispose: makes OpenTelemetry setup in hot-reloaded modules survive re-evaluation,
// where `require-hmr-dispose` reports ("reuse, not re-create", SPEC §5):
//   - unguarded module-level setup: moved into `startTelemetry()`, reused from `hot.data`
//     (`import.meta.hot`, `import.meta.webpackHot`, `import.meta.turbopackHot` or `module.hot`, as the
//     file or project uses), handed over in `dispose`, torn down for real on Vite's `prune`;
//   - a dispose that only shuts down or resets a flag: replaced by the hand-over;
//   - setup kept once by a module flag: the flag's value is handed over through `hot.data`;
//   - an existing Vite `dispose` is extended, never duplicated.
import type { API, FileInfo, TransformOptions } from '../src/codemod/types';
import type { FixOutcome } from '../src/core/engine';
import type { ReportedFinding } from '../src/core/finding';
import { fixJs, jsStep } from '../src/codemod/run-check';
import { tsxParser } from '../src/codemod/parser';
import { requireHmrDispose } from '../src/checks/require-hmr-dispose';

/** jscodeshift reads this; the transform itself picks `ts` or `tsx` flavour by file extension. */
export const parser = tsxParser;

/** The check this transform applies, with its options (add-guards runs the same step). */
export const step = jsStep(requireHmrDispose, undefined);

/** The new text, what was fixed and what is left for a human; undefined when the file has no OpenTelemetry import. */
export function fix(file: FileInfo, options: TransformOptions = {}): FixOutcome<ReportedFinding> | undefined {
  // a hot module that starts an imported SDK too (HM1): reported, never fixed, listed for a human
  return fixJs(file, options, [step], { hotStartFiles: true });
}

export default function transformer(file: FileInfo, _api: API, options: TransformOptions = {}): string | undefined {
  return fix(file, options)?.text;
}
