// add-guards: the umbrella users run. Applies, in order, guard-registration, add-hmr-dispose,
// add-shutdown-handler and dev-simple-processor, each only where its rule reports: the fixes
// that need no decision from a human. Then it asks the four rules again about the final text:
// what none of them can fix is returned as `left` (the CLI lists it for a human).
import type { API, FileInfo, Transform, TransformOptions } from '../src/codemod/types';
import type { FixOutcome } from '../src/core/engine';
import type { ReportedFinding } from '../src/core/finding';
import { fixJs } from '../src/codemod/run-check';
import { tsxParser } from '../src/codemod/parser';
import guardRegistration, { step as guardStep } from './guard-registration';
import addHmrDispose, { step as hmrStep } from './add-hmr-dispose';
import addShutdownHandler, { step as shutdownStep } from './add-shutdown-handler';
import devSimpleProcessor, { step as devStep } from './dev-simple-processor';

export const parser = tsxParser;

/** The transforms add-guards runs, in order. */
export const steps: readonly Transform[] = [guardRegistration, addHmrDispose, addShutdownHandler, devSimpleProcessor];

/** Their checks, in the same order. */
const checks = [guardStep, hmrStep, shutdownStep, devStep];

/** The new text, what the four steps fixed and what they left for a human; undefined when the file has no OpenTelemetry import. */
export function fix(file: FileInfo, options: TransformOptions = {}): FixOutcome<ReportedFinding> | undefined {
  return fixJs(file, options, checks, { startFiles: true });
}

export default function transformer(file: FileInfo, _api: API, options: TransformOptions = {}): string | undefined {
  return fix(file, options)?.text;
}
