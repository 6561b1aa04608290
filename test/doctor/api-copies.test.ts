// Real npm installs (from the registry, cache outside the repo): two SDK generations
// that each bring their own @opentelemetry/api (1.9.0 under 2.x, 1.10.0 under 3.x),
// and a forced install whose api copy is outside the SDK's peer range.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generationOf } from '../../src/doctor/api-copies';
import { runDoctor } from '../../src/doctor';
import { satisfies } from '../../src/doctor/semver';

const CACHE = path.join(os.tmpdir(), 'otel-safe-doctor-npm-cache');
const dirs: string[] = [];

function temp(): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'otel-doctor-')));
  dirs.push(dir);
  return dir;
}

function npmInstall(cwd: string, extra: readonly string[] = []): void {
  execFileSync('npm', ['install', '--cache', CACHE, '--prefer-offline', '--no-audit', '--no-fund', '--engine-strict=false', '--loglevel=error', ...extra], {
    cwd,
    stdio: 'pipe',
    timeout: 240_000,
  });
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('two SDK generations installed side by side', async () => {
  let project: string;
  beforeAll(() => {
    project = temp();
    cpSync(path.join(__dirname, '..', 'fixtures', 'doctor', 'two-generations'), project, { recursive: true });
    // --install-links: the two wrappers are copied into node_modules like published packages
    npmInstall(project, ['--install-links']);
  });

  it('reports both @opentelemetry/api copies, who uses each, and exits 1', async () => {
    const { report, exitCode, output } = await runDoctor(project);
    expect(report.apiCopies.map((c) => `${c.version} ${c.path}`).sort()).toEqual([
      '1.10.0 node_modules/modern-tracing/node_modules/@opentelemetry/api',
      '1.9.0 node_modules/@opentelemetry/api',
    ]);
    const dup = report.findings.find((f) => f.code === 'duplicate-api-copies')!;
    expect(dup.severity).toBe('error');
    expect(dup.message).toMatch(/1\.10\.0 at node_modules\/modern-tracing\/node_modules\/@opentelemetry\/api \(used by [^)]*@opentelemetry\/sdk-trace@3\.1\.1/);
    expect(dup.message).toMatch(/1\.9\.0 at node_modules\/@opentelemetry\/api \(used by [^)]*@opentelemetry\/sdk-trace-base@2\.12\.1/);
    expect(exitCode).toBe(1);
    expect(output).toContain('✖ duplicate-api-copies');
  });

  it('reports the mixed SDK generations', async () => {
    const { report } = await runDoctor(project);
    expect(report.sdkGenerations['2']).toContain('@opentelemetry/sdk-trace-base@2.12.1');
    expect(report.sdkGenerations['3']).toContain('@opentelemetry/sdk-trace@3.1.1');
    expect(report.findings.some((f) => f.code === 'mixed-sdk-generations' && f.severity === 'error')).toBe(true);
    // each SDK loads the copy its peer range wants: nothing is mismatched
    expect(report.findings.some((f) => f.code === 'mismatched-api-copy')).toBe(false);
  });

  it('finds the same from package-lock.json alone when nothing is installed', async () => {
    const lockOnly = temp();
    cpSync(path.join(project, 'package.json'), path.join(lockOnly, 'package.json'));
    cpSync(path.join(project, 'package-lock.json'), path.join(lockOnly, 'package-lock.json'));
    const { report, exitCode } = await runDoctor(lockOnly);
    expect(report.apiCopies.every((c) => c.source === 'lockfile')).toBe(true);
    expect(report.apiCopies.map((c) => c.version).sort()).toEqual(['1.10.0', '1.9.0']);
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.code).sort()).toEqual(['duplicate-api-copies', 'mixed-sdk-generations']);
    expect(report.findings.find((f) => f.code === 'duplicate-api-copies')!.locations.every((l) => l.file === 'package-lock.json' && l.line > 1)).toBe(true);
    expect(exitCode).toBe(1);
  });

  it('the finding is real: with both copies loaded, the 3.x side gets a no-op tracer', async () => {
    // The 2.x side registers first through api 1.9; api 1.10 cannot use that global.
    const script = `
      const legacyApi = require(require.resolve('@opentelemetry/api', { paths: [require.resolve('legacy-tracing')] }));
      const modernApi = require(require.resolve('@opentelemetry/api', { paths: [require.resolve('modern-tracing')] }));
      const { BasicTracerProvider } = require('legacy-tracing');
      legacyApi.trace.setGlobalTracerProvider(new BasicTracerProvider());
      const legacySpan = legacyApi.trace.getTracer('a').startSpan('a');
      const modernSpan = modernApi.trace.getTracer('b').startSpan('b');
      console.log(JSON.stringify({ legacy: legacySpan.isRecording(), modern: modernSpan.isRecording(), versions: [legacyApi.trace.constructor.name, legacyApi === modernApi] }));
    `;
    const out = execFileSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8', timeout: 30_000 });
    const result = JSON.parse(out) as { legacy: boolean; modern: boolean; versions: [string, boolean] };
    expect(result.versions[1]).toBe(false);
    expect(result.legacy).toBe(true);
    expect(result.modern).toBe(false);
  });
});

