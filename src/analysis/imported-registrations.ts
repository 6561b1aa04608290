// Registrations this file runs through another project module (issue 12 pattern 4): a module
// loaded for its side effect (`await import('../sentry.server.config')`, `import './tracing'`),
// whose top level registers, and a call of a function another module exports whose body
// registers (`registerOTel()` of `./otel`). Read only for relative specifiers whose file passes
// the file gate (`mayImportOtel`, then `mayHaveFindings`; one resolution and one read each; the
// module is parsed once).
import path from 'node:path';
import type { Node } from '../ast/node';
import { getDynamicImport, getLine, getStaticRequire, isCall, unwrap } from '../ast/node';
import { readText } from '../project/files';
import { Resolver } from '../project/resolve';
import { exportedFunction, projectFileModel } from './callers';
import type { FileModel } from './model';
import type { RegistrationSite } from './registration';
import { getRegistrationSites } from './registration';
import { executionContext } from './statements';

export interface ImportedRegistration {
  /** The node of this file that runs it: the module load, or the call of the exported function. */
  readonly node: Node;
  /** The registration in the other module. */
  readonly site: RegistrationSite;
  /** `sentry.server.config.ts:8`, relative to this file's folder. */
  readonly where: string;
}

const RELATIVE_SPECIFIER = /['"]\.\.?\//;
const cache = new WeakMap<FileModel, ImportedRegistration[]>();

/** Every registration another project module performs when this file loads it or calls its export. */
export function importedRegistrations(model: FileModel): readonly ImportedRegistration[] {
  let out = cache.get(model);
  if (out) return out;
  out = [];
  cache.set(model, out);
  if (!RELATIVE_SPECIFIER.test(model.source)) return out;
  const resolver = new Resolver(path.dirname(model.filename), []);
  const moduleOf = (spec: string): FileModel | undefined => {
    const target = resolver.resolveImport(spec, model.filename);
    const text = target === undefined ? undefined : readText(target);
    // the file gate: a module without a model registers nothing (most relative imports of a
    // module naming OpenTelemetry are helpers that name it too: not parsed for nothing)
    if (target === undefined || text === undefined || !model.table.mayImportOtel(text) || !model.table.mayHaveFindings(text)) return undefined;
    return projectFileModel(target, model);
  };
  const where = (m: FileModel, site: RegistrationSite): string => `${path.relative(path.dirname(model.filename), m.filename).split(path.sep).join('/')}:${getLine(site.node)}`;
  // a module loaded for its side effect: what its top level registers
  for (const load of model.moduleLoads) {
    if (!load.module.startsWith('.') || !isSideEffectLoad(load.node, load.sideEffectOnly, model)) continue;
    const m = moduleOf(load.module);
    if (!m) continue;
    for (const site of getRegistrationSites(m)) {
      if (site.kind !== 'instrumentations' && executionContext(site.node, m) === m.program) out.push({ node: load.node, site, where: where(m, site) });
    }
  }
  // a call of a function another module exports: what its body registers
  for (const call of model.calls) {
    const callee = isCall(call) && call.type === 'CallExpression' ? unwrap(call.callee) : undefined;
    if (callee?.type !== 'Identifier') continue;
    const source = relativeImport(callee, model);
    const m = source && moduleOf(source.module);
    const fn = m && exportedFunction(m, source.name);
    if (!m || !fn) continue;
    for (const site of getRegistrationSites(m)) {
      if (site.kind !== 'instrumentations' && executionContext(site.node, m) === fn) out.push({ node: call, site, where: where(m, site) });
    }
  }
  return out;
}

/** `import './m'`, `require('./m');`, `await import('./m');`: loaded for what its top level does. */
function isSideEffectLoad(node: Node, sideEffectOnly: boolean, model: FileModel): boolean {
  if (sideEffectOnly) return true;
  const parent = model.parents.get(node);
  return parent?.type === 'AwaitExpression' && model.parents.get(parent)?.type === 'ExpressionStatement';
}

/** Where a called name comes from: a relative `import { x }`, `const { x } = await import('./m')`, `const { x } = require('./m')`. */
function relativeImport(id: Node, model: FileModel): { module: string; name: string } | undefined {
  const b = model.scopeAt(id).resolve(id.name);
  if (!b) return undefined;
  if (b.importFrom) return b.importFrom.module.startsWith('.') && b.importFrom.name !== '*' ? b.importFrom : undefined;
  if (b.kind !== 'const' || !b.init || b.init.path.length !== 1) return undefined;
  const init = unwrap(b.init.expr);
  const loaded = init.type === 'AwaitExpression' ? unwrap(init.argument) : init;
  const spec = getStaticRequire(loaded) ?? getDynamicImport(loaded);
  return spec?.startsWith('.') ? { module: spec, name: b.init.path[0]! } : undefined;
}

