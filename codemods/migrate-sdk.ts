// migrate-sdk: moves an OpenTelemetry JS setup to SDK generation 2 or 3 (`--to 2|3`), fixing what
// `no-removed-sdk-api` reports for that generation:
//   - `provider.addSpanProcessor(p)` → the constructor's `spanProcessors: [p]`;
//   - NodeSDK `spanProcessor` / `metricReader` / `logRecordProcessor` → their list options;
//   - `new BatchSpanProcessor(exporter)` from `@opentelemetry/sdk-trace` → `({ exporter })`;
//   - `provider.register()` where the class has none (or, with --to 3, a package with no 3.x
//     release) → `trace.setGlobalTracerProvider` + context manager + propagator;
//   - --to 3: `sdk-trace-base` / `-node` / `-web` imports → `@opentelemetry/sdk-trace`
//     (providers aliased to its `TracerProvider`); `AsyncHooksContextManager` → `AsyncLocalStorageContextManager`.
// The target comes from `options.to` (the CLI's `--to`), else from `settings.sdkGeneration`
// (used by the fixture harness); `--to` wins. Without either the transform does nothing.
import type { API, FileInfo, TransformOptions } from '../src/codemod/types';
import type { FixOutcome } from '../src/core/engine';
import type { ReportedFinding } from '../src/core/finding';
import { fixJs, jsStep } from '../src/codemod/run-check';
import { tsxParser } from '../src/codemod/parser';
import { noRemovedSdkApi } from '../src/checks/no-removed-sdk-api';

/** jscodeshift reads this; the transform itself picks `ts` or `tsx` flavour by file extension. */
export const parser = tsxParser;

/** The target generation: `options.to` (from `--to`) wins over `settings.sdkGeneration`. */
export function migrationTarget(options: TransformOptions): 2 | 3 | undefined {
  const to = options.to === undefined ? undefined : Number(options.to);
  if (to === 2 || to === 3) return to;
  const pinned = options.settings?.sdkGeneration;
  return pinned === 2 || pinned === 3 ? pinned : undefined;
}

/** The new text, what was fixed and what is left; undefined without a target generation or an OpenTelemetry import. */
export function fix(file: FileInfo, options: TransformOptions = {}): FixOutcome<ReportedFinding> | undefined {
  const target = migrationTarget(options);
  if (target === undefined) return undefined;
  const settings = { ...options.settings, sdkGeneration: target };
  return fixJs(file, { ...options, settings }, [jsStep(noRemovedSdkApi, { reportDeprecated: true, checkSdkOptions: true, checkMissingProcessors: false, migrateTo: target })]);
}

export default function transformer(file: FileInfo, _api: API, options: TransformOptions = {}): string | undefined {
  return fix(file, options)?.text;
}
