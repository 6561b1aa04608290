"""A local OTLP/HTTP receiver for the runtime proofs: decodes real protobuf exports, keeps the spans.

Python, not Node: it decodes with opentelemetry-proto, the very package the OTLP/HTTP exporter
under test installs into the same venv, so the wire format is checked by OpenTelemetry's own
generated classes instead of a second protobuf schema kept by hand.

    python otlp_receiver.py       prints {"port": N} once listening on 127.0.0.1 (a free port)

  POST <prefix>/v1/traces   decode an ExportTraceServiceRequest (gzip or not), keep its spans
  POST <prefix>/v1/metrics, <prefix>/v1/logs   accepted and dropped
  GET  /spans               every span so far as JSON: prefix, name, kind, attributes, resource, scope
  POST /reset               forget them

The <prefix> is whatever precedes /v1/…: a test gives each run (or each endpoint) its own
prefix, e.g. OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:N/run-3, to count that run alone.
"""

import gzip
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from opentelemetry.proto.trace.v1.trace_pb2 import Span

SPANS = []
LOCK = threading.Lock()


def any_value(value):
    kind = value.WhichOneof("value")
    if kind == "array_value":
        return [any_value(v) for v in value.array_value.values]
    if kind == "kvlist_value":
        return {kv.key: any_value(kv.value) for kv in value.kvlist_value.values}
    if kind == "bytes_value":
        return value.bytes_value.hex()
    return getattr(value, kind) if kind else None


def attributes(key_values):
    return {kv.key: any_value(kv.value) for kv in key_values}


def decode_traces(prefix, body):
    request = ExportTraceServiceRequest.FromString(body)
    spans = []
    for resource_spans in request.resource_spans:
        resource = attributes(resource_spans.resource.attributes)
        for scope_spans in resource_spans.scope_spans:
            for span in scope_spans.spans:
                spans.append(
                    {
                        "prefix": prefix,
                        "name": span.name,
                        "kind": Span.SpanKind.Name(span.kind),
                        "traceId": span.trace_id.hex(),
                        "spanId": span.span_id.hex(),
                        "attributes": attributes(span.attributes),
                        "resource": resource,
                        "scope": scope_spans.scope.name,
                    }
                )
    return spans


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        path = self.path.split("?", 1)[0]
        if path == "/reset":
            with LOCK:
                SPANS.clear()
            return self.reply(200, "application/json", b"{}")
        signal = path.rsplit("/v1/", 1)
        if len(signal) != 2 or signal[1] not in ("traces", "metrics", "logs"):
            return self.reply(404, "text/plain", b"not an OTLP path")
        if signal[1] == "traces":
            if self.headers.get("Content-Type", "").split(";")[0] != "application/x-protobuf":
                return self.reply(415, "text/plain", b"only OTLP protobuf is decoded here")
            spans = decode_traces(signal[0], body)
            with LOCK:
                SPANS.extend(spans)
            return self.reply(200, "application/x-protobuf", ExportTraceServiceResponse().SerializeToString())
        return self.reply(200, "application/x-protobuf", b"")

    def do_GET(self):
        if self.path != "/spans":
            return self.reply(404, "text/plain", b"")
        with LOCK:
            payload = json.dumps(SPANS).encode()
        return self.reply(200, "application/json", payload)

    def reply(self, status, content_type, payload):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):  # the exporters' posts would drown the test output
        pass


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(json.dumps({"port": server.server_address[1]}), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
