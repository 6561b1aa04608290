// add-guards' findings gate (`mayHaveSetupFindings`, `TransformEntry.findingsGate`): a file that
// passes the text gate but holds no setup, hot API call or imported one is reported `unchanged`
// without a parse. Counted here (parses), and checked against the transform itself on every
// fixture of the repository: wherever the gate says no, add-guards fixes nothing and leaves nothing.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../../codemods';
import { fix as addGuardsFix } from '../../codemods/add-guards';
import { analysisStats, mayHaveSetupFindings } from '../../src/analysis';
import { applyStartCheckGate, codemodStats } from '../../src/codemod/run-check';
import { readStats } from '../../src/cli/write';
import { makeTree, parseJson, runIn } from '../cli/helpers';

/** An OpenTelemetry-naming file that passes the text gate (`trace.disable()`, an exporter) and sets nothing up. */
const API_ONLY = `import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
export const exporter = new OTLPTraceExporter();
export function stop() { trace.disable(); }
`;
const SETUP = `import { NodeSDK } from '@opentelemetry/sdk-node';
const sdk = new NodeSDK();
sdk.start();
`;

async function addGuards(root: string): Promise<{ files: { path: string; status: string }[]; parses: number }> {
  const before = codemodStats.parses;
  const out = await runIn(root, ['add-guards', '--dry', '--json', '--jobs', '1', '.'], { registry });
  return { files: parseJson(out.stdout).files, parses: codemodStats.parses - before };
}

describe('add-guards: files without a setup are not parsed', () => {
  it('20 API-only files cost no parse, and are reported unchanged as before', async () => {
    const alone = await addGuards(makeTree({ 'package.json': '{}', 'src/setup.js': SETUP }));
    const files = { 'package.json': '{}', 'src/setup.js': SETUP, ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`src/api${i}.ts`, API_ONLY])) };
    const many = await addGuards(makeTree(files));
    expect(alone.parses).toBeGreaterThan(0);
    expect(many.parses).toBe(alone.parses);
    expect(many.files.filter((f) => f.path.startsWith('src/api')).map((f) => f.status)).toEqual(Array(20).fill('unchanged'));
    expect(many.files.find((f) => f.path === 'src/setup.js')).toEqual(alone.files.find((f) => f.path === 'src/setup.js'));
  });

  it('a file that passes the byte gate is read once: its text is decoded from the bytes the gate read', async () => {
    const root = makeTree(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`src/api${i}.ts`, i === 0 ? `\uFEFF${API_ONLY}` : API_ONLY])));
    const before = { ...readStats };
    const { files } = await addGuards(root);
    expect(files.map((f) => f.status)).toEqual(Array(10).fill('unchanged'));
    expect(readStats.gateBytes - before.gateBytes).toBe(10);
    expect(readStats.sources - before.sources).toBe(0);
  });

  it("a file that passed the text gate with its folder's settings is not text-checked again before the findings gate", async () => {
    const root = makeTree({ 'package.json': '{}', ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`src/api${i}.ts`, API_ONLY])) });
    const before = analysisStats.textChecks;
    const { files, parses } = await addGuards(root);
    expect(files.map((f) => f.status)).toEqual(Array(10).fill('unchanged'));
    expect(parses).toBe(0);
    expect(analysisStats.textChecks - before).toBe(10); // one text check per file, not one per gate
  });

  it('each way a finding can reach a file opens the gate', () => {
    const root = makeTree({
      'tracing.js': SETUP,
      'sdk.js': `import { NodeSDK } from '@opentelemetry/sdk-node';\nexport const sdk = new NodeSDK();\n`,
      'api.js': API_ONLY,
    });
    const gate = (source: string, settings = {}) => mayHaveSetupFindings(source, path.join(root, 'x.js'), settings);
    expect(gate(API_ONLY)).toBe(false);
    // a setup of its own: a registering API method, a batching processor, an SDK function, a preload
    expect(gate(`import { trace } from '@opentelemetry/api';\ntrace.setGlobalTracerProvider(p);\n`)).toBe(true);
    expect(gate(`import * as base from '@opentelemetry/sdk-trace-base';\nnew base.BatchSpanProcessor(e);\n`)).toBe(true);
    expect(gate(`import { registerInstrumentations } from '@opentelemetry/instrumentation';\n`)).toBe(true);
    expect(gate(`import '@opentelemetry/auto-instrumentations-node/register';\n`)).toBe(true);
    // a configured registrar
    expect(gate(`import { initTelemetry } from '@acme/telemetry';\ninitTelemetry();\n`)).toBe(false);
    expect(gate(`import { initTelemetry } from '@acme/telemetry';\ninitTelemetry();\n`, { registrars: [{ module: '@acme/telemetry', export: 'initTelemetry', kind: 'sdk-start' }] })).toBe(true);
    // a hot API (a dispose callback that shuts down what it cannot follow)
    expect(gate(`${API_ONLY}import.meta.hot?.dispose(() => stop());\n`)).toBe(true);
    expect(gate(`${API_ONLY}module['hot'].dispose(() => stop());\n`)).toBe(true);
    // an SDK another module builds, started here; a module that registers, loaded or called here
    expect(gate(`${API_ONLY}import { sdk } from './sdk';\nsdk.start();\n`)).toBe(true);
    expect(gate(`${API_ONLY}import { sdk } from './sdk';\nsdk . /* go */ start();\n`)).toBe(true);
    expect(gate(`${API_ONLY}import { sdk } from './sdk';\nsdk.started = true;\n`)).toBe(true); // sdk.js sets up: its exports may register when called
    expect(gate(`${API_ONLY}import { exporter } from './api';\nexporter.started = true;\n`)).toBe(false);
    expect(gate(`${API_ONLY}import './tracing';\n`)).toBe(true);
    expect(gate(`${API_ONLY}const t = require("./tracing.js");\n`)).toBe(true);
    expect(gate(`${API_ONLY}import './api';\n`)).toBe(false); // a module naming OpenTelemetry, with no setup
  });
});

