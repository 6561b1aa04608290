"""Test-only probe: records which OpenTelemetry setup ran in which process.

Put this folder on PYTHONPATH and name a file in OTEL_SAFE_PROBE_FILE; every Python process
started with that environment (a reloader child, a Gunicorn worker) appends one JSON line per
event: a TracerProvider built, a span processor added, set_tracer_provider accepted or ignored,
an OTLP span exporter built, a batch it exported. The receiver counts what arrives; the probe
says which process and which provider/exporter did the work, e.g. a reloader parent that set
up tracing and served nothing, or a second provider whose exporter never exported.

Not usable under `opentelemetry-instrument`, which puts its own sitecustomize first on the path.
"""

import json
import os

_PATH = os.environ.get("OTEL_SAFE_PROBE_FILE")


def _record(event, **data):
    line = json.dumps({"pid": os.getpid(), "event": event, **data}) + "\n"
    with open(_PATH, "a", encoding="utf-8") as probe_file:  # one short append per line: atomic
        probe_file.write(line)


def _install():
    import opentelemetry.trace as trace_api
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.trace import TracerProvider

    # set_tracer_provider() and the SDK configurator both go through this module global.
    set_once = trace_api._set_tracer_provider

    def _set_tracer_provider(tracer_provider, log):
        set_once(tracer_provider, log)
        accepted = trace_api._TRACER_PROVIDER is tracer_provider
        _record("set_tracer_provider", provider=id(tracer_provider), accepted=accepted)

    trace_api._set_tracer_provider = _set_tracer_provider

    provider_init = TracerProvider.__init__
    add_span_processor = TracerProvider.add_span_processor

    def __init__(self, *args, **kwargs):
        provider_init(self, *args, **kwargs)
        _record("tracer_provider", provider=id(self))

    def _add_span_processor(self, span_processor):
        add_span_processor(self, span_processor)
        _record("span_processor", provider=id(self), processor=type(span_processor).__name__)

    TracerProvider.__init__ = __init__
    TracerProvider.add_span_processor = _add_span_processor

    exporter_init = OTLPSpanExporter.__init__
    export = OTLPSpanExporter.export

    def _exporter_init(self, *args, **kwargs):
        exporter_init(self, *args, **kwargs)
        _record("exporter", exporter=id(self))

    def _export(self, spans, *args, **kwargs):
        _record("export", exporter=id(self), spans=len(spans))
        return export(self, spans, *args, **kwargs)

    OTLPSpanExporter.__init__ = _exporter_init
    OTLPSpanExporter.export = _export


if _PATH:
    _install()
