import { noAutoInstrumentationConflict, messages, type AutoInstrumentationConflictMessageId } from '../src/checks/no-auto-instrumentation-conflict';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [];
export type MessageId = AutoInstrumentationConflictMessageId;

export default createRule<Options, MessageId>({
  name: 'no-auto-instrumentation-conflict',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow setting up the SDK in code when the package already preloads an auto-instrumentation entry point',
      recommended: true,
    },
    messages,
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return reportOnProgram(context, noAutoInstrumentationConflict, undefined);
  },
});