// ---- soundness against the transform, on every JavaScript/TypeScript fixture of the repository ----

const EXTENSIONS = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const ROOTS = ['test/fixtures', 'examples', 'docs'].map((r) => path.join(__dirname, '../..', r));

function sourceFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) sourceFiles(p, out);
    else if (st.isFile() && EXTENSIONS.test(name) && !/\.d\.[cm]?ts$/.test(name)) out.push(p);
  }
  return out;
}

describe('add-guards: the findings gate never hides a finding', () => {
  it('on every fixture the gate closes for, the transform fixes nothing and leaves nothing', () => {
    let closed = 0;
    let open = 0;
    const wrong: string[] = [];
    for (const file of ROOTS.flatMap((r) => sourceFiles(r))) {
      const source = readFileSync(file, 'utf8');
      const info = { path: file, source };
      const options = { settings: {}, cwd: path.dirname(file) };
      if (!applyStartCheckGate(info, options)) continue;
      if (mayHaveSetupFindings(source, file, {})) {
        open++;
        continue;
      }
      closed++;
      let outcome: ReturnType<typeof addGuardsFix>;
      try {
        outcome = addGuardsFix(info, options);
      } catch {
        continue; // does not parse: the CLI reports it unchanged, the transform an error (the gate reads text only)
      }
      if (!outcome || outcome.text !== source || outcome.fixed.length > 0 || outcome.left.length > 0) wrong.push(path.relative(path.join(__dirname, '../..'), file));
    }
    expect(wrong).toEqual([]);
    console.log(`findings gate on the fixtures: ${closed} closed, ${open} open`);
    // the check means something only if both sides are exercised
    expect(open).toBeGreaterThan(50);
    expect(closed).toBeGreaterThan(5);
  });
});
