from flask import Flask, jsonify
from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.flask import FlaskInstrumentor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

# Set a provider first so that module-level tracers are never no-ops.
trace.set_tracer_provider(TracerProvider())
tracer = trace.get_tracer(__name__)

app = Flask(__name__)


@app.route("/orders/<int:order_id>")
def get_order(order_id):
    with tracer.start_as_current_span("load-order"):
        order = {"id": order_id, "status": "shipped"}
    return jsonify(order)


# Export to the collector
provider = TracerProvider(resource=Resource.create({"service.name": "orders"}))
provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
trace.set_tracer_provider(provider)

FlaskInstrumentor().instrument_app(app)
