import { providerOverrideCheck } from '../../src/python/checks/provider-override';
import { createPythonRule } from '../../src/python/eslint/rule';

export default createPythonRule(
  'no-provider-override',
  {
    type: 'problem',
    description: 'Disallow a second tracer/meter/logger provider: Python keeps the first one and everything attached to the later one receives nothing',
    recommended: 'error',
  },
  providerOverrideCheck,
);
