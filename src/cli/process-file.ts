import path from 'node:path';
import type * as Diff from 'diff';
import type { API, JSCodeshift } from 'jscodeshift';
import { CodemodError, type TransformOptions } from '../codemod/types';
import type { OtelSafeSettings } from '../core/settings';
import { describeFsError, type FileTarget } from './files';
import type { FixOutcome } from '../core/engine';
import type { ReportedFinding } from '../core/finding';
import { findFileProblems, findingProblems, type FileProblem } from './problems/changes';
import { entryFor, type TransformCommand } from './registry';
import { isStackOverflow } from '../core/language';
import { NotRegularFileError } from '../project/files';
import { ChangedDuringRunError, encodeText, readSource, writeFileAtomic, type ReadSource } from './write';

export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'error';

/** One line of the report; also the shape of `files[]` in `--json`. */
export interface FileResult {
  /** Relative to the working directory when inside it, else absolute. */
  readonly path: string;
  /** `changed` means "would change" in a dry run. */
  readonly status: FileStatus;
  /** Why the file could not be processed (status `error`). */
  readonly error?: string;
  /** Why the CLI left the file alone without asking the transform (status `skipped`). */
  readonly reason?: string;
  /** Unified diff of the change, with `--diff`. */
  readonly diff?: string;
  /**
   * The problems reporters print (1-based lines and columns): in a dry run (`--dry`, `--check`)
   * what would be fixed and what is left; in a run that writes, what is left.
   */
  readonly problems?: readonly FileProblem[];
  /** The findings the transform's fixes fixed (would fix, in a dry run), at their place in the original text. */
  readonly fixed?: readonly FileProblem[];
  /** The findings left for a human (none of the transform's fixes applies). */
  readonly left?: readonly FileProblem[];
}

/** A file to process, with the settings['otel-safe'] that apply to it (plain data, for worker threads). */
export interface FileJob extends FileTarget {
  readonly settings?: OtelSafeSettings;
}

/** Plain data, so it can be sent to worker threads. */
export interface ProcessOptions {
  /** Compute only (`--dry`, `--check`). */
  readonly dry: boolean;
  readonly diff: boolean;
  /** `--strict`: what is left for a human is an error, not a warning. */
  readonly strict?: boolean;
  readonly transformOptions: TransformOptions;
}

/**
 * Reads, transforms and (unless dry) writes one file. Never throws: whatever goes
 * wrong becomes an `error` result, and the file is then left byte-for-byte as it was.
 */
/** Why a transform leaves a file alone without looking further (`-v` says so). */
export const NO_OTEL = 'no OpenTelemetry import in it';

export function processFile(target: FileJob, command: TransformCommand, options: ProcessOptions): FileResult {
  return processOrDefer(target, command, options, false)!;
}

/**
 * Like `processFile`, except for a file whose transform overflowed this thread's stack (a
 * parser recursing through a deeply nested file): undefined, so the caller runs it again in a
 * worker thread. Worker threads all have the same stack (src/cli/workers.ts), so such a file
 * gets the same result whatever `--jobs` and whichever thread first met it.
 */
export function processFileOrDefer(target: FileJob, command: TransformCommand, options: ProcessOptions): FileResult | undefined {
  return processOrDefer(target, command, options, true);
}

