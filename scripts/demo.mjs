// `npm run demo`: lints the example apps with every otel-safe rule and runs `doctor` on
// them, shows the diff `otel-codemod add-guards` applies (on a scratch copy, so examples/
// stays as it is), then lints and runs doctor on the repaired copy again: the counts before
// and after from both, and what is left is what needs a human (a guard hides no conflict).
import { execFileSync, spawnSync } from 'node:child_process';
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
  const fixable = results.reduce((n, r) => n + r.messages.filter((m) => (m.suggestions?.length ?? 0) > 0).length, 0);
  return { text: await formatter.format(results), count, fixable };
}

const cli = join(root, 'dist', 'cli.js');

/** `otel-codemod doctor --json` on a tree: its findings (exit 1 means it found some). */
function doctor(dir) {
  const run = spawnSync(process.execPath, [cli, 'doctor', '--json', '.'], { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`doctor failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout).findings;
}

const describeDoctor = (findings) => (findings.length === 0 ? 'no problems' : findings.map((f) => `  ${f.severity}  ${f.code}  ${f.locations[0] ? `${f.locations[0].file}:${f.locations[0].line}` : ''}\n    ${f.message}`).join('\n'));

const examples = join(root, 'examples');
console.log(bold(`\n1. eslint with otel-safe (flat/all) on ${relative(process.cwd(), examples) || 'examples'}/`));
const before = await lintTree(examples);
console.log(before.text || 'no problems');
console.log(bold('   otel-codemod doctor (whole project, across files)'));
const doctorBefore = doctor(examples);
console.log(describeDoctor(doctorBefore) + '\n');

const scratch = mkdtempSync(join(tmpdir(), 'otel-safe-demo-'));
try {
  cpSync(examples, scratch, { recursive: true, filter: (src) => !src.includes('node_modules') });
  console.log(bold('2. npx otel-codemod add-guards --diff examples/  (applied to a scratch copy)'));
  const out = execFileSync(process.execPath, [cli, 'add-guards', '--diff', '.'], { cwd: scratch, encoding: 'utf8' });
  console.log(out);
  console.log(bold('3. eslint again on the repaired copy'));
  const after = await lintTree(scratch);
  console.log(after.text || 'no problems\n');
  console.log(bold('   otel-codemod doctor again'));
  const doctorAfter = doctor(scratch);
  console.log(describeDoctor(doctorAfter) + '\n');
  console.log(bold(`eslint: ${before.count} problems before (${before.fixable} with a fix), ${after.count} after add-guards (${after.fixable} with a fix: other codemods' rules).`));
  console.log(bold(`doctor: ${doctorBefore.length} findings before, ${doctorAfter.length} after. What is left is reported for a human to decide.`));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
