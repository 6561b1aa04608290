#!/usr/bin/env node
// The `otel-codemod` binary. tsup bundles this file (with the transforms) into one
// dist/cli.js, which is also the script of its own worker threads (see src/cli/workers.ts).
import { loadRegistry } from './cli/registry';
import { runCli } from './cli/run';
import { isCodemodWorker, serveWorker } from './cli/workers';

if (isCodemodWorker()) {
  void loadRegistry().then(serveWorker);
} else {
  // `otel-codemod list | head -1`: a closed pipe is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    isTTY: process.stderr.isTTY === true,
    // Worker threads can only load JavaScript: from the TypeScript sources, stay in-process.
    workerScript: __filename.endsWith('.ts') ? undefined : __filename,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`otel-codemod: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 3;
    },
  );
}
