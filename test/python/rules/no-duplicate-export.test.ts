import { join } from 'node:path';
import { createPythonRuleTester, py } from '../harness';
import rule from '../../../rules/python/no-duplicate-export';

const projects = join(__dirname, '..', '..', 'fixtures', 'python', 'projects');
const ruleTester = createPythonRuleTester();

const IMPORTS = py`
  from opentelemetry import trace
  from opentelemetry.sdk.trace import TracerProvider
  from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor, ConsoleSpanExporter
  from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
`;

ruleTester.run('python/no-duplicate-export', rule as never, {
  valid: [
    // two exporters, one processor each
    { filename: join(projects, 'plain', 'tracing.py'), code: IMPORTS + py`
      provider = TracerProvider()
      provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
      provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter()))
      trace.set_tracer_provider(provider)
    ` },
    // the same exporter in exclusive branches
    { filename: join(projects, 'plain', 'tracing.py'), code: IMPORTS + py`
      import os
      exporter = OTLPSpanExporter()
      provider = TracerProvider()
      if os.environ.get("DEV"):
          provider.add_span_processor(SimpleSpanProcessor(exporter))
      else:
          provider.add_span_processor(BatchSpanProcessor(exporter))
    ` },
    // the global provider without opentelemetry-instrument
    { filename: join(projects, 'plain', 'tracing.py'), code: IMPORTS + py`
      trace.get_tracer_provider().add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    ` },
    // under the CLI, a console exporter added to its provider is not a second OTLP export
    { filename: join(projects, 'cli-gunicorn', 'tracing.py'), code: IMPORTS + py`
      trace.get_tracer_provider().add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter()))
    ` },
  ],
  invalid: [
    {
      filename: join(projects, 'plain', 'tracing.py'),
      code: IMPORTS + py`
        exporter = OTLPSpanExporter()
        provider = TracerProvider()
        provider.add_span_processor(BatchSpanProcessor(exporter))
        provider.add_span_processor(SimpleSpanProcessor(exporter))
        trace.set_tracer_provider(provider)
      `,
      errors: [
        {
          messageId: 'exporterInTwoProcessors',
          line: 8,
          column: 1,
          suggestions: [
            {
              messageId: 'removeProcessor',
              output: IMPORTS + py`
                exporter = OTLPSpanExporter()
                provider = TracerProvider()
                provider.add_span_processor(BatchSpanProcessor(exporter))
                trace.set_tracer_provider(provider)
              `,
            },
          ],
        },
      ],
    },
    {
      // one exporter reached through two names
      filename: join(projects, 'plain', 'tracing.py'),
      code: IMPORTS + py`
        exporter = OTLPSpanExporter()
        same = exporter
        provider = TracerProvider()
        provider.add_span_processor(BatchSpanProcessor(exporter))
        provider.add_span_processor(BatchSpanProcessor(span_exporter=same))
      `,
      errors: [{ messageId: 'exporterInTwoProcessors', line: 9, column: 1, suggestions: [{ messageId: 'removeProcessor', output: IMPORTS + py`
        exporter = OTLPSpanExporter()
        same = exporter
        provider = TracerProvider()
        provider.add_span_processor(BatchSpanProcessor(exporter))
      ` }] }],
    },
    {
      // opentelemetry-python#3275: the CLI already exports through OTLP
      filename: join(projects, 'cli-gunicorn', 'tracing.py'),
      code: IMPORTS + py`
        trace.get_tracer_provider().add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
      `,
      errors: [{ messageId: 'exportedTwiceUnderCli', line: 5, column: 1, suggestions: [{ messageId: 'removeProcessor', output: IMPORTS }] }],
    },
  ],
});
