import { noRemovedSdkApi, messages, type RemovedSdkApiMessageId } from '../src/checks/no-removed-sdk-api';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [{ reportDeprecated?: boolean; checkSdkOptions?: boolean; checkMissingProcessors?: boolean }];
export type MessageId = RemovedSdkApiMessageId;

export default createRule<Options, MessageId>({
  name: 'no-removed-sdk-api',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow OpenTelemetry SDK APIs that the installed SDK generation removed or silently ignores',
      recommended: true,
    },
    hasSuggestions: true,
    messages,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          reportDeprecated: {
            type: 'boolean',
            description: 'Also report APIs that still work in the detected generation but are deprecated there and removed in the next (to prepare a migration).',
          },
          checkSdkOptions: {
            type: 'boolean',
            description: 'Report NodeSDK options that the detected sdk-node version does not read.',
          },
          checkMissingProcessors: {
            type: 'boolean',
            description: 'Report tracer providers constructed without any span processor.',
          },
        },
      },
    ],
  },
  defaultOptions: [{ reportDeprecated: false, checkSdkOptions: true, checkMissingProcessors: true }],
  create(context, [options]) {
    return reportOnProgram(context, noRemovedSdkApi, {
        reportDeprecated: options.reportDeprecated ?? false,
        checkSdkOptions: options.checkSdkOptions ?? true,
        checkMissingProcessors: options.checkMissingProcessors ?? true,
      });
  },
});