function processOrDefer(target: FileJob, command: TransformCommand, options: ProcessOptions, deferStackOverflow: boolean): FileResult | undefined {
  const at = target.displayPath;
  const entry = entryFor(command, target.path);
  if (!entry) return { path: at, status: 'skipped', reason: `no ${command.name} transform for this file type` };
  let decoded: ReadSource | undefined;
  try {
    decoded = readSource(target.realPath);
  } catch (error) {
    if (error instanceof NotRegularFileError) return { path: at, status: 'skipped', reason: error.message };
    return { path: at, status: 'error', error: `cannot read: ${describeFsError(error)}` };
  }
  if (!decoded) return { path: at, status: 'error', error: 'not valid UTF-8 text' };

  let output: unknown;
  let outcome: FixOutcome<ReportedFinding> | undefined;
  try {
    // The transform sees the text as-is (CRLF stays CRLF) minus the BOM.
    const transformOptions = target.settings ? { ...options.transformOptions, settings: target.settings } : { ...options.transformOptions };
    const file = { path: target.path, source: decoded.text };
    if (entry.fix) {
      outcome = entry.fix(file, transformOptions);
      output = outcome?.text;
    } else output = entry.run(file, transformApi(), transformOptions);
  } catch (error) {
    if (deferStackOverflow && isStackOverflow(error)) return undefined;
    return { path: at, status: 'error', error: describeTransformError(error) };
  }
  if (output === undefined || output === null) return { path: at, status: 'skipped', reason: NO_OTEL };
  if (typeof output !== 'string') return { path: at, status: 'error', error: `transform ${entry.name} returned ${typeof output}, not a string` };
  const account = outcome ? findingProblems(outcome, decoded.text, { dry: options.dry, strict: options.strict ?? false }) : undefined;
  const left = account && account.left.length > 0 ? { left: account.left } : {};
  if (output === decoded.text) return { path: at, status: 'unchanged', ...left, ...(account && account.left.length > 0 ? { problems: account.left } : {}) };

  if (!options.dry) {
    try {
      const read = { snapshot: decoded.snapshot, bytes: encodeText(decoded.text, decoded.hasBom) };
      writeFileAtomic(target.realPath, encodeText(output, decoded.hasBom), read);
    } catch (error) {
      if (error instanceof ChangedDuringRunError) return { path: at, status: 'error', error: error.message };
      return { path: at, status: 'error', error: `cannot write: ${describeFsError(error)}` };
    }
  }
  const problems = account
    ? options.dry
      ? [...account.fixed, ...account.left]
      : account.left
    : options.dry
      ? findFileProblems({ transform: command.name, displayPath: at, before: decoded.text, after: output })
      : [];
  return {
    path: at,
    status: 'changed',
    ...(options.diff ? { diff: unifiedDiff(at, decoded.text, output) } : {}),
    ...(account ? { fixed: account.fixed } : {}),
    ...left,
    ...(problems.length > 0 || options.dry ? { problems } : {}),
  };
}

function unifiedDiff(displayPath: string, before: string, after: string): string {
  // required here: only `--diff` needs it (a dozen modules at start otherwise)
  const { createTwoFilesPatch, FILE_HEADERS_ONLY } = require('diff') as typeof Diff;
  const name = displayPath.split(path.sep).join('/');
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY });
}

function describeTransformError(error: unknown): string {
  if (error instanceof CodemodError) return error.reason;
  if (isStackOverflow(error)) return 'nested too deeply to process (Maximum call stack size exceeded)';
  if (error instanceof SyntaxError) return error.message;
  // A bug in a transform: the error's name helps whoever reports it.
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

let api: API | undefined;

/**
 * The `api` argument jscodeshift gives transforms. otel-safe's transforms never use it (they
 * edit text through src/codemod/apply-findings.ts), so jscodeshift is not a dependency of
 * the package: `api.jscodeshift` loads it only if a transform ever asks and it is installed,
 * and otherwise says so instead of failing somewhere inside the transform.
 */
function transformApi(): API {
  let j: JSCodeshift | undefined;
  const load = (): JSCodeshift => (j ??= requireJscodeshift());
  api ??= {
    get jscodeshift() {
      return load();
    },
    get j() {
      return load();
    },
    stats() {},
    report() {},
  };
  return api;
}

function requireJscodeshift(): JSCodeshift {
  try {
    return require('jscodeshift') as JSCodeshift;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(
      'this transform uses the jscodeshift API (api.jscodeshift), but jscodeshift is not installed: ' +
        'otel-codemod does not depend on it. Install it next to eslint-plugin-otel-safe (npm i -D jscodeshift) or run the transform with jscodeshift itself.',
    );
  }
}
