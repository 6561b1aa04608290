// The Python recognition table, as data (SPEC §3, §6b): which module exports what, of which
// kind, and the facts the checks need about each (python-otel-facts.md; the exporters'
// environment variables were read in the 1.45 wheels). Beside it, the runners and their
// flags, the Gunicorn hooks and the version that changed the reloader behaviour. Users
// extend it through `settings['otel-safe'].registrars` entries with `language: 'python'`.
import type { OtelSafeSettings } from '../core/settings';
import type { RegistrarSetting } from '../otel/types';

export type PySignal = 'traces' | 'metrics' | 'logs';

/** Where an exporter reads its endpoint when the argument is omitted (or `None`). */
export interface PyEnvEndpoint {
  /** Signal-specific variable, used as-is. */
  readonly signal: string;
  /** Generic variable; HTTP exporters append `path` to it. */
  readonly generic: string;
  readonly path?: string;
  readonly default: string;
}

export interface PyEndpointArg {
  readonly arg: string;
  readonly position: number;
  readonly env: PyEnvEndpoint;
}

export type PyExportSpec =
  /** `trace.set_tracer_provider`: first wins; a second call is ignored with "Overriding of current … is not allowed". */
  | { readonly kind: 'set-provider'; readonly signal: PySignal }
  /** `trace.get_tracer_provider`: the global provider (a proxy until one is set). */
  | { readonly kind: 'get-provider'; readonly signal: PySignal }
  /** `trace.ProxyTracerProvider`: what `get_tracer_provider()` returns while none is set (public, not in `__all__`). */
  | { readonly kind: 'proxy-provider'; readonly signal: PySignal }
  /** An SDK provider class (`TracerProvider`); processors attach with `add_span_processor`. */
  | { readonly kind: 'provider'; readonly signal: PySignal }
  /** A processor (or metric reader) that hands records to the exporter it is built with. */
  | { readonly kind: 'processor'; readonly signal: PySignal; readonly batching: boolean }
  | {
      readonly kind: 'exporter';
      readonly signal: PySignal;
      readonly protocol: 'otlp-http' | 'otlp-grpc' | 'zipkin' | 'jaeger' | 'console';
      /** Arguments naming where it sends (keyword, and position), each read from the environment when omitted or None. */
      readonly endpoints?: readonly PyEndpointArg[];
      /** Keyword arguments that carry credentials. */
      readonly credentialArgs?: readonly string[];
    }
  /** A `BaseInstrumentor` subclass: a process-wide singleton; `instrument()` twice only warns. */
  | {
      readonly kind: 'instrumentor';
      /** The framework class `instrument()` replaces on its module; an app built from an earlier reference is never instrumented. */
      readonly patches?: { readonly module: string; readonly name: string };
      /** The static method instrumenting one app. */
      readonly appMethod?: string;
    }
  /** `auto_instrumentation.initialize()` / importing `sitecustomize`: what `opentelemetry-instrument` runs in-process. */
  | { readonly kind: 'auto-initialize' }
  /** A function that builds and sets providers (a vendor distro, a registrar). */
  | { readonly kind: 'configure'; readonly vendor?: string; readonly credentialArgs?: readonly string[] }
  /** A web framework's application class. */
  | { readonly kind: 'web-app'; readonly framework: WebFramework }
  /** `werkzeug.serving.is_running_from_reloader`: true in the reloader's child. */
  | { readonly kind: 'reloader-check' }
  /** `werkzeug.serving.run_simple(host, port, app, use_reloader=...)`. */
  | { readonly kind: 'run-simple' }
  /** `uvicorn.run(app, reload=..., workers=...)`. */
  | { readonly kind: 'uvicorn-run' };

export type PyExportKind = PyExportSpec['kind'];
export type WebFramework = 'flask' | 'fastapi';

const OTLP_HEADERS = ['headers'];

function otlpHttp(signal: PySignal, path: string): PyExportSpec {
  const upper = signal.toUpperCase();
  return {
    kind: 'exporter',
    signal,
    protocol: 'otlp-http',
    endpoints: [{ arg: 'endpoint', position: 0, env: { signal: `OTEL_EXPORTER_OTLP_${upper}_ENDPOINT`, generic: 'OTEL_EXPORTER_OTLP_ENDPOINT', path, default: `http://localhost:4318/${path}` } }],
    credentialArgs: OTLP_HEADERS,
  };
}

