import { join } from 'node:path';
import { createPythonRuleTester, py } from '../harness';
import rule from '../../../rules/python/no-reloader-double-init';

const projects = join(__dirname, '..', '..', 'fixtures', 'python', 'projects');
const ruleTester = createPythonRuleTester();

const SETUP = py`
  from flask import Flask
  from opentelemetry import trace
  from opentelemetry.sdk.trace import TracerProvider
  from opentelemetry.sdk.trace.export import BatchSpanProcessor
  from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
`;

ruleTester.run('python/no-reloader-double-init', rule as never, {
  valid: [
    // no reloader
    { filename: 'app.py', code: SETUP + py`
      provider = TracerProvider()
      trace.set_tracer_provider(provider)
      app = Flask(__name__)

      if __name__ == "__main__":
          app.run()
    ` },
    // a working guard: the reloader child only
    { filename: 'app.py', code: SETUP + py`
      from werkzeug.serving import is_running_from_reloader

      app = Flask(__name__)

      if __name__ == "__main__":
          if is_running_from_reloader():
              trace.set_tracer_provider(TracerProvider())
          app.run(debug=True)
    ` },
    // the project starts it with `flask run` (no reloader): the __main__ block never runs
    { filename: join(projects, 'flask-run-only', 'app.py'), code: SETUP + py`
      trace.set_tracer_provider(TracerProvider())
      app = Flask(__name__)

      if __name__ == "__main__":
          app.run(debug=True)
    ` },
    // setup after the server returned is not setup of the serving process
    { filename: 'app.py', code: SETUP + py`
      app = Flask(__name__)

      if __name__ == "__main__":
          app.run(debug=True, use_reloader=False)
          trace.set_tracer_provider(TracerProvider())
    ` },
  ],
  invalid: [
    {
      // app.run(debug=True) at module level: the script is still run twice
      filename: 'app.py',
      code: SETUP + py`
        trace.set_tracer_provider(TracerProvider())
        app = Flask(__name__)
        app.run(debug=True)
      `,
      errors: [{ messageId: 'setupInReloaderParent', line: 6, column: 1, suggestions: [{ messageId: 'guardReloader', output: SETUP + py`
        from werkzeug.serving import is_running_from_reloader
        if is_running_from_reloader() or __name__ != "__main__":
            trace.set_tracer_provider(TracerProvider())
        app = Flask(__name__)
        app.run(debug=True)
      ` }] }],
    },
    {
      // setup through a function of the project's own module (telemetry.py beside the app)
      filename: join(projects, 'imported-setup', 'app.py'),
      code: py`
        from flask import Flask
        from telemetry import setup

        app = Flask(__name__)

        if __name__ == "__main__":
            setup()
            app.run(debug=True)
      `,
      errors: [{ messageId: 'setupInReloaderParent', line: 7, column: 5, suggestions: [{ messageId: 'guardReloader', output: py`
        from flask import Flask
        from telemetry import setup
        from werkzeug.serving import is_running_from_reloader

        app = Flask(__name__)

        if __name__ == "__main__":
            if is_running_from_reloader():
                setup()
            app.run(debug=True)
      ` }] }],
    },
    {
      // `flask run --debug` imports the app in the reloader parent too: reported, not rewritten
      filename: join(projects, 'flask-run-debug-plain', 'app.py'),
      code: SETUP + py`
        def configure():
            trace.set_tracer_provider(TracerProvider())


        app = Flask(__name__)
        configure()
      `,
      errors: [{ messageId: 'setupInReloaderParentLaunch', line: 11, column: 1, suggestions: [] }],
    },
    {
      // module-level setup in the script run with the reloader
      filename: 'app.py',
      code: SETUP + py`
        provider = TracerProvider()
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
        trace.set_tracer_provider(provider)

        app = Flask(__name__)

        if __name__ == "__main__":
            app.run(debug=True)
      `,
      errors: [
        {
          messageId: 'setupInReloaderParent',
          line: 7,
          column: 1,
          suggestions: [
            {
              messageId: 'guardReloader',
              output: SETUP + py`
                from werkzeug.serving import is_running_from_reloader
                if is_running_from_reloader() or __name__ != "__main__":
                    provider = TracerProvider()
                    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
                    trace.set_tracer_provider(provider)

                app = Flask(__name__)

                if __name__ == "__main__":
                    app.run(debug=True)
              `,
            },
          ],
        },
      ],
    },
    {
      // the broken seed guard: app.debug is still False before app.run(debug=DEBUG)
      filename: 'app.py',
      code: SETUP + py`
        import os

        DEBUG = os.environ.get("FLASK_DEBUG") == "1"
        app = Flask(__name__)


        def setup_tracing():
            trace.set_tracer_provider(TracerProvider())


        if __name__ == "__main__":
            if os.environ.get("WERKZEUG_RUN_MAIN") == "true" or not app.debug:
                setup_tracing()
            app.run(debug=DEBUG)
      `,
      errors: [
        {
          messageId: 'brokenReloaderGuard',
          line: 17,
          column: 8,
          suggestions: [
            {
              messageId: 'repairGuard',
              output: SETUP + py`
                import os
                from werkzeug.serving import is_running_from_reloader

                DEBUG = os.environ.get("FLASK_DEBUG") == "1"
                app = Flask(__name__)


                def setup_tracing():
                    trace.set_tracer_provider(TracerProvider())


                if __name__ == "__main__":
                    if is_running_from_reloader() or not DEBUG:
                        setup_tracing()
                    app.run(debug=DEBUG)
              `,
            },
          ],
        },
      ],
    },
  ],
});
