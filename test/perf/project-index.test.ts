// The project index (src/project/project-index.ts) is built lazily, counted rather than timed:
// never for files without OpenTelemetry nor for setup at module level, once per project for the
// first file that needs caller evidence (an exported init that registers), then reused.
import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index';
import { projectIndexStats } from '../../src/project/project-index';
import { makeTree } from '../cli/helpers';

const allRules = Object.fromEntries(Object.keys(plugin.rules).map((r) => [`otel-safe/${r}`, 'error' as const]));
const config = [{ files: ['**/*.js'], plugins: { 'otel-safe': plugin as never }, rules: allRules }];

function lint(root: string, rel: string, code: string): void {
  const messages = new Linter({ configType: 'flat', cwd: root }).verify(code, config as never, path.join(root, rel));
  const fatal = messages.find((m) => m.fatal || m.messageId === 'internalError');
  if (fatal) throw new Error(`${rel}: ${fatal.message}`);
}

// our own minimal project
const FILES = {
  'package.json': '{ "name": "app", "type": "module" }',
  'src/util.js': 'export const add = (a, b) => a + b;\n',
  'src/server.js': "import http from 'node:http';\nhttp.createServer((q, s) => s.end('ok')).listen(3000);\n",
  'src/tracing.js': "import { NodeSDK } from '@opentelemetry/sdk-node';\nconst sdk = new NodeSDK();\nsdk.start();\n",
  'src/telemetry.js': "import { NodeSDK } from '@opentelemetry/sdk-node';\nexport function initTelemetry() {\n  new NodeSDK().start();\n}\n",
  'src/main.js': "import { initTelemetry } from './telemetry.js';\ninitTelemetry();\n",
};

describe('project index (counts work, not time)', () => {
  it('is not built for files without OpenTelemetry or with module-level setup, and once for caller evidence', () => {
    const root = makeTree(FILES);
    const before = projectIndexStats.built;
    for (const rel of ['src/util.js', 'src/server.js', 'src/tracing.js', 'src/main.js']) lint(root, rel, FILES[rel as keyof typeof FILES]);
    expect(projectIndexStats.built).toBe(before);
    lint(root, 'src/telemetry.js', FILES['src/telemetry.js']);
    expect(projectIndexStats.built).toBe(before + 1); // the exported init: who calls it?
    expect(projectIndexStats.files).toBeGreaterThanOrEqual(5);
    lint(root, 'src/telemetry.js', FILES['src/telemetry.js']);
    expect(projectIndexStats.built).toBe(before + 1); // the same project, unchanged: reused
  });
});
