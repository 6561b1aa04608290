import type { DuplicateRegistrationMessageId } from '../src/checks/duplicate-registration';
import { checkDuplicateRegistration } from '../src/checks/duplicate-registration';
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
    messages: {
      duplicateRegistration:
        '`{{label}}` registers the {{globals}} again (already registered by `{{first}}` on line {{line}}): the API ignores the repeat, and an SDK started twice enables its instrumentations again. Remove it, or run `npx otel-codemod guard-registration`.',
      conflictingRegistration:
        '`{{label}}` registers the {{globals}} that `{{first}}` on line {{line}} already registered: {{consequence}}. Keep a single SDK setup per process.',
      registrationInRerunnableCode:
        '`{{label}}` runs in {{context}}: {{what}}. Keep one instance per process in a `globalThis` slot (`npx otel-codemod guard-registration`).',
      removeRedundantRegistration: 'Remove the redundant `{{label}}`.',
      wrapInGlobalGuard: 'Keep one instance per process in a `globalThis[Symbol.for(…)]` slot.',
    },
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
    return reportOnProgram(context, (model) =>
      checkDuplicateRegistration(model, { allowExportedInit: options.allowExportedInit ?? false }),
    );
  },
});
