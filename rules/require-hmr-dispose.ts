import { requireHmrDispose, messages, type HmrDisposeMessageId } from '../src/checks/require-hmr-dispose';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [];
export type MessageId = HmrDisposeMessageId;

export default createRule<Options, MessageId>({
  name: 'require-hmr-dispose',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require OpenTelemetry setup in hot-reloaded modules to survive re-evaluation by handing the running instance over',
      recommended: true,
    },
    hasSuggestions: true,
    messages,
    schema: [],
  },
  defaultOptions: [],
  startFiles: true,
  create(context) {
    return reportOnProgram(context, requireHmrDispose, undefined);
  },
});
