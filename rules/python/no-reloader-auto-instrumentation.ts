import { reloaderAutoInstrumentationCheck } from '../../src/python/checks/reloader-auto-instrumentation';
import { createPythonRule } from '../../src/python/eslint/rule';

export default createPythonRule(
  'no-reloader-auto-instrumentation',
  {
    type: 'problem',
    description: 'Disallow the Werkzeug reloader under opentelemetry-instrument with opentelemetry-instrumentation 0.62b1 or older, whose reloader child serves requests uninstrumented',
    recommended: 'error',
  },
  reloaderAutoInstrumentationCheck,
);
