// The engine every transform shares, in every language: parse, run the check, apply the
// first suggestion of each finding as text edits, re-parse, and repeat until the check has
// nothing left that it can fix. What it could not fix is returned for the human.
import type { TextEdit } from './edits';
import { applyEdits, editsOverlap } from './edits';
import type { Finding } from './finding';
import type { CheckInput, Language, SourceFile } from './language';
import { ParseError } from './language';
import type { OtelSafeSettings } from './settings';

const MAX_PASSES = 8;

export type RunCheck<Tree> = (input: CheckInput<Tree>) => readonly Finding[];

/** What a check needs besides the file: the file's settings, and the working directory project globs fall back to. */
export interface FixContext {
  readonly settings: OtelSafeSettings;
  readonly cwd: string | undefined;
}

export interface FixOutcome<F extends Finding = Finding> {
  /** The new text (the same string when nothing changed). */
  readonly text: string;
  /** Findings whose first suggestion was applied, with ranges in the original text. */
  readonly fixed: readonly F[];
  /** Findings of the final text that no suggestion fixes: decisions for a human (ranges in the final text). */
  readonly left: readonly F[];
  /** The edits applied, pass by pass: `toOriginalRange` maps final ranges back. */
  readonly passes: readonly FixPass[];
}

/** One pass of the engine: the text it started from and the edits it applied to it. */
export interface FixPass {
  readonly before: string;
  readonly edits: readonly TextEdit[];
}

/** Work counters, read by the fast-path regression tests (test/perf): a file that fails the gate costs no parse. */
export const engineStats = { textChecks: 0, parses: 0 };

// add-guards runs several checks over the same text one after another: the last parse is
// kept so each text is parsed once however many steps look at it. Checks never mutate trees.
let lastParse: { readonly language: Language<unknown>; readonly path: string; readonly text: string; readonly tree: unknown } | undefined;

/** Parses through the per-text cache; counts the parse. */
export function parseCached<Tree>(language: Language<Tree>, file: SourceFile): Tree {
  const last = lastParse;
  if (last && last.language === language && last.path === file.path && last.text === file.text) return last.tree as Tree;
  lastParse = undefined; // never hold two trees at once (peak RSS)
  engineStats.parses++;
  const tree = language.parse(file);
  lastParse = { language: language as Language<unknown>, path: file.path, text: file.text, tree };
  return tree;
}

/** Drops the kept tree (the CLI calls it between files so the previous file's tree can be collected). */
export function forgetParse(): void {
  lastParse = undefined;
}

/**
 * Applies the fixes of `check` to a file. Returns undefined when the file fails the
 * language's text gate (nothing parsed), else the new text and what is left unfixed.
 * A file that cannot be parsed, or a rewrite that would not parse, throws `ParseError`
 * and the caller leaves the file as it was.
 */
export function fixFile<Tree>(language: Language<Tree>, file: SourceFile, context: FixContext, check: RunCheck<Tree>): FixOutcome | undefined {
  const { settings, cwd } = context;
  engineStats.textChecks++;
  if (!language.mayHaveFindings(file, settings)) return undefined;
  let text = file.text;
  let left: readonly Finding[] = [];
  const fixed: Finding[] = [];
  const passes: FixPass[] = [];
  for (let pass = 0; pass <= MAX_PASSES; pass++) {
    const current = { path: file.path, text };
    const findings = check({ tree: parseCached(language, current), file: current, settings, cwd });
    const chosen = pass < MAX_PASSES ? chooseEdits(findings) : [];
    if (chosen.length === 0) {
      // out of passes, a fixable finding is left too: nothing disappears from the report
      left = pass < MAX_PASSES ? findings.filter((f) => (f.suggestions[0]?.edits.length ?? 0) === 0) : findings;
      break;
    }
    for (const { finding } of chosen) fixed.push({ ...finding, range: toOriginalRange(finding.range, passes, text) });
    const edits = chosen.flatMap((c) => c.edits);
    passes.push({ before: text, edits });
    text = applyEdits(text, edits);
    try {
      parseCached(language, { path: file.path, text });
    } catch (error) {
      const reason = error instanceof ParseError ? error.reason : (error as Error).message;
      throw new ParseError(file.path, `the rewrite would not parse (${reason}); file left unchanged`, error);
    }
  }
  return { text, fixed, left, passes };
}

/**
 * Runs several checks' fixes one after another on a file (add-guards' steps), then asks every
 * check again about the final text: what none of them can fix is left for a human. A step that
 * makes another's finding fixable is answered by one more round (at most `MAX_ROUNDS`).
 * Undefined when every step's text gate failed.
 */
