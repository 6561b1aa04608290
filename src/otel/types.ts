/** SDK generation: 0 = pre-1.0 (`@opentelemetry/tracing`, `/node`, `/web`), then 1.x, 2.x, 3.x. */
export type Generation = 0 | 1 | 2 | 3;

/**
 * A process-global slot of the OpenTelemetry API registry (first-wins), plus
 * `instrumentations` for module patching, which is also process-wide, and
 * `vendor:<name>` for vendor singletons that refuse or clobber a second init.
 */
export type GlobalSlot =
  | 'trace'
  | 'context'
  | 'propagation'
  | 'metrics'
  | 'logs'
  | 'instrumentations'
  | `vendor:${string}`;

/** The API, SDK and vendor globals that a full SDK start installs. */
export const SDK_GLOBALS: readonly GlobalSlot[] = ['trace', 'context', 'propagation'];

/** How a call option switches a vendor's OpenTelemetry setup off (for example Sentry's `skipOpenTelemetrySetup: true`). */
export interface OptOut {
  /** Option property name on the first argument. */
  readonly option: string;
  /** The literal value that disables the registration. */
  readonly value: boolean;
}

/**
 * How an SDK batches spans without an explicit processor (otel-api-surface.md §2.3):
 * `always`, or only when a `traceExporter` option is given; the listed options opt out
 * (`unlessOptions`: present; `unlessTrue`: literally `true`; `unlessFalse`: literally `false`),
 * and the SDK then exports each span as it ends (a simple processor).
 */
export interface ImplicitBatching {
  readonly when: 'always' | 'traceExporter';
  readonly unlessOptions?: readonly string[];
  readonly unlessTrue?: readonly string[];
  readonly unlessFalse?: readonly string[];
}

/** A vendor option that says where telemetry goes, or carries the key it is sent with. */
export interface VendorOption {
  /** Where it sits in the options argument: `collectorUrl`, `exporter.url`, `azureMonitorExporterOptions.connectionString`. */
  readonly path: string;
  /** `endpoint`; `credential` (a secret key); `connection` (an endpoint and a secret in one: a connection string, a DSN). */
  readonly carries: 'endpoint' | 'credential' | 'connection';
  /** The environment variable the vendor reads when the option is omitted; '' when it reads none (the option is the only way to set it). */
  readonly env: string;
  /** The first release of the package that reads `env` (older ones read none, or another name): absent when every release does. */
  readonly since?: string;
  /** Another option of the same address (Jaeger's `port` of `host`): not reported again when that one is. */
  readonly partOf?: string;
  /** An option that, when given, takes the export over so this address sends no telemetry (Traceloop's `exporter`). */
  readonly unlessOption?: string;
}

/** The endpoint and credential options of a vendor export (no-hardcoded-exporter-endpoint reads them). */
export interface VendorOptions {
  /** Index of the options argument (`instrument(handler, config)`: 1); 0 when absent. */
  readonly argument?: number;
  readonly options: readonly VendorOption[];
  /** Paths of header objects, judged like an exporter's `headers` (`exporter.headers`). */
  readonly headers?: readonly string[];
}

/** An SDK that installs its own SIGTERM/beforeExit handlers, unless an option says otherwise. */
export interface OwnShutdownHandlers {
  readonly unless?: OptOut;
}

/** A method of an API object (`trace.setGlobalTracerProvider`). */
export interface ApiMethodSpec {
  /** Globals the call installs (first-wins). */
  readonly registers?: readonly GlobalSlot[];
  /** Globals the call removes (`trace.disable()`). */
  readonly disables?: readonly GlobalSlot[];
}

