// One result whatever --jobs: a mixed tree (setups to fix, fixed files, files without
// OpenTelemetry, a syntax error, and deep files that overflow the parser on the main thread's
// stack but not on a worker's, or on both) gives the same JSON report with --jobs 1 and --jobs 2.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs module shared with bench/depth-limits.mjs
import { source } from '../../bench/deep-shapes.mjs';
import { analysisParserFor } from '../../src/codemod/parser';
import { makeTree } from '../cli/helpers';

const distCli = path.join(path.resolve(__dirname, '../..'), 'dist/cli.js');

const SETUP = (i: number): string => `const { NodeSDK } = require('@opentelemetry/sdk-node');\nconst sdk${i} = new NodeSDK({});\nsdk${i}.start();\n`;
const FIXED = "import { NodeSDK } from '@opentelemetry/sdk-node';\nconst sdk = new NodeSDK({});\nsdk.start();\nfor (const s of ['SIGTERM', 'SIGINT']) process.once(s, () => sdk.shutdown().finally(() => process.exit(0)));\n";

/**
 * Deep files by what Babel does with them (bench/README.md "Depth limits"): on the main thread it
 * overflows on a few thousand nested blocks or ternaries and a few hundred nested arrow
 * functions; a worker's stack (64 MB) takes them; 60,000 nested arrow functions overflow both
 * (and, at 600 KB, take the large-file path through the main thread).
 */
const DEEP: Record<string, string> = {
  'src/deep/blocks.js': source('blocks', 5_000),
  'src/deep/ternary.js': source('ternary', 5_000),
  'src/deep/functions.js': source('functions', 700),
  'src/deep/functions-too-deep.js': source('functions', 60_000),
  'src/deep/member.js': source('member', 20_000),
};

function tree(): Record<string, string> {
  const files: Record<string, string> = { ...DEEP, 'src/broken.js': `${SETUP(0)}const = ;\n` };
  // enough files that pass the text gate for two workers (more than 2 × 50)
  for (let i = 0; i < 110; i++) files[`src/setup/s${i}.js`] = i % 3 === 0 ? FIXED : SETUP(i);
  for (let i = 0; i < 20; i++) files[`src/plain/p${i}.js`] = `export const x${i} = ${i};\n`;
  return files;
}

interface Report {
  files: { path: string; status: string; error?: string }[];
  summary: Record<string, number>;
}

function runJobs(jobs: string): { status: number | null; report: Report } {
  const root = makeTree(tree());
  const result = spawnSync(process.execPath, [distCli, 'add-guards', '--dry', '--json', '--jobs', jobs, '.'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const report = JSON.parse(result.stdout) as Report;
  delete report.summary.durationMs;
  return { status: result.status, report };
}

describe.skipIf(!existsSync(distCli))('--jobs 1 and --jobs 2 (built dist/ needed)', () => {
  it('give the same JSON report on a mixed tree with deep files', () => {
    const one = runJobs('1');
    const two = runJobs('2');
    expect(two).toEqual(one);
    const status = (p: string) => one.report.files.find((f) => f.path === p);
    // deep files the main thread cannot parse are parsed where every file gets the same stack
    expect(status('src/deep/blocks.js')?.status).toBe('changed');
    expect(status('src/deep/ternary.js')?.status).toBe('changed');
    expect(status('src/deep/functions.js')?.status).toBe('changed');
    expect(status('src/deep/member.js')?.status).toBe('changed');
    // too deep for any stack: unparseable with the reason, never an internal error
    expect(status('src/deep/functions-too-deep.js')).toEqual({
      path: 'src/deep/functions-too-deep.js',
      status: 'error',
      error: 'cannot parse: nested too deeply for the parser (Maximum call stack size exceeded)',
    });
    expect(status('src/broken.js')?.status).toBe('error');
    expect(one.status).toBe(3);
    expect(one.report.summary).toMatchObject({ changed: 4 + 73, errors: 2 });
  }, 300_000);

  it('uses deep files that do overflow the parser on a main thread (so --jobs 1 meets the overflow)', () => {
    for (const file of ['src/deep/blocks.js', 'src/deep/ternary.js', 'src/deep/functions.js']) {
      expect(() => analysisParserFor(file).parse(DEEP[file]!), file).toThrow(RangeError);
    }
  });
});
