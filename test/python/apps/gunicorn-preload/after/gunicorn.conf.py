import os

from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = 1
preload_app = True


def post_fork(server, worker):
    server.log.info("Worker spawned (pid: %s)", worker.pid)

    if not isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
        return  # already set up before the fork (preload_app)
    resource = Resource.create(attributes={"service.name": "orders"})
    trace.set_tracer_provider(TracerProvider(resource=resource))
    span_processor = BatchSpanProcessor(OTLPSpanExporter())
    trace.get_tracer_provider().add_span_processor(span_processor)