describe('an api copy outside the SDK peer range', async () => {
  it('reports mismatched-api-copy for sdk-trace-base 2.12.1 loading api 1.10.0', async () => {
    const project = temp();
    writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'forced', version: '1.0.0', private: true, dependencies: { '@opentelemetry/api': '1.10.0', '@opentelemetry/sdk-trace-base': '2.12.1' } }),
    );
    // --legacy-peer-deps: what people run to get past ERESOLVE, which installs exactly this mismatch
    npmInstall(project, ['--legacy-peer-deps']);
    const { report, exitCode } = await runDoctor(project);
    const mismatch = report.findings.filter((f) => f.code === 'mismatched-api-copy').map((f) => f.message);
    expect(mismatch.some((m) => m.startsWith('@opentelemetry/sdk-trace-base@2.12.1 wants @opentelemetry/api >=1.3.0 <1.10.0 but loads 1.10.0'))).toBe(true);
    expect(report.findings.some((f) => f.code === 'duplicate-api-copies')).toBe(false);
    expect(exitCode).toBe(1);
  });
});

describe('version helpers', async () => {
  it('maps package versions to SDK generations', async () => {
    expect(generationOf('@opentelemetry/sdk-trace-base', '1.30.1')).toBe(1);
    expect(generationOf('@opentelemetry/sdk-trace-base', '2.12.1')).toBe(2);
    expect(generationOf('@opentelemetry/sdk-trace', '3.1.1')).toBe(3);
    expect(generationOf('@opentelemetry/sdk-node', '0.57.2')).toBe(1);
    expect(generationOf('@opentelemetry/sdk-node', '0.223.0')).toBe(2);
    expect(generationOf('@opentelemetry/exporter-trace-otlp-http', '0.301.0')).toBe(3);
    expect(generationOf('@opentelemetry/instrumentation-pg', '0.55.0')).toBeUndefined();
    expect(generationOf('@opentelemetry/api', '1.9.0')).toBeUndefined();
  });

  it('checks peer ranges', async () => {
    expect(satisfies('1.9.0', '>=1.3.0 <1.10.0')).toBe(true);
    expect(satisfies('1.10.0', '>=1.3.0 <1.10.0')).toBe(false);
    expect(satisfies('1.10.0', '>=1.10.0 <1.11.0')).toBe(true);
    expect(satisfies('1.9.1', '^1.9.0')).toBe(true);
    expect(satisfies('2.0.0', '^1.9.0')).toBe(false);
    expect(satisfies('1.9.4', '~1.9')).toBe(true);
    expect(satisfies('1.10.0', '~1.9.0')).toBe(false);
    expect(satisfies('1.4.0', '1.x || >=2.0.0')).toBe(true);
    expect(satisfies('0.9.0', '1.0.0 - 1.9.9')).toBe(false);
    expect(satisfies('1.0.0', 'not a range')).toBe(true);
  });
});
