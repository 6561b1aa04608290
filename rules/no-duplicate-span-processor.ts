import { noDuplicateSpanProcessor, messages, type DuplicateSpanProcessorMessageId } from '../src/checks/no-duplicate-span-processor';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [];
export type MessageId = DuplicateSpanProcessorMessageId;

export default createRule<Options, MessageId>({
  name: 'no-duplicate-span-processor',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow exporting spans twice through duplicate span processors, and trace options that NodeSDK ignores',
      recommended: true,
    },
    hasSuggestions: true,
    messages,
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return reportOnProgram(context, noDuplicateSpanProcessor, undefined);
  },
});
