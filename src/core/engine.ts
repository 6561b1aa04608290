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

export interface FixOutcome {
  /** The new text (the same string when nothing changed). */
  readonly text: string;
  /** Findings of the final text that no suggestion fixes: decisions for a human. */
  readonly left: readonly Finding[];
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
  for (let pass = 0; pass <= MAX_PASSES; pass++) {
    const current = { path: file.path, text };
    const findings = check({ tree: parseCached(language, current), file: current, settings, cwd });
    const chosen = pass < MAX_PASSES ? chooseEdits(findings) : [];
    if (chosen.length === 0) {
      left = findings.filter((f) => (f.suggestions[0]?.edits.length ?? 0) === 0);
      break;
    }
    text = applyEdits(text, chosen.flat());
    try {
      parseCached(language, { path: file.path, text });
    } catch (error) {
      const reason = error instanceof ParseError ? error.reason : (error as Error).message;
      throw new ParseError(file.path, `the rewrite would not parse (${reason}); file left unchanged`, error);
    }
  }
  return { text, left };
}

/** The first suggestion of each finding, skipping those that overlap one already chosen (the next pass sees them again). */
function chooseEdits(findings: readonly Finding[]): TextEdit[][] {
  const chosen: TextEdit[][] = [];
  for (const f of findings) {
    const edits = f.suggestions[0]?.edits;
    if (edits && edits.length > 0 && !chosen.some((c) => editsOverlap(c, edits))) chosen.push([...edits]);
  }
  return chosen;
}
