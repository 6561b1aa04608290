// The engine every otel-safe transform shares: parse with the ESTree parser, run the
// paired rule's check, apply the first suggestion of each finding as text edits, and
// repeat until the check has nothing left it can fix.
import type { FileModel } from '../analysis';
import { getFileModel, mayHaveModel } from '../analysis';
import type { Node } from '../ast/node';
import type { Finding } from '../checks/types';
import type { TextEdit } from '../fix/text';
import { applyEdits, editsOverlap } from '../fix/text';
import type { OtelSafeSettings } from '../core/settings';
import { analysisParserFor } from './parser';
import type { FileInfo, TransformOptions } from './types';
import { CodemodError } from './types';

const MAX_PASSES = 8;

export type Check = (model: FileModel) => readonly Finding<string>[];

/** Work counters, read by the fast-path regression test (test/perf): a file with no OpenTelemetry module name must cost no parse. */
export const codemodStats = { textChecks: 0, parses: 0 };

/** Parses a file for the analyses; a syntax error becomes a CodemodError naming the file. */
export function parseFile(source: string, path: string): Node {
  codemodStats.parses++;
  try {
    return analysisParserFor(path).parse(source).program as Node;
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    throw new CodemodError(path, `cannot parse: ${err.message}`);
  }
}

// add-guards runs several checks over the same text, one step after another, with the same
// settings: the last parse is kept so each text is parsed once (and, the model being cached
// per AST, analysed once) however many steps look at it. Checks and fix planners never mutate the AST.
let lastParse: { readonly path: string; readonly source: string; readonly settings: unknown; readonly program: Node } | undefined;

function parseShared(source: string, path: string, settings: OtelSafeSettings | undefined): Node {
  if (lastParse && lastParse.source === source && lastParse.path === path && lastParse.settings === settings) return lastParse.program;
  lastParse = undefined; // never hold two ASTs at once (peak RSS)
  const program = parseFile(source, path);
  lastParse = { path, source, settings, program };
  return program;
}

/**
 * The text check `applyCheck` starts with (`mayHaveModel`): false when every transform built on
 * `applyCheck` returns undefined for the file without parsing it. `TransformEntry.textGate` of those transforms.
 */
export function applyCheckGate(file: FileInfo, options: TransformOptions): boolean {
  return mayHaveModel(file.source, file.path, options.settings ?? {});
}

/**
 * Applies the fixes of `check` to a file. Returns undefined when the file has no
 * OpenTelemetry import (skipped), else the new source (the same string when unchanged).
 */
export function applyCheck(file: FileInfo, settings: OtelSafeSettings | undefined, check: Check): string | undefined {
  const s = settings ?? {};
  if (lastParse && lastParse.path !== file.path) lastParse = undefined; // the previous file's AST is garbage now
  codemodStats.textChecks++;
  if (!mayHaveModel(file.source, file.path, s)) return undefined;
  let source = file.source;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const program = parseShared(source, file.path, settings);
    const model = getFileModel({ program, source, filename: file.path, settings: s });
    if (!model) return pass === 0 ? undefined : source;
    const chosen: TextEdit[][] = [];
    for (const f of check(model)) {
      const edits = f.suggestions[0]?.edits;
      if (edits && edits.length > 0 && !chosen.some((c) => editsOverlap(c, edits))) chosen.push([...edits]);
    }
    if (chosen.length === 0) break;
    source = applyEdits(source, chosen.flat());
  }
  if (source !== file.source) {
    codemodStats.parses++;
    try {
      // kept: the next add-guards step starts from this very text
      lastParse = { path: file.path, source, settings, program: analysisParserFor(file.path).parse(source).program as Node };
    } catch (e) {
      throw new CodemodError(file.path, `the rewrite would not parse (${(e as Error).message}); file left unchanged`);
    }
  }
  return source;
}
