// The fast path, guarded by counting work rather than time: a file whose text names no
// OpenTelemetry module costs the rules one string scan (no model, no AST walk) and the
// codemod engine no parse; a file that does import OpenTelemetry gets exactly one model,
// however many otel-safe rules run. Timing lives in bench/ (`npm run bench`).
import { readFileSync } from 'node:fs';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import addGuards, { steps } from '../../codemods/add-guards';
import { analysisStats, mayHaveModel } from '../../src/analysis';
import { startFileStats } from '../../src/analysis/imported-sdk';
import { codemodStats } from '../../src/codemod/run-check';
import type { API } from '../../src/codemod/types';
import plugin from '../../src/index';
import { getTable } from '../../src/otel/table';

interface Sample {
  readonly filename: string;
  readonly source: string;
}

// Non-OTel code of the shapes a large tree is made of: CommonJS and ESM modules, classes,
// JSX, TypeScript, compiled output with `require`, and an Express-style server.
const NON_OTEL: readonly Sample[] = [
  {
    filename: 'server.js',
    source: `const express = require('express');\nconst app = express();\napp.get('/', (req, res) => res.send('ok'));\nmodule.exports = app.listen(3000);\n`,
  },
  {
    filename: 'widget.tsx',
    source: `import React, { useState } from 'react';\nexport function Widget({ label }: { label: string }) {\n  const [n, setN] = useState(0);\n  return <button onClick={() => setN(n + 1)}>{label} {n}</button>;\n}\n`,
  },
  {
    filename: 'store.ts',
    source: `import { Subject } from 'rxjs';\nexport class Store<T> {\n  private readonly changes = new Subject<T>();\n  constructor(private value: T) {}\n  set(v: T): void { this.value = v; this.changes.next(v); }\n  get(): T { return this.value; }\n}\n`,
  },
  {
    filename: 'compiled.cjs',
    source: `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.start = void 0;\nconst tracer_1 = require("./tracer");\nfunction start(options) { return (0, tracer_1.create)(options); }\nexports.start = start;\n`,
  },
  {
    filename: 'init.mjs',
    source: `import { createLogger } from './logger.mjs';\nconst log = createLogger('app');\nexport async function init() { globalThis.started ??= true; log.info('started'); }\nawait init();\n`,
  },
  // Real third-party code from this repository's dependencies.
  { filename: 'picomatch.js', source: readFileSync(require.resolve('picomatch/lib/picomatch.js'), 'utf8') },
  { filename: 'ignore.js', source: readFileSync(require.resolve('ignore'), 'utf8') },
];

const OTEL: readonly Sample[] = [
  {
    filename: 'instrumentation.ts',
    source: `import { NodeSDK } from '@opentelemetry/sdk-node';\nimport { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';\nconst sdk = new NodeSDK({ instrumentations: [getNodeAutoInstrumentations()] });\nsdk.start();\n`,
  },
  {
    filename: 'handler.js',
    source: `const { trace } = require('@opentelemetry/api');\nconst { BasicTracerProvider } = require('@opentelemetry/sdk-trace-base');\nexports.handler = async () => {\n  const provider = new BasicTracerProvider();\n  trace.setGlobalTracerProvider(provider);\n  return trace.getTracer('x').startSpan('s').end();\n};\n`,
  },
  {
    // Overload signatures and abstract methods: body-less functions in Babel's ESTree (found by bench/ on @opentelemetry/*).
    filename: 'exporter.ts',
    source: `import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';\nexport abstract class Base {\n  abstract flush(): Promise<void>;\n  send(x: string): void;\n  send(x: string[]): void;\n  send(x: string | string[]): OTLPTraceExporter { return new OTLPTraceExporter({ headers: { n: String(x) } }); }\n}\n`,
  },
  {
    // a module whose import alone can be a finding (no 3.x release: no-removed-sdk-api), with no other actionable name
    filename: 'tracing.mjs',
    source: `import * as base from '@opentelemetry/sdk-trace-base';\nexport const ids = new base.RandomIdGenerator();\n`,
  },
  {
    // an HMR dispose callback can shut down a handle the analyses cannot follow (require-hmr-dispose)
    filename: 'hot.js',
    source: `import { trace } from '@opentelemetry/api';\nimport { sdk } from './sdk';\nimport.meta.hot?.dispose(() => sdk.shutdown());\nexport const tracer = trace.getTracer('app');\n`,
  },
];

