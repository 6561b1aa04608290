// What every surface says about an exception inside otel-safe: where to report it and a bounded
// one-line description of the error (rules, doctor and the CLI word it the same way).

export const ISSUES_URL = 'https://github.com/otel-safe/eslint-plugin-otel-safe/issues';

/** `TypeError: x is undefined`, first line only, bounded. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const line = text.split('\n')[0]!;
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
