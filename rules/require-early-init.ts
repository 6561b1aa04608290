import { requireEarlyInit, messages, type EarlyInitMessageId } from '../src/checks/require-early-init';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [];
export type MessageId = EarlyInitMessageId;

export default createRule<Options, MessageId>({
  name: 'require-early-init',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the SDK to start before instrumentable libraries are loaded',
      recommended: true,
    },
    messages,
    schema: [],
  },
  defaultOptions: [],
  startFiles: true,
  create(context) {
    return reportOnProgram(context, requireEarlyInit, undefined);
  },
});
