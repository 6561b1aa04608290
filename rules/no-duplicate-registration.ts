import { noDuplicateRegistration, messages, type DuplicateRegistrationMessageId } from '../src/checks/no-duplicate-registration';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [{ allowExportedInit?: boolean }];
export type MessageId = DuplicateRegistrationMessageId;

export default createRule<Options, MessageId>({
  name: 'no-duplicate-registration',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow registering OpenTelemetry globals twice, or in code that runs more than once per process',
      recommended: true,
    },
    hasSuggestions: true,
    messages,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowExportedInit: {
            type: 'boolean',
            description: 'Treat exported functions as called once per process (for an app whose own `initTelemetry()` is called only from its entrypoint).',
          },
        },
      },
    ],
  },
  defaultOptions: [{ allowExportedInit: false }],
  create(context, [options]) {
    return reportOnProgram(context, noDuplicateRegistration, { allowExportedInit: options.allowExportedInit ?? false });
  },
});
