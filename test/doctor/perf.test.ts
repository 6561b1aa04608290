// Doctor speed: a synthetic 5,000-file monorepo (20 packages, every file reachable from
// its package's start script, 1 in 25 files using the OpenTelemetry API) in a temp dir.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/doctor';

const PACKAGES = 20;
const FILES_PER_PACKAGE = 250;

function generate(root: string): number {
  let files = 0;
  const write = (rel: string, text: string): void => {
    const full = path.join(root, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    files++;
  };
  write('package.json', JSON.stringify({ name: 'synthetic', private: true, workspaces: ['packages/*'] }));
  for (let p = 0; p < PACKAGES; p++) {
    const dir = `packages/pkg-${p}`;
    write(`${dir}/package.json`, JSON.stringify({ name: `@synthetic/pkg-${p}`, version: '1.0.0', main: 'dist/index.js', scripts: { start: 'node dist/index.js', dev: 'tsx watch src/index.ts' } }));
    write(`${dir}/tsconfig.json`, JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '~/*': ['src/*'] } } }));
    // a tree: module i imports modules 2i+1 and 2i+2 (relative and through `~/` paths), so all are reached
    for (let i = 0; i < FILES_PER_PACKAGE - 2; i++) {
      const kids = [2 * i + 1, 2 * i + 2].filter((k) => k < FILES_PER_PACKAGE - 2);
      const imports = kids.map((k, n) => (n === 0 ? `import { f${k} } from './m${k}';` : `import { f${k} } from '~/m${k}';`)).join('\n');
      // 1 in 25 use a tracer (scanned only); 1 in 50 also name `start` (parsed, no registration)
      const otel =
        i % 25 === 3
          ? `import { trace } from '@opentelemetry/api';\nconst tracer = trace.getTracer('m${i}');\n`
          : i % 50 === 7
            ? `import { trace } from '@opentelemetry/api';\nexport function start() {\n  return trace.getTracer('m${i}').startSpan('start');\n}\n`
            : '';
      const body = Array.from({ length: 30 }, (_, l) => `  const v${l} = ${l} * x + ${kids.map((k) => `f${k}(${l})`).join(' + ') || '0'};`).join('\n');
      write(`${dir}/src/m${i}.ts`, `${imports}\n${otel}\nexport function f${i}(x: number): number {\n${body}\n  return v29;\n}\n`);
    }
    write(`${dir}/src/tracing.ts`, `import { NodeSDK } from '@opentelemetry/sdk-node';\n\nexport const sdk = new NodeSDK({});\nsdk.start();\n`);
    write(`${dir}/src/index.ts`, `import './tracing';\nimport { f0 } from './m0';\n\nconsole.log(f0(1));\n`);
  }
  return files;
}

describe('doctor performance', async () => {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'otel-doctor-perf-')));
  afterAll(() => { if (!process.env.KEEP_DOCTOR_PERF) rmSync(root, { recursive: true, force: true }); console.log(root); });

  it('checks a 5,000-file repo in under 10 s', async () => {
    const files = generate(root);
    expect(files).toBeGreaterThanOrEqual(5_000);
    const started = performance.now();
    const { report, exitCode } = await runDoctor(root);
    const seconds = (performance.now() - started) / 1000;
    console.log(`doctor: ${files} files, ${report.stats.filesScanned} scanned, ${report.stats.filesParsed} parsed, ${seconds.toFixed(2)} s`);
    // every source file was reached through relative and tsconfig-path imports
    expect(report.stats.filesScanned).toBe(PACKAGES * FILES_PER_PACKAGE);
    // parsed: the SDK setup and the modules naming `start`; the ones that just use a tracer are only scanned
    const naming = Array.from({ length: FILES_PER_PACKAGE - 2 }, (_, i) => i).filter((i) => i % 50 === 7 && i % 25 !== 3).length;
    expect(report.stats.filesParsed).toBe(PACKAGES * (1 + naming));
    // start (dist/index.js → src/index.ts), dev (tsx watch src/index.ts) and main start the same modules: one process each
    expect(report.processes.length).toBe(PACKAGES);
    expect(exitCode).toBe(0);
    expect(seconds).toBeLessThan(10);
  });

  it('checks the largest fixture (monorepo) quickly', async () => {
    const started = performance.now();
    await runDoctor(path.join(__dirname, '..', 'fixtures', 'doctor', 'monorepo'));
    const ms = performance.now() - started;
    console.log(`doctor: monorepo fixture ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(2_000);
  });
});
