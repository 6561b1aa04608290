import { join } from 'node:path';
import { createPythonRuleTester, py } from '../harness';
import rule from '../../../rules/python/no-provider-override';

const projects = join(__dirname, '..', '..', 'fixtures', 'python', 'projects');
const ruleTester = createPythonRuleTester();

const IMPORTS = py`
  from opentelemetry import trace
  from opentelemetry.sdk.trace import TracerProvider
  from opentelemetry.sdk.trace.export import BatchSpanProcessor
  from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
`;

ruleTester.run('python/no-provider-override', rule as never, {
  valid: [
    // one registration at import
    { filename: join(projects, 'plain', 'tracing.py'), code: IMPORTS + py`
      provider = TracerProvider()
      provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
      trace.set_tracer_provider(provider)
    ` },
    // two registrations in exclusive branches
    { filename: join(projects, 'plain', 'tracing.py'), code: IMPORTS + py`
      import os
      if os.environ.get("CONSOLE"):
          trace.set_tracer_provider(TracerProvider())
      else:
          trace.set_tracer_provider(TracerProvider())
    ` },
    // a factory that checks for the proxy first
    { filename: join(projects, 'plain', 'app.py'), code: IMPORTS + py`
      from flask import Flask


      def create_app():
          app = Flask(__name__)
          if isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
              trace.set_tracer_provider(TracerProvider())
          return app
    ` },
    // a once-only flag in a function called from handlers
    { filename: join(projects, 'plain', 'app.py'), code: IMPORTS + py`
      _configured = False


      def configure():
          global _configured
          if not _configured:
              trace.set_tracer_provider(TracerProvider())
              _configured = True
    ` },
    // a function with no caller in the file: once, as far as this file says
    { filename: join(projects, 'plain', 'tracing.py'), code: IMPORTS + py`
      def init_tracing():
          trace.set_tracer_provider(TracerProvider())
    ` },
    // a setup function another module imports and calls once at import (shop/worker.py)
    { filename: join(projects, 'factory-importer', 'shop', 'tracing_once.py'), code: py`
      from opentelemetry import trace
      from opentelemetry.sdk.trace import TracerProvider


      def setup_once():
          trace.set_tracer_provider(TracerProvider())
    ` },
    // uvicorn --reload under the CLI with 0.36b0: the serving child has no CLI provider, so this one is the first there
    { filename: join(projects, 'uvicorn-reload-helper', 'tracing.py'), code: py`
      from opentelemetry import trace
      from opentelemetry.sdk.trace import TracerProvider

      trace.set_tracer_provider(TracerProvider())
    ` },
    // under the CLI with an unknown SDK version, a LoggerProvider is set only with logging auto-instrumentation on
    { filename: join(projects, 'cli-unknown', 'app.py'), code: py`
      from opentelemetry import _logs
      from opentelemetry.sdk._logs import LoggerProvider
      _logs.set_logger_provider(LoggerProvider())
    ` },
    // the CLI wraps a different script: this file is not run by it
    { filename: join(projects, 'cli-old', 'worker.py'), code: IMPORTS + py`
      trace.set_tracer_provider(TracerProvider())
    ` },
  ],
  invalid: [
    {
      // called from the app factory of another module (`from .telemetry import …` in shop/__init__.py)
      filename: join(projects, 'factory-importer', 'shop', 'telemetry.py'),
      code: py`
        from opentelemetry import trace
        from opentelemetry.sdk.trace import TracerProvider


        def configure_tracing():
            trace.set_tracer_provider(TracerProvider())
      `,
      errors: [
        {
          messageId: 'overrideInRerunnable',
          line: 6,
          column: 5,
          data: { call: 'trace.set_tracer_provider(…)', Kind: 'TracerProvider', provider: 'TracerProvider()', where: '`configure_tracing`, called in shop/__init__.py from the app factory `create_app` (run once per app it builds: every test, every `flask` command)' },
          suggestions: [
            {
              messageId: 'guardSetup',
              output: py`
                from opentelemetry import trace
                from opentelemetry.sdk.trace import TracerProvider


                def configure_tracing():
                    if isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
                        trace.set_tracer_provider(TracerProvider())
              `,
            },
          ],
        },
      ],
    },
    {
      filename: join(projects, 'cli-logs-env', 'app.py'),
      code: py`
        from opentelemetry import _logs
        from opentelemetry.sdk._logs import LoggerProvider
        _logs.set_logger_provider(LoggerProvider())
      `,
      errors: [{ messageId: 'overrideUnderCli', line: 3, column: 1, suggestions: [] }],
    },
    {
      // Gunicorn reads ./gunicorn.conf.py by default: its post_fork runs under the CLI's provider
      filename: join(projects, 'cli-gunicorn-conf', 'gunicorn.conf.py'),
      code: IMPORTS + py`
        def post_fork(server, worker):
            trace.set_tracer_provider(TracerProvider())
      `,
      // the inline provider has nothing attached: the ignored call goes (a lone statement leaves `pass`)
      errors: [{ messageId: 'overrideUnderCli', line: 6, column: 5, suggestions: [{ messageId: 'reuseProvider', output: IMPORTS + py`
        def post_fork(server, worker):
            pass
      ` }] }],
    },
    {
      filename: join(projects, 'plain', 'tracing.py'),
      code: IMPORTS + py`
        trace.set_tracer_provider(TracerProvider())
        provider = TracerProvider()
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
        trace.set_tracer_provider(provider)
      `,
      errors: [
        {
          messageId: 'overrideOnPath',
          line: 8,
          column: 1,
          suggestions: [
            {
              messageId: 'reuseProvider',
              output: IMPORTS + py`
                trace.set_tracer_provider(TracerProvider())
                provider = trace.get_tracer_provider()
                provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
              `,
            },
          ],
        },
      ],
    },
    {
      // through a local function called twice at import
      filename: join(projects, 'plain', 'tracing.py'),
      code: IMPORTS + py`
        def setup():
            trace.set_tracer_provider(TracerProvider())


        setup()
        setup()
      `,
      errors: [
        {
          messageId: 'overrideInRerunnable',
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: 'guardSetup',
              output: IMPORTS + py`
                def setup():
                    if isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
                        trace.set_tracer_provider(TracerProvider())


                setup()
                setup()
              `,
            },
          ],
        },
      ],
    },
    {
      // app factory
      filename: join(projects, 'plain', 'app.py'),
      code: IMPORTS + py`
        from flask import Flask


        def create_app():
            app = Flask(__name__)
            provider = TracerProvider()
            provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
            trace.set_tracer_provider(provider)
            return app
      `,
      errors: [
        {
          messageId: 'overrideInRerunnable',
          line: 12,
          column: 5,
          suggestions: [
            {
              messageId: 'guardSetup',
              output: IMPORTS + py`
                from flask import Flask


                def create_app():
                    app = Flask(__name__)
                    if isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
                        provider = TracerProvider()
                        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
                        trace.set_tracer_provider(provider)
                    return app
              `,
            },
          ],
        },
      ],
    },
    {
      // request handler, provider used after the setup: rebound to the provider already set
      filename: join(projects, 'plain', 'app.py'),
      code: IMPORTS + py`
        from flask import Flask

        app = Flask(__name__)


        @app.route("/work")
        def work():
            provider = TracerProvider()
            trace.set_tracer_provider(provider)
            tracer = provider.get_tracer(__name__)
            return "ok"
      `,
      errors: [
        {
          messageId: 'overrideInRerunnable',
          line: 13,
          column: 5,
          suggestions: [
            {
              messageId: 'guardSetup',
              output: IMPORTS + py`
                from flask import Flask

                app = Flask(__name__)


                @app.route("/work")
                def work():
                    provider = trace.get_tracer_provider()
                    if isinstance(provider, trace.ProxyTracerProvider):
                        provider = TracerProvider()
                        trace.set_tracer_provider(provider)
                    tracer = provider.get_tracer(__name__)
                    return "ok"
              `,
            },
          ],
        },
      ],
    },
    {
      // pytest fixture (function scope)
      filename: join(projects, 'plain', 'conftest.py'),
      code: py`
        import pytest
        from opentelemetry import trace
        from opentelemetry.sdk.trace import TracerProvider


        @pytest.fixture
        def tracer_provider():
            provider = TracerProvider()
            trace.set_tracer_provider(provider)
            yield provider
      `,
      errors: [
        {
          messageId: 'overrideInRerunnable',
          line: 9,
          column: 5,
          suggestions: [
            {
              messageId: 'guardSetup',
              output: py`
                import pytest
                from opentelemetry import trace
                from opentelemetry.sdk.trace import TracerProvider


                @pytest.fixture
                def tracer_provider():
                    provider = trace.get_tracer_provider()
                    if isinstance(provider, trace.ProxyTracerProvider):
                        provider = TracerProvider()
                        trace.set_tracer_provider(provider)
                    yield provider
              `,
            },
          ],
        },
      ],
    },
    {
      // a module imported by the app that opentelemetry-instrument starts (Dockerfile CMD)
      filename: join(projects, 'cli-gunicorn', 'tracing.py'),
      code: IMPORTS + py`
        provider = TracerProvider()
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
        trace.set_tracer_provider(provider)
      `,
      errors: [
        {
          messageId: 'overrideUnderCli',
          line: 7,
          column: 1,
          suggestions: [
            {
              messageId: 'reuseProvider',
              output: IMPORTS + py`
                provider = trace.get_tracer_provider()
                provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
              `,
            },
          ],
        },
      ],
    },
  ],
});
