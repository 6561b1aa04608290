import type { API, FileInfo } from 'jscodeshift';
import type { FixOutcome } from '../core/engine';
import type { ReportedFinding } from '../core/finding';
import type { LanguageId } from '../core/language';
import type { OtelSafeSettings } from '../core/settings';

export type { API, FileInfo };

/** Options a transform receives: jscodeshift's CLI options plus ours. */
export interface TransformOptions {
  /** The same object users put under `settings['otel-safe']` in their ESLint config. */
  settings?: OtelSafeSettings;
  /** The working directory project globs fall back to for a file with no package.json (the CLI's). */
  cwd?: string;
  [key: string]: unknown;
}

/**
 * A jscodeshift transform: returns the new source, the same source when nothing
 * changed, or undefined when the file is not for it (jscodeshift counts it as skipped).
 * Throws `CodemodError` when the file cannot be parsed.
 */
export type Transform = (file: FileInfo, api: API, options: TransformOptions) => string | null | undefined;

export interface TransformEntry {
  readonly name: string;
  readonly language: LanguageId;
  /** The file extensions it handles, without the dot. */
  readonly extensions: readonly string[];
  /** One line for `otel-codemod list`. */
  readonly description: string;
  /** The rule whose reports this transform fixes (absent for umbrellas). */
  readonly rule?: string;
  readonly run: Transform;
  /**
   * `run` with its account: the new text, the findings its fixes fixed (ranges in the original
   * text) and those left for a human (ranges in the new text). The CLI reports these; an entry
   * without it is reported by the lines it changed.
   */
  readonly fix?: (file: FileInfo, options: TransformOptions) => FixOutcome<ReportedFinding> | undefined;
  /**
   * A cheap text check: false when `run` would return undefined for this file without
   * parsing it. The CLI runs it in its main thread while reading files, so files that fail it
   * never reach a worker (and OpenTelemetry-free trees start none).
   */
  readonly textGate?: (file: FileInfo, options: TransformOptions) => boolean;
  /**
   * The text gate's first step on the file's raw bytes (`path`, bytes): false only when
   * `textGate` would be false on the decoded text of valid UTF-8. The CLI runs it first, so a
   * file that fails it is never decoded into a string.
   */
  readonly byteGate?: (path: string, bytes: Uint8Array, options: TransformOptions) => boolean;
  /**
   * A narrower check for a file that passed `textGate`: false when `fix` would return the text
   * unchanged with nothing fixed and nothing left (none of its checks can report there). The CLI
   * then reports the file `unchanged` without running the transform (no parse). Text only: a file
   * that does not parse is not found out.
   */
  readonly findingsGate?: (file: FileInfo, options: TransformOptions) => boolean;
  /** Loads what `run` needs before the first file (Python: the wasm parser); the CLI awaits it in every thread that runs the entry. */
  readonly init?: () => Promise<void>;
}

/** A file the transform cannot handle (parse error): the core's `ParseError`; the CLI reports it with the path and leaves the file untouched. */
export { ParseError as CodemodError } from '../core/language';
