// The runtime-proof apps (test/python/apps/<scenario>/{before,after}/, measured by
// test/python/runtime) are also codemod fixtures: the transforms turn every `before` .py file
// into its `after` byte for byte, the checks are silent on every `after`, and on the look-alikes
// (scenarios with no `after`) the transforms change nothing. Skipped while the apps are absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding';
import { pythonChecks } from '../../src/python/checks';
import { initPythonParser } from '../../src/python/parser';
import { getPythonTransform, pythonTransforms } from '../../src/python/transforms';
import { checkInput, NO_CONTEXT } from './harness';

const apps = process.env.OTEL_SAFE_PY_APPS ?? join(__dirname, 'apps');

/** The transforms that write each scenario's `after`, in order (the engine runs each to a fixed point). */
const TRANSFORMS: Readonly<Record<string, readonly string[]>> = {
  'reloader-auto-instrumentation': ['disable-reloader'],
  'reloader-double-init': ['guard-reloader'],
  'reloader-double-init-literal': ['guard-reloader'],
  'gunicorn-preload': ['guard-post-fork'],
  'provider-override': ['reuse-provider'],
  'provider-override-factory': ['reuse-provider'],
  'provider-override-cli': ['reuse-provider', 'dedupe-span-processors'],
  'double-export': ['dedupe-span-processors'],
  'double-export-cli': ['dedupe-span-processors'],
  'late-instrumentor': ['instrument-app'],
  'hardcoded-endpoint': ['env-exporter-endpoint'],
};

/** Look-alikes the proofs measured as harmless. */
const HARMLESS = /^(harmless-|gunicorn-post-fork-only$)/;

const pyFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.py'));

describe.runIf(existsSync(apps))('runtime apps as codemod fixtures', () => {
  beforeAll(() => initPythonParser());
  const scenarios = existsSync(apps) ? readdirSync(apps, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];

  for (const scenario of scenarios) {
    const before = join(apps, scenario, 'before');
    const after = join(apps, scenario, 'after');
    const hasAfter = existsSync(after);
    const names = TRANSFORMS[scenario];
    if (hasAfter && !names) continue; // an `after` in a command file (Procfile): not a Python rewrite

    it(`${scenario}: ${hasAfter ? `${names!.join(' + ')} writes after/` : 'a look-alike: no transform changes it'}`, () => {
      for (const file of pyFiles(before)) {
        const path = join(before, file);
        const input = readFileSync(path, 'utf8');
        if (!hasAfter) {
          for (const t of pythonTransforms) expect(t.run({ path, text: input }, NO_CONTEXT)?.text ?? input, `${t.name} on ${file}`).toBe(input);
          // proven harmless at runtime (one span per request): never reported
          if (HARMLESS.test(scenario)) expect(pythonChecks.flatMap((c) => c.run(checkInput(input, path), undefined)).map((f) => f.ruleId), file).toEqual([]);
          continue;
        }
        let text = input;
        for (const name of names!) text = getPythonTransform(name)!.run({ path, text }, NO_CONTEXT)?.text ?? text;
        const expected = readFileSync(join(after, file), 'utf8');
        expect(text, file).toBe(expected);
        const left: Finding[] = pythonChecks.flatMap((c) => c.run(checkInput(text, path), undefined) as Finding[]);
        expect(left.map((f) => f.ruleId), file).toEqual([]);
      }
    });
  }
});
