import { lateInstrumentorCheck } from '../../src/python/checks/late-instrumentor';
import { createPythonRule } from '../../src/python/eslint/rule';

export default createPythonRule(
  'no-late-instrumentor',
  {
    type: 'problem',
    description: 'Disallow instrument() after the framework class was imported by name and an app built from it: that app is never instrumented',
    recommended: 'error',
  },
  lateInstrumentorCheck,
);
