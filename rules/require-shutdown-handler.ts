import { requireShutdownHandler, messages, type ShutdownHandlerMessageId } from '../src/checks/require-shutdown-handler';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [{ nodemon?: boolean; requireSigint?: boolean; inFlightExports?: boolean }];
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
    messages,
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
          inFlightExports: {
            type: 'boolean',
            description: 'Also report setups whose only loss is an export in flight (a SimpleSpanProcessor with a network exporter).',
          },
        },
      },
    ],
  },
  defaultOptions: [{ nodemon: true, requireSigint: true, inFlightExports: false }],
  startFiles: true,
  create(context, [options]) {
    return reportOnProgram(context, requireShutdownHandler, { nodemon: options.nodemon ?? true, requireSigint: options.requireSigint ?? true, inFlightExports: options.inFlightExports ?? false });
  },
});
