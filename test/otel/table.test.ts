// The registration scan skips member calls by name (`Table.mayRegisterThrough`): every name a
// registering call of the table can end in must pass, however the table reaches it.
import { describe, expect, it } from 'vitest';
import { INSTRUMENTATION_PREFIX, MODULES } from '../../src/otel/modules';
import { getTable, namesModuleHint } from '../../src/otel/table';
import type { ExportSpec } from '../../src/otel/types';

/** Every member name through which the table's exports register, walked independently of the table's own walk. */
function registeringNames(exports: Readonly<Record<string, ExportSpec>>, out: string[] = []): string[] {
  for (const [name, spec] of Object.entries(exports)) {
    if (spec.kind === 'sdk-function' || spec.kind === 'register-instrumentations') out.push(name);
    if (spec.kind === 'api-object') for (const [method, m] of Object.entries(spec.methods)) if (m.registers) out.push(method);
    if (spec.kind === 'object') registeringNames(spec.members, out);
  }
  return out;
}

describe('Table.mayRegisterThrough', () => {
  const table = getTable(undefined);

  it('passes every registering name of the table, vendor object members included', () => {
    const names = Object.values(MODULES).flatMap((m) => registeringNames(m.exports));
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((n) => !table.mayRegisterThrough(n))).toEqual([]);
    expect(table.mayRegisterThrough('register')).toBe(true);
    expect(table.mayRegisterThrough('start')).toBe(true);
  });

  it('passes the members of a registrar set in the settings', () => {
    const withRegistrar = getTable([{ module: '@acme/telemetry', export: 'bootAcmeTelemetry', kind: 'sdk-function', registers: ['trace'] }] as never);
    expect(withRegistrar.mayRegisterThrough('bootAcmeTelemetry')).toBe(true);
    expect(table.mayRegisterThrough('bootAcmeTelemetry')).toBe(false);
  });

  it('rejects the names most calls of a file end in', () => {
    for (const name of ['end', 'then', 'push', 'setAttribute', 'startSpan', 'getTracer', 'log']) expect(table.mayRegisterThrough(name)).toBe(false);
  });
});

// The fast path and the comment check (`namesModuleInCode`, src/analysis) skip a file whose text names
// no module hint outside comments: sound only while every module the table recognizes contains one.
describe('Table.hints', () => {
  it('are named by every module the table recognizes, instrumentation packages and registrars included', () => {
    const table = getTable(undefined);
    const modules = Object.keys(MODULES);
    expect(modules.length).toBeGreaterThan(40);
    expect(modules.filter((m) => !namesModuleHint(m, table.hints))).toEqual([]);
    expect(table.module(`${INSTRUMENTATION_PREFIX}undici`)).toBeDefined();
    expect(namesModuleHint(INSTRUMENTATION_PREFIX, table.hints)).toBe(true);
    const withRegistrar = getTable([{ module: 'acme-telemetry', export: 'boot', kind: 'sdk-function', registers: ['trace'] }] as never);
    expect(withRegistrar.module('acme-telemetry')).toBeDefined();
    expect(namesModuleHint('acme-telemetry', withRegistrar.hints)).toBe(true);
    expect(namesModuleHint('acme-telemetry', table.hints)).toBe(false);
  });
});
