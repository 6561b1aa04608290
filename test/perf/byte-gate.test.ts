// The CLI's gate before decoding, counted rather than timed: a JavaScript file is first checked on
// its raw bytes (`Table.mayImportOtelBytes`), and only a file that passes is decoded and checked
// as text; the Python parser (wasm) is loaded only when a `.py` file passes its gate, once.
import { describe, expect, it } from 'vitest';
import { registry } from '../../codemods';
import { analysisStats, mayHaveModel, mayHaveModelBytes } from '../../src/analysis';
import { getTable } from '../../src/otel/table';
import { parserStats } from '../../src/python/parser';
import { makeTree, parseJson, runIn } from '../cli/helpers';

// Our own minimal texts: the byte check must answer exactly as the text check does.
const SAMPLES: Record<string, string> = {
  plain: 'export const add = (a, b) => a + b;\n',
  jsdoc: '/** @param {string} a @returns {number} */\nexport function f(a) { return a.length; }\n',
  decorators: '@Injectable()\nexport class S { @Input() name = "é"; }\n',
  otel: "import { NodeSDK } from '@opentelemetry/sdk-node';\nnew NodeSDK().start();\n",
  vendor: "import { registerOTel } from '@vercel/otel';\nregisterOTel('x');\n",
  atEnd: 'const s = "@";\n@',
  cutShort: 'const s = "@opentelemetry', // a hint's first bytes at the very end
  cutShortVendor: 'const s = "@vercel/ot',
  nonAscii: "// ünïcödé ✓ 日本語\nconst t = '@opentélémetry/sdk-node';\n",
  registrar: "import { initTracing } from '@acme/télémetrie';\ninitTracing();\n",
  unscopedRegistrar: "const t = require('acme-tracing');\nt.init();\n",
  // '@' then a hint's first letter: JSDoc tags and near misses compare only that letter's hints
  jsdocNearMisses: '/** @since 1.0 @see x @sentr @splunk/ote @example @type {T} */\nexport const t = 1;\n',
  sentry: "import * as Sentry from '@sentry/node';\n",
  splunkWeb: "import { SplunkOtelWeb } from '@splunk/otel-web';\n",
};
const REGISTRARS = {
  registrars: [
    { module: '@acme/télémetrie', export: 'initTracing', kind: 'sdk-start' as const },
    { module: 'acme-tracing', export: 'init', kind: 'sdk-start' as const },
  ],
};

describe('byte gate', () => {
  it('answers as the text gate does, with and without configured registrars', () => {
    for (const settings of [{}, REGISTRARS] as { registrars?: typeof REGISTRARS.registrars }[]) {
      const table = getTable(settings.registrars as never);
      for (const [name, text] of Object.entries(SAMPLES)) {
        const bytes = Buffer.from(text, 'utf8');
        expect(table.mayImportOtelBytes(bytes), name).toBe(table.mayImportOtel(text));
        // false on the bytes must mean false on the text
        if (!mayHaveModelBytes(bytes, `${name}.ts`, settings as never)) expect(mayHaveModel(text, `${name}.ts`, settings as never), name).toBe(false);
      }
    }
    const builtin = getTable([]);
    expect(['jsdocNearMisses', 'sentry', 'splunkWeb'].map((name) => builtin.mayImportOtel(SAMPLES[name]!))).toEqual([false, true, true]);
    expect(getTable(REGISTRARS.registrars as never).mayImportOtelBytes(Buffer.from(SAMPLES.registrar!))).toBe(true);
    expect(getTable([]).mayImportOtelBytes(Buffer.from(SAMPLES.registrar!))).toBe(false);
  });

  it('add-guards decodes only files that pass it, and loads the Python parser only for a .py file that passes its gate, once', async () => {
    const root = makeTree({
      'package.json': '{"name":"app"}',
      'src/a.ts': SAMPLES.plain!,
      'src/b.ts': SAMPLES.jsdoc!,
      'src/c.js': SAMPLES.decorators!,
      'src/d.d.ts': "export declare const sdk: import('@opentelemetry/sdk-node').NodeSDK;\n",
      'src/models.py': 'from dataclasses import dataclass\n\n@dataclass\nclass User:\n    name: str\n',
      'src/cli.py': 'import argparse\nargparse.ArgumentParser().parse_args()\n',
    });
    analysisStats.byteChecks = 0;
    analysisStats.textChecks = 0;
    const loadsBefore = parserStats.loads;
    const clean = await runIn(root, ['add-guards', '--dry', '--json', '--jobs', '1', '.'], { registry });
    expect(parseJson(clean.stdout).summary).toMatchObject({ skipped: 5 });
    expect(analysisStats.byteChecks).toBe(3); // the declaration file is left out of the walk
    expect(analysisStats.textChecks).toBe(0); // none was decoded and checked as text
    expect(parserStats.loads).toBe(loadsBefore); // no .py file passed its gate: no wasm

    const withOtel = makeTree({
      'package.json': '{"name":"app"}',
      'src/tracing.py': 'from opentelemetry import trace\nfrom opentelemetry.sdk.trace import TracerProvider\ntrace.set_tracer_provider(TracerProvider())\n',
      'src/otel.ts': SAMPLES.otel!,
    });
    await runIn(withOtel, ['add-guards', '--dry', '--json', '--jobs', '1', '.'], { registry });
    await runIn(withOtel, ['add-guards', '--dry', '--json', '--jobs', '1', '.'], { registry });
    expect(parserStats.loads).toBe(loadsBefore + 1);
    expect(analysisStats.textChecks).toBeGreaterThan(0); // the OpenTelemetry file passed the bytes and was checked as text
  });
});