export function fixSteps<Tree>(language: Language<Tree>, file: SourceFile, context: FixContext, steps: readonly RunCheck<Tree>[]): FixOutcome | undefined {
  if (steps.length === 1) return fixFile(language, file, context, steps[0]!);
  let outcome: FixOutcome | undefined;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const before = outcome?.text ?? file.text;
    for (const step of steps) {
      const out = fixFile(language, { path: file.path, text: outcome?.text ?? file.text }, context, step);
      if (out) outcome = outcome ? chainOutcomes(outcome, out) : out;
    }
    if (!outcome) return undefined;
    const current = { path: file.path, text: outcome.text };
    const tree = parseCached(language, current);
    const findings = steps.flatMap((step) => step({ tree, file: current, settings: context.settings, cwd: context.cwd }));
    const fixable = findings.some((f) => (f.suggestions[0]?.edits.length ?? 0) > 0);
    if (!fixable || outcome.text === before || round === MAX_ROUNDS - 1) return { ...outcome, left: findings };
  }
  return outcome;
}

const MAX_ROUNDS = 3;

/** `next` ran on `first.text`: one outcome from the original text to `next.text`. */
export function chainOutcomes(first: FixOutcome, next: FixOutcome): FixOutcome {
  return {
    text: next.text,
    fixed: [...first.fixed, ...next.fixed.map((f) => ({ ...f, range: toOriginalRange(f.range, first.passes, first.text) }))],
    left: next.left,
    passes: [...first.passes, ...next.passes],
  };
}

/**
 * A range of `text` (the text after `passes`) mapped back onto the text before them. A range
 * inside inserted text goes to the same code in what the edit replaced when it is there once
 * (a statement guard-registration moved into its factory), else to the start of what the edit
 * replaced, so a finding in generated code points at the code it came from.
 */
export function toOriginalRange(range: readonly [number, number], passes: readonly FixPass[], text: string): [number, number] {
  let current: [number, number] = [range[0], range[1]];
  let after = text;
  for (let p = passes.length - 1; p >= 0; p--) {
    current = beforePass(current, passes[p]!, after);
    after = passes[p]!.before;
  }
  return current;
}

/** A range of the text after one pass, in the text before it. */
function beforePass(range: readonly [number, number], pass: FixPass, after: string): [number, number] {
  let delta = 0;
  for (const e of [...pass.edits].sort((a, b) => a.range[0] - b.range[0])) {
    const newStart = e.range[0] + delta;
    const newEnd = newStart + e.text.length;
    if (range[0] < newStart) break;
    if (range[0] < newEnd || (range[0] === newEnd && range[1] === newEnd && e.text.length > 0)) {
      const code = after.slice(range[0], range[1]);
      const replaced = pass.before.slice(e.range[0], e.range[1]);
      const at = code.length > 0 ? replaced.indexOf(code) : -1;
      if (at >= 0 && replaced.indexOf(code, at + 1) < 0) return [e.range[0] + at, e.range[0] + at + code.length];
      return [e.range[0], e.range[0] + Math.min(e.range[1] - e.range[0], Math.max(0, range[1] - newStart))];
    }
    delta += e.text.length - (e.range[1] - e.range[0]);
  }
  return [range[0] - delta, Math.max(range[0] - delta, endBefore(range[1], pass))];
}

/** An end offset of the text after a pass, in the text before it. */
function endBefore(offset: number, pass: FixPass): number {
  let delta = 0;
  for (const e of [...pass.edits].sort((a, b) => a.range[0] - b.range[0])) {
    const newStart = e.range[0] + delta;
    const newEnd = newStart + e.text.length;
    if (offset <= newStart) break;
    if (offset <= newEnd) return e.range[1];
    delta += e.text.length - (e.range[1] - e.range[0]);
  }
  return offset - delta;
}

/** The first suggestion of each finding, skipping those that overlap one already chosen (the next pass sees them again). */
function chooseEdits(findings: readonly Finding[]): { finding: Finding; edits: TextEdit[] }[] {
  const chosen: { finding: Finding; edits: TextEdit[] }[] = [];
  for (const f of findings) {
    const edits = f.suggestions[0]?.edits;
    if (edits && edits.length > 0 && !chosen.some((c) => editsOverlap(c.edits, edits))) chosen.push({ finding: f, edits: [...edits] });
  }
  return chosen;
}
