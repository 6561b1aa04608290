import { noDuplicateInstrumentation, messages, type DuplicateInstrumentationMessageId } from '../src/checks/no-duplicate-instrumentation';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [];
export type MessageId = DuplicateInstrumentationMessageId;

export default createRule<Options, MessageId>({
  name: 'no-duplicate-instrumentation',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow registering an instrumentation twice, directly or through an auto-instrumentation bundle that already contains it',
      recommended: true,
    },
    hasSuggestions: true,
    messages,
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return reportOnProgram(context, noDuplicateInstrumentation, undefined);
  },
});
