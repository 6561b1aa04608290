// HM1: a hot module that starts an SDK another project module exports imports no OpenTelemetry
// module, so only the HMR transforms' own gate lets it through; they fix nothing there (the SDK is
// built elsewhere) and list the report for a human.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fix as addHmrDispose } from '../../codemods/add-hmr-dispose';
import { fix as addGuards } from '../../codemods/add-guards';
import { applyCheckGate, applyHotCheckByteGate, applyHotCheckGate } from '../../src/codemod/run-check';

const dir = join(__dirname, '..', 'fixtures', 'codemods', 'add-hmr-dispose', 'nest-imported-sdk');
const file = { path: join(dir, 'main.ts'), source: readFileSync(join(dir, 'main.input.ts'), 'utf8') };

describe('HMR transforms on a hot start file', () => {
  it('pass the HMR gates only', () => {
    expect(applyCheckGate(file, {})).toBe(false);
    expect(applyHotCheckGate(file, {})).toBe(true);
    expect(applyHotCheckByteGate(file.path, Buffer.from(file.source), {})).toBe(true);
    expect(applyHotCheckGate({ ...file, source: file.source.replace(/module\.hot/g, 'module.cold') }, {})).toBe(false);
  });

  it('add-hmr-dispose leaves the file unchanged and lists the second start for a human', () => {
    const out = addHmrDispose(file, {});
    expect(out?.text).toBe(file.source);
    expect(out?.left.map((f) => `${f.ruleId}/${f.messageId}:${file.source.slice(...f.range)}`)).toEqual(['require-hmr-dispose/importedSdkStartedAgain:telemetry.start()']);
  });

  // holdout6 S14: the start file owns the lifecycle of the instance telemetry.ts exports, and nothing shuts
  // it down: add-guards adds the (process-wide guarded) handlers, and still lists the second start
  it('add-guards adds the shutdown handlers and lists the second start for a human', () => {
    const out = addGuards(file, {});
    expect(out?.text.endsWith('}\nbootstrap();\n')).toBe(true);
    expect(out?.text).toContain("Symbol.for('otel-safe.shutdown.telemetry')");
    expect(out?.text).toContain('telemetry.shutdown()');
    expect(out?.left.map((f) => `${f.ruleId}/${f.messageId}:${file.source.slice(...f.range)}`)).toEqual(['require-hmr-dispose/importedSdkStartedAgain:telemetry.start()']);
  });
});
