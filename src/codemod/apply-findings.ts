// The engine every otel-safe transform shares: parse with the ESTree parser, run the
// paired rule's check, apply the first suggestion of each finding as text edits, and
// repeat until the check has nothing left it can fix.
import type { FileModel } from '../analysis';
import { getFileModel } from '../analysis';
import type { Node } from '../ast/node';
import type { Finding } from '../checks/types';
import type { TextEdit } from '../fix/text';
import { applyEdits, editsOverlap } from '../fix/text';
import { getTable } from '../otel/table';
import type { OtelSafeSettings } from '../settings';
import { parserFor } from './parser';
import type { FileInfo } from './types';
import { CodemodError } from './types';

const MAX_PASSES = 8;

export type Check = (model: FileModel) => readonly Finding<string>[];

/** Parses a file for the analyses; a syntax error becomes a CodemodError naming the file. */
export function parseFile(source: string, path: string): Node {
  try {
    return parserFor(path).parse(source).program as Node;
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    throw new CodemodError(path, `cannot parse: ${err.message}`);
  }
}

/**
 * Applies the fixes of `check` to a file. Returns undefined when the file has no
 * OpenTelemetry import (skipped), else the new source (the same string when unchanged).
 */
export function applyCheck(file: FileInfo, settings: OtelSafeSettings | undefined, check: Check): string | undefined {
  const s = settings ?? {};
  if (!getTable(s.registrars).mayImportOtel(file.source)) return undefined;
  let source = file.source;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const program = parseFile(source, file.path);
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
    try {
      parserFor(file.path).parse(source);
    } catch (e) {
      throw new CodemodError(file.path, `the rewrite would not parse (${(e as Error).message}); file left unchanged`);
    }
  }
  return source;
}
