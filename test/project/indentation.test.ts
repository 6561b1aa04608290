// The indentation default for generated code in a file with no indented line (issue 13 N item 4):
// the project's Prettier setting (`useTabs`, `tabWidth`: .prettierrc in JSON or YAML, package.json's
// "prettier"), else its .editorconfig (`indent_style`, `indent_size`, sections matched to the
// file, nearer files overriding), else 2 spaces. A file that shows its indentation keeps its own.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { transforms } from '../../codemods';
import type { API } from '../../src/codemod/types';
import { declaredIndent } from '../../src/project/indentation';
import { revalidate } from '../../src/project';

const root = mkdtempSync(join(tmpdir(), 'otel-safe-indent-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

// nothing indented: the handler block add-shutdown-handler writes shows the unit it chose
const flat = `const { NodeSDK } = require('@opentelemetry/sdk-node');
const sdk = new NodeSDK({});
sdk.start();
`;
const api = {} as API;
function handlerIndent(file: string, source = flat): string {
  revalidate();
  const out = transforms['add-shutdown-handler']!.run({ path: file, source }, api, { settings: {} })!;
  return /\n([ \t]+)const flushTelemetry/.exec(out)![1]!;
}

describe('declared indentation', () => {
  it('reads .prettierrc (JSON and YAML) and package.json "prettier"', () => {
    expect(declaredIndent(join(tree('p-json', { '.prettierrc': '{ "tabWidth": 4 }' }), 'a.js'))).toEqual({ unit: '    ', tabWidth: 4 });
    expect(declaredIndent(join(tree('p-yaml', { '.prettierrc.yaml': 'useTabs: true\ntabWidth: 8\n' }), 'src', 'a.js'))).toEqual({ unit: '\t', tabWidth: 8 });
    expect(declaredIndent(join(tree('p-pkg', { 'package.json': '{ "name": "x", "prettier": { "tabWidth": 3 } }' }), 'a.ts'))).toEqual({ unit: '   ', tabWidth: 3 });
  });

  it('reads .editorconfig sections that match the file, the nearer file overriding', () => {
    const dir = tree('ec', {
      '.editorconfig': 'root = true\n\n[*]\nindent_style = space\nindent_size = 2\n\n[*.{js,ts}]\nindent_size = 4\n\n[Makefile]\nindent_style = tab\n',
      'pkg/.editorconfig': '[lib/**.js]\nindent_style = tab\ntab_width = 8\n',
    });
    expect(declaredIndent(join(dir, 'src', 'a.js'))).toEqual({ unit: '    ' });
    expect(declaredIndent(join(dir, 'a.md'))).toEqual({ unit: '  ' });
    expect(declaredIndent(join(dir, 'pkg', 'lib', 'x', 'a.js'))).toEqual({ unit: '\t', tabWidth: 8 });
  });

  it('prefers Prettier over EditorConfig, and says nothing without either (or with a JS config)', () => {
    expect(declaredIndent(join(tree('both', { '.editorconfig': 'root = true\n[*]\nindent_style = tab\n', '.prettierrc.json': '{ "tabWidth": 4 }' }), 'a.js'))).toEqual({ unit: '    ', tabWidth: 4 });
    expect(declaredIndent(join(tree('js-config', { '.editorconfig': 'root = true\n[*]\nindent_size = 4\n', 'prettier.config.js': 'module.exports = {};' }), 'a.js'))).toEqual({ unit: '    ' });
    expect(declaredIndent(join(tree('none', { '.editorconfig': 'root = true\n' }), 'a.js'))).toBeUndefined();
  });

  it('generated code in a file with no indented line takes it; else 2 spaces; a file that shows its own keeps it', () => {
    expect(handlerIndent(join(tree('gen-tabs', { '.editorconfig': 'root = true\n[*.js]\nindent_style = tab\n' }), 'tracing.js'))).toBe('\t');
    expect(handlerIndent(join(tree('gen-4', { '.prettierrc': 'tabWidth: 4\n' }), 'tracing.js'))).toBe('    ');
    expect(handlerIndent(join(tree('gen-none', { '.editorconfig': 'root = true\n' }), 'tracing.js'))).toBe('  ');
    const shows = `${flat}function f() {\n   return 1;\n}\n`;
    expect(handlerIndent(join(tree('gen-own', { '.prettierrc': 'tabWidth: 4\n' }), 'tracing.js'), shows)).toBe('   ');
  });
});
