// `runDoctor` on the fixture projects in test/fixtures/doctor/: each names the processes
// it must find and the cross-file findings (file:line) it must report.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDoctor, type DoctorReport } from '../../src/doctor';

const fixture = (name: string): string => path.join(__dirname, '..', 'fixtures', 'doctor', name);

function problems(report: DoctorReport): { code: string; process: string | undefined; at: string[] }[] {
  return report.findings
    .filter((f) => f.severity !== 'info')
    .map((f) => ({
      code: f.code,
      process: f.process === undefined ? undefined : report.processes[f.process]!.name,
      at: f.locations.map((l) => `${l.file}:${l.line}`),
    }));
}

function info(report: DoctorReport, code: string): string[] {
  return report.findings.filter((f) => f.code === code).map((f) => f.message);
}

describe('doctor: monorepo with workspace packages and tsconfig paths', async () => {
  const { report, exitCode, output } = await runDoctor(fixture('monorepo'));

  it('finds the SDK started in @acme/telemetry and the provider registered through a `@/` path in the same process', async () => {
    expect(problems(report)).toEqual([
      {
        code: 'duplicate-registration',
        process: 'npm run start (packages/api)',
        at: ['packages/telemetry/src/index.ts:4', 'packages/api/src/server/otel.ts:5'],
      },
    ]);
    expect(exitCode).toBe(1);
  });

  it('follows `dist/main.js` to its TypeScript source and shows the import chain', async () => {
    const api = report.processes.find((p) => p.name === 'npm run start (packages/api)')!;
    expect(api.entries).toEqual(['packages/api/src/main.ts']);
    expect(api.registrations.map((r) => r.chain)).toEqual([
      ['packages/api/src/main.ts', 'packages/telemetry/src/index.ts'],
      ['packages/api/src/main.ts', 'packages/api/src/server/app.ts', 'packages/api/src/server/otel.ts'],
    ]);
  });

  it('leaves the worker that imports the shared package once alone', async () => {
    const worker = report.processes.find((p) => p.name === 'npm run start (packages/worker)')!;
    expect(worker.registrations).toHaveLength(1);
    expect(report.findings.filter((f) => f.process === report.processes.indexOf(worker))).toEqual([]);
  });

  it('prints the finding under its process with file:line', async () => {
    expect(output).toMatch(/npm run start \(packages\/api\)\n {2}declared at packages\/api\/package\.json:7/);
    expect(output).toContain('    at packages/api/src/server/otel.ts:5');
    expect(output).toContain('1 problem, 0 warnings.');
  });
});

describe('doctor: Next.js app', async () => {
  const { report, exitCode } = await runDoctor(fixture('nextjs'));

  it('sees registerOTel() in instrumentation.ts and an SDK started from a route module as one process', async () => {
    expect(problems(report)).toEqual([
      { code: 'duplicate-registration', process: 'Next.js server', at: ['instrumentation.ts:4', 'lib/tracing.ts:6'] },
    ]);
    expect(exitCode).toBe(1);
  });

  it('names instrumentation.ts as the dev entrypoint of `next dev`', async () => {
    const [dev] = info(report, 'dev-entrypoint');
    expect(dev).toContain("instrumentation.ts (script 'dev' runs `next dev`)");
    expect(dev).not.toContain('page.tsx');
  });
});

describe('doctor: nodemon app with a preloaded tracing file', async () => {
  const { report, exitCode } = await runDoctor(fixture('nodemon'));

  it('reports the preloaded SDK against the provider registered in code, for the nodemon.json exec and the start script', async () => {
    expect(problems(report)).toEqual([
      { code: 'preload-and-code-sdk', process: 'npm run dev | npm run start', at: ['src/tracing.js:5', 'src/otel.js:5'] },
    ]);
    expect(exitCode).toBe(1);
    const proc = report.processes.find((p) => p.name === 'npm run dev | npm run start')!;
    expect(proc.preloads.map((p) => `${p.specifier} @ ${p.origin.file}:${p.origin.line}`)).toEqual(['./src/tracing.js @ nodemon.json:3']);
  });

  it('names the server and the preload as dev entrypoints, with nodemon as the reason', async () => {
    const [dev] = info(report, 'dev-entrypoint');
    expect(dev).toContain("src/server.js (script 'dev' runs it under `nodemon`");
    expect(dev).toContain('src/tracing.js (preloaded (node --require) by a dev process');
  });
});

describe('doctor: Dockerfile preload', async () => {
  const { report, exitCode } = await runDoctor(fixture('docker-preload'));

  it('reports NODE_OPTIONS --require auto-instrumentations-node/register against sdk.start() in code for the container process only', async () => {
    expect(problems(report)).toEqual([{ code: 'preload-and-code-sdk', process: 'Dockerfile CMD', at: ['Dockerfile:11', 'src/tracing.ts:5'] }]);
    expect(exitCode).toBe(1);
    const docker = report.processes.find((p) => p.kind === 'dockerfile')!;
    // /app/dist/server.js in the container is dist/server.js here, built from src/server.ts
    expect(docker.entries).toEqual(['src/server.ts']);
    expect(docker.origins).toEqual([{ file: 'Dockerfile', line: 13 }]);
  });
});

describe('doctor: clean project', async () => {
  it('finds one guarded SDK in the --import preload and nothing to report (exit 0)', async () => {
    const { report, exitCode, output } = await runDoctor(fixture('clean'));
    expect(report.processes).toHaveLength(1);
    expect(report.processes[0]!.registrations).toHaveLength(1);
    expect(report.findings).toEqual([]);
    expect(exitCode).toBe(0);
    expect(output).toContain('No problems found.');
  });
});

