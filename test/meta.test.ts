// Meta-tests: rules, docs, configs and the codemod registry agree. Everything is discovered
// (plugin.rules, the registry, the rules/ and codemods/ folders), never listed by hand, so a
// rule or codemod added tomorrow is checked without touching this file.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json';
import { rules as rulesIndex } from '../rules';
import { steps as addGuardsSteps } from '../codemods/add-guards';
import { transforms } from '../codemods';
import plugin from '../src/index';
import { lint } from './support/lint';

const root = join(__dirname, '..');
const ruleNames = Object.keys(plugin.rules);
const transformNames = Object.keys(transforms);

interface JsonSchemaObject {
  type?: string;
  additionalProperties?: boolean;
  properties?: Record<string, { description?: string }>;
}

interface RuleLike {
  meta: {
    type?: string;
    docs?: { description?: string; url?: string; recommended?: boolean };
    messages?: Record<string, string>;
    schema?: JsonSchemaObject[] | JsonSchemaObject | false;
    defaultOptions?: unknown[];
    hasSuggestions?: boolean;
    fixable?: string;
  };
  defaultOptions?: unknown[];
}

const ruleOf = (name: string) => (plugin.rules as Record<string, unknown>)[name] as RuleLike;
const schemaObjects = (rule: RuleLike): JsonSchemaObject[] => {
  const s = rule.meta.schema;
  if (!s) return [];
  return Array.isArray(s) ? s : [s];
};
const read = (rel: string) => {
  if (!existsSync(join(root, rel))) throw new Error(`${rel} is missing`);
  return readFileSync(join(root, rel), 'utf8');
};
const tsFilesIn = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts') && f !== 'index.ts')
    .map((f) => f.slice(0, -3));

describe('plugin', () => {
  it('has meta with name, namespace and the package version', () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'otel-safe' });
  });

  it('has at least one rule', () => {
    expect(ruleNames.length).toBeGreaterThan(0);
  });

  it('registers every file in rules/ (and nothing else)', () => {
    expect([...tsFilesIn('rules')].sort()).toEqual([...ruleNames].sort());
    expect(Object.keys(rulesIndex).sort()).toEqual([...ruleNames].sort());
  });
});

