// Python files as deep as tree-sitter parses them (20,000 links, far past CPython's own limits):
// the `otel-safe/python` ESLint language and every Python rule lint them without overflowing
// the stack (its traversal, the scope walk, the call order and `or` chains are iterative).
import { Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { pythonRules } from '../../rules/python';
import { pythonEslintLanguage } from '../../src/python/eslint/language';
import { initPythonParser } from '../../src/python/parser';

beforeAll(() => initPythonParser());

const DEPTH = 20_000;
// every file also hard-codes an exporter endpoint, so a rule reports and the checks ran to the end
const PREFIX = [
  'from opentelemetry import trace',
  'from opentelemetry.sdk.trace import TracerProvider',
  'from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter',
  'exporter = OTLPSpanExporter(endpoint="http://collector:4318/v1/traces")',
  'provider = TracerProvider()',
  '',
].join('\n');
const SHAPES: Record<string, (n: number) => string> = {
  attribute: (n) => `x = provider${'.a'.repeat(n)}\ntrace.set_tracer_provider(provider)\n`,
  'or-guard': (n) => `if not x${' or y'.repeat(n)}:\n    trace.set_tracer_provider(provider)\n`,
  parentheses: (n) => `x = ${'('.repeat(n)}1${')'.repeat(n)}\ntrace.set_tracer_provider(provider)\n`,
  calls: (n) => `x = f${'()'.repeat(n)}\ntrace.set_tracer_provider(provider)\n`,
  plus: (n) => `x = 1${' + 1'.repeat(n)}\ntrace.set_tracer_provider(provider)\n`,
  lambdas: (n) => `f = ${'lambda: '.repeat(n)}trace.set_tracer_provider(provider)\n`,
  'tuple-target': (n) => `${'('.repeat(n)}a,${'),'.repeat(n - 1)}) = x\ntrace.set_tracer_provider(provider)\n`,
};

function lint(text: string): Linter.LintMessage[] {
  const rules = Object.fromEntries(Object.keys(pythonRules).map((r) => [`otel-safe/${r}`, 'error' as const]));
  const plugin = { languages: { python: pythonEslintLanguage }, rules: pythonRules };
  return new Linter({ configType: 'flat' }).verify(text, [{ files: ['**/*.py'], plugins: { 'otel-safe': plugin as never }, language: 'otel-safe/python', rules } as never], 'app.py');
}

describe(`every Python rule on files nested ${DEPTH} deep`, () => {
  for (const [shape, make] of Object.entries(SHAPES)) {
    it(shape, () => {
      const messages = lint(PREFIX + make(DEPTH));
      expect(messages.filter((m) => m.fatal || /could not analyse/.test(m.message))).toEqual([]);
      expect(messages.map((m) => m.messageId)).toContain('hardcodedEndpoint');
    });
  }
});