// Files that use OpenTelemetry's API but name nothing any check acts on (no registration, SDK,
// provider, processor, exporter, instrumentation, teardown or hot API): one text check, no model.
const API_ONLY: readonly Sample[] = [
  {
    filename: 'uses-api.mjs',
    source: `import { trace } from '@opentelemetry/api';\nexport const tracer = trace.getTracer('app');\nexport const work = () => tracer.startActiveSpan('work', (span) => span.end());\n`,
  },
  {
    filename: 'logger.ts',
    source: `import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';\ndiag.setLogger(new DiagConsoleLogger(), DiagLogLevel.INFO);\nexport function warn(m: string): void { diag.warn(m); }\n`,
  },
  {
    filename: 'middleware.cjs',
    source: `const api = require('@opentelemetry/api');\nmodule.exports = (req, res, next) => {\n  const span = api.trace.getSpan(api.context.active());\n  span?.setAttribute('http.route', req.path);\n  next();\n};\n`,
  },
  {
    // a library's instrumentation base class: names a module, but no instrumentation class or registration
    filename: 'base.js',
    source: `const { InstrumentationBase } = require('@opentelemetry/instrumentation');\nclass Mine extends InstrumentationBase { init() { return []; } }\nmodule.exports = { Mine };\n`,
  },
];

// Declaration files hold no runtime code: an OpenTelemetry import there costs no model and no parse.
const DECLARATIONS: readonly Sample[] = [
  { filename: 'build/src/sdk.d.ts', source: `import { NodeSDK } from '@opentelemetry/sdk-node';\nexport declare function start(): NodeSDK;\n` },
  { filename: 'types.d.mts', source: `import type { Tracer } from '@opentelemetry/api';\nexport declare const tracer: Tracer;\n` },
];

// Files naming OpenTelemetry only in comments (semantic-conventions' JSDoc, a "see" line): they pass
// both text checks (a module name, an actionable name, a relative load), but a comment imports
// nothing, so no model is built and no rule listens.
const COMMENT_ONLY: readonly Sample[] = [
  {
    filename: 'attributes.cjs',
    source: `"use strict";\n/**\n * Experimental: may change in a minor release of \`@opentelemetry/semantic-conventions\`.\n */\nexports.ATTR_RPC = 'rpc.system';\n/** Provider attributes, as NodeTracerProvider sets them (@opentelemetry/sdk-trace-node). */\nexports.ATTR_PROVIDER = require('./provider').name;\n`,
  },
  {
    filename: 'global.ts',
    source: `// the global object, as @opentelemetry/api's platform/node reads it\nimport './polyfill';\nexport const _globalThis: object = typeof globalThis === 'object' ? globalThis : global; /* see @opentelemetry/api */\n`,
  },
];

const ruleNames = Object.keys(plugin.rules);

/** Lints `samples` with the given otel-safe rules, returning the visitor keys each rule registered. */
function lintAll(samples: readonly Sample[], names: readonly string[]): Map<string, Set<string>> {
  const visitors = new Map<string, Set<string>>();
  // Wraps each rule to see what `create` returns, with ESLint's real rule context.
  const rules = Object.fromEntries(
    names.map((name) => {
      const rule = plugin.rules[name as keyof typeof plugin.rules] as unknown as { meta: unknown; create(context: unknown): object };
      return [
        name,
        {
          meta: rule.meta,
          create(context: unknown) {
            const listener = rule.create(context);
            const keys = visitors.get(name) ?? new Set<string>();
            for (const key of Object.keys(listener)) keys.add(key);
            visitors.set(name, keys);
            return listener;
          },
        },
      ];
    }),
  );
  const linter = new Linter({ configType: 'flat' });
  for (const { filename, source } of samples) {
    const messages = linter.verify(
      source,
      [
        {
          files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
          languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
          plugins: { 'otel-safe': { rules } as never },
          rules: Object.fromEntries(names.map((n) => [`otel-safe/${n}`, 'error' as const])),
        },
      ],
      filename,
    );
    const fatal = messages.find((m) => m.fatal || !m.ruleId);
    if (fatal) throw new Error(`${filename}: ${fatal.message}`);
  }
  return visitors;
}

function resetAnalysisStats(): void {
  analysisStats.textChecks = 0;
  analysisStats.modelsBuilt = 0;
}

const api = {} as API; // the otel-safe transforms do not use jscodeshift's api