function otlpGrpc(signal: PySignal): PyExportSpec {
  const upper = signal.toUpperCase();
  return {
    kind: 'exporter',
    signal,
    protocol: 'otlp-grpc',
    endpoints: [{ arg: 'endpoint', position: 0, env: { signal: `OTEL_EXPORTER_OTLP_${upper}_ENDPOINT`, generic: 'OTEL_EXPORTER_OTLP_ENDPOINT', default: 'http://localhost:4317' } }],
    credentialArgs: OTLP_HEADERS,
  };
}

const jaeger: PyExportSpec = {
  kind: 'exporter',
  signal: 'traces',
  protocol: 'jaeger',
  endpoints: [
    { arg: 'agent_host_name', position: 0, env: { signal: 'OTEL_EXPORTER_JAEGER_AGENT_HOST', generic: 'OTEL_EXPORTER_JAEGER_AGENT_HOST', default: 'localhost' } },
    { arg: 'collector_endpoint', position: 2, env: { signal: 'OTEL_EXPORTER_JAEGER_ENDPOINT', generic: 'OTEL_EXPORTER_JAEGER_ENDPOINT', default: '' } },
  ],
  credentialArgs: ['password'],
};

const console_ = (signal: PySignal): PyExportSpec => ({ kind: 'exporter', signal, protocol: 'console' });

/** Modules by dotted name, and what they export. */
export const PY_MODULES: Readonly<Record<string, Readonly<Record<string, PyExportSpec>>>> = {
  'opentelemetry.trace': {
    set_tracer_provider: { kind: 'set-provider', signal: 'traces' },
    get_tracer_provider: { kind: 'get-provider', signal: 'traces' },
    ProxyTracerProvider: { kind: 'proxy-provider', signal: 'traces' },
  },
  'opentelemetry.metrics': {
    set_meter_provider: { kind: 'set-provider', signal: 'metrics' },
    get_meter_provider: { kind: 'get-provider', signal: 'metrics' },
  },
  'opentelemetry._logs': {
    set_logger_provider: { kind: 'set-provider', signal: 'logs' },
    get_logger_provider: { kind: 'get-provider', signal: 'logs' },
  },
  'opentelemetry.sdk.trace': { TracerProvider: { kind: 'provider', signal: 'traces' } },
  'opentelemetry.sdk.metrics': { MeterProvider: { kind: 'provider', signal: 'metrics' } },
  'opentelemetry.sdk._logs': { LoggerProvider: { kind: 'provider', signal: 'logs' } },
  'opentelemetry.sdk.trace.export': {
    BatchSpanProcessor: { kind: 'processor', signal: 'traces', batching: true },
    SimpleSpanProcessor: { kind: 'processor', signal: 'traces', batching: false },
    ConsoleSpanExporter: console_('traces'),
  },
  'opentelemetry.sdk.metrics.export': {
    PeriodicExportingMetricReader: { kind: 'processor', signal: 'metrics', batching: true },
    ConsoleMetricExporter: console_('metrics'),
  },
  'opentelemetry.sdk._logs.export': {
    BatchLogRecordProcessor: { kind: 'processor', signal: 'logs', batching: true },
    SimpleLogRecordProcessor: { kind: 'processor', signal: 'logs', batching: false },
    ConsoleLogExporter: console_('logs'),
    ConsoleLogRecordExporter: console_('logs'),
  },
  'opentelemetry.exporter.otlp.proto.http.trace_exporter': { OTLPSpanExporter: otlpHttp('traces', 'v1/traces') },
  'opentelemetry.exporter.otlp.proto.http.metric_exporter': { OTLPMetricExporter: otlpHttp('metrics', 'v1/metrics') },
  'opentelemetry.exporter.otlp.proto.http._log_exporter': { OTLPLogExporter: otlpHttp('logs', 'v1/logs') },
  'opentelemetry.exporter.otlp.proto.grpc.trace_exporter': { OTLPSpanExporter: otlpGrpc('traces') },
  'opentelemetry.exporter.otlp.proto.grpc.metric_exporter': { OTLPMetricExporter: otlpGrpc('metrics') },
  'opentelemetry.exporter.otlp.proto.grpc._log_exporter': { OTLPLogExporter: otlpGrpc('logs') },
  'opentelemetry.exporter.zipkin.json': {
    ZipkinExporter: {
      kind: 'exporter',
      signal: 'traces',
      protocol: 'zipkin',
      endpoints: [{ arg: 'endpoint', position: 0, env: { signal: 'OTEL_EXPORTER_ZIPKIN_ENDPOINT', generic: 'OTEL_EXPORTER_ZIPKIN_ENDPOINT', default: 'http://localhost:9411/api/v2/spans' } }],
    },
  },
  // deprecated (last release 1.21), still common: `agent_host_name or env`, `collector_endpoint or env` (read in the 1.21 wheel)
  'opentelemetry.exporter.jaeger.thrift': { JaegerExporter: jaeger },
  'opentelemetry.exporter.jaeger.proto.grpc': {
    JaegerExporter: { kind: 'exporter', signal: 'traces', protocol: 'jaeger', endpoints: [{ arg: 'collector_endpoint', position: 0, env: { signal: 'OTEL_EXPORTER_JAEGER_ENDPOINT', generic: 'OTEL_EXPORTER_JAEGER_ENDPOINT', default: 'localhost:14250' } }] },
  },
  'opentelemetry.instrumentation.flask': {
    FlaskInstrumentor: { kind: 'instrumentor', patches: { module: 'flask', name: 'Flask' }, appMethod: 'instrument_app' },
  },
  // fastapi's _instrument() replaces `fastapi.FastAPI` the same way (read in the 0.66b2 wheel)
  'opentelemetry.instrumentation.fastapi': {
    FastAPIInstrumentor: { kind: 'instrumentor', patches: { module: 'fastapi', name: 'FastAPI' }, appMethod: 'instrument_app' },
  },
  'opentelemetry.instrumentation.auto_instrumentation': { initialize: { kind: 'auto-initialize' } },
  'azure.monitor.opentelemetry': { configure_azure_monitor: { kind: 'configure', vendor: 'Azure Monitor', credentialArgs: ['connection_string'] } },
  // vendor distributions whose configure call builds and sets the providers
  uptrace: { configure_opentelemetry: { kind: 'configure', vendor: 'Uptrace' } },
  'honeycomb.opentelemetry': { configure_opentelemetry: { kind: 'configure', vendor: 'Honeycomb' } },
  logfire: { configure: { kind: 'configure', vendor: 'Logfire', credentialArgs: ['token'] } },
  flask: { Flask: { kind: 'web-app', framework: 'flask' } },
  fastapi: { FastAPI: { kind: 'web-app', framework: 'fastapi' } },
  'werkzeug.serving': { is_running_from_reloader: { kind: 'reloader-check' }, run_simple: { kind: 'run-simple' } },
  werkzeug: { run_simple: { kind: 'run-simple' } },
  uvicorn: { run: { kind: 'uvicorn-run' } },
};

