from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/orders/<int:order_id>")
def get_order(order_id):
    return jsonify(id=order_id, status="shipped")
