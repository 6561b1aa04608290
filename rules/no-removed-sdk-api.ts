import type { RemovedSdkApiMessageId } from '../src/checks/removed-sdk-api';
import { checkRemovedSdkApi } from '../src/checks/removed-sdk-api';
import { createRule, reportOnProgram } from '../src/rule';

export type Options = [{ reportDeprecated?: boolean; checkSdkOptions?: boolean; checkMissingProcessors?: boolean }];
export type MessageId = RemovedSdkApiMessageId;

export default createRule<Options, MessageId>({
  name: 'no-removed-sdk-api',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow OpenTelemetry SDK APIs that the installed SDK generation removed or silently ignores',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      removedProviderMethod:
        '`{{provider}}.{{method}}()` does not exist in {{where}} (removed in SDK {{since}}): the call throws and no span reaches that processor. Use {{replacement}} (`npx otel-codemod migrate-sdk --to 2`).',
      deprecatedProviderMethod:
        '`{{provider}}.{{method}}()` is deprecated in {{where}} and removed in SDK {{since}}, where the call throws. Use {{replacement}} (`npx otel-codemod migrate-sdk --to 2`).',
      removedSdkOption:
        'NodeSDK ignores `{{option}}` in {{where}} (removed in SDK {{since}}): what it carries is never used. Use `{{replacement}}: [...]` (`npx otel-codemod migrate-sdk --to 3`).',
      deprecatedSdkOption:
        'NodeSDK option `{{option}}` is deprecated in {{where}} and ignored from SDK {{since}}. Use `{{replacement}}: [...]` (`npx otel-codemod migrate-sdk`).',
      unknownSdkOption:
        '`{{option}}` is not a NodeSDK option in {{where}}: NodeSDK ignores it without a warning, so whatever it carries (an exporter, a processor) is never used. Use one of the documented options.',
      positionalProcessor:
        '`new {{name}}(exporter)` from `{{module}}` ({{where}}) takes an options object: the positional exporter is read as `options.exporter` (undefined), so it constructs fine and every export throws `TypeError`; no span is exported. Pass `{ exporter }` (`npx otel-codemod migrate-sdk --to 3`).',
      removedRegister:
        '`{{provider}}` has no `register()` in {{where}}: the call throws and no global tracer provider, context manager or propagator is set. Call `trace.setGlobalTracerProvider()` and set the context manager and propagator through the API (`npx otel-codemod migrate-sdk`).',
      removedExport:
        '`{{name}}` is not exported by `{{module}}` in {{where}} (removed in SDK {{since}}): the constructor is undefined and the setup throws. Use `{{replacement}}` (`npx otel-codemod migrate-sdk --to 3`).',
      moduleNotInGeneration:
        '`{{module}}` has no release after SDK {{last}}, but this project is on {{where}}: the 2.x package peers `@opentelemetry/api` <1.10, so it runs against a second API copy and what it registers is invisible to 3.x code. Instead, {{instead}}.',
      noSpanProcessor:
        '`{{provider}}` ({{where}}) is built without any span processor: every span it creates is dropped. Pass `spanProcessors: [new BatchSpanProcessor(...)]` to the constructor.',
      moveToSpanProcessors: 'Pass the processors in the constructor option `spanProcessors`.',
      useListOption: 'Replace `{{option}}` with `{{replacement}}: [...]`.',
      passOptionsObject: 'Pass the exporter as `{ exporter }`.',
      registerThroughApi: 'Register through `trace.setGlobalTracerProvider()` and set the context manager and propagator explicitly.',
      useReplacementExport: 'Use `{{replacement}}`.',
      importFromSdkTrace: 'Import from `@opentelemetry/sdk-trace` (providers become its `TracerProvider`).',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          reportDeprecated: {
            type: 'boolean',
            description: 'Also report APIs that still work in the detected generation but are deprecated there and removed in the next (to prepare a migration).',
          },
          checkSdkOptions: {
            type: 'boolean',
            description: 'Report NodeSDK options that the detected sdk-node version does not read.',
          },
          checkMissingProcessors: {
            type: 'boolean',
            description: 'Report tracer providers constructed without any span processor.',
          },
        },
      },
    ],
  },
  defaultOptions: [{ reportDeprecated: false, checkSdkOptions: true, checkMissingProcessors: true }],
  create(context, [options]) {
    return reportOnProgram(context, (model) =>
      checkRemovedSdkApi(model, {
        reportDeprecated: options.reportDeprecated ?? false,
        checkSdkOptions: options.checkSdkOptions ?? true,
        checkMissingProcessors: options.checkMissingProcessors ?? true,
      }),
    );
  },
});
