import type { HardcodedEndpointMessageId } from '../src/checks/hardcoded-endpoint';
import { checkHardcodedEndpoint } from '../src/checks/hardcoded-endpoint';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [Record<string, never>];
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
    messages: {
      hardcodedEndpoint:
        '`{{option}}: {{url}}` on `{{exporter}}` overrides `{{envVar}}`{{generic}}: every deployment sends to this address whatever its environment says. Let the exporter read the environment (`npx otel-codemod env-exporter-endpoint`).',
      hardcodedBrowserEndpoint:
        '`{{option}}: {{url}}` on `{{exporter}}` is fixed at build time for every environment: browser exporters read no environment, so inject it with the bundler (`import.meta.env.VITE_…`, `process.env.NEXT_PUBLIC_…`) or use a same-origin path.',
      endpointRebuildsEnv:
        'This `{{option}}` for `{{exporter}}` {{why}}. Omit `{{option}}` and let the exporter read the environment (`npx otel-codemod env-exporter-endpoint`).',
      undefinedInEndpoint:
        '`{{option}}` for `{{exporter}}` interpolates `process.env.{{variable}}` without a fallback: when it is unset the exporter sends to a URL starting with `undefined`. Add a fallback (`process.env.{{variable}} ?? …`) or omit `{{option}}` and set `{{envVar}}`.',
      hardcodedCredential:
        'The `{{header}}` header of `{{exporter}}` is a literal credential: it ends up in source control and every build. Read it from the environment (`OTEL_EXPORTER_OTLP_HEADERS` or `process.env`).',
      useEnvironmentDefault: 'Remove `{{option}}` so the exporter reads `{{envVar}}` (set it to `{{url}}` where this runs).',
      readEnvWithFallback: 'Read `process.env.{{envVar}}` and keep `{{url}}` as the fallback.',
    },
    schema: [{ type: 'object', additionalProperties: false, properties: {} }],
  },
  defaultOptions: [{}],
  create(context) {
    return reportOnProgram(context, checkHardcodedEndpoint);
  },
});