export type ExportSpec =
  /** An object of the API whose methods install or remove globals (`trace`, `context`, ...). */
  | { readonly kind: 'api-object'; readonly methods: Readonly<Record<string, ApiMethodSpec>> }
  /** A tracer provider class; `register` lists the globals `provider.register()` installs, absent when the class has no `register()`. */
  | {
      readonly kind: 'provider';
      readonly register?: readonly GlobalSlot[];
      readonly registerGens?: readonly Generation[];
      readonly platform: Platform;
    }
  /** An SDK class whose instances register everything on `.start()` (NodeSDK, vendor subclasses). */
  | {
      readonly kind: 'sdk';
      readonly start: readonly GlobalSlot[];
      /** Options that make `start()` register more globals (NodeSDK's `metricReader`: the meter provider). */
      readonly optionGlobals?: Readonly<Record<string, readonly GlobalSlot[]>>;
      readonly platform: Platform;
      readonly vendor?: string;
      /** NodeSDK precedence: with `spanProcessors` given, `traceExporter` is silently ignored. */
      readonly processorsOverrideTraceExporter?: boolean;
      /** Options that carry an endpoint or a credential. */
      readonly vendorOptions?: VendorOptions;
      readonly batches?: ImplicitBatching;
      /** Instances are made by calling the export (`configureOpentelemetry(conf)` returns an unstarted SDK), not with `new`. */
      readonly constructedByCall?: boolean;
      /** Instrumentations the SDK enables when its `instrumentations` option is absent. */
      readonly defaultInstrumentations?: 'node-bundle';
      /** The instance has no `shutdown()` of its own: `start()` returns the provider that has one (BaselimeSDK). */
      readonly shutdownVia?: 'start-result';
    }
  /** A function whose call starts an SDK and registers its globals (`startNodeSdk`, `registerOTel`, vendor inits). */
  | {
      readonly kind: 'sdk-function';
      readonly registers: readonly GlobalSlot[];
      readonly platform: Platform;
      readonly vendor?: string;
      /** The call returns a handle with `shutdown()`. */
      readonly returnsHandle?: boolean;
      readonly optOut?: readonly OptOut[];
      /** The first release that registers (Sentry moved onto OpenTelemetry in 8.0.0): a project known to be older registers nothing. */
      readonly registersSince?: string;
      /** Options that carry an endpoint or a credential. */
      readonly vendorOptions?: VendorOptions;
      readonly batches?: ImplicitBatching;
      readonly ownShutdownHandlers?: OwnShutdownHandlers;
      /** A second call returns without setting anything up (the vendor keeps its own instance): running it again is harmless. */
      readonly secondCallIgnored?: boolean;
      /**
       * Exports that set up through one once-flag of the vendor (the same key): whichever runs first
       * registers, the others then register nothing, so two of them in one process are one setup.
       */
      readonly sharedSetup?: string;
    }
  /**
   * A span processor class. `shape` is how it takes its exporter; `noop` drops every span (NoopSpanProcessor);
   * `immediateWhen`: a vendor processor that batches in its own way unless this option has this value, when it
   * exports each span as it ends (what it holds otherwise is not said: its loss stays unknown).
   */
  | {
      readonly kind: 'span-processor';
      readonly batching: boolean;
      readonly shape: 'positional' | 'options';
      readonly noop?: boolean;
      readonly immediateWhen?: { readonly option: string; readonly value: string };
    }
  /** A span exporter class; `endpointOption` is the option naming its URL. */
  | {
      readonly kind: 'exporter';
      readonly endpointOption?: string;
      readonly protocol?: 'http' | 'grpc' | 'zipkin' | 'jaeger';
      /** How the exporter's Node build reads its endpoint from the environment when the option is omitted (absent: it reads none). */
      readonly envEndpoint?: EnvEndpoint;
      /**
       * Verified to read no variable at all: it posts to its endpoint option as given (else to its
       * fixed default), so the base variable passed to it is posted to as-is; `builtBy` is the setup
       * that builds an exporter from the `OTEL_EXPORTER_OTLP_*` variables itself when it is not given one.
       */
      readonly readsNoEnv?: NoEnvEndpoint;
      /** Writes inside the process (console, memory): nothing is pending when the process ends. */
      readonly local?: boolean;
      /** Further options that carry an endpoint or a credential (Jaeger's agent `host`/`port`, a transport's `apiKey`). */
      readonly vendorOptions?: VendorOptions;
    }
  /** `registerInstrumentations()`: patches modules, returns an unload function. */
  | { readonly kind: 'register-instrumentations' }
  /** A bundle of instrumentations (`getNodeAutoInstrumentations`). */
  | { readonly kind: 'instrumentation-bundle'; readonly platform: Platform }
  /** A single instrumentation class (enables on construction). */
  | { readonly kind: 'instrumentation' }
  | { readonly kind: 'context-manager' }
  | { readonly kind: 'propagator' }
  /** `@opentelemetry/resources`' `Resource` class (a type only from 2.x on). */
  | { readonly kind: 'resource' }
  /** A vendor function that shuts its SDK down (`shutdownAzureMonitor`). */
  | { readonly kind: 'shutdown-function' }
  /** A vendor function that says whether its SDK is already set up (`H.isInitialized()`): a test of it keeps a setup to one run. */
  | { readonly kind: 'once-check' }
  /** A namespace re-export of another module (`@opentelemetry/sdk-node`'s `tracing`). */
  | { readonly kind: 'namespace'; readonly module: string }
  /** A vendor object whose members are table exports (`H.init`, `SplunkRum.init`). */
  | { readonly kind: 'object'; readonly members: Readonly<Record<string, ExportSpec>> };

