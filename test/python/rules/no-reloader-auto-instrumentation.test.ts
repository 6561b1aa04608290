import { join } from 'node:path';
import { createPythonRuleTester, py } from '../harness';
import rule from '../../../rules/python/no-reloader-auto-instrumentation';

const projects = join(__dirname, '..', '..', 'fixtures', 'python', 'projects');
const ruleTester = createPythonRuleTester();

/** The seed pattern: a Flask app run in debug mode, started by `opentelemetry-instrument python app.py`. */
const APP = py`
  from flask import Flask

  app = Flask(__name__)


  @app.route("/")
  def index():
      return "ok"


  if __name__ == "__main__":
      app.run(port=8082, debug=True)
`;
const FASTAPI = 'from fastapi import FastAPI\n\napp = FastAPI()\n';
const FIXED = APP.replace('debug=True)', 'debug=True, use_reloader=False)');

ruleTester.run('python/no-reloader-auto-instrumentation', rule as never, {
  valid: [
    // the documented fix
    { filename: join(projects, 'cli-old', 'app.py'), code: FIXED },
    // opentelemetry-instrumentation 0.66b2 (pyproject): the reloader child is instrumented
    { filename: join(projects, 'cli-new', 'app.py'), code: APP },
    // no opentelemetry-instrument in the project
    { filename: join(projects, 'plain', 'app.py'), code: APP },
    // debug off
    { filename: join(projects, 'cli-old', 'app.py'), code: APP.replace('debug=True', 'debug=False') },
    // uvicorn workers with opentelemetry-instrumentation 0.66b1: instrumented
    { filename: join(projects, 'uvicorn-workers-new', 'main.py'), code: FASTAPI },
  ],
  invalid: [
    {
      filename: join(projects, 'cli-old', 'app.py'),
      code: APP,
      errors: [{ messageId: 'reloaderChildUninstrumented', line: 12, column: 5, suggestions: [{ messageId: 'disableReloader', output: FIXED }] }],
    },
    {
      // version unknown: said so
      filename: join(projects, 'cli-unknown', 'app.py'),
      code: APP,
      errors: [{ messageId: 'reloaderChildMayBeUninstrumented', line: 12, column: 5, suggestions: [{ messageId: 'disableReloader', output: FIXED }] }],
    },
    {
      // an explicit use_reloader=True, in a multi-line call
      filename: join(projects, 'cli-old', 'app.py'),
      code: APP.replace('app.run(port=8082, debug=True)', 'app.run(\n        port=8082,\n        use_reloader=True,\n    )'),
      errors: [{ messageId: 'reloaderChildUninstrumented', line: 12, column: 5, suggestions: [{ messageId: 'disableReloader', output: APP.replace('app.run(port=8082, debug=True)', 'app.run(\n        port=8082,\n        use_reloader=False,\n    )') }] }],
    },
    {
      // `flask run --debug` in the Procfile (0.60b0 pinned): reported on the app, fixed in the command
      filename: join(projects, 'flask-run-debug', 'app.py'),
      code: 'from flask import Flask\n\napp = Flask(__name__)\n',
      errors: [{ messageId: 'flaskRunReloaderUninstrumented', line: 3, column: 7, suggestions: [] }],
    },
    {
      // uvicorn --reload: its reloader spawns the serving child (measured: 0 spans with 0.62b1)
      filename: join(projects, 'uvicorn-reload', 'main.py'),
      code: FASTAPI,
      errors: [{ messageId: 'serverChildUninstrumented', line: 3, column: 7, suggestions: [] }],
    },
    {
      // a module the uvicorn app imports (0.36b0 pinned): the process's finding, on its first statement
      filename: join(projects, 'uvicorn-reload-helper', 'tracing.py'),
      code: '# manual setup next to the CLI\nfrom opentelemetry import trace\nfrom opentelemetry.sdk.trace import TracerProvider\n\ntrace.set_tracer_provider(TracerProvider())\ntracer = trace.get_tracer(__name__)\n',
      errors: [{ messageId: 'serverChildUninstrumented', line: 2, column: 1, suggestions: [] }],
    },
    {
      // Django's runserver autoreloader, version unknown: said so
      filename: join(projects, 'django-runserver', 'manage.py'),
      code: 'import sys\n\n\ndef main():\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n\n\nif __name__ == "__main__":\n    main()\n',
      errors: [{ messageId: 'serverChildUninstrumented', line: 7, column: 5, suggestions: [] }],
    },
  ],
});
