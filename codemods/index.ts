// The transform registry: every transform `otel-codemod` can run, by name and language. It sits
// beside the transforms it lists; nothing it lists imports it back. A name may have one entry per
// language (the same fix written for JavaScript and for Python); the CLI runs the entry whose
// extensions match each file.
import { javascript } from '../src/codemod/javascript';
import { applyCheckByteGate, applyCheckGate, applyGuardsFindingsGate, applyHotCheckByteGate, applyHotCheckGate, applyStartCheckGate } from '../src/codemod/run-check';
import type { TransformEntry } from '../src/codemod/types';
import { pythonRegistry } from '../src/python/registry';
import addGuards, { fix as addGuardsFix } from './add-guards';
import addHmrDispose, { fix as addHmrDisposeFix } from './add-hmr-dispose';
import addShutdownHandler, { fix as addShutdownHandlerFix } from './add-shutdown-handler';
import dedupeInstrumentations, { fix as dedupeInstrumentationsFix } from './dedupe-instrumentations';
import dedupeSpanProcessors, { fix as dedupeSpanProcessorsFix } from './dedupe-span-processors';
import devSimpleProcessor, { fix as devSimpleProcessorFix } from './dev-simple-processor';
import envExporterEndpoint, { fix as envExporterEndpointFix } from './env-exporter-endpoint';
import guardRegistration, { fix as guardRegistrationFix } from './guard-registration';
import migrateSdk, { fix as migrateSdkFix } from './migrate-sdk';

const js = { language: 'javascript', extensions: javascript.extensions, textGate: applyCheckGate, byteGate: applyCheckByteGate } as const;
/** The HMR transforms also look at a hot module that starts an SDK another project module exports (HM1). */
const jsHot = { ...js, textGate: applyHotCheckGate, byteGate: applyHotCheckByteGate } as const;
/** add-shutdown-handler (and the umbrella) also look at any file starting an SDK a project module's factory builds. */
const jsStart = { ...js, textGate: applyStartCheckGate, byteGate: applyHotCheckByteGate } as const;

/** Every transform, in the order `otel-codemod list` shows them. */
export const registry: readonly TransformEntry[] = [
  {
    ...jsStart,
    name: 'add-guards',
    description: 'the umbrella: runs guard-registration, add-hmr-dispose, add-shutdown-handler and dev-simple-processor, each where its rule reports',
    run: addGuards,
    fix: addGuardsFix,
    // the four checks act only around a setup: a file without one is unchanged without a parse
    findingsGate: applyGuardsFindingsGate,
  },
  {
    ...js,
    name: 'guard-registration',
    description: 'keeps OpenTelemetry registrations to one per process (globalThis slot) and removes repeated ones',
    rule: 'no-duplicate-registration',
    run: guardRegistration,
    fix: guardRegistrationFix,
  },
  {
    ...jsHot,
    name: 'add-hmr-dispose',
    description: 'makes OpenTelemetry setup in hot-reloaded modules reuse the running instance through hot.data (dispose hand-over, prune teardown)',
    rule: 'require-hmr-dispose',
    run: addHmrDispose,
    fix: addHmrDisposeFix,
  },
  {
    ...jsStart,
    name: 'add-shutdown-handler',
    description: 'flushes OpenTelemetry on SIGTERM/SIGINT (and nodemon restarts) with a bounded shutdown, then exits 128 + signal; repairs handlers that exit too early or never',
    rule: 'require-shutdown-handler',
    run: addShutdownHandler,
    fix: addShutdownHandlerFix,
  },
  {
    ...js,
    name: 'dev-simple-processor',
    description: 'uses a SimpleSpanProcessor in dev entrypoints and dev-only branches (env-conditional in files production runs too)',
    rule: 'no-batch-processor-in-dev',
    run: devSimpleProcessor,
    fix: devSimpleProcessorFix,
  },
  {
    ...js,
    name: 'dedupe-instrumentations',
    description: "removes instrumentations registered twice, moving a single instrumentation's config into the auto bundle's config map",
    rule: 'no-duplicate-instrumentation',
    run: dedupeInstrumentations,
    fix: dedupeInstrumentationsFix,
  },
  {
    ...js,
    name: 'dedupe-span-processors',
    description: 'removes a second span processor in front of the same exporter, and trace options NodeSDK ignores next to spanProcessors',
    rule: 'no-duplicate-span-processor',
    run: dedupeSpanProcessors,
    fix: dedupeSpanProcessorsFix,
  },
  {
    ...js,
    name: 'env-exporter-endpoint',
    description: 'lets exporters read their endpoint from OTEL_EXPORTER_OTLP_* instead of a hard-coded url (process.env fallback where the exporter reads no env)',
    rule: 'no-hardcoded-exporter-endpoint',
    run: envExporterEndpoint,
    fix: envExporterEndpointFix,
  },
  {
    ...js,
    name: 'migrate-sdk',
    description: 'moves a setup to SDK 2.x or 3.x (--to 2|3): spanProcessors instead of addSpanProcessor/spanProcessor, { exporter } processors, register() through the API, @opentelemetry/sdk-trace imports',
    rule: 'no-removed-sdk-api',
    run: migrateSdk,
    fix: migrateSdkFix,
  },
  ...pythonRegistry,
];

/** The JavaScript entries by name. */
export const transforms: Readonly<Record<string, TransformEntry>> = Object.fromEntries(registry.filter((t) => t.language === 'javascript').map((t) => [t.name, t]));

/** One transform's entry for a language. */
export function getTransform(name: string, language: TransformEntry['language'] = 'javascript'): TransformEntry | undefined {
  return registry.find((t) => t.name === name && t.language === language);
}
