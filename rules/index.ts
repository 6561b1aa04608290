import noDuplicateRegistration from './no-duplicate-registration';
import noDuplicateInstrumentation from './no-duplicate-instrumentation';
import noDuplicateSpanProcessor from './no-duplicate-span-processor';
import noAutoInstrumentationConflict from './no-auto-instrumentation-conflict';
import noHardcodedExporterEndpoint from './no-hardcoded-exporter-endpoint';
import requireEarlyInit from './require-early-init';
import requireShutdownHandler from './require-shutdown-handler';
import noBatchProcessorInDev from './no-batch-processor-in-dev';
import requireHmrDispose from './require-hmr-dispose';
import noRemovedSdkApi from './no-removed-sdk-api';

/** Every rule, by name. */
export const rules = {
  'no-duplicate-registration': noDuplicateRegistration,
  'no-duplicate-instrumentation': noDuplicateInstrumentation,
  'no-duplicate-span-processor': noDuplicateSpanProcessor,
  'no-auto-instrumentation-conflict': noAutoInstrumentationConflict,
  'no-hardcoded-exporter-endpoint': noHardcodedExporterEndpoint,
  'require-early-init': requireEarlyInit,
  'require-shutdown-handler': requireShutdownHandler,
  'no-batch-processor-in-dev': noBatchProcessorInDev,
  'require-hmr-dispose': requireHmrDispose,
  'no-removed-sdk-api': noRemovedSdkApi,
};
