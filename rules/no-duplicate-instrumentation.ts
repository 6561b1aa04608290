import type { DuplicateInstrumentationMessageId } from '../src/checks/duplicate-instrumentation';
import { checkDuplicateInstrumentation } from '../src/checks/duplicate-instrumentation';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [Record<string, never>];
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
    messages: {
      duplicateInstrumentation:
        '`{{name}}` is registered twice (also on line {{line}}, {{where}}): {{consequence}}. Keep one instance (`npx otel-codemod dedupe-instrumentations`).',
      instrumentationInBundle:
        '`{{name}}` is already enabled by `{{bundle}}` (line {{line}}): {{consequence}}. Configure it through the bundle\'s config map instead (`npx otel-codemod dedupe-instrumentations`).',
      instrumentationRegisteredTwice:
        'The same `{{label}}` instance is registered again (line {{line}}): enabling is a no-op but its tracer and meter providers are reset. Register it once (`npx otel-codemod dedupe-instrumentations`).',
      duplicateBundle:
        '`{{name}}` enables {{count}} instrumentation(s) that `{{other}}` on line {{line}} already enabled: {{consequence}}. Call the bundle once (`npx otel-codemod dedupe-instrumentations`).',
      moveConfigIntoBundle: 'Remove `{{label}}` and pass its config under `\'{{name}}\'` in `{{bundle}}`.',
      removeDuplicateInstrumentation: 'Remove the duplicate `{{label}}`.',
    },
    schema: [{ type: 'object', additionalProperties: false, properties: {} }],
  },
  defaultOptions: [{}],
  create(context) {
    return reportOnProgram(context, checkDuplicateInstrumentation);
  },
});
