import os

from flask import Flask, jsonify
from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.flask import FlaskInstrumentor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from werkzeug.serving import is_running_from_reloader

app = Flask(__name__)


def setup_tracing():
    provider = TracerProvider(resource=Resource.create({"service.name": "orders"}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    FlaskInstrumentor().instrument_app(app)


@app.route("/orders/<int:order_id>")
def get_order(order_id):
    return jsonify(id=order_id, status="shipped")


if __name__ == "__main__":
    debug = os.environ.get("APP_DEBUG", "1") == "1"
    # Set up tracing once, not again in the reloader's parent process
    if is_running_from_reloader() or not debug:
        setup_tracing()
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")), debug=debug)
