// ESLint's multithreaded linting (`--concurrency`, ESLint >= 9.34): each worker thread loads
// the plugin itself, with its own caches (file models, project files). The same reports with
// `--concurrency=off` and `--concurrency=2`, through ESLint's own CLI, on the example apps and
// a generated tree of small projects (dev scripts, request handlers, batching, endpoints).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from '../package/build';
import { EXAMPLES, fromEslint, reportKey, sortReports, type Report } from './lint-projects';

const ESLINT = path.join(root, 'node_modules', '.bin', 'eslint');
const work = mkdtempSync(path.join(os.tmpdir(), 'otel-safe-concurrency-'));
const PACKAGES = 12;
const FILES_PER_PACKAGE = 10;

beforeAll(() => {
  ensureBuilt();
  const plugin = pathToFileURL(path.join(root, 'dist', 'index.mjs')).href;
  const parser = pathToFileURL(require.resolve('@typescript-eslint/parser', { paths: [root] })).href;
  writeFileSync(
    path.join(work, 'eslint.config.mjs'),
    `import otel from ${JSON.stringify(plugin)};
import * as tsParser from ${JSON.stringify(parser)};
export default [
  {
    files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
    languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true }, sourceType: 'module' } },
    ...otel.configs['flat/all'],
  },
];
`,
  );
  cpSync(EXAMPLES, path.join(work, 'examples'), { recursive: true });
  generateTree(path.join(work, 'generated'));
}, 200_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function lint(concurrency: string): Report[] {
  const r = spawnSync(ESLINT, ['--format', 'json', `--concurrency=${concurrency}`, 'examples', 'generated'], { cwd: work, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  expect([0, 1], r.stderr).toContain(r.status);
  return sortReports(fromEslint(JSON.parse(r.stdout), work));
}

describe('ESLint --concurrency', () => {
  it('gives the same reports with --concurrency=off and --concurrency=2', () => {
    const single = lint('off');
    const threaded = lint('2');
    expect(threaded.map(reportKey)).toEqual(single.map(reportKey));
    console.log(`--concurrency=off and =2: the same ${single.length} reports in ${new Set(single.map((r) => r.file)).size} files`);
    // every generated package contributes, and every rule that the tree can trigger fires
    expect(single.length).toBeGreaterThan(PACKAGES * 4);
    const rules = new Set(single.map((r) => r.rule));
    for (const rule of ['no-duplicate-registration', 'no-batch-processor-in-dev', 'require-shutdown-handler', 'no-hardcoded-exporter-endpoint', 'no-auto-instrumentation-conflict']) {
      expect(rules, rule).toContain(`otel-safe/${rule}`);
    }
  }, 600_000);
});

/**
 * Small projects whose verdicts depend on their own package.json (dev scripts, preloads) and
 * on the file's position: each worker must read the right project files for its files.
 */
function generateTree(dir: string): void {
  for (let p = 0; p < PACKAGES; p++) {
    const pkg = path.join(dir, `pkg${p}`);
    mkdirSync(path.join(pkg, 'src'), { recursive: true });
    const scripts: Record<string, string> =
      p % 3 === 0
        ? { dev: 'nodemon src/tracing0.js' }
        : p % 3 === 1
          ? { start: 'node --require @opentelemetry/auto-instrumentations-node/register src/server.js' }
          : { start: 'node src/server.js' };
    writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: `pkg${p}`, version: '1.0.0', scripts }, null, 2));
    for (let f = 0; f < FILES_PER_PACKAGE; f++) {
      writeFileSync(path.join(pkg, 'src', f === 0 ? 'tracing0.js' : f === 1 ? 'server.js' : `mod${f}.${f % 2 ? 'ts' : 'js'}`), source(p, f));
    }
  }
}

function source(p: number, f: number): string {
  const pad = '\n'.repeat((p + f) % 4); // vary the lines
  switch (f % 5) {
    case 0:
      return `${pad}const { NodeSDK } = require('@opentelemetry/sdk-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const exporter = new OTLPTraceExporter({ url: 'http://collector-${p}:4318/v1/traces' });
const sdk = new NodeSDK({ spanProcessors: [new BatchSpanProcessor(exporter)] });
sdk.start();
`;
    case 1:
      return `${pad}const express = require('express');
const { NodeSDK } = require('@opentelemetry/sdk-node');
const app = express();
app.get('/${p}', (req, res) => {
  new NodeSDK().start();
  res.send('ok');
});
module.exports = app;
`;
    case 2:
      return `${pad}import { trace } from '@opentelemetry/api';
export const tracer = trace.getTracer('pkg${p}-${f}');
`;
    case 3:
      return `${pad}import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { trace } from '@opentelemetry/api';
const provider = new BasicTracerProvider();
trace.setGlobalTracerProvider(provider);
trace.setGlobalTracerProvider(provider);
`;
    default:
      return `${pad}export function add${p}_${f}(a, b) {
  return a + b;
}
`;
  }
}
