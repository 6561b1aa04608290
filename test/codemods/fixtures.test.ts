// Codemod fixture pairs, found automatically: test/fixtures/codemods/<transform>/**/<scenario>.input.<ext>
// next to <scenario>.output.<ext> (and an optional <scenario>.settings.json with settings['otel-safe']).
// The transform sees the path without `.input`, in the fixture's own folder, so project files
// (package.json, nodemon.json) beside a fixture are found. For every pair:
//   - the transform turns input into output exactly;
//   - the output parses, and TypeScript outputs type-check (tsc --noEmit, in one batch);
//   - the paired rule reports on the input (unless the scenario is `already-fixed*`) and not on the output;
//   - a second run changes nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { parserFor } from '../../src/codemod/parser';
import { transforms } from '../../codemods';
import type { API } from '../../src/codemod/types';
import { lint } from '../support/lint';

const root = join(__dirname, '..', 'fixtures', 'codemods');
const api = { jscodeshift, j: jscodeshift, stats: () => {}, report: () => {} } as unknown as API;

interface Pair {
  transform: string;
  scenario: string;
  input: string;
  output: string;
  virtualPath: string;
  settings: Record<string, unknown>;
}

function findPairs(): Pair[] {
  const pairs: Pair[] = [];
  for (const transform of readdirSync(root)) {
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.input\.[cm]?[jt]sx?$/.test(name)) {
          const output = full.replace('.input.', '.output.');
          const settingsFile = full.replace(/\.input\.[cm]?[jt]sx?$/, '.settings.json');
          pairs.push({
            transform,
            scenario: relative(join(root, transform), full).replace(/\.input\.[cm]?[jt]sx?$/, ''),
            input: full,
            output,
            virtualPath: join(dirname(full), name.replace('.input.', '.')),
            settings: existsSync(settingsFile) ? JSON.parse(readFileSync(settingsFile, 'utf8')) : {},
          });
        }
      }
    };
    walk(join(root, transform));
  }
  return pairs;
}

const pairs = findPairs();

describe('codemod fixtures', () => {
  it('has fixtures for every transform, each with an already-fixed scenario', () => {
    for (const name of Object.keys(transforms)) {
      const own = pairs.filter((p) => p.transform === name);
      expect(own.length, `fixtures for ${name}`).toBeGreaterThan(1);
      expect(own.some((p) => basename(p.scenario).startsWith('already-fixed')), `already-fixed scenario for ${name}`).toBe(true);
    }
  });

  for (const pair of pairs) {
    describe(`${pair.transform}: ${pair.scenario}`, () => {
      const entry = transforms[pair.transform];
      const input = readFileSync(pair.input, 'utf8');
      const expected = readFileSync(pair.output, 'utf8');
      const run = (source: string) => entry!.run({ path: pair.virtualPath, source }, api, { settings: pair.settings }) ?? source;

      it('transforms input into output', () => {
        expect(entry, `transform ${pair.transform} is registered`).toBeDefined();
        expect(run(input)).toBe(expected);
      });

      it('writes code that parses', () => {
        expect(() => parserFor(pair.virtualPath).parse(expected)).not.toThrow();
      });

      it('is idempotent', () => {
        expect(run(expected)).toBe(expected);
      });

      const rules = pairedRules(pair.transform);
      it(`leaves nothing for ${rules.join(', ')} to report`, () => {
        const settings = { 'otel-safe': pair.settings };
        const before = rules.flatMap((r) => lint(input, pair.virtualPath, r, settings));
        const after = rules.flatMap((r) => lint(expected, pair.virtualPath, r, settings));
        if (basename(pair.scenario).startsWith('already-fixed')) {
          expect(input).toBe(expected);
          expect(before).toEqual([]);
        } else {
          expect(before.length, 'the rule reports on the input').toBeGreaterThan(0);
        }
        expect(after).toEqual([]);
      });
    });
  }

  it('TypeScript outputs type-check', () => {
    const tsOutputs = pairs.map((p) => p.output).filter((f) => /\.[cm]?tsx?$/.test(f));
    if (tsOutputs.length === 0) return;
    const tsc = join(__dirname, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');
    const args = ['--ignoreConfig', '--noEmit', '--strict', '--skipLibCheck', '--target', 'ES2022', '--module', 'preserve', '--moduleResolution', 'bundler', '--jsx', 'preserve', '--experimentalDecorators', '--types', 'node', '--ignoreDeprecations', '6.0', ...tsOutputs.filter(isTypeCheckable)];
    try {
      execFileSync(process.execPath, [tsc, ...args], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const out = (e as { stdout?: string }).stdout ?? String(e);
      throw new Error(`tsc found errors in codemod outputs:\n${out}`);
    }
  }, 120_000);
});

/** The rules whose reports a transform fixes: its own, or, for umbrellas, those of its steps. */
function pairedRules(name: string): string[] {
  const own = transforms[name]?.rule;
  if (own) return [own];
  return Object.values(transforms)
    .map((t) => t.rule)
    .filter((r): r is string => !!r && ADD_GUARDS_RULES.includes(r));
}

/** The rules add-guards covers (its steps' rules). */
const ADD_GUARDS_RULES = ['no-duplicate-registration', 'require-shutdown-handler', 'require-hmr-dispose', 'no-batch-processor-in-dev'];

/** Fixtures that only import packages installed here can be type-checked; others would fail on missing modules. */
function isTypeCheckable(file: string): boolean {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/from ['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)/g)].map((m) => m[1] ?? m[2]!);
  return specifiers.every((s) => s.startsWith('.') || s.startsWith('node:') || existsSync(join(__dirname, '..', '..', 'node_modules', s)));
}
