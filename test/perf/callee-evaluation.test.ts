// The scans that look for exports (exporters, batching setups, shutdown functions) evaluate a
// call's callee only when it can name an export: a member call whose name no export of the table
// has (`this.client.send(…)`, `res.json(…)`) is skipped by its name. Counted, not timed: on the
// worst bench tree's modelled files this was most of the rules' time.
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { calleeStats } from '../../src/analysis/values';
import plugin from '../../src/index';

const allRules = Object.fromEntries(Object.keys(plugin.rules).map((r) => [`otel-safe/${r}`, 'error' as const]));
const config = [{ files: ['**/*.js'], plugins: { 'otel-safe': plugin as never }, rules: allRules }];

const setup = "const { NodeSDK } = require('@opentelemetry/sdk-node');\nconst otel = require('@opentelemetry/exporter-trace-otlp-http');\nconst sdk = new NodeSDK({ traceExporter: new otel.OTLPTraceExporter({ url: 'http://collector:4318/v1/traces' }) });\nsdk.start();\n";
const appCalls = Array.from({ length: 200 }, (_, i) => `app.client.send(${i});\nres.json({ n: ${i} });\n`).join('');

describe('callee evaluation (counts work, not time)', () => {
  it('evaluates the callees that can name an export, not the app member calls around them', () => {
    const linter = new Linter({ configType: 'flat', cwd: '/app' });
    const before = calleeStats.evaluated;
    const messages = linter.verify(setup + appCalls, config as never, '/app/src/tracing.js');
    // the setup is still seen through a namespace member: the literal endpoint and the missing shutdown
    expect(messages.map((m) => m.ruleId)).toEqual(expect.arrayContaining(['otel-safe/no-hardcoded-exporter-endpoint', 'otel-safe/require-shutdown-handler']));
    const evaluated = calleeStats.evaluated - before;
    // 400 member calls named `send`/`json`: none evaluated; the setup's few calls, once per scan that asks
    expect(evaluated).toBeGreaterThan(0);
    expect(evaluated).toBeLessThan(40);
  });
});
