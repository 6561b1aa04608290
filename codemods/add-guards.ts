// add-guards: the umbrella users run. Applies, in order, guard-registration, add-hmr-dispose,
// add-shutdown-handler and dev-simple-processor, each only where its rule reports: the fixes
// that need no decision from a human.
import type { API, FileInfo, Transform, TransformOptions } from '../src/codemod/types';
import { tsxParser } from '../src/codemod/parser';
import guardRegistration from './guard-registration';
import addHmrDispose from './add-hmr-dispose';
import addShutdownHandler from './add-shutdown-handler';
import devSimpleProcessor from './dev-simple-processor';

export const parser = tsxParser;

/** The transforms add-guards runs, in order. */
export const steps: readonly Transform[] = [guardRegistration, addHmrDispose, addShutdownHandler, devSimpleProcessor];

export default function transformer(file: FileInfo, api: API, options: TransformOptions = {}): string | undefined {
  let source = file.source;
  let touched = false;
  for (const step of steps) {
    const out = step({ path: file.path, source }, api, options);
    if (out === undefined || out === null) continue;
    touched = true;
    source = out;
  }
  return touched ? source : undefined;
}
