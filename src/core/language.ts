// What the core needs from a language: its files, a text gate and a parser. JavaScript
// (src/js) and Python (src/python) are the two; checks and the engine see only this.
import type { Finding } from './finding';
import type { Messages } from './messages';
import type { OtelSafeSettings } from './settings';

export type LanguageId = 'javascript' | 'python';

/** A file's path (absolute, or as given) and its text (BOM removed, line endings as written). */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export interface Language<Tree = unknown> {
  readonly id: LanguageId;
  /** File extensions without the dot (`ts`, `py`). */
  readonly extensions: readonly string[];
  /**
   * The fast path: false when no check of this language can report on the file. It costs one
   * scan of the text; a file that fails it is never parsed.
   */
  mayHaveFindings(file: SourceFile, settings: OtelSafeSettings): boolean;
  /** Loads what `parse` needs (a wasm parser); idempotent, and a no-op for languages that need nothing. */
  init(): Promise<void>;
  /** Parses a file (after `init`); throws `ParseError` with the reason when it cannot. */
  parse(file: SourceFile): Tree;
}

/** A file a language cannot parse: reported with the path and the reason, never an internal error. */
export class ParseError extends Error {
  constructor(
    readonly filePath: string,
    readonly reason: string,
    /** The parser's own error (a stack overflow is retried where the stack is the same for every run: src/cli/run.ts). */
    cause?: unknown,
  ) {
    super(`${filePath}: ${reason}`, cause === undefined ? undefined : { cause });
    this.name = 'ParseError';
  }
}

/** True for a JavaScript stack overflow ("Maximum call stack size exceeded"), directly or as the cause of a ParseError. */
export function isStackOverflow(error: unknown): boolean {
  for (let e = error, i = 0; e instanceof Error && i < 8; e = e.cause, i++) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) return true;
  }
  return false;
}

/** Why a parser failed, for the report: a stack overflow says what it means (a file nested deeper than the parser can follow). */
export function describeParseFailure(error: unknown): string {
  if (isStackOverflow(error)) return 'cannot parse: nested too deeply for the parser (Maximum call stack size exceeded)';
  return `cannot parse: ${error instanceof Error ? error.message : String(error)}`;
}

export interface CheckInput<Tree> {
  readonly tree: Tree;
  readonly file: SourceFile;
  readonly settings: OtelSafeSettings;
  /** The linter's working directory (ESLint's `cwd`, the CLI's): project globs fall back to it for a file with no package.json. */
  readonly cwd: string | undefined;
}

/** One rule's detection, for one language: the same function runs under ESLint, the codemods and doctor. */
export interface Check<Tree = unknown, M extends string = string, O = undefined> {
  readonly ruleId: string;
  readonly language: LanguageId;
  readonly messages: Messages<M>;
  run(input: CheckInput<Tree>, options: O): readonly Finding<M>[];
}