export type ExportKind = ExportSpec['kind'];

export type Platform = 'node' | 'web' | 'any';

export interface ModuleSpec {
  /** SDK generations this module belongs to. */
  readonly gens: readonly Generation[];
  readonly platform: Platform;
  readonly exports: Readonly<Record<string, ExportSpec>>;
  /** Importing the module for its side effect starts an SDK (preload entries). */
  readonly sideEffect?: readonly GlobalSlot[];
  /** Vendor name, for messages. */
  readonly vendor?: string;
  /** A later generation folded this package into another one (api-logs into api 1.10): no release there is expected. */
  readonly foldedInto?: string;
  /**
   * Types the package exports for the configuration one of its exports takes (type name → that export):
   * a value typed with one is that export's configuration wherever it is passed, so a module that
   * builds it and only imports the type is checked like a call of the export.
   */
  readonly configTypes?: Readonly<Record<string, string>>;
}

/** A user's in-house wrapper, from `settings['otel-safe'].registrars`. */
export interface RegistrarSetting {
  readonly module: string;
  readonly export: string;
  /**
   * `sdk-start`: calling the export starts telemetry.
   * `sdk-class`: instances start telemetry with `.start()`.
   * `provider-class`: instances register with `.register()`.
   */
  readonly kind: 'sdk-start' | 'sdk-class' | 'provider-class';
  /** The registrar's language: absent for JavaScript; `python` for a Python module (src/python/table.ts reads those). */
  readonly language?: 'javascript' | 'python';
}

/** Environment variables an exporter reads for its endpoint (otel-api-surface.md §6.1). */
export interface NoEnvEndpoint {
  /** The base variable users hand it (`OTEL_EXPORTER_OTLP_ENDPOINT`), and the signal path it lacks (`/v1/traces`). */
  readonly base: string;
  readonly path: string;
  /** Where it posts with no option given. */
  readonly default: string;
  /** The setup function and its option whose omission makes the setup build an env-configured exporter (`registerOTel`, `traceExporter`). */
  readonly builtBy: { readonly fn: string; readonly option: string };
}

export interface EnvEndpoint {
  /** Signal-specific variable, used as-is (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`). */
  readonly signal: string;
  /** Generic variable (`OTEL_EXPORTER_OTLP_ENDPOINT`), with `path` appended when set. */
  readonly generic?: string;
  readonly path?: string;
  readonly default: string;
  /** The first release of the package that reads these variables (older ones read none, or other names): absent when every release does. */
  readonly since?: string;
}
