// add-shutdown-handler: gives a Node process that starts OpenTelemetry the shutdown path
// `require-shutdown-handler` asks for (SPEC §5): SIGTERM/SIGINT (and nodemon's restart
// signal, and `beforeExit` for scripts) await `shutdown()` with a timeout, then exit with
// 128 + signal number; handlers that exit before the flush or never exit are repaired.
import type { API, FileInfo, TransformOptions } from '../src/codemod/types';
import { runJsCheck } from '../src/codemod/run-check';
import { tsxParser } from '../src/codemod/parser';
import { requireShutdownHandler } from '../src/checks/require-shutdown-handler';

export const parser = tsxParser;

export default function transformer(file: FileInfo, _api: API, options: TransformOptions = {}): string | undefined {
  return runJsCheck(file, options, requireShutdownHandler, { nodemon: true, requireSigint: true });
}
