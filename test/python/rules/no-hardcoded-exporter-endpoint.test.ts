import { createPythonRuleTester, py } from '../harness';
import rule from '../../../rules/python/no-hardcoded-exporter-endpoint';

const ruleTester = createPythonRuleTester();

ruleTester.run('python/no-hardcoded-exporter-endpoint', rule as never, {
  valid: [
    { filename: 'tracing.py', code: py`
      from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
      exporter = OTLPSpanExporter()
    ` },
    // env-first already
    { filename: 'tracing.py', code: py`
      import os
      from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
      exporter = OTLPSpanExporter(endpoint=os.getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://localhost:4317"))
    ` },
    // an f-string reading the environment is not a literal
    { filename: 'tracing.py', code: py`
      import os
      from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
      exporter = OTLPSpanExporter(endpoint=f"{os.environ['COLLECTOR']}/v1/traces")
    ` },
    // headers read from the environment, and a non-credential literal header
    { filename: 'tracing.py', code: py`
      import os
      from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
      exporter = OTLPSpanExporter(headers={"Authorization": os.environ["TOKEN"], "x-tenant": "shop"})
    ` },
    // an empty vendor credential is not a credential
    { filename: 'tracing.py', code: py`
      import uptrace
      from opentelemetry import trace
      uptrace.configure_opentelemetry(dsn="", service_name="shop")
    ` },
    // not an exporter of the table
    { filename: 'client.py', code: py`
      from opentelemetry import trace
      requests.post(endpoint="http://collector:4318/v1/traces")
    ` },
  ],
  invalid: [
    {
      filename: 'tracing.py',
      code: py`
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        exporter = OTLPSpanExporter(endpoint="http://collector:4318/v1/traces")
      `,
      errors: [
        {
          messageId: 'hardcodedEndpoint',
          line: 2,
          column: 38,
          suggestions: [
            {
              messageId: 'readEnvFirst',
              output: py`
                from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
                import os
                exporter = OTLPSpanExporter(endpoint=None if os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") else "http://collector:4318/v1/traces")
              `,
            },
          ],
        },
      ],
    },
    {
      // positional endpoint, single quotes, gRPC, module attribute access
      filename: 'tracing.py',
      code: py`
        import os
        import opentelemetry.exporter.otlp.proto.grpc.trace_exporter as grpc_exporter
        exporter = grpc_exporter.OTLPSpanExporter('collector:4317')
      `,
      errors: [
        {
          messageId: 'hardcodedEndpoint',
          line: 3,
          column: 43,
          suggestions: [
            {
              messageId: 'readEnvFirst',
              output: py`
                import os
                import opentelemetry.exporter.otlp.proto.grpc.trace_exporter as grpc_exporter
                exporter = grpc_exporter.OTLPSpanExporter(None if os.environ.get('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') or os.environ.get('OTEL_EXPORTER_OTLP_ENDPOINT') else 'collector:4317')
              `,
            },
          ],
        },
      ],
    },
    {
      // the deprecated Jaeger exporter: agent_host_name is read from OTEL_EXPORTER_JAEGER_AGENT_HOST only when omitted
      filename: 'tracing.py',
      code: py`
        import os
        from opentelemetry.exporter.jaeger.thrift import JaegerExporter
        exporter = JaegerExporter(agent_host_name="jaeger", agent_port=6831)
      `,
      errors: [
        {
          messageId: 'hardcodedEndpoint',
          line: 3,
          column: 43,
          suggestions: [
            {
              messageId: 'readEnvFirst',
              output: py`
                import os
                from opentelemetry.exporter.jaeger.thrift import JaegerExporter
                exporter = JaegerExporter(agent_host_name=None if os.environ.get("OTEL_EXPORTER_JAEGER_AGENT_HOST") else "jaeger", agent_port=6831)
              `,
            },
          ],
        },
      ],
    },
    {
      // an f-string of a name bound once to a literal is fixed in the code too
      filename: 'tracing.py',
      code: py`
        import os
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        COLLECTOR = "http://collector:4318"
        exporter = OTLPSpanExporter(endpoint=f"{COLLECTOR}/v1/traces")
      `,
      errors: [
        {
          messageId: 'hardcodedEndpoint',
          line: 4,
          column: 38,
          suggestions: [
            {
              messageId: 'readEnvFirst',
              output: py`
                import os
                from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
                COLLECTOR = "http://collector:4318"
                exporter = OTLPSpanExporter(endpoint=None if os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") else f"{COLLECTOR}/v1/traces")
              `,
            },
          ],
        },
      ],
    },
    {
      filename: 'tracing.py',
      code: py`
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        exporter = OTLPSpanExporter(headers={"x-honeycomb-team": "abc123"})
      `,
      errors: [{ messageId: 'hardcodedCredential', line: 2, column: 58, suggestions: [] }],
    },
    {
      filename: 'tracing.py',
      code: py`
        from azure.monitor.opentelemetry import configure_azure_monitor
        configure_azure_monitor(connection_string="InstrumentationKey=00000000-0000-0000-0000-000000000000")
      `,
      errors: [{ messageId: 'hardcodedCredential', line: 2, column: 43, suggestions: [] }],
    },
  ],
});
