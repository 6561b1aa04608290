// Python consumer end-to-end: `npm pack` the built package, install the tarball next to the
// latest ESLint 9.x and 10.x, and lint a mixed JS + Python project with one `eslint .` through
// the `eslint-plugin-otel-safe/python` subpath (flat config): Python findings with their
// suggestions (JSON formatter), `# eslint-disable-next-line` honoured, JS findings unchanged,
// and the main entry and the subpath being one plugin object (no "Cannot redefine plugin").
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from '../package/build';

const CACHE = process.env.OTEL_SAFE_E2E_CACHE ?? join(tmpdir(), 'otel-safe-e2e-cache');
const INSTALL_TIMEOUT = 240_000;

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }),
  // the main entry and the subpath together: one object
  'eslint.config.js': `import main from 'eslint-plugin-otel-safe';
import otel from 'eslint-plugin-otel-safe/python';
if (main !== otel) throw new Error('two plugin objects');
export default [
  { files: ['**/*.js'], ...main.configs['flat/recommended'] },
  otel.configs['python/recommended'],
];
`,
  // the JS config without `files`, as most projects spread it: its rules see the Python files and stay quiet
  'unscoped.config.js': `import otel from 'eslint-plugin-otel-safe/python';
export default [otel.configs['flat/recommended'], otel.configs['python/recommended']];
`,
  'src/tracing.js': `const express = require('express');
const { NodeSDK } = require('@opentelemetry/sdk-node');
const app = express();
app.use((req, res, next) => {
  new NodeSDK().start();
  next();
});
module.exports = app;
`,
  'api/tracing.py': `from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

trace.set_tracer_provider(TracerProvider())
provider = TracerProvider()
trace.set_tracer_provider(provider)
# eslint-disable-next-line otel-safe/python/no-hardcoded-exporter-endpoint -- the local collector
local = OTLPSpanExporter(endpoint="http://localhost:4318/v1/traces")
remote = OTLPSpanExporter(endpoint="https://collector.example:4318/v1/traces")
`,
  'api/models.py': 'class User:\n    name: str\n',
};

interface Message {
  ruleId: string | null;
  messageId?: string;
  line: number;
  fatal?: boolean;
  message: string;
  suggestions?: { messageId?: string; fix: { range: [number, number]; text: string } }[];
}

let work: string;
const dirs: Record<'v9' | 'v10', string> = { v9: '', v10: '' };

function runAsync(cmd: string, args: string[], cwd: string, timeout: number): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: process.env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

function eslint(dir: string, args: string[]): { status: number | null; stderr: string; byFile: Record<string, Message[]> } {
  const r = spawnSync(process.execPath, [join(dir, 'node_modules', 'eslint', 'bin', 'eslint.js'), '-f', 'json', ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  let results: { filePath: string; messages: Message[] }[];
  try {
    results = JSON.parse(r.stdout);
  } catch {
    throw new Error(`eslint exited ${r.status} without a JSON report:\n${r.stdout}\n${r.stderr}`);
  }
  return { status: r.status, stderr: r.stderr, byFile: Object.fromEntries(results.map((f) => [f.filePath.slice(dir.length + 1), f.messages])) };
}

beforeAll(async () => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'otel-safe-py-e2e-'));
  const packed = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
  expect(packed.status, packed.stderr).toBe(0);
  const tarball = join(work, JSON.parse(packed.stdout)[0].filename);
  await Promise.all(
    (Object.keys(dirs) as ('v9' | 'v10')[]).map(async (name) => {
      const dir = (dirs[name] = join(work, name));
      for (const [rel, text] of Object.entries(FILES)) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), text);
      }
      const args = ['install', tarball, name === 'v9' ? 'eslint@^9' : 'eslint@^10', '--cache', CACHE, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
      const r = await runAsync('npm', args, dir, INSTALL_TIMEOUT);
      if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status}):\n${r.output}`);
    }),
  );
}, INSTALL_TIMEOUT + 60_000);

afterAll(() => {
  if (work && !process.env.OTEL_SAFE_E2E_KEEP) rmSync(work, { recursive: true, force: true });
});

for (const name of ['v9', 'v10'] as const) {
  describe(`ESLint ${name === 'v9' ? '9' : '10'} (latest), flat config, one \`eslint .\` for JS and Python`, () => {
    it('installs the version asked for', () => {
      expect(JSON.parse(readFileSync(join(dirs[name], 'node_modules/eslint/package.json'), 'utf8')).version).toMatch(name === 'v9' ? /^9\./ : /^10\./);
    });

    it('reports the Python findings with suggestions, honours eslint-disable-next-line, and the JS rule still reports', () => {
      const r = eslint(dirs[name], ['.']);
      expect(r.stderr).not.toMatch(/Cannot redefine plugin/);
      const py = r.byFile['api/tracing.py'] ?? [];
      expect(py.filter((m) => m.fatal)).toEqual([]);
      expect(py.map((m) => [m.ruleId, m.messageId, m.line])).toEqual([
        ['otel-safe/python/no-provider-override', 'overrideOnPath', 7],
        ['otel-safe/python/no-hardcoded-exporter-endpoint', 'hardcodedEndpoint', 10],
      ]);
      expect(py[0]!.suggestions?.map((s) => s.messageId)).toEqual(['reuseProvider']);
      expect(py[1]!.suggestions?.[0]?.fix.text).toContain('os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")');
      expect(r.byFile['api/models.py']).toEqual([]);
      expect((r.byFile['src/tracing.js'] ?? []).map((m) => m.ruleId)).toContain('otel-safe/no-duplicate-registration');
      expect(r.status).toBe(1);
    });

    it('the JS config spread without `files` next to python/recommended: same Python findings, no crash', () => {
      const r = eslint(dirs[name], ['-c', 'unscoped.config.js', '.']);
      expect((r.byFile['api/tracing.py'] ?? []).map((m) => m.ruleId)).toEqual(['otel-safe/python/no-provider-override', 'otel-safe/python/no-hardcoded-exporter-endpoint']);
      expect(Object.values(r.byFile).flat().filter((m) => m.fatal)).toEqual([]);
    });
  });
}
