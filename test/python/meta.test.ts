// Python rules, docs, configs and transforms agree: every rule has a doc page whose quote is the
// rule's description, a url pointing at it, messages from its check, `meta.languages`; every
// transform has a doc page and fixtures; the README lists every rule.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonRules } from '../../rules/python';
import { pythonChecksByRule } from '../../src/python/checks';
import { extendPlugin } from '../../src/python/eslint/plugin';
import { pythonTransforms } from '../../src/python/transforms';

const root = join(__dirname, '..', '..');
const read = (rel: string): string => readFileSync(join(root, rel), 'utf8');

describe('python rules', () => {
  const files = readdirSync(join(root, 'rules', 'python')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3));

  it('lists every rule file, under python/<file name>', () => {
    expect(Object.keys(pythonRules).sort()).toEqual(files.map((f) => `python/${f}`).sort());
    expect(Object.keys(pythonChecksByRule).sort()).toEqual(files.sort());
  });

  for (const [id, rule] of Object.entries(pythonRules)) {
    const name = id.slice('python/'.length);
    it(`${id}: doc page, description, url, messages, languages`, () => {
      const doc = read(`docs/rules/python/${name}.md`);
      expect(doc.startsWith(`# ${id}\n`)).toBe(true);
      expect(doc).toContain(`> ${rule.meta.docs.description}\n`);
      expect(doc).toContain(`Severity in \`python/recommended\`: ${rule.recommended}`);
      for (const section of ['## Examples', '## Versions', '## Options', '## When Not To Use It', '## Related']) expect(doc, section).toContain(section);
      expect(rule.meta.docs.url).toMatch(new RegExp(`/docs/rules/python/${name}\\.md$`));
      expect(rule.meta.messages).toBe(pythonChecksByRule[name as keyof typeof pythonChecksByRule].messages);
      expect(rule.meta.languages).toEqual(['otel-safe/python']);
      expect(read('README.md')).toContain(`[\`${id}\`](docs/rules/python/${name}.md)`);
    });
  }

  it('python/recommended enables every rule at its severity, for **/*.py, with the language', () => {
    const plugin = extendPlugin({ rules: {}, configs: {} as Record<string, unknown> });
    const config = plugin.configs['python/recommended'] as { files: string[]; language: string; rules: Record<string, string> };
    expect(config.files).toEqual(['**/*.py']);
    expect(config.language).toBe('otel-safe/python');
    expect(config.rules).toEqual(Object.fromEntries(Object.entries(pythonRules).map(([id, r]) => [`otel-safe/${id}`, r.recommended])));
    expect(extendPlugin(plugin)).toBe(plugin);
  });
});

describe('python transforms', () => {
  for (const t of pythonTransforms) {
    it(`${t.name}: doc page linking its rule, fixtures`, () => {
      const doc = read(`docs/codemods/python/${t.name}.md`);
      expect(doc).toContain(`../../rules/${t.rule}.md`);
      expect(existsSync(join(root, 'test', 'fixtures', 'codemods', 'python', t.name))).toBe(true);
    });
  }
});