/**
 * Instrumentor classes follow one naming rule (`opentelemetry.instrumentation.<name>` exports
 * `<Name>Instrumentor`), so the ones not listed above are recognised by it.
 */
export const INSTRUMENTATION_PACKAGE_PREFIX = 'opentelemetry.instrumentation.';

/** Importing this module runs `initialize()` (what the CLI's PYTHONPATH entry does). */
export const SITECUSTOMIZE_MODULE = 'opentelemetry.instrumentation.auto_instrumentation.sitecustomize';

/** The CLI that wraps a process in auto-instrumentation. */
export const AUTO_INSTRUMENT_COMMAND = 'opentelemetry-instrument';

/** The opentelemetry-instrumentation release from which reloader/worker children are instrumented again (contrib #4469). */
export const RELOADER_FIXED_IN = '0.63b0';
export const INSTRUMENTATION_PACKAGE = 'opentelemetry-instrumentation';
/** The opentelemetry-sdk release from which the CLI's configurator always sets a LoggerProvider. */
export const LOGGER_PROVIDER_SET_BY_CLI_FROM = '1.30.0';
/** Packages besides `opentelemetry-instrumentation-*` that pin opentelemetry-instrumentation to their own version. */
export const INSTRUMENTATION_VERSION_PEERS: readonly string[] = ['opentelemetry-distro'];

/** Gunicorn server hooks, and how often each runs in one process. */
export const GUNICORN_HOOKS: Readonly<Record<string, 'once-per-process' | 'repeatedly'>> = {
  on_starting: 'once-per-process',
  when_ready: 'once-per-process',
  post_fork: 'once-per-process',
  post_worker_init: 'once-per-process',
  child_exit: 'repeatedly',
  pre_fork: 'repeatedly', // in the master, before every worker it forks
  pre_request: 'repeatedly',
  post_request: 'repeatedly',
  on_reload: 'repeatedly',
};

