import type { AutoInstrumentationConflictMessageId } from '../src/checks/auto-instrumentation-conflict';
import { checkAutoInstrumentationConflict } from '../src/checks/auto-instrumentation-conflict';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [Record<string, never>];
export type MessageId = AutoInstrumentationConflictMessageId;

export default createRule<Options, MessageId>({
  name: 'no-auto-instrumentation-conflict',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow setting up the SDK in code when the package already preloads an auto-instrumentation entry point',
      recommended: true,
    },
    messages: {
      setupWithPreload:
        '`{{label}}` sets up OpenTelemetry in code, but {{source}} already preloads `{{module}}`: {{what}}. Remove the preload flag or this setup.',
    },
    schema: [{ type: 'object', additionalProperties: false, properties: {} }],
  },
  defaultOptions: [{}],
  create(context) {
    return reportOnProgram(context, checkAutoInstrumentationConflict);
  },
});
