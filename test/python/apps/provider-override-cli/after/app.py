from flask import Flask, jsonify
from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

provider = trace.get_tracer_provider()

app = Flask(__name__)


@app.route("/orders/<int:order_id>")
def get_order(order_id):
    return jsonify(id=order_id, status="shipped")
