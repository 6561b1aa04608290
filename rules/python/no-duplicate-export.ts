import { duplicateExportCheck } from '../../src/python/checks/duplicate-export';
import { createPythonRule } from '../../src/python/eslint/rule';

export default createPythonRule(
  'no-duplicate-export',
  {
    type: 'problem',
    description: 'Disallow exporting spans twice: one exporter behind two processors, or an OTLP processor added to the provider opentelemetry-instrument already exports from',
    recommended: 'error',
  },
  duplicateExportCheck,
);
