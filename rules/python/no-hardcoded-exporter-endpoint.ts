import { hardcodedEndpointCheck } from '../../src/python/checks/hardcoded-endpoint';
import { createPythonRule } from '../../src/python/eslint/rule';

export default createPythonRule(
  'no-hardcoded-exporter-endpoint',
  {
    type: 'suggestion',
    description: 'Disallow literal exporter endpoints and credentials in Python, which override the OTEL_EXPORTER_* environment',
    recommended: 'warn',
  },
  hardcodedEndpointCheck,
);
