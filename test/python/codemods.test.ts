// Python codemod fixture pairs, found automatically:
// test/fixtures/codemods/python/<transform>/**/<scenario>.input.py next to <scenario>.output.py.
// The transform sees the path without `.input`, in the fixture's own folder, so project files
// beside a fixture (Procfile, Dockerfile, requirements, the preloaded app) are found. For every pair:
//   - the transform turns input into output exactly;
//   - the output parses, with our parser and with CPython's own (`ast.parse`, one batch);
//   - the transform's rule reports on the input (unless the scenario is `already-fixed*`) and not on the output;
//   - a second run changes nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding';
import { pythonChecksByRule } from '../../src/python/checks';
import type { PythonRuleName } from '../../src/python/checks';
import { pythonLanguage } from '../../src/python/language';
import { initPythonParser } from '../../src/python/parser';
import { getPythonTransform, pythonAddGuardsSteps, pythonTransforms } from '../../src/python/transforms';
import { checkInput, NO_CONTEXT } from './harness';

const root = join(__dirname, '..', 'fixtures', 'codemods', 'python');

interface Pair {
  readonly transform: string;
  readonly scenario: string;
  readonly input: string;
  readonly output: string;
  readonly virtualPath: string;
}

function findPairs(): Pair[] {
  const pairs: Pair[] = [];
  for (const transform of readdirSync(root)) {
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.input.py')) {
          pairs.push({
            transform,
            scenario: relative(join(root, transform), full).replace(/\.input\.py$/, ''),
            input: full,
            output: full.replace(/\.input\.py$/, '.output.py'),
            virtualPath: join(dirname(full), name.replace('.input.', '.')),
          });
        }
      }
    };
    walk(join(root, transform));
  }
  return pairs;
}

const pairs = findPairs();

/** Findings of the rules a transform fixes (add-guards: its steps, filtered as it filters them). */
function findingsFor(transform: string, text: string, path: string): Finding[] {
  const input = checkInput(text, path);
  if (transform === 'add-guards') {
    return pythonAddGuardsSteps.flatMap((s) => (pythonChecksByRule[s.rule].run(input, undefined) as Finding[]).filter((f) => !s.only || s.only.includes(f.messageId)));
  }
  const rule = getPythonTransform(transform)!.rule!.replace(/^python\//, '') as PythonRuleName;
  return pythonChecksByRule[rule].run(input, undefined) as Finding[];
}

beforeAll(() => initPythonParser());

describe('python codemod fixtures', () => {
  it('has fixtures for every transform (and add-guards), each with an already-fixed scenario', () => {
    for (const name of [...pythonTransforms.map((t) => t.name), 'add-guards']) {
      const own = pairs.filter((p) => p.transform === name);
      expect(own.length, `fixtures for ${name}`).toBeGreaterThan(1);
      expect(own.some((p) => basename(p.scenario).startsWith('already-fixed')), `already-fixed scenario for ${name}`).toBe(true);
    }
  });

  it('every output parses with CPython (ast.parse)', () => {
    const outputs = pairs.map((p) => p.output).filter((f) => existsSync(f));
    expect(outputs.length).toBe(pairs.length);
    const script = 'import ast, sys\nfor f in sys.argv[1:]:\n    ast.parse(open(f, encoding="utf-8").read(), f)\nprint(len(sys.argv) - 1)';
    expect(execFileSync('python3', ['-c', script, ...outputs], { encoding: 'utf8' }).trim()).toBe(String(outputs.length));
  });

  for (const pair of pairs) {
    describe(`${pair.transform}: ${pair.scenario}`, () => {
      const entry = getPythonTransform(pair.transform);
      const input = readFileSync(pair.input, 'utf8');
      const run = (text: string): string => entry!.run({ path: pair.virtualPath, text }, NO_CONTEXT)?.text ?? text;

      it('transforms input into output', () => {
        expect(entry, `transform ${pair.transform}`).toBeDefined();
        if (process.env.OTEL_SAFE_WRITE_FIXTURES && !existsSync(pair.output)) require('node:fs').writeFileSync(pair.output, run(input));
        expect(run(input)).toBe(readFileSync(pair.output, 'utf8'));
      });

      it('writes code that parses', () => {
        expect(() => pythonLanguage.parse({ path: pair.virtualPath, text: readFileSync(pair.output, 'utf8') })).not.toThrow();
      });

      it('is reported on the input (unless already fixed) and fixed on the output', () => {
        const before = findingsFor(pair.transform, input, pair.virtualPath);
        if (basename(pair.scenario).startsWith('already-fixed')) expect(before).toEqual([]);
        else expect(before.length).toBeGreaterThan(0);
        expect(findingsFor(pair.transform, readFileSync(pair.output, 'utf8'), pair.virtualPath)).toEqual([]);
      });

      it('changes nothing on a second run', () => {
        const output = readFileSync(pair.output, 'utf8');
        expect(run(output)).toBe(output);
      });
    });
  }
});
