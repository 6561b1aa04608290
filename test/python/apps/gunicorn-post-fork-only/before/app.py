from flask import Flask, jsonify
from opentelemetry.instrumentation.flask import FlaskInstrumentor

app = Flask(__name__)
FlaskInstrumentor().instrument_app(app)


@app.route("/orders/<int:order_id>")
def get_order(order_id):
    return jsonify(id=order_id, status="shipped")
