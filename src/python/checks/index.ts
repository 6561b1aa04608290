// The seven Python checks, by rule name (without the `python/` prefix).
import type { Check } from '../../core/language';
import type { PyTree } from '../nodes';
import { duplicateExportCheck } from './duplicate-export';
import { hardcodedEndpointCheck } from './hardcoded-endpoint';
import { lateInstrumentorCheck } from './late-instrumentor';
import { preloadDoubleInitCheck } from './preload-double-init';
import { providerOverrideCheck } from './provider-override';
import { reloaderAutoInstrumentationCheck } from './reloader-auto-instrumentation';
import { reloaderDoubleInitCheck } from './reloader-double-init';

export const pythonChecksByRule = {
  'no-provider-override': providerOverrideCheck,
  'no-duplicate-export': duplicateExportCheck,
  'no-preload-double-init': preloadDoubleInitCheck,
  'no-reloader-auto-instrumentation': reloaderAutoInstrumentationCheck,
  'no-reloader-double-init': reloaderDoubleInitCheck,
  'no-late-instrumentor': lateInstrumentorCheck,
  'no-hardcoded-exporter-endpoint': hardcodedEndpointCheck,
} as const;

export type PythonRuleName = keyof typeof pythonChecksByRule;

export const pythonChecks: readonly Check<PyTree, string>[] = Object.values(pythonChecksByRule) as readonly Check<PyTree, string>[];
