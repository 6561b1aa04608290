import type { BatchProcessorInDevMessageId } from '../src/checks/batch-processor-in-dev';
import { checkBatchProcessorInDev } from '../src/checks/batch-processor-in-dev';
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
    messages: {
      batchProcessorInDev:
        '`{{name}}` {{where}} holds spans for up to 5 s and drops them when the dev process restarts or is stopped, so traces show up late or never. Use a SimpleSpanProcessor with the same exporter in development (`npx otel-codemod dev-simple-processor`).',
      implicitBatchInDev:
        '`{{name}}` {{how}} {{where}}: spans are held for up to 5 s and lost when the dev process restarts or is stopped. Give it a SimpleSpanProcessor in development (`npx otel-codemod dev-simple-processor`).',
      useSimpleProcessor: 'Use a SimpleSpanProcessor with the same exporter.',
      useSimpleProcessorOutsideProduction: 'Batch only when NODE_ENV is production; use a SimpleSpanProcessor otherwise.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return reportOnProgram(context, checkBatchProcessorInDev);
  },
});
