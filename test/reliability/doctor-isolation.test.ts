// doctor goes on past a file it cannot analyse: that file's error is in the report, the rest
// of the report is complete, the exit code is 3, and --json stays valid JSON.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs module shared with bench/depth-limits.mjs
import { source } from '../../bench/deep-shapes.mjs';
import type { OtelSafeSettings } from '../../src/core/settings';
import { runDoctor, type DoctorReport } from '../../src/doctor';
import { makeTree } from '../cli/helpers';

const distCli = path.join(path.resolve(__dirname, '../..'), 'dist/cli.js');

/** A process whose entry loads an SDK setup, a 20,000-link member chain and 5,000 nested blocks. */
function project(): string {
  return makeTree({
    'package.json': JSON.stringify({ name: 'svc', private: true, scripts: { start: 'node src/main.js' } }),
    'src/main.js': "require('./tracing');\nrequire('./member-chain');\nrequire('./deep-blocks');\n",
    'src/tracing.js': "const { NodeSDK } = require('@opentelemetry/sdk-node');\nnew NodeSDK().start();\n",
    // Babel parses it (member chains are a loop there); otel-safe's analysis used to overflow on it
    'src/member-chain.js': source('member', 20_000),
    // nested deeper than Babel follows on a main thread's stack
    'src/deep-blocks.js': source('blocks', 5_000),
  });
}

function findings(report: DoctorReport): { code: string; severity: string; at: string[]; message: string }[] {
  return report.findings.map((f) => ({ code: f.code, severity: f.severity, at: f.locations.map((l) => `${l.file}:${l.line}`), message: f.message }));
}

describe('doctor and a file it cannot analyse', () => {
  it('reports that file, the rest of the project in full, and exits 3', async () => {
    const { report, exitCode } = await runDoctor(project());
    expect(exitCode).toBe(3);
    expect(report.processes.map((p) => p.name)).toEqual(['npm run start']);
    // every registration of the process, the deep member chain's included
    expect(report.processes[0]!.registrations.map((r) => `${r.location.file}:${r.location.line}`)).toEqual([
      'src/tracing.js:2',
      'src/member-chain.js:5',
    ]);
    const unreadable = findings(report).filter((f) => f.code === 'unreadable-file');
    expect(unreadable).toEqual([
      {
        code: 'unreadable-file',
        severity: 'warning',
        at: ['src/deep-blocks.js:1'],
        message: 'src/deep-blocks.js could not be analysed: cannot parse: nested too deeply for the parser (Maximum call stack size exceeded)',
      },
    ]);
    // the cross-file finding is still made: three setups register the trace global in one process
    expect(findings(report).map((f) => f.code)).toContain('duplicate-registration');
  });

  it('turns an exception in its own analysis of one file into that file\'s error', async () => {
    const root = makeTree({
      'package.json': JSON.stringify({ name: 'svc', private: true, scripts: { start: 'node src/main.js' } }),
      'src/main.js': "require('./tracing');\nrequire('./other');\n",
      'src/tracing.js': "const { NodeSDK } = require('@opentelemetry/sdk-node');\nnew NodeSDK().start();\n",
      'src/other.js': "const { NodeSDK } = require('@opentelemetry/sdk-node');\nnew NodeSDK().start();\n",
    });
    // fault injection: the settings of one file throw when the analysis reads them (a stand-in for a bug in otel-safe)
    const broken = Object.defineProperty({}, 'registrars', {
      enumerable: true,
      get() {
        throw new TypeError('injected failure');
      },
    }) as OtelSafeSettings;
    const settings = {
      forGroup: () => Promise.resolve({}),
      forFile: (file: string) => Promise.resolve(file.endsWith('other.js') ? broken : {}),
    };
    const { report, exitCode } = await runDoctor(root, { settings });
    expect(exitCode).toBe(3);
    expect(report.processes[0]!.registrations.map((r) => r.location.file)).toEqual(['src/tracing.js']);
    expect(findings(report).filter((f) => f.code === 'analysis-failed')).toEqual([
      {
        code: 'analysis-failed',
        severity: 'error',
        at: ['src/other.js:1'],
        message: expect.stringMatching(/^src\/other\.js could not be analysed: the analysis failed \(TypeError: injected failure\); this is a bug in otel-safe, please report it at https:\/\//),
      },
    ]);
  });

  it.skipIf(!existsSync(distCli))('prints valid JSON with --json and exits 3 (built dist/ needed)', () => {
    const root = project();
    const result = spawnSync(process.execPath, [distCli, 'doctor', '--json', '.'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(3);
    const report = JSON.parse(result.stdout) as DoctorReport;
    expect(report.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['unreadable-file', 'duplicate-registration']));
    expect(result.stderr).not.toMatch(/internal error/);
  });
});
