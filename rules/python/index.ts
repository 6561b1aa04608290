import noDuplicateExport from './no-duplicate-export';
import noHardcodedExporterEndpoint from './no-hardcoded-exporter-endpoint';
import noLateInstrumentor from './no-late-instrumentor';
import noPreloadDoubleInit from './no-preload-double-init';
import noProviderOverride from './no-provider-override';
import noReloaderAutoInstrumentation from './no-reloader-auto-instrumentation';
import noReloaderDoubleInit from './no-reloader-double-init';

/** Every Python rule, by its id in the plugin (`python/<name>`). */
export const pythonRules = {
  'python/no-provider-override': noProviderOverride,
  'python/no-duplicate-export': noDuplicateExport,
  'python/no-preload-double-init': noPreloadDoubleInit,
  'python/no-reloader-auto-instrumentation': noReloaderAutoInstrumentation,
  'python/no-reloader-double-init': noReloaderDoubleInit,
  'python/no-late-instrumentor': noLateInstrumentor,
  'python/no-hardcoded-exporter-endpoint': noHardcodedExporterEndpoint,
};
