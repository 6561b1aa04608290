// The shape of the code base (issue 11): no import circle anywhere in src/, rules/ or
// codemods/, and text edits are built only by the fix planners (src/fix/) and the core.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

const FILES = [...sourceFiles('src'), ...sourceFiles('rules'), ...sourceFiles('codemods')];

describe('structure', () => {
  it('has no import circle (dpdm, type imports included)', async () => {
    const tree = await parseDependencyTree(FILES, { context: root, transform: false, skipDynamicImports: true });
    const circles = parseCircular(tree).map((c) => c.join(' -> '));
    expect(circles).toEqual([]);
  }, 60_000);

  it('the circle check can fail: it finds a circle between two modules that import each other', async () => {
    const tree = { 'a.ts': [{ issuer: 'a.ts', request: './b', kind: 1, id: 'b.ts' }], 'b.ts': [{ issuer: 'b.ts', request: './a', kind: 1, id: 'a.ts' }] };
    expect(parseCircular(tree as never).length).toBe(1);
  });

  it('builds text edits ({ range, text } objects) only in src/fix/ and src/core/', () => {
    const offenders: string[] = [];
    for (const file of FILES) {
      if (file.startsWith(join('src', 'fix')) || file.startsWith(join('src', 'core'))) continue;
      const text = readFileSync(join(root, file), 'utf8');
      for (const at of editLiterals(text, file)) offenders.push(`${relative(root, join(root, file))}:${at}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the edit check can fail: it finds an edit literal', () => {
    expect(editLiterals('const e = { range: [1, 2], text: "x" };', 'x.ts')).toEqual([1]);
    expect(editLiterals('const f = { range: [1, 2], messageId: "m" };', 'x.ts')).toEqual([]);
  });
});

/** Lines of object literals with exactly the two properties of a TextEdit. */
function editLiterals(text: string, file: string): number[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const names = node.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : ''));
      if (names.includes('range') && names.includes('text')) lines.push(sf.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return lines;
}
