// `npm run demo`: lints the example apps with every otel-safe rule, shows the diff
// `otel-codemod add-guards` would apply (on a scratch copy, so examples/ stays as it
// is), and lints the repaired copy again: what is left is what needs a human.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(root, 'package.json'));
const { ESLint } = require('eslint');
const tsParser = require('@typescript-eslint/parser');
const plugin = require(join(root, 'dist', 'index.js'));

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

async function lintTree(dir) {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      { ignores: ['**/node_modules/**', '**/dist/**'] },
      {
        files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
        languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
        ...plugin.configs['flat/all'],
      },
    ],
  });
  const results = await eslint.lintFiles(['.']);
  const formatter = await eslint.loadFormatter('stylish');
  const count = results.reduce((n, r) => n + r.messages.length, 0);
  return { text: await formatter.format(results), count };
}

const examples = join(root, 'examples');
console.log(bold(`\n1. eslint with otel-safe (flat/all) on ${relative(process.cwd(), examples) || 'examples'}/`));
const before = await lintTree(examples);
console.log(before.text || 'no problems');

const scratch = mkdtempSync(join(tmpdir(), 'otel-safe-demo-'));
try {
  cpSync(examples, scratch, { recursive: true, filter: (src) => !src.includes('node_modules') });
  const cli = join(root, 'dist', 'cli.js');
  console.log(bold('2. npx otel-codemod add-guards --diff examples/  (applied to a scratch copy)'));
  const out = execFileSync(process.execPath, [cli, 'add-guards', '--diff', '.'], { cwd: scratch, encoding: 'utf8' });
  console.log(out);
  console.log(bold('3. eslint again on the repaired copy'));
  const after = await lintTree(scratch);
  console.log(after.text || 'no problems\n');
  console.log(bold(`${before.count} problems before, ${after.count} after add-guards; what is left is reported for a human to decide.`));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
