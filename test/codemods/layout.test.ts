// Layout property: every JavaScript transform, run over every codemod fixture input re-laid-out
// by Prettier (2 spaces, 4 spaces, tabs, CRLF, and a JSDoc block before the first function):
//   - every line it adds is indented the file's way (tabs in a tab file, whole indent units of
//     the file's width, never the one-space step of a JSDoc ` * ` line) and ends the file's way;
//   - the output passes `prettier --check` with the same options, for the transforms whose
//     layout is done (LAYOUT_GAPS names the others and what still differs; a transform listed
//     there that passes fails the test, so the list only shrinks).
// Inputs Prettier cannot format are left out (none today).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { transforms } from '../../codemods';
import type { API } from '../../src/codemod/types';

const root = join(__dirname, '..', 'fixtures', 'codemods');
const api = {} as API;

interface Variant {
  readonly name: string;
  readonly options: prettier.Options;
  /** Adds a JSDoc block before the first function (or at the top) before formatting. */
  readonly jsdoc?: boolean;
}

const VARIANTS: readonly Variant[] = [
  { name: '2 spaces', options: { tabWidth: 2, singleQuote: true } },
  { name: '4 spaces', options: { tabWidth: 4, singleQuote: true } },
  { name: 'tabs', options: { useTabs: true } },
  { name: 'CRLF', options: { endOfLine: 'crlf', singleQuote: true } },
  { name: 'JSDoc, 4 spaces', options: { tabWidth: 4, singleQuote: true }, jsdoc: true },
];

interface Input {
  /** Where the transform is told the file is: beside the fixture, so project files apply. */
  readonly path: string;
  readonly source: string;
  readonly settings: Record<string, unknown>;
}

function fixtureInputs(): Input[] {
  const out: Input[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.input\.[cm]?[jt]sx?$/.test(name)) {
        const settingsFile = full.replace(/\.input\.[cm]?[jt]sx?$/, '.settings.json');
        let settings: Record<string, unknown> = {};
        try {
          settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
        } catch {
          // no settings for this scenario
        }
        out.push({ path: join(dirname(full), name.replace('.input.', '.')), source: readFileSync(full, 'utf8'), settings });
      }
    }
  };
  walk(root);
  return out;
}

const JSDOC = '/**\n * Sets up telemetry for this service.\n */\n';

/** The JSDoc block goes before the first top-level function (the wrapped code follows it), else at the top. */
function withJsdoc(source: string): string {
  const m = /^(?:export\s+)?(?:async\s+)?function\b/m.exec(source);
  return m ? source.slice(0, m.index) + JSDOC + source.slice(m.index) : JSDOC + source;
}

/**
 * Transforms whose output Prettier still re-wraps somewhere (issue 13 item 5), with the first
 * difference the property finds. Empty: every transform's output passes. A transform added here
 * that passes fails the test, so the list only shrinks.
 */
const LAYOUT_GAPS: Readonly<Record<string, string>> = {};

/** Lines of `out` that `input` does not have (a multiset difference). */
function addedLines(input: string, out: string): string[] {
  const have = new Map<string, number>();
  for (const l of input.split(/\r?\n/)) have.set(l, (have.get(l) ?? 0) + 1);
  return out.split(/\r?\n/).filter((l) => {
    const n = have.get(l) ?? 0;
    if (n > 0) have.set(l, n - 1);
    return n === 0;
  });
}

/** Why an added line is indented against the file's style, or undefined. */
function indentProblem(line: string, options: prettier.Options): string | undefined {
  const lead = /^[ \t]*/.exec(line)![0];
  if (lead === '' || /^\s*\*/.test(line)) return undefined; // JSDoc continuation lines keep their ' *'
  if (options.useTabs) return /^\t+$/.test(lead) ? undefined : 'spaces in a tab-indented file';
  if (lead.includes('\t')) return 'a tab in a space-indented file';
  const width = options.tabWidth ?? 2;
  return lead.length % width === 0 ? undefined : `${lead.length} spaces, not a multiple of ${width}`;
}

const inputs = fixtureInputs();
const names = Object.keys(transforms);

describe('layout: transform outputs pass prettier --check where their input did', () => {
  it('has fixture inputs and transforms to run', () => {
    expect(inputs.length).toBeGreaterThan(40);
    expect(names).toContain('add-guards');
  });

  for (const variant of VARIANTS) {
    it(`${variant.name}`, async () => {
      const failures: string[] = [];
      const indentFailures: string[] = [];
      const differs = new Set<string>();
      let checked = 0;
      for (const input of inputs) {
        const options = { ...variant.options, filepath: input.path };
        let laidOut: string;
        try {
          laidOut = await prettier.format(variant.jsdoc ? withJsdoc(input.source) : input.source, options);
        } catch {
          continue; // Prettier cannot format it: no claim about the output
        }
        if (!(await prettier.check(laidOut, options))) continue;
        // a file with no indented code line does not show its indentation: generated code then
        // takes the project's Prettier/EditorConfig setting (none beside the fixtures), else 2 spaces
        // (test/project/indentation.test.ts)
        const showsIndent = laidOut.split(/\r?\n/).some((l) => /^[ \t]+[^\s*]/.test(l));
        if (!showsIndent && variant.name !== '2 spaces') continue;
        const seen = new Set<string>();
        for (const name of names) {
          let out: string | null | undefined;
          try {
            out = transforms[name]!.run({ path: input.path, source: laidOut }, api, { settings: input.settings, to: 3 });
          } catch {
            continue; // a parse error is the fixture harness's business
          }
          if (!out || out === laidOut || seen.has(out)) continue;
          seen.add(out);
          checked++;
          if (options.endOfLine === 'crlf' && /(?<!\r)\n/.test(out)) indentFailures.push(`${name} on ${basename(input.path)}: a bare LF in a CRLF file`);
          for (const line of addedLines(laidOut, out)) {
            const problem = indentProblem(line, options);
            if (problem) indentFailures.push(`${name} on ${basename(input.path)}: ${problem}: |${line.replace(/\t/g, '→')}`);
          }
          if (!(await prettier.check(out, options))) {
            differs.add(name);
            if (LAYOUT_GAPS[name]) continue;
            const expected = await prettier.format(out, options);
            failures.push(`${name} on ${basename(input.path)}:\n${firstDifference(out, expected)}`);
          }
        }
      }
      expect(checked, 'outputs checked').toBeGreaterThan(30);
      expect(indentFailures, indentFailures.join('\n')).toEqual([]);
      expect(failures, failures.join('\n\n')).toEqual([]);
      if (!variant.jsdoc) {
        const closed = Object.keys(LAYOUT_GAPS).filter((n) => !differs.has(n));
        expect(closed, 'listed in LAYOUT_GAPS but Prettier accepts every output now: remove them').toEqual([]);
      }
    }, 240_000);
  }
});

/** The first differing lines of the output and of Prettier's layout of it, for the failure message. */
function firstDifference(actual: string, expected: string): string {
  const a = actual.split(/\r?\n/);
  const b = expected.split(/\r?\n/);
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const show = (lines: string[]) => lines.slice(Math.max(0, i - 1), i + 4).map((l) => `    |${l.replace(/\t/g, '→')}`).join('\n');
  return `  line ${i + 1}, written:\n${show(a)}\n  prettier:\n${show(b)}`;
}