describe.each(ruleNames)('rule %s', (name) => {
  const rule = ruleOf(name);
  const docPath = `docs/rules/${name}.md`;

  it('has type, docs, messages', () => {
    expect(['problem', 'suggestion', 'layout']).toContain(rule.meta.type);
    expect(rule.meta.docs?.description).toMatch(/^(Disallow|Require|Enforce) \S/);
    expect(rule.meta.docs?.description).not.toMatch(/\.$/);
    expect(typeof rule.meta.docs?.recommended).toBe('boolean');
    expect(Object.keys(rule.meta.messages ?? {}).length).toBeGreaterThan(0);
    for (const id of Object.keys(rule.meta.messages ?? {})) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
  });

  it('links meta.docs.url to its docs page', () => {
    expect(rule.meta.docs?.url).toMatch(new RegExp(`^https://\\S+/docs/rules/${name}\\.md$`));
  });

  it('has a schema of closed objects whose properties are all described, and defaultOptions for every key', () => {
    const schemas = schemaObjects(rule);
    expect(Array.isArray(rule.meta.schema), 'meta.schema must be an array (an empty one when there are no options)').toBe(true);
    expect(rule.meta.defaultOptions).toEqual(rule.defaultOptions);
    schemas.forEach((s, i) => {
      expect(s.type).toBe('object');
      expect(s.additionalProperties).toBe(false);
      const keys = Object.keys(s.properties ?? {});
      for (const key of keys) expect(s.properties![key].description, `${name} option ${key}`).toMatch(/\S/);
      const defaults = (rule.meta.defaultOptions?.[i] ?? {}) as Record<string, unknown>;
      expect(Object.keys(defaults).sort()).toEqual([...keys].sort());
    });
  });

  it(`has ${docPath} with the generated header and the page sections`, () => {
    expect(existsSync(join(root, docPath)), `${docPath} is missing`).toBe(true);
    const doc = read(docPath);
    const lines = doc.split(/\r?\n/);
    expect(lines[0]).toBe(`# ${rule.meta.docs?.description} (\`otel-safe/${name}\`)`);
    expect(doc).toContain(`📝 ${rule.meta.docs?.description}.`);
    expect(doc).toContain('<!-- end auto-generated rule header -->');
    const headings = lines.filter((l) => /^## /.test(l));
    const order = ['## Examples', '## Options', '## When Not To Use It', '## Related'];
    const present = order.filter((h) => headings.includes(h));
    const required = schemaObjects(rule).some((s) => Object.keys(s.properties ?? {}).length > 0) ? order : order.filter((h) => h !== '## Options');
    for (const h of required) expect(headings, `${docPath} needs "${h}"`).toContain(h);
    expect(present).toEqual(headings.filter((h) => order.includes(h)));
    const examples = doc.slice(doc.indexOf('## Examples'));
    expect(examples.indexOf('❌')).toBeGreaterThan(-1);
    expect(examples.indexOf('✅')).toBeGreaterThan(examples.indexOf('❌'));
  });

  // The ❌ code blocks of `## Examples` must be reported by the rule and the ✅ ones must not.
  // Linted: blocks fenced as js/jsx/ts/tsx/mjs/cjs/mts/cts that are self-contained (they import or
  // require something: the rules work from imports, so a fragment without them proves nothing).
  // A first line `// <path>` or `// filename: <path>` sets the file name the block is linted as.
  it('has ## Examples whose ❌ blocks the rule reports and whose ✅ blocks it does not', () => {
    const doc = read(docPath);
    const start = doc.indexOf('## Examples');
    expect(start).toBeGreaterThan(-1);
    const rest = doc.slice(start + 1);
    const section = rest.slice(0, rest.search(/^## /m) === -1 ? undefined : rest.search(/^## /m));
    let verdict: 'incorrect' | 'correct' | undefined;
    for (const part of section.split(/^(```[^\n]*\n[\s\S]*?^```)\s*$/m)) {
      const fence = /^```([a-z]*)[^\n]*\n([\s\S]*?)^```/m.exec(part);
      if (!fence) {
        const lastBad = part.lastIndexOf('❌');
        const lastGood = part.lastIndexOf('✅');
        if (lastBad > lastGood) verdict = 'incorrect';
        else if (lastGood > lastBad) verdict = 'correct';
        continue;
      }
      const ext = fence[1];
      if (!/^(js|jsx|ts|tsx|mjs|cjs|mts|cts)$/.test(ext) || !verdict) continue;
      const code = fence[2];
      if (!/^\s*import\b|\brequire\(\s*['"]|\bimport\(\s*['"]/m.test(code)) continue;
      const filename = /^\/\/ (?:filename: )?([\w./-]+\.[cm]?[jt]sx?)\b/.exec(code)?.[1] ?? `example.${ext}`;
      const reported = lint(code, join(root, filename), name).filter((m) => m.ruleId === `otel-safe/${name}`);
      if (verdict === 'incorrect') expect(reported.length, `❌ block not reported:\n${code}`).toBeGreaterThan(0);
      else expect(reported, `✅ block reported:\n${code}`).toEqual([]);
    }
  });

  it('documents every option under its own ### heading', () => {
    const doc = read(docPath);
    for (const s of schemaObjects(rule)) {
      for (const key of Object.keys(s.properties ?? {})) {
        expect(doc, `${docPath} needs "### ${key}"`).toMatch(new RegExp(`^### \`?${key}\`?\\s*$`, 'm'));
      }
    }
  });

  it('links its paired codemods from ## Related', () => {
    const related = read(docPath).split('## Related')[1] ?? '';
    for (const t of Object.values(transforms).filter((t) => t.rule === name)) {
      expect(related).toContain(`../codemods/${t.name}.md`);
    }
  });
});

describe('configs', () => {
  const configs = plugin.configs as unknown as Record<string, { name?: string; plugins: unknown; rules: Record<string, string> }>;
  const prefixed = (names: string[]) => names.map((n) => `otel-safe/${n}`).sort();

  it('has exactly the L2 layout', () => {
    expect(Object.keys(configs).sort()).toEqual(['all', 'flat/all', 'flat/recommended', 'oxlint/all', 'oxlint/recommended', 'recommended']);
  });

  it.each(['recommended', 'all'])('%s is an eslintrc config (plugins array, no name)', (key) => {
    expect(configs[key].plugins).toEqual(['otel-safe']);
    expect(configs[key]).not.toHaveProperty('name');
  });

  it.each(['recommended', 'all'])('flat/%s is a flat config referencing the plugin itself', (key) => {
    const flat = configs[`flat/${key}`];
    expect(flat.name).toBe(`otel-safe/${key}`);
    expect(flat.plugins).toEqual({ 'otel-safe': plugin });
    expect((flat.plugins as Record<string, unknown>)['otel-safe']).toBe(plugin);
    expect(flat.rules).toEqual(configs[key].rules);
  });

  it.each(['recommended', 'all'])('oxlint/%s loads the package as a JS plugin with the same rules', (key) => {
    expect(configs[`oxlint/${key}`]).toEqual({ jsPlugins: ['eslint-plugin-otel-safe'], rules: configs[key].rules });
  });

  it('all enables every rule', () => {
    expect(Object.keys(configs.all.rules).sort()).toEqual(prefixed(ruleNames));
    for (const sev of Object.values(configs.all.rules)) expect(['error', 'warn']).toContain(sev);
  });

  it("recommended holds exactly the rules with meta.docs.recommended, at 'error' or 'warn'", () => {
    expect(Object.keys(configs.recommended.rules).sort()).toEqual(prefixed(ruleNames.filter((n) => ruleOf(n).meta.docs?.recommended)));
    for (const sev of Object.values(configs.recommended.rules)) expect(['error', 'warn']).toContain(sev);
  });
});

describe('codemods', () => {
  const fixturesRoot = join(root, 'test', 'fixtures', 'codemods');

  it('registers every file in codemods/ (and nothing else)', () => {
    expect([...tsFilesIn('codemods')].sort()).toEqual([...transformNames].sort());
  });

  it('add-guards runs registered transforms only, each linked from docs/codemods/add-guards.md', () => {
    const doc = read('docs/codemods/add-guards.md');
    for (const step of addGuardsSteps) {
      const entry = Object.values(transforms).find((t) => t.run === step);
      expect(entry, 'an add-guards step is not in the registry').toBeDefined();
      expect(doc).toContain(`(./${entry!.name}.md)`);
    }
  });

  describe.each(transformNames)('transform %s', (name) => {
    const entry = transforms[name];

    it('has a name, a one-line description and a transform function', () => {
      expect(entry.name).toBe(name);
      expect(entry.description).toMatch(/\S/);
      expect(entry.description).not.toMatch(/\n/);
      expect(typeof entry.run).toBe('function');
    });

    it('names an existing rule, if any', () => {
      if (entry.rule !== undefined) expect(ruleNames).toContain(entry.rule);
    });

    it('has a fixtures folder', () => {
      const dir = join(fixturesRoot, name);
      expect(existsSync(dir) && statSync(dir).isDirectory(), `test/fixtures/codemods/${name}/ is missing`).toBe(true);
    });

    it(`has docs/codemods/${name}.md with the command, an example, "Not handled:" and a link to its rule`, () => {
      const docPath = `docs/codemods/${name}.md`;
      expect(existsSync(join(root, docPath)), `${docPath} is missing`).toBe(true);
      const doc = read(docPath);
      expect(doc).toMatch(/^# \S/);
      expect(doc).toContain(`npx otel-codemod ${name} `);
      expect(doc).toContain('For example:');
      expect(doc).toContain('Not handled:');
      if (entry.rule) expect(doc).toContain(`../rules/${entry.rule}.md`);
    });
  });
});