describe('fast path (counts work, not time)', () => {
  it('has rules to check', () => {
    expect(ruleNames.length).toBeGreaterThan(0);
  });

  it('lints files without an OpenTelemetry import, and declaration files, with one text check each and no model, with every rule on', () => {
    resetAnalysisStats();
    lintAll([...NON_OTEL, ...DECLARATIONS], ruleNames);
    expect(analysisStats.modelsBuilt).toBe(0);
    // One scan per file, shared by all rules (the model cache holds the "no model" answer too).
    expect(analysisStats.textChecks).toBe(NON_OTEL.length + DECLARATIONS.length);
  });

  it('lints files that only use the OpenTelemetry API with one text check each and no model, with every rule on', () => {
    resetAnalysisStats();
    lintAll(API_ONLY, ruleNames);
    expect(analysisStats.modelsBuilt).toBe(0);
    expect(analysisStats.textChecks).toBe(API_ONLY.length);
  });

  it('builds no model for a file naming OpenTelemetry only in comments, and no rule listens to it', () => {
    // not vacuous: each passes the text checks a file with an import in its code passes
    for (const { filename, source } of COMMENT_ONLY) expect(mayHaveModel(source, filename, {}), filename).toBe(true);
    resetAnalysisStats();
    const visitors = lintAll(COMMENT_ONLY, ruleNames);
    expect(analysisStats.modelsBuilt).toBe(0);
    expect(analysisStats.textChecks).toBe(COMMENT_ONLY.length);
    for (const [name, keys] of visitors) expect([...keys], name).toEqual([]);
    // the codemods agree: their Babel Program has no comments, so they build the model and drop it
    codemodStats.parses = 0;
    for (const { filename, source } of COMMENT_ONLY) expect(addGuards({ path: `/project/${filename}`, source }, api, {}) ?? source, filename).toBe(source);
    expect(codemodStats.parses).toBeGreaterThan(0);
  });

  it('builds the model of a file whose code imports OpenTelemetry after a comment naming it', () => {
    resetAnalysisStats();
    const source = `/** Tracing, see @opentelemetry/sdk-node. */\nimport { NodeSDK } from '@opentelemetry/sdk-node';\nnew NodeSDK().start(); // @opentelemetry/api\n`;
    const visitors = lintAll([{ filename: 'tracing.mjs', source }], ruleNames);
    expect(visitors.get('no-duplicate-registration')).toEqual(new Set(['Program']));
    expect(analysisStats.modelsBuilt).toBe(1);
  });

  it('builds exactly one model per OpenTelemetry file, however many rules run', () => {
    resetAnalysisStats();
    lintAll(OTEL, ruleNames);
    expect(analysisStats.modelsBuilt).toBe(OTEL.length);
    expect(analysisStats.textChecks).toBe(OTEL.length);

    for (const name of ruleNames) {
      resetAnalysisStats();
      lintAll(OTEL, [name]);
      expect(analysisStats.modelsBuilt, name).toBe(OTEL.length);
    }
  });

  it('scans the imports of a file without OpenTelemetry only when it calls `.start()` with no argument (an SDK start)', () => {
    const ripple = `import { ripple } from './ripple';\nexport const press = (event: Event) => ripple.start(event);\n`;
    startFileStats.gated = 0;
    lintAll([{ filename: 'src/button.ts', source: ripple }], ruleNames);
    expect(startFileStats.gated).toBe(0);
    lintAll([{ filename: 'src/main.ts', source: `import { otelSDK } from './tracing';\notelSDK.start();\n` }], ruleNames);
    expect(startFileStats.gated).toBe(1);
  });

  it('registers no visitor but Program / Program:exit in any otel-safe rule (no second AST walk)', () => {
    const visitors = lintAll([...NON_OTEL, ...OTEL], ruleNames);
    expect([...visitors.keys()].sort()).toEqual([...ruleNames].sort());
    for (const [name, keys] of visitors) {
      expect([...keys].filter((k) => k !== 'Program' && k !== 'Program:exit'), name).toEqual([]);
    }
  });

  it('add-guards does not parse a file without an OpenTelemetry import, nor one that only uses the API', () => {
    codemodStats.parses = 0;
    codemodStats.textChecks = 0;
    for (const { filename, source } of [...NON_OTEL, ...DECLARATIONS, ...API_ONLY]) {
      expect(addGuards({ path: `/project/${filename}`, source }, api, {}), filename).toBeUndefined();
    }
    expect(codemodStats.parses).toBe(0);
    // Each step looked at each file's text (so the counter is live), and went no further.
    expect(codemodStats.textChecks).toBe((NON_OTEL.length + DECLARATIONS.length + API_ONLY.length) * steps.length);
  });

  it('add-guards parses each OpenTelemetry file (the counter sees the slow path) without throwing', () => {
    codemodStats.parses = 0;
    for (const { filename, source } of OTEL) addGuards({ path: `/project/${filename}`, source }, api, {});
    expect(codemodStats.parses).toBeGreaterThanOrEqual(OTEL.length);
  });

  it('add-guards parses an OpenTelemetry file it leaves unchanged once, however many steps it runs', () => {
    expect(steps.length).toBeGreaterThan(0);
    const unchanged = OTEL.filter((s) => s.filename !== 'instrumentation.ts' && s.filename !== 'handler.js' && s.filename !== 'hot.js');
    expect(unchanged.length).toBeGreaterThan(0);
    for (const { filename, source } of unchanged) {
      codemodStats.parses = 0;
      const out = addGuards({ path: `/project/${filename}`, source }, api, {});
      expect(out ?? source, filename).toBe(source);
      expect(codemodStats.parses, filename).toBe(1);
    }
  });
});

