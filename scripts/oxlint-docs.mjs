// `npm run docs` / `npm run docs:check` (with --check): the `.oxlintrc.json` block of
// docs/oxlint.md, generated from the built plugin's configs['oxlint/recommended'] so the
// rule list users paste never drifts from the plugin's.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const doc = path.join(repo, 'docs', 'oxlint.md');
const BEGIN = '<!-- begin generated oxlintrc (npm run docs) -->';
const END = '<!-- end generated oxlintrc -->';

const plugin = createRequire(import.meta.url)(path.join(repo, 'dist', 'index.js'));
const config = plugin.configs['oxlint/recommended'];
const body = {
  $schema: './node_modules/oxlint/configuration_schema.json',
  jsPlugins: config.jsPlugins,
  rules: config.rules,
};
const json = JSON.stringify(body, null, 2).replace(/"jsPlugins": \[\s+("[^"]+")\s+\]/, '"jsPlugins": [$1]');
const block = `${BEGIN}\n\`\`\`json\n${json}\n\`\`\`\n${END}`;

const text = readFileSync(doc, 'utf8');
const start = text.indexOf(BEGIN);
const end = text.indexOf(END);
if (start < 0 || end < start) {
  console.error(`${path.relative(repo, doc)}: the generated-block markers are missing`);
  process.exit(1);
}
const next = text.slice(0, start) + block + text.slice(end + END.length);
if (process.argv.includes('--check')) {
  if (next !== text) {
    console.error(`${path.relative(repo, doc)} is out of date with configs['oxlint/recommended']: run npm run docs`);
    process.exit(1);
  }
} else if (next !== text) {
  writeFileSync(doc, next);
  console.log(`updated ${path.relative(repo, doc)}`);
}
