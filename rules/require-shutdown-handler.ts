import type { ShutdownHandlerMessageId } from '../src/checks/shutdown-handler';
import { checkShutdownHandler } from '../src/checks/shutdown-handler';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [{ nodemon?: boolean; requireSigint?: boolean }];
export type MessageId = ShutdownHandlerMessageId;

export default createRule<Options, MessageId>({
  name: 'require-shutdown-handler',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a Node process that starts OpenTelemetry to flush it on SIGTERM/SIGINT and exit after the flush',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      missingShutdown:
        '`{{label}}` starts telemetry but nothing calls {{shutdownCall}} when the process ends: batched spans are lost on SIGTERM, Ctrl-C{{nodemon}} and when a script just ends. Add handlers that await the shutdown (`npx otel-codemod add-shutdown-handler`).',
      exitBeforeFlush:
        '`process.exit()` runs before the shutdown started above settles, so the {{event}} handler drops the spans still queued. Exit after the shutdown promise settles (`npx otel-codemod add-shutdown-handler`).',
      handlerNeverExits:
        'This {{event}} handler flushes telemetry but never exits: a listener replaces Node\'s default exit on the signal, so the process keeps running until it is killed. Call `process.exit(128 + signal number)` after the shutdown settles (`npx otel-codemod add-shutdown-handler`).',
      missingSigint:
        'SIGTERM flushes telemetry but SIGINT (Ctrl-C, most dev tools) does not: spans are lost when a developer stops the process. Handle SIGINT the same way (`npx otel-codemod add-shutdown-handler`).',
      missingNodemonRestart:
        'This project restarts with nodemon, which sends {{signal}}; nothing flushes telemetry on it, so spans of every run before a restart are lost. Flush on {{signal}} and re-raise it (`npx otel-codemod add-shutdown-handler`).',
      addShutdownHandler: 'Add SIGTERM/SIGINT/beforeExit handlers that await {{shutdownCall}} with a timeout, then exit.',
      addSigintHandler: 'Add a SIGINT handler that awaits {{shutdownCall}} with a timeout, then exits with 130.',
      addNodemonHandler: 'Add a {{signal}} handler that awaits {{shutdownCall}} with a timeout, then re-raises {{signal}}.',
      awaitShutdownBeforeExit: 'Exit when the shutdown settles (bounded by a timeout).',
      exitAfterShutdown: 'Exit when the shutdown settles (bounded by a timeout).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          nodemon: {
            type: 'boolean',
            description: "In projects that use nodemon, require a handler for its restart signal (SIGUSR2 unless configured).",
          },
          requireSigint: {
            type: 'boolean',
            description: 'Require SIGINT to be handled wherever SIGTERM is.',
          },
        },
      },
    ],
  },
  defaultOptions: [{ nodemon: true, requireSigint: true }],
  create(context, [options]) {
    return reportOnProgram(context, (model) =>
      checkShutdownHandler(model, { nodemon: options.nodemon ?? true, requireSigint: options.requireSigint ?? true }),
    );
  },
});