describe('the second text check (Table.mayHaveFindings), derived from the recognition table', () => {
  const table = getTable(undefined);

  it('passes a file naming an actionable export, API registration or teardown method, of a module it names', () => {
    expect(table.mayHaveFindings(`import { NodeSDK } from '@opentelemetry/sdk-node';`)).toBe(true);
    expect(table.mayHaveFindings(`const api = require('@opentelemetry/api');\napi.trace.setGlobalTracerProvider(p);`)).toBe(true);
    expect(table.mayHaveFindings(`import { trace } from '@opentelemetry/api';\ntrace.disable();`)).toBe(true);
    expect(table.mayHaveFindings(`import * as Sentry from '@sentry/node';\nSentry.init({});`)).toBe(true);
    // reachable through a namespace re-export: sdk-node's `tracing` is sdk-trace-base
    expect(table.mayHaveFindings(`import { tracing } from '@opentelemetry/sdk-node';\nnew tracing.BatchSpanProcessor(e);`)).toBe(true);
  });

  it('counts a vendor export only in a file naming its module, and only as a whole word', () => {
    expect(table.mayHaveFindings(`import { trace } from '@opentelemetry/api';\nserver.start(); Sentry.init();`)).toBe(false);
    expect(table.mayHaveFindings(`import { start } from '@splunk/otel';\nstart();`)).toBe(true);
    expect(table.mayHaveFindings(`import { trace } from '@opentelemetry/api';\ntrace.disabled = startNodeSdkLater;`)).toBe(false);
  });

  it("passes a file naming a config type of a module it names (holdout3 H5: a helper typed `ResolveConfigFn`), and only that module's", () => {
    expect(table.mayHaveFindings(`import type { ResolveConfigFn } from '@microlabs/otel-cf-workers';\nexport const c: ResolveConfigFn = () => ({});`)).toBe(true);
    expect(table.mayHaveFindings(`import type { Trigger } from '@microlabs/otel-cf-workers';\nexport const t: Trigger | undefined = undefined;`)).toBe(false);
    expect(table.mayHaveFindings(`import { trace } from '@opentelemetry/api';\ntype ResolveConfigFn = () => void;`)).toBe(false);
  });

  it('passes modules whose import alone can be a finding, hot API use, and *Instrumentation classes of instrumentation packages', () => {
    expect(table.mayHaveFindings(`import '@opentelemetry/auto-instrumentations-node/register';`)).toBe(true);
    expect(table.mayHaveFindings(`import { Span } from '@opentelemetry/sdk-trace-base';`)).toBe(true); // no 3.x release
    expect(table.mayHaveFindings(`import { trace } from '@opentelemetry/api';\nif (module.hot) module.hot.dispose(stop);`)).toBe(true);
    expect(table.mayHaveFindings(`import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';`)).toBe(true);
    expect(table.mayHaveFindings(`import { InstrumentationBase } from '@opentelemetry/instrumentation';\nclass PgInstrumentation {}`)).toBe(false);
  });

  it("counts configured registrars' exports", () => {
    const text = `import { initTelemetry } from '@acme/telemetry';\ninitTelemetry();`;
    expect(table.mayHaveFindings(text)).toBe(false);
    expect(getTable([{ module: '@acme/telemetry', export: 'initTelemetry', kind: 'sdk-start' }]).mayHaveFindings(text)).toBe(true);
    expect(getTable([{ module: 'acme-telemetry', export: 'initTelemetry', kind: 'sdk-start' }]).mayHaveFindings(`const { initTelemetry } = require('acme-telemetry');\ninitTelemetry();`)).toBe(true);
  });
});
