import { createPythonRuleTester, py } from '../harness';
import rule from '../../../rules/python/no-late-instrumentor';

const ruleTester = createPythonRuleTester();

ruleTester.run('python/no-late-instrumentor', rule as never, {
  valid: [
    // instrumented before Flask is taken by name
    { filename: 'app.py', code: py`
      from opentelemetry.instrumentation.flask import FlaskInstrumentor
      FlaskInstrumentor().instrument()
      from flask import Flask
      app = Flask(__name__)
    ` },
    // `flask.Flask` is looked up when the app is built
    { filename: 'app.py', code: py`
      import flask
      from opentelemetry.instrumentation.flask import FlaskInstrumentor
      FlaskInstrumentor().instrument()
      app = flask.Flask(__name__)
    ` },
    // harmless: instrument() and instrument_app(app) together (only a warning)
    { filename: 'app.py', code: py`
      from flask import Flask
      from opentelemetry.instrumentation.flask import FlaskInstrumentor
      app = Flask(__name__)
      FlaskInstrumentor().instrument()
      FlaskInstrumentor().instrument_app(app)
    ` },
    // harmless: instrument_app twice
    { filename: 'app.py', code: py`
      from flask import Flask
      from opentelemetry.instrumentation.flask import FlaskInstrumentor
      app = Flask(__name__)
      FlaskInstrumentor.instrument_app(app)
      FlaskInstrumentor.instrument_app(app)
    ` },
  ],
  invalid: [
    {
      filename: 'app.py',
      code: py`
        from flask import Flask
        from opentelemetry.instrumentation.flask import FlaskInstrumentor

        app = Flask(__name__)
        FlaskInstrumentor().instrument()
      `,
      errors: [
        {
          messageId: 'instrumentedTooLate',
          line: 5,
          column: 1,
          suggestions: [
            {
              messageId: 'instrumentApp',
              output: py`
                from flask import Flask
                from opentelemetry.instrumentation.flask import FlaskInstrumentor

                app = Flask(__name__)
                FlaskInstrumentor().instrument_app(app)
              `,
            },
          ],
        },
      ],
    },
    {
      // instrument() before the app, but after `from flask import Flask`: the name is the original class
      filename: 'app.py',
      code: py`
        from flask import Flask
        from opentelemetry.instrumentation.flask import FlaskInstrumentor

        FlaskInstrumentor().instrument(excluded_urls="health")
        app = Flask(__name__)
      `,
      errors: [
        {
          messageId: 'instrumentedTooLate',
          line: 4,
          column: 1,
          suggestions: [
            {
              messageId: 'instrumentApp',
              output: py`
                from flask import Flask
                from opentelemetry.instrumentation.flask import FlaskInstrumentor

                FlaskInstrumentor().instrument(excluded_urls="health")
                app = Flask(__name__)
                FlaskInstrumentor().instrument_app(app, excluded_urls="health")
              `,
            },
          ],
        },
      ],
    },
    {
      // FastAPI's instrumentor replaces fastapi.FastAPI the same way
      filename: 'main.py',
      code: py`
        from fastapi import FastAPI
        from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

        app = FastAPI()
        FastAPIInstrumentor().instrument()
      `,
      errors: [
        {
          messageId: 'instrumentedTooLate',
          line: 5,
          column: 1,
          suggestions: [
            {
              messageId: 'instrumentApp',
              output: py`
                from fastapi import FastAPI
                from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

                app = FastAPI()
                FastAPIInstrumentor().instrument_app(app)
              `,
            },
          ],
        },
      ],
    },
  ],
});
