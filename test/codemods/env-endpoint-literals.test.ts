// env-exporter-endpoint loses no literal (issue 13 item 4): over every fixture pair of the
// transform, each string literal and template chunk of the input is still in the output (kept as
// the fallback behind the variable the exporter reads), and the output differs from the input
// wherever the rule reported something fixable.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parserFor } from '../../src/codemod/parser';
import { walk } from '../../src/ast/walk';
import type { Node } from '../../src/ast/node';

const dir = join(__dirname, '..', 'fixtures', 'codemods', 'env-exporter-endpoint');
const pairs = readdirSync(dir)
  .filter((f) => /\.input\.[cm]?[jt]sx?$/.test(f))
  .map((f) => ({ name: f, input: join(dir, f), output: join(dir, f.replace('.input.', '.output.')) }));

/** String literal values and template chunks of a file. */
function literals(path: string, source: string): string[] {
  const out: string[] = [];
  walk(parserFor(path).parse(source) as Node, {
    enter(n) {
      if (n.type === 'Literal' && typeof n.value === 'string') out.push(n.value);
      if (n.type === 'TemplateElement' && n.value.cooked) out.push(n.value.cooked);
      return true;
    },
  });
  return out;
}

describe('env-exporter-endpoint keeps every literal', () => {
  it('has fixtures that rewrite a URL built around the environment', () => {
    expect(pairs.map((p) => p.name)).toEqual(expect.arrayContaining(['base-as-traces-fallback.input.js', 'app-env-rebuild.input.ts', 'rebuilt-generic.input.mjs']));
  });

  for (const pair of pairs) {
    it(pair.name, () => {
      const input = readFileSync(pair.input, 'utf8');
      const output = readFileSync(pair.output, 'utf8');
      const kept = new Set(literals(pair.output.replace('.output.', '.'), output));
      const lost = literals(pair.input.replace('.input.', '.'), input).filter((s) => !kept.has(s));
      expect(lost, 'literals of the input missing from the output').toEqual([]);
    });
  }
});
