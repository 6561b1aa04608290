// The Python entries of the transform registry (codemods/index.ts): each Python transform in the
// registry's shape, with the text gate the CLI runs in its main thread and the parser load it
// awaits before the first `.py` file.
import type { TransformEntry } from '../codemod/types';
import { pythonLanguage } from './language';
import type { PythonTransform } from './transforms';
import { pythonAddGuards, pythonTransforms } from './transforms';

function entry(t: PythonTransform): TransformEntry {
  return {
    name: t.name,
    language: 'python',
    extensions: t.extensions,
    description: t.description,
    rule: t.rule,
    init: pythonLanguage.init,
    textGate: (file, options) => pythonLanguage.mayHaveFindings({ path: file.path, text: file.source }, options.settings ?? {}),
    run: (file, _api, options) => t.run({ path: file.path, text: file.source }, { settings: options.settings ?? {}, cwd: typeof options.cwd === 'string' ? options.cwd : undefined })?.text,
  };
}

/** add-guards first, then the transforms, as `otel-codemod list` shows them. */
export const pythonRegistry: readonly TransformEntry[] = [pythonAddGuards, ...pythonTransforms].map(entry);
