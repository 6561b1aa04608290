from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.flask import FlaskInstrumentor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

provider = TracerProvider(resource=Resource.create({"service.name": "orders"}))
provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
trace.set_tracer_provider(provider)
FlaskInstrumentor().instrument()

import flask  # noqa: E402  (after instrument(), so flask.Flask is the instrumented class)


def create_app():
    FlaskInstrumentor().instrument()
    app = flask.Flask(__name__)

    @app.route("/orders/<int:order_id>")
    def get_order(order_id):
        return flask.jsonify(id=order_id, status="shipped")

    return app


app = create_app()
