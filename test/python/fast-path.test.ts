// The Python fast path, counted (not timed): a `.py` file that names no OpenTelemetry module
// (nor a Flask/Werkzeug server, nor a configured registrar's module) costs one text scan — no
// parse, no model — under ESLint and under the codemods; a file that does is parsed and modelled
// once however many rules run.
import { Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_CONTEXT } from './harness';
import { pythonRules } from '../../rules/python';
import { engineStats } from '../../src/core/engine';
import { pythonEslintLanguage } from '../../src/python/eslint/language';
import { modelStats } from '../../src/python/model';
import { initPythonParser, parserStats } from '../../src/python/parser';
import { gateStats } from '../../src/python/table';
import { pythonAddGuards, pythonAddGuardsSteps } from '../../src/python/transforms';

beforeAll(() => initPythonParser());

// Our own minimal Python of the shapes a large tree is made of.
const NON_OTEL: Record<string, string> = {
  'models.py': 'from dataclasses import dataclass\n\n\n@dataclass\nclass User:\n    name: str\n    email: str | None = None\n',
  'cli.py': 'import argparse\n\n\ndef main() -> int:\n    p = argparse.ArgumentParser()\n    p.add_argument("--debug", action="store_true")\n    return 0 if p.parse_args() else 1\n',
  'tasks.py': 'import asyncio\n\n\nasync def run(urls):\n    async with asyncio.TaskGroup() as tg:\n        for u in urls:\n            tg.create_task(fetch(u))\n',
  'settings.py': 'import os\n\nDEBUG = os.environ.get("DEBUG") == "1"\nDATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3"}}\n',
};
const OTEL: Record<string, string> = {
  'tracing.py': 'from opentelemetry import trace\nfrom opentelemetry.sdk.trace import TracerProvider\ntrace.set_tracer_provider(TracerProvider())\n',
  'app.py': 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(debug=True)\n',
};

const plugin = { languages: { python: pythonEslintLanguage }, rules: pythonRules };
const ruleIds = Object.keys(pythonRules).map((id) => `otel-safe/${id}`);

function lintAll(files: Record<string, string>): void {
  const linter = new Linter({ configType: 'flat' });
  for (const [filename, code] of Object.entries(files)) {
    const messages = linter.verify(code, [{ files: ['**/*.py'], plugins: { 'otel-safe': plugin as never }, language: 'otel-safe/python', rules: Object.fromEntries(ruleIds.map((id) => [id, 'error'])) } as never], filename);
    const fatal = messages.find((m) => m.fatal || !m.ruleId);
    if (fatal) throw new Error(`${filename}: ${fatal.message}`);
  }
}

function reset(): void {
  gateStats.textChecks = 0;
  parserStats.parses = 0;
  modelStats.built = 0;
}

describe('Python fast path (counts work, not time)', () => {
  it('ESLint: a file without OpenTelemetry costs one text check, no parse and no model, with every Python rule on', () => {
    reset();
    lintAll(NON_OTEL);
    expect(gateStats.textChecks).toBe(Object.keys(NON_OTEL).length);
    expect(parserStats.parses).toBe(0);
    expect(modelStats.built).toBe(0);
  });

  it('ESLint: an OpenTelemetry (or Flask) file is parsed once and modelled once, however many rules run', () => {
    reset();
    lintAll(OTEL);
    expect(parserStats.parses).toBe(Object.keys(OTEL).length);
    expect(modelStats.built).toBe(Object.keys(OTEL).length);
  });

  it('codemods: add-guards parses no file without OpenTelemetry (one gate per step, nothing more)', () => {
    reset();
    const textChecks = engineStats.textChecks;
    for (const [name, text] of Object.entries(NON_OTEL)) expect(pythonAddGuards.run({ path: `/project/${name}`, text }, NO_CONTEXT)).toBeUndefined();
    expect(parserStats.parses).toBe(0);
    expect(engineStats.textChecks - textChecks).toBe(Object.keys(NON_OTEL).length * pythonAddGuardsSteps.length);
  });

  it('a configured Python registrar\'s module passes the gate (and a JavaScript registrar does not)', () => {
    reset();
    const text = 'from acme.telemetry import init_tracing\ninit_tracing()\n';
    const linter = new Linter({ configType: 'flat' });
    const config = (registrars: unknown[]) => [{ files: ['**/*.py'], plugins: { 'otel-safe': plugin as never }, language: 'otel-safe/python', settings: { 'otel-safe': { registrars } }, rules: Object.fromEntries(ruleIds.map((id) => [id, 'error'])) } as never];
    linter.verify(text, config([{ module: 'acme.telemetry', export: 'init_tracing', kind: 'sdk-start' }]), 'a.py');
    expect(parserStats.parses).toBe(0);
    linter.verify(text, config([{ module: 'acme.telemetry', export: 'init_tracing', kind: 'sdk-start', language: 'python' }]), 'a.py');
    expect(parserStats.parses).toBe(1);
  });
});
