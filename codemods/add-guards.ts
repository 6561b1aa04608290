// add-guards: the umbrella users run. Applies, in order, every transform paired with a
// rule of the `recommended` config that it can fix, each only where its rule reports.
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
