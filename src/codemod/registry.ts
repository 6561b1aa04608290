// Every transform `otel-codemod` can run, by name.
import addGuards from '../../codemods/add-guards';
import guardRegistration from '../../codemods/guard-registration';
import addHmrDispose from '../../codemods/add-hmr-dispose';
import addShutdownHandler from '../../codemods/add-shutdown-handler';
import devSimpleProcessor from '../../codemods/dev-simple-processor';
import dedupeInstrumentations from '../../codemods/dedupe-instrumentations';
import dedupeSpanProcessors from '../../codemods/dedupe-span-processors';
import envExporterEndpoint from '../../codemods/env-exporter-endpoint';
import migrateSdk from '../../codemods/migrate-sdk';
import { applyCheckGate } from './run-check';
import type { TransformEntry } from './types';

export const transforms: Readonly<Record<string, TransformEntry>> = {
  'add-guards': {
    name: 'add-guards',
    description: 'the umbrella: applies every transform below that is paired with a recommended rule, where its rule reports',
    transform: addGuards,
    textGate: applyCheckGate,
  },
  'guard-registration': {
    name: 'guard-registration',
    description: 'keeps OpenTelemetry registrations to one per process (globalThis slot) and removes repeated ones',
    rule: 'no-duplicate-registration',
    transform: guardRegistration,
    textGate: applyCheckGate,
  },
  'add-hmr-dispose': {
    name: 'add-hmr-dispose',
    description: 'makes OpenTelemetry setup in hot-reloaded modules reuse the running instance through hot.data (dispose hand-over, prune teardown)',
    rule: 'require-hmr-dispose',
    transform: addHmrDispose,
    textGate: applyCheckGate,
  },
  'add-shutdown-handler': {
    name: 'add-shutdown-handler',
    description: 'flushes OpenTelemetry on SIGTERM/SIGINT (and nodemon restarts) with a bounded shutdown, then exits 128 + signal; repairs handlers that exit too early or never',
    rule: 'require-shutdown-handler',
    transform: addShutdownHandler,
    textGate: applyCheckGate,
  },
  'dev-simple-processor': {
    name: 'dev-simple-processor',
    description: 'uses a SimpleSpanProcessor in dev entrypoints and dev-only branches (env-conditional in files production runs too)',
    rule: 'no-batch-processor-in-dev',
    transform: devSimpleProcessor,
    textGate: applyCheckGate,
  },
  'dedupe-instrumentations': {
    name: 'dedupe-instrumentations',
    description: 'removes instrumentations registered twice, moving a single instrumentation\'s config into the auto bundle\'s config map',
    rule: 'no-duplicate-instrumentation',
    transform: dedupeInstrumentations,
    textGate: applyCheckGate,
  },
  'dedupe-span-processors': {
    name: 'dedupe-span-processors',
    description: 'removes a second span processor in front of the same exporter, and trace options NodeSDK ignores next to spanProcessors',
    rule: 'no-duplicate-span-processor',
    transform: dedupeSpanProcessors,
    textGate: applyCheckGate,
  },
  'env-exporter-endpoint': {
    name: 'env-exporter-endpoint',
    description: 'lets exporters read their endpoint from OTEL_EXPORTER_OTLP_* instead of a hard-coded url (process.env fallback where the exporter reads no env)',
    rule: 'no-hardcoded-exporter-endpoint',
    transform: envExporterEndpoint,
    textGate: applyCheckGate,
  },
  'migrate-sdk': {
    name: 'migrate-sdk',
    description: 'moves a setup to SDK 2.x or 3.x (--to 2|3): spanProcessors instead of addSpanProcessor/spanProcessor, { exporter } processors, register() through the API, @opentelemetry/sdk-trace imports',
    rule: 'no-removed-sdk-api',
    transform: migrateSdk,
    textGate: applyCheckGate,
  },
};

export function getTransform(name: string): TransformEntry | undefined {
  return Object.hasOwn(transforms, name) ? transforms[name] : undefined;
}