/** Decorators (attribute names) that register a request handler on an app, blueprint or router. */
export const ROUTE_DECORATORS: ReadonlySet<string> = new Set([
  'route', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'api_route', 'websocket',
  'before_request', 'after_request', 'before_app_request', 'teardown_request', 'errorhandler', 'middleware',
]);

/** The call building a web app, by framework: the class and the module it lives in. */
export const WEB_APP_CLASSES: Readonly<Record<WebFramework, { readonly module: string; readonly name: string }>> = {
  flask: { module: 'flask', name: 'Flask' },
  fastapi: { module: 'fastapi', name: 'FastAPI' },
};

/**
 * What the text gate looks for: every OpenTelemetry module of the table names `opentelemetry`;
 * a file holding a Flask/FastAPI app, a Werkzeug or uvicorn server, or Django's `manage.py` may be
 * started by `opentelemetry-instrument` without importing anything of OpenTelemetry
 * (python/no-reloader-auto-instrumentation).
 */
const GATE = /opentelemetry|\b(?:Flask|run_simple|FastAPI|uvicorn|execute_from_command_line)\b/;

export interface PyTable {
  /** What `name` of module `module` is, or undefined. */
  exportOf(module: string, name: string): PyExportSpec | undefined;
  /** True when `module` is a module of the table or a package above one (`opentelemetry.sdk`). */
  isModulePath(module: string): boolean;
}

const pathsOf = (modules: Iterable<string>): Set<string> => {
  const out = new Set<string>();
  for (const m of modules) {
    const parts = m.split('.');
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('.'));
  }
  return out;
};

const BASE_PATHS = pathsOf(Object.keys(PY_MODULES));
const tableCache = new WeakMap<readonly RegistrarSetting[], PyTable>();
const baseTable = makeTable([]);

/** Registrars a user declared for Python (`language: 'python'`); the others are JavaScript's. */
export function pythonRegistrars(settings: OtelSafeSettings | undefined): readonly PyRegistrar[] {
  return (settings?.registrars ?? []).filter((r): r is PyRegistrar => (r as PyRegistrar).language === 'python');
}

/** A registrar entry for Python: `sdk-start` functions configure telemetry, `provider-class` classes are providers. */
export type PyRegistrar = RegistrarSetting & { readonly language: 'python' };

/** The table with the user's Python registrars merged in (memoized per registrars array). */
export function getPyTable(settings: OtelSafeSettings | undefined): PyTable {
  const regs = settings?.registrars;
  if (!regs || regs.length === 0) return baseTable;
  let t = tableCache.get(regs);
  if (!t) tableCache.set(regs, (t = makeTable(pythonRegistrars(settings))));
  return t;
}

function makeTable(registrars: readonly PyRegistrar[]): PyTable {
  const extra = new Map<string, Record<string, PyExportSpec>>();
  for (const r of registrars) {
    const spec: PyExportSpec = r.kind === 'provider-class' ? { kind: 'provider', signal: 'traces' } : { kind: 'configure', vendor: r.module };
    extra.set(r.module, { ...extra.get(r.module), [r.export]: spec });
  }
  const paths = extra.size === 0 ? BASE_PATHS : new Set([...BASE_PATHS, ...pathsOf(extra.keys())]);
  return {
    exportOf(module, name) {
      const own = extra.get(module)?.[name] ?? PY_MODULES[module]?.[name];
      if (own) return own;
      if (module.startsWith(INSTRUMENTATION_PACKAGE_PREFIX) && /^[A-Z]\w*Instrumentor$/.test(name)) return { kind: 'instrumentor' };
      return undefined;
    },
    isModulePath(module) {
      return paths.has(module) || module.startsWith(INSTRUMENTATION_PACKAGE_PREFIX);
    },
  };
}

/** Counts the text gate's work (the fast-path test). */
export const gateStats = { textChecks: 0 };

/**
 * The fast path: a file can have findings only when it names an OpenTelemetry module, a Flask
 * or Werkzeug server (see GATE), or a configured Python registrar's module. One scan of the text.
 */
export function mayHaveFindings(text: string, settings: OtelSafeSettings | undefined): boolean {
  gateStats.textChecks++;
  if (GATE.test(text)) return true;
  for (const r of pythonRegistrars(settings)) if (text.includes(r.module)) return true;
  return false;
}
