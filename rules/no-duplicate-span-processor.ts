import type { DuplicateSpanProcessorMessageId } from '../src/checks/duplicate-span-processor';
import { checkDuplicateSpanProcessor } from '../src/checks/duplicate-span-processor';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [Record<string, never>];
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
    messages: {
      exporterBehindTwoProcessors:
        '`{{exporter}}` is behind two span processors (`{{first}}` on line {{line}} and this `{{label}}`): every span is exported twice and the exporter is shut down twice. Keep one processor (`npx otel-codemod dedupe-span-processors`).',
      processorListedTwice:
        'The same span processor is listed twice (line {{line}}): it sees every span twice, so each span is exported twice. List it once (`npx otel-codemod dedupe-span-processors`).',
      traceExporterIgnored:
        '`{{option}}` is silently ignored because `spanProcessors` is set: {{sdk}} uses only `spanProcessors`, so `{{value}}` receives no spans. Put it in `spanProcessors` (wrapped in a processor) or remove it (`npx otel-codemod dedupe-span-processors`).',
      removeProcessor: 'Remove the second processor `{{label}}`.',
      removeIgnoredOption: 'Remove the ignored `{{option}}` option (no behaviour change).',
    },
    schema: [{ type: 'object', additionalProperties: false, properties: {} }],
  },
  defaultOptions: [{}],
  create(context) {
    return reportOnProgram(context, checkDuplicateSpanProcessor);
  },
});
