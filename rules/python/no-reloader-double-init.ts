import { reloaderDoubleInitCheck } from '../../src/python/checks/reloader-double-init';
import { createPythonRule } from '../../src/python/eslint/rule';

export default createPythonRule(
  'no-reloader-double-init',
  {
    type: 'suggestion',
    description: 'Disallow tracing setup that also runs in the Flask reloader parent, including the broken WERKZEUG_RUN_MAIN … or not app.debug guard',
    recommended: 'warn',
  },
  reloaderDoubleInitCheck,
);
