import { join } from 'node:path';
import { createPythonRuleTester, py } from '../harness';
import rule from '../../../rules/python/no-preload-double-init';

const projects = join(__dirname, '..', '..', 'fixtures', 'python', 'projects');
const ruleTester = createPythonRuleTester();

/** The post_fork of the fork-process-model example (python-otel-facts §vii). */
const POST_FORK = py`
  from opentelemetry import trace
  from opentelemetry.sdk.trace import TracerProvider
  from opentelemetry.sdk.trace.export import BatchSpanProcessor
  from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter


  def post_fork(server, worker):
      server.log.info("Worker spawned (pid: %s)", worker.pid)
      trace.set_tracer_provider(TracerProvider())
      trace.get_tracer_provider().add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
`;

ruleTester.run('python/no-preload-double-init', rule as never, {
  valid: [
    // preload, but the app sets nothing up at import
    { filename: join(projects, 'preload-no-import-setup', 'gunicorn.conf.py'), code: `preload_app = True\nwsgi_app = "app:app"\n${POST_FORK}` },
    // setup at import, but no preload: the master never imports the app
    { filename: join(projects, 'preload', 'gunicorn.conf.py'), code: `wsgi_app = "app:app"\n${POST_FORK}` },
    // guarded post_fork
    { filename: join(projects, 'preload', 'gunicorn.conf.py'), code: py`
      from opentelemetry import trace
      from opentelemetry.sdk.trace import TracerProvider

      preload_app = True
      wsgi_app = "app:app"


      def post_fork(server, worker):
          if isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
              trace.set_tracer_provider(TracerProvider())
    ` },
  ],
  invalid: [
    {
      filename: join(projects, 'preload', 'gunicorn.conf.py'),
      code: `preload_app = True\nwsgi_app = "app:app"\n${POST_FORK}`,
      errors: [
        {
          messageId: 'setupAgainAfterPreload',
          line: 11,
          column: 5,
          suggestions: [
            {
              messageId: 'guardPostFork',
              output: `preload_app = True\nwsgi_app = "app:app"\n${py`
                from opentelemetry import trace
                from opentelemetry.sdk.trace import TracerProvider
                from opentelemetry.sdk.trace.export import BatchSpanProcessor
                from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter


                def post_fork(server, worker):
                    server.log.info("Worker spawned (pid: %s)", worker.pid)
                    if not isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
                        return  # already set up before the fork (preload_app)
                    trace.set_tracer_provider(TracerProvider())
                    trace.get_tracer_provider().add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
              `}`,
            },
          ],
        },
      ],
    },
    {
      // --preload on the Procfile command using this config; the app sets up through a project module
      filename: join(projects, 'preload-flag', 'gunicorn.conf.py'),
      code: POST_FORK,
      errors: [{ messageId: 'setupAgainAfterPreload', line: 9, column: 5, suggestions: [{ messageId: 'guardPostFork', output: POST_FORK.replace('    trace.set_tracer_provider(', '    if not isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):\n        return  # already set up before the fork (preload_app)\n    trace.set_tracer_provider(') }] }],
    },
  ],
});