describe('doctor --json', async () => {
  it('is the report as JSON', async () => {
    const { output, report } = await runDoctor(fixture('docker-preload'), { json: true });
    const parsed = JSON.parse(output) as DoctorReport;
    expect(parsed.findings.map((f) => f.code)).toEqual(report.findings.map((f) => f.code));
    expect(parsed.processes.map((p) => p.name)).toEqual(['npm run start', 'Dockerfile CMD']);
  });
});

describe('doctor: process-wide guards', async () => {
  const { report } = await runDoctor(fixture('guarded'));

  it('treats registrations behind the same globalThis[Symbol.for()] slot as one, and still reports an unguarded one next to them', async () => {
    const proc = report.processes[0]!;
    expect(proc.registrations.map((r) => [r.location.file, r.guard])).toEqual([
      ['src/tracing.js', 'global[sym:shop.otel.sdk]'],
      ['src/jobs/tracing-for-jobs.js', 'global[sym:shop.otel.sdk]'],
      ['src/metrics.js', 'global[sym:shop.otel.metrics]'],
      ['src/metrics.js', undefined],
    ]);
    const findings = problems(report);
    expect(findings).toEqual([
      { code: 'duplicate-registration', process: 'npm run start', at: ['src/tracing.js:7', 'src/jobs/tracing-for-jobs.js:5', 'src/metrics.js:14'] },
    ]);
    expect(report.findings[0]!.message).toMatch(/^2 separate setups in this process register the trace global/);
  });

  it('is clean when the two setups behind one slot are alone in the process', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'otel-doctor-guarded-'));
    try {
      cpSync(fixture('guarded'), dir, { recursive: true });
      writeFileSync(path.join(dir, 'src', 'main.js'), "require('./tracing');\nrequire('./jobs/tracing-for-jobs');\n");
      const result = await runDoctor(dir);
      expect(result.report.processes[0]!.registrations).toHaveLength(2);
      expect(result.report.findings).toEqual([]);
      expect(result.exitCode).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('doctor: Dockerfile CMD that runs an npm script (shell form)', async () => {
  it('follows `npm start` into the script and applies the stage ENV NODE_OPTIONS', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'otel-doctor-docker-npm-'));
    try {
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'svc', private: true, scripts: { start: 'node src/server.js' } }, null, 2));
      writeFileSync(
        path.join(dir, 'Dockerfile'),
        'FROM node:20-slim\nWORKDIR /srv\nCOPY . .\nENV NODE_OPTIONS=--require=@opentelemetry/auto-instrumentations-node/register\nCMD npm start\n',
      );
      mkdirSync(path.join(dir, 'src'));
      writeFileSync(path.join(dir, 'src', 'server.js'), "require('./otel');\nrequire('node:http').createServer().listen(3000);\n");
      writeFileSync(path.join(dir, 'src', 'otel.js'), "const { NodeSDK } = require('@opentelemetry/sdk-node');\nnew NodeSDK().start();\n");
      const { report, exitCode } = await runDoctor(dir);
      expect(problems(report)).toEqual([{ code: 'preload-and-code-sdk', process: 'Dockerfile CMD → npm run start', at: ['Dockerfile:4', 'src/otel.js:2'] }]);
      expect(exitCode).toBe(1);
      // the plain `npm start` process (no preload) is fine
      expect(report.processes.map((p) => p.name)).toEqual(['npm run start', 'Dockerfile CMD → npm run start']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('doctor: two separate setups in one file', () => {
  // the shape of examples/express-app: a provider registered at the top and an SDK started per request
  const tracing = (sdkStart: string): string =>
    [
      "const { NodeSDK } = require('@opentelemetry/sdk-node');",
      "const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');",
      'const provider = new NodeTracerProvider();',
      'provider.register();',
      'function middleware(req, res, next) {',
      sdkStart,
      '  next();',
      '}',
      'module.exports = { middleware };',
      '',
    ].join('\n');
  const unguarded = "  const sdk = new NodeSDK();\n  sdk.start();";
  const guarded = "  if (globalThis.__sdk) return next();\n  const sdk = new NodeSDK();\n  globalThis.__sdk = sdk;\n  sdk.start();";

  async function run(body: string): Promise<ReturnType<typeof problems>> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'otel-doctor-same-file-'));
    try {
      mkdirSync(path.join(dir, 'src'));
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'orders', main: 'src/server.js', scripts: { start: 'node src/server.js' } }));
      writeFileSync(path.join(dir, 'src', 'server.js'), "const { middleware } = require('./tracing');\nmodule.exports = middleware;\n");
      writeFileSync(path.join(dir, 'src', 'tracing.js'), tracing(body));
      return problems((await runDoctor(dir)).report);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('reports the provider and the SDK as two setups whether or not the SDK start is guarded', async () => {
    const expected = [{ code: 'duplicate-registration', process: 'npm run start', at: ['src/tracing.js:4', 'src/tracing.js:7'] }];
    expect(await run(unguarded)).toEqual(expected);
    expect(await run(guarded)).toEqual([{ ...expected[0]!, at: ['src/tracing.js:4', 'src/tracing.js:9'] }]);
  });

  it('counts one setup registering twice as one setup (the rule reports it as a repeat)', async () => {
    expect(await run('  provider.register();')).toEqual([]);
  });
});
