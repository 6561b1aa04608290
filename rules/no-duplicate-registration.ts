import { noDuplicateRegistration, messages, type DuplicateRegistrationMessageId } from '../src/checks/no-duplicate-registration';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [{ exportedInit?: 'evidence' | 'always' | 'never'; allowExportedInit?: boolean }];
export type MessageId = DuplicateRegistrationMessageId;

export default createRule<Options, MessageId>({
  name: 'no-duplicate-registration',
  // a file that imports no OpenTelemetry module may start an SDK another module already started
  startFiles: true,
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
          exportedInit: {
            type: 'string',
            enum: ['evidence', 'always', 'never'],
            description:
              'Registrations inside exported functions, class methods and constructors: reported only with evidence that they run more than once (a caller or a `new` in re-runnable code, or two on one path, found in the project), always (the strict behaviour: callers may run them more than once), or never.',
          },
          allowExportedInit: {
            type: 'boolean',
            description: 'Deprecated: `true` is `exportedInit: "never"`.',
          },
        },
      },
    ],
  },
  defaultOptions: [{ exportedInit: 'evidence', allowExportedInit: false }],
  create(context, [options]) {
    const exportedInit = options.allowExportedInit ? 'never' : (options.exportedInit ?? 'evidence');
    return reportOnProgram(context, noDuplicateRegistration, { exportedInit });
  },
});
