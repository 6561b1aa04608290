import { noHardcodedExporterEndpoint, messages, type HardcodedEndpointMessageId } from '../src/checks/no-hardcoded-exporter-endpoint';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [];
export type MessageId = HardcodedEndpointMessageId;

export default createRule<Options, MessageId>({
  name: 'no-hardcoded-exporter-endpoint',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow literal exporter endpoints and credentials, which silently override the OTEL_EXPORTER_OTLP_* environment',
      recommended: true,
    },
    hasSuggestions: true,
    messages,
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return reportOnProgram(context, noHardcodedExporterEndpoint, undefined);
  },
});
