// env-exporter-endpoint: fixes what `no-hardcoded-exporter-endpoint` reports.
//   - a literal `url` on an exporter that reads OTEL_EXPORTER_OTLP_*_ENDPOINT itself: removed,
//     so the environment (or the exporter's default) decides;
//   - on an exporter that reads no environment: `process.env.<VAR> ?? <literal>`;
//   - a URL rebuilt from OTEL_EXPORTER_OTLP_ENDPOINT: removed.
// Literal credentials in headers and browser endpoints are reported only, never rewritten.
import type { API, FileInfo, TransformOptions } from '../src/codemod/types';
import { runJsCheck } from '../src/codemod/run-check';
import { tsxParser } from '../src/codemod/parser';
import { noHardcodedExporterEndpoint } from '../src/checks/no-hardcoded-exporter-endpoint';

/** jscodeshift reads this; the transform itself picks `ts` or `tsx` flavour by file extension. */
export const parser = tsxParser;

export default function transformer(file: FileInfo, _api: API, options: TransformOptions = {}): string | undefined {
  return runJsCheck(file, options, noHardcodedExporterEndpoint, undefined);
}
