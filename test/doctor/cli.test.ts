// `otel-codemod doctor` through the CLI entry (in-process): exit codes and --json.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn, tempDir } from '../cli/helpers';

const fixtures = path.join(__dirname, '..', 'fixtures', 'doctor');

describe('otel-codemod doctor', () => {
  it('exits 1 with problems, printing them grouped by process', async () => {
    const { code, stdout } = await runIn(fixtures, ['doctor', 'nodemon']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/npm run dev \| npm run start {2}\[dev\]\n/);
    expect(stdout).toContain('✖ preload-and-code-sdk');
    expect(stdout).toContain('    at src/otel.js:5');
  });

  it('exits 0 on a clean project, and takes the current directory by default', async () => {
    const { code, stdout } = await runIn(path.join(fixtures, 'clean'), ['doctor']);
    expect(code).toBe(0);
    expect(stdout).toContain('No problems found.');
  });

  it('--json prints only the report', async () => {
    const { code, stdout } = await runIn(fixtures, ['doctor', 'docker-preload', '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { findings: { code: string; locations: { file: string; line: number }[] }[] };
    expect(report.findings.map((f) => f.code)).toEqual(['preload-and-code-sdk']);
    expect(report.findings[0]!.locations).toEqual([
      { file: 'Dockerfile', line: 11 },
      { file: 'src/tracing.ts', line: 5, column: 1 },
    ]);
  });

  it('exits 2 on a usage error', async () => {
    const dir = tempDir();
    expect((await runIn(dir, ['doctor', 'a', 'b'])).code).toBe(2);
    const missing = await runIn(dir, ['doctor', 'no-such-dir']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("'no-such-dir' is not a directory");
  });
});
