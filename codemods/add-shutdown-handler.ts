// add-shutdown-handler: gives a Node process that starts OpenTelemetry the shutdown path
// `require-shutdown-handler` asks for (SPEC §5): SIGTERM/SIGINT (and nodemon's restart
// signal, and `beforeExit` for scripts) await `shutdown()` with a timeout, then exit with
// 128 + signal number; handlers that exit before the flush or never exit are repaired.
import type { API, FileInfo, TransformOptions } from '../src/codemod/types';
import type { FixOutcome } from '../src/core/engine';
import type { ReportedFinding } from '../src/core/finding';
import { fixJs, jsStep } from '../src/codemod/run-check';
import { tsxParser } from '../src/codemod/parser';
import { requireShutdownHandler } from '../src/checks/require-shutdown-handler';

export const parser = tsxParser;

/** The check this transform applies, with its options (add-guards runs the same step). */
export const step = jsStep(requireShutdownHandler, { nodemon: true, requireSigint: true });

/** The new text, what was fixed and what is left for a human; undefined when the file has no OpenTelemetry import. */
export function fix(file: FileInfo, options: TransformOptions = {}): FixOutcome<ReportedFinding> | undefined {
  // also a file that starts an SDK a project module's factory builds (what the rule reports there)
  return fixJs(file, options, [step], { startFiles: true });
}

export default function transformer(file: FileInfo, _api: API, options: TransformOptions = {}): string | undefined {
  return fix(file, options)?.text;
}
