// Text edits: the one representation of a fix, in every language. ESLint suggestions
// apply them through its fixer, the codemod engine applies them to the file text, so
// both write identical code and everything outside the edited ranges stays as it was.

/** Replace `range` (UTF-16 offsets into the file text, end exclusive) by `text`. */
export interface TextEdit {
  readonly range: readonly [number, number];
  readonly text: string;
}

/** Applies non-overlapping edits; throws on overlap (callers plan one fix per range). */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0]);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.range[0] < pos) throw new Error('overlapping edits');
    out += source.slice(pos, e.range[0]) + e.text;
    pos = e.range[1];
  }
  return out + source.slice(pos);
}

/** True when two edit lists touch overlapping ranges. */
export function editsOverlap(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => x.range[0] < y.range[1] && y.range[0] < x.range[1]));
}
