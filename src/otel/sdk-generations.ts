// What changed between SDK generations (otel-api-surface.md §0, §1.2, §2.1–2.2), as data for
// `no-removed-sdk-api` and `migrate-sdk`. Module and export kinds stay in modules.ts; this file
// holds only the per-generation differences.
import type { Generation } from './types';

/**
 * The option names `new NodeSDK(options)` reads, per SDK generation. Read from
 * `NodeSDKConfiguration` in the published type declarations:
 *   1.x: `@opentelemetry/sdk-node` 0.57.2 `build/src/types.d.ts` (npm pack, Nov 2026);
 *   2.x: `@opentelemetry/sdk-node` 0.223.0 `build/src/types.d.ts` (installed in this repo);
 *   3.x: `@opentelemetry/sdk-node` 0.301.0 `dist/types.d.mts` (npm pack, Nov 2026).
 * The `configuration.<x>` reads in each version's `sdk.js`/`sdk.mjs` name exactly these keys;
 * anything else is ignored without a warning.
 */
export const NODE_SDK_OPTIONS: Readonly<Record<1 | 2 | 3, readonly string[]>> = {
  1: [
    'autoDetectResources', 'contextManager', 'textMapPropagator', 'logRecordProcessor', 'logRecordProcessors', 'metricReader',
    'views', 'instrumentations', 'resource', 'resourceDetectors', 'mergeResourceWithDefaults', 'sampler', 'serviceName',
    'spanProcessor', 'spanProcessors', 'traceExporter', 'spanLimits', 'idGenerator',
  ],
  2: [
    'autoDetectResources', 'contextManager', 'textMapPropagator', 'logRecordProcessor', 'logRecordProcessors', 'metricReader',
    'metricReaders', 'views', 'instrumentations', 'resource', 'resourceDetectors', 'sampler', 'serviceName', 'spanProcessor',
    'spanProcessors', 'traceExporter', 'spanLimits', 'idGenerator',
  ],
  3: [
    'autoDetectResources', 'contextManager', 'textMapPropagator', 'logRecordProcessors', 'metricReaders', 'views',
    'instrumentations', 'resource', 'resourceDetectors', 'sampler', 'serviceName', 'spanProcessors', 'traceExporter',
    'spanLimits', 'idGenerator',
  ],
};

/** Every NodeSDK option of any generation (used when the generation is unknown: only names no generation reads are reported). */
export const NODE_SDK_OPTIONS_ANY: ReadonlySet<string> = new Set(Object.values(NODE_SDK_OPTIONS).flat());

/** The module and export whose options the lists above describe. */
export const NODE_SDK = { module: '@opentelemetry/sdk-node', export: 'NodeSDK' } as const;

/** Singular NodeSDK options replaced by a list option: deprecated (diag warning) from `deprecatedIn`, ignored from `removedIn`. */
export const NODE_SDK_SINGULAR_OPTIONS: Readonly<Record<string, { readonly replacement: string; readonly deprecatedIn: Generation; readonly removedIn: Generation }>> = {
  spanProcessor: { replacement: 'spanProcessors', deprecatedIn: 1, removedIn: 3 },
  logRecordProcessor: { replacement: 'logRecordProcessors', deprecatedIn: 1, removedIn: 3 },
  metricReader: { replacement: 'metricReaders', deprecatedIn: 2, removedIn: 3 },
};

/**
 * Tracer-provider methods that later generations removed (§2.2: #5134, #5192). `deprecatedIn`: the
 * generation whose last releases already point to the constructor option.
 */
export const REMOVED_PROVIDER_METHODS: Readonly<Record<string, { readonly removedIn: Generation; readonly deprecatedIn: Generation; readonly replacement: string }>> = {
  addSpanProcessor: { removedIn: 2, deprecatedIn: 1, replacement: 'the constructor option `spanProcessors`' },
  getActiveSpanProcessor: { removedIn: 2, deprecatedIn: 1, replacement: 'keeping your own reference to the processors' },
};

/** Exports removed from a module in a generation, with the export that replaces them (§8 row 46). */
export const REMOVED_EXPORTS: readonly {
  readonly module: string;
  readonly name: string;
  readonly removedIn: Generation;
  readonly replacement: string;
  /** The replacement is a function called with the same arguments, not a class (`new Resource(a)` → `resourceFromAttributes(a)`). */
  readonly factory?: boolean;
}[] = [
  { module: '@opentelemetry/context-async-hooks', name: 'AsyncHooksContextManager', removedIn: 3, replacement: 'AsyncLocalStorageContextManager' },
  // resources 2.0.0 exports `Resource` as a type only (build/src/index.d.ts:4, no runtime export in build/src/index.js:18-30)
  { module: '@opentelemetry/resources', name: 'Resource', removedIn: 2, replacement: 'resourceFromAttributes', factory: true },
];

/**
 * Namespace re-exports of a module that a generation dropped (§1.2: `@opentelemetry/sdk-node`'s
 * `api`, `contextBase`, `core`, `node`, `tracing`, … exist in 0.24 … 0.223 and are gone in 0.300),
 * with the module to import from instead.
 */
export const REMOVED_NAMESPACES: Readonly<Record<string, { readonly removedIn: Generation; readonly names: Readonly<Record<string, string>> }>> = {
  '@opentelemetry/sdk-node': {
    removedIn: 3,
    names: {
      api: '@opentelemetry/api',
      contextBase: '@opentelemetry/api',
      core: '@opentelemetry/core',
      tracing: '@opentelemetry/sdk-trace',
      node: '@opentelemetry/sdk-trace',
      metrics: '@opentelemetry/sdk-metrics',
      logs: '@opentelemetry/sdk-logs',
      resources: '@opentelemetry/resources',
    },
  },
};

/**
 * The 3.x home of the 1.x/2.x tracing packages (`sdk-trace-base`, `-node`, `-web` get no 3.x release, §0.1):
 * their exports that `@opentelemetry/sdk-trace` 3.1 also exports (read from its `dist/index.d.mts`), and the
 * provider classes that become its `TracerProvider`.
 */
export const SDK_TRACE_3 = {
  module: '@opentelemetry/sdk-trace',
  from: ['@opentelemetry/sdk-trace-base', '@opentelemetry/sdk-trace-node', '@opentelemetry/sdk-trace-web'],
  providers: ['BasicTracerProvider', 'NodeTracerProvider', 'WebTracerProvider'],
  provider: 'TracerProvider',
  exports: [
    'AlwaysOffSampler', 'AlwaysOnSampler', 'BatchSpanProcessor', 'ConsoleSpanExporter', 'InMemorySpanExporter', 'NoopSpanProcessor',
    'ParentBasedSampler', 'RandomIdGenerator', 'SamplingDecision', 'SimpleSpanProcessor', 'StackContextManager', 'TraceIdRatioBasedSampler',
    'TracerProvider',
    // types
    'ReadableSpan', 'Sampler', 'SamplingResult', 'Span', 'SpanExporter', 'SpanLimits', 'SpanProcessor', 'TimedEvent', 'IdGenerator',
  ],
} as const;

/** What `provider.register()` set up, per provider class, for the manual replacement (§1.2). */
export type RegisterFlavour = 'node' | 'web' | 'basic';

/** The modules and exports the manual registration uses (§1.2, 3.x row). */
export const MANUAL_REGISTRATION = {
  api: '@opentelemetry/api',
  core: '@opentelemetry/core',
  asyncHooks: { module: '@opentelemetry/context-async-hooks', name: 'AsyncLocalStorageContextManager' },
  stack: { module: '@opentelemetry/sdk-trace', name: 'StackContextManager' },
} as const;
