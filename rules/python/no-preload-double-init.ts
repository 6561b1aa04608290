import { preloadDoubleInitCheck } from '../../src/python/checks/preload-double-init';
import { createPythonRule } from '../../src/python/eslint/rule';

export default createPythonRule(
  'no-preload-double-init',
  {
    type: 'problem',
    description: 'Disallow unguarded tracing setup in Gunicorn post_fork when the app is preloaded and sets tracing up at import',
    recommended: 'error',
  },
  preloadDoubleInitCheck,
);
