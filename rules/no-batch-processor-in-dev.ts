import { noBatchProcessorInDev, messages, type BatchProcessorInDevMessageId } from '../src/checks/no-batch-processor-in-dev';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [];
export type MessageId = BatchProcessorInDevMessageId;

export default createRule<Options, MessageId>({
  name: 'no-batch-processor-in-dev',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow batching span processors in dev entrypoints and dev-only branches',
      recommended: true,
    },
    hasSuggestions: true,
    messages,
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return reportOnProgram(context, noBatchProcessorInDev, undefined);
  },
});
