// env-exporter-endpoint: fixes what `no-hardcoded-exporter-endpoint` reports.
//   - a literal `url` on an exporter that reads OTEL_EXPORTER_OTLP_*_ENDPOINT itself: removed,
//     so the environment (or the exporter's default) decides;
//   - on an exporter that reads no environment: `process.env.<VAR> ?? <literal>`;
//   - a URL rebuilt from OTEL_EXPORTER_OTLP_ENDPOINT: removed.
// Literal credentials in headers and browser endpoints are reported only, never rewritten.
import type { API, FileInfo, TransformOptions } from '../src/codemod/types';
import type { FixOutcome } from '../src/core/engine';
import type { ReportedFinding } from '../src/core/finding';
import { fixJs, jsStep } from '../src/codemod/run-check';
import { tsxParser } from '../src/codemod/parser';
import { noHardcodedExporterEndpoint } from '../src/checks/no-hardcoded-exporter-endpoint';

/** jscodeshift reads this; the transform itself picks `ts` or `tsx` flavour by file extension. */
export const parser = tsxParser;

/** The check this transform applies, with its options (add-guards runs the same step). */
export const step = jsStep(noHardcodedExporterEndpoint, undefined);

/** The new text, what was fixed and what is left for a human; undefined when the file has no OpenTelemetry import. */
export function fix(file: FileInfo, options: TransformOptions = {}): FixOutcome<ReportedFinding> | undefined {
  return fixJs(file, options, [step]);
}

export default function transformer(file: FileInfo, _api: API, options: TransformOptions = {}): string | undefined {
  return fix(file, options)?.text;
}
