// A transform with a text gate, as the otel-safe transforms have (TransformEntry.textGate), for
// test/perf/cli-gate.test.ts. No vitest imports here: that test bundles this file into a worker script.
import type { FileInfo } from '../../src/codemod/types';
import type { Registry } from '../../src/cli/run';

/** Makes the gate say no: the transform would return undefined ("not for me") without parsing. */
export const SKIP = '@@skip@@';

/** Every file the transform was called with in this thread, in call order. */
export const received: FileInfo[] = [];

function replaceOld(file: FileInfo): string | undefined {
  received.push({ path: file.path, source: file.source });
  if (file.source.includes(SKIP)) return undefined;
  return file.source.replace(/OLD/g, 'NEW');
}

export const gatedRegistry: Registry = [
  { name: 'gated', language: 'javascript' as const, extensions: ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'], description: 'replaces OLD with NEW, behind a text gate', run: replaceOld, textGate: (file) => !file.source.includes(SKIP) },
];
