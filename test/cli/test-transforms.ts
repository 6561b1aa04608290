// Small transforms with predictable behaviour, so the CLI tests do not depend on the
// real codemods. No vitest imports here: test/cli/workers.test.ts bundles this file
// into a worker script.
import { CodemodError, type FileInfo, type TransformEntry } from '../../src/codemod/types';
import type { Registry } from '../../src/cli/run';

/** In a file's text, makes the transform throw CodemodError, as a parse error would. */
export const UNPARSEABLE = '@@unparseable@@';
/** Makes the transform throw a plain TypeError, as a bug in a transform would. */
export const CRASH = '@@crash@@';
/** Makes the transform return undefined: "not for me" (skipped). */
export const SKIP = '@@skip@@';

/** Every file the test transforms were called with, in call order (this thread only). */
export const received: FileInfo[] = [];

/** Replaces every `OLD` with `NEW`: a file without `OLD` comes back unchanged. */
function replaceOld(file: FileInfo): string | undefined {
  received.push({ path: file.path, source: file.source });
  if (file.source.includes(UNPARSEABLE)) throw new CodemodError(file.path, 'Unexpected token (1:4)');
  if (file.source.includes(CRASH)) throw new TypeError('cannot read properties of undefined');
  if (file.source.includes(SKIP)) return undefined;
  return file.source.replace(/OLD/g, 'NEW');
}

const JS = { language: 'javascript', extensions: ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'] } as const;

export const testRegistry: Registry = [
  { ...JS, name: 'add-guards', description: 'test umbrella: replaces OLD with NEW', run: replaceOld },
  { ...JS, name: 'replace-old', description: 'replaces OLD with NEW', rule: 'no-old', run: replaceOld },
  {
    ...JS,
    name: 'returns-number',
    description: 'a broken transform that returns a number',
    // Deliberately violates the Transform type, as a hand-written JS transform could.
    run: (() => 42) as unknown as TransformEntry['run'],
  },
];
