// Evidence that an exported function or a class method runs more than once per process: its
// call sites in the project (through the project index), each classified the way a
// registration in the same file would be. An exported init with a single top-level caller
// runs once; one called per request, from a component, in a loop, or twice on one path does
// not. With no caller in the project (a library's public init) there is no evidence.
import path from 'node:path';
import type { Node } from '../ast/node';
import { getDynamicImport, getLine, getPropertyName, getStaticRequire, isCall, isFunction, isMember, unwrap } from '../ast/node';
import { parseForAnalysis } from '../codemod/parser-options';
import { getTable } from '../otel/table';
import { FileMemo, readText } from '../project/files';
import { getProjectIndex, type ProjectIndex } from '../project/project-index';
import { areMutuallyExclusive } from './branches';
import type { FileModel } from './model';
import { buildModel } from './model';
import type { RerunContext } from './rerun-context';
import { reExports } from './re-exports';

/** How a call site of the function re-runs, found by the caller's own analysis. */
export type ClassifyCall = (call: Node, model: FileModel) => RerunContext | undefined;

/**
 * Test files are not evidence: a suite calling an init once per test exercises it, but no
 * production process runs that code (`*.test.*`, `*.spec.*`, `__tests__/`, `test/`, `e2e/`).
 */
export const TEST_FILE = /(?:^|[\\/])(?:__tests__|__mocks__|tests?|e2e|cypress|playwright)[\\/]|\.(?:test|spec|e2e|stories)\.[cm]?[jt]sx?$/;

/** Functions whose evidence is being looked for (cycles between modules end here). */
const inProgress = new Set<string>();

/**
 * Evidence from the project that the exported function `exportName` of `model`'s file runs more
 * than once: a call site in re-runnable code, or two calls on one path of one file.
 */
export function exportCallEvidence(fn: Node, exportName: string, model: FileModel, classify: ClassifyCall): RerunContext | undefined {
  const key = `${model.filename}#${exportName}`;
  if (inProgress.has(key)) return undefined;
  inProgress.add(key);
  try {
    const index = getProjectIndex(model.filename);
    if (!index) return undefined;
    const target = path.resolve(model.filename);
    for (const importer of index.importers.get(target) ?? []) {
      if (TEST_FILE.test(path.relative(index.root, importer))) continue;
      const caller = projectFileModel(importer, model);
      if (!caller) continue;
      const calls = importedCalls(caller, importer, target, exportName, index);
      const found = classifyCalls(fn, exportName, calls, caller, index, classify);
      if (found) return found;
    }
    return undefined;
  } finally {
    inProgress.delete(key);
  }
}

/**
 * True when a project module (tests left out) calls the export `exportName` of this file: the app
 * runs the function itself, so it is no platform entry point (a `(event, context)` function a
 * GitHub Action's `run()` awaits once is not a Lambda handler).
 */
export function calledInProject(exportName: string, model: FileModel): boolean {
  const index = getProjectIndex(model.filename);
  if (!index) return false;
  const importers = (index.importers.get(path.resolve(model.filename)) ?? []).filter((f) => !TEST_FILE.test(path.relative(index.root, f)));
  return anyCalls(importers, exportName, model, index);
}

/** True when one of `importers` (project files importing this one) calls the export `exportName` of this file; unknown (no project index) is true. */
export function calledByAnyOf(exportName: string, model: FileModel, importers: readonly string[]): boolean {
  const index = getProjectIndex(model.filename);
  return !index || anyCalls(importers, exportName, model, index);
}

function anyCalls(importers: readonly string[], exportName: string, model: FileModel, index: ProjectIndex): boolean {
  const target = path.resolve(model.filename);
  return importers.some((importer) => {
    const caller = projectFileModel(importer, model);
    if (!caller) return false;
    if (importedCalls(caller, importer, target, exportName, index).length > 0) return true;
    // a barrel (`export { initTracing } from './tracing'`): the modules importing it call it (holdout11 B19)
    return reExportedAs(caller, importer, target, exportName, index).some((name) =>
      (index.importers.get(importer) ?? []).some((upstream) => {
        if (upstream === target || TEST_FILE.test(path.relative(index.root, upstream))) return false;
        const next = projectFileModel(upstream, model);
        return next !== undefined && importedCalls(next, upstream, importer, name, index).length > 0;
      }),
    );
  });
}

/** The names under which `barrel` re-exports the export `exportName` of `target` (`export { x as y } from`, `export * from`). */
function reExportedAs(barrel: FileModel, barrelFile: string, target: string, exportName: string, index: ProjectIndex): string[] {
  return reExports(barrel)
    .filter((r) => index.resolved.get(barrelFile)?.get(r.source) === target)
    .flatMap((r) => (r.exported === '*' ? (exportName === 'default' ? [] : [exportName]) : r.imported === exportName ? [r.exported] : []));
}

/**
 * True only when the project shows that nothing can call the export `name` of this file: the file
 * is imported by project modules (so it is no entry a framework or a config loads by path), and no
 * other module names it (tests left out; a plain text scan, so a re-export through a barrel, an
 * alias or a dynamic import still counts as a use). Unknown is false: no project index (a single
 * file linted on its own), or a file nothing imports.
 */
export function exportNamedNowhere(name: string, model: FileModel): boolean {
  const index = getProjectIndex(model.filename);
  if (!index) return false;
  const target = path.resolve(model.filename);
  const importers = (index.importers.get(target) ?? []).filter((f) => !TEST_FILE.test(path.relative(index.root, f)));
  if (importers.length === 0) return false;
  const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
  return !index.files.some((f) => f !== target && !TEST_FILE.test(path.relative(index.root, f)) && word.test(index.text(f) ?? ''));
}

/** Evidence that the method `methodName` runs more than once: its calls (`x.method()`) in this file and in the files importing it. */
export function methodCallEvidence(fn: Node, methodName: string, model: FileModel, classify: ClassifyCall): RerunContext | undefined {
  const key = `${model.filename}#.${methodName}`;
  if (inProgress.has(key)) return undefined;
  inProgress.add(key);
  try {
    const own = classifyCalls(fn, methodName, methodCalls(model, methodName, fn), model, undefined, classify);
    if (own) return own;
    const index = getProjectIndex(model.filename);
    if (!index) return undefined;
    for (const importer of index.importers.get(path.resolve(model.filename)) ?? []) {
      if (TEST_FILE.test(path.relative(index.root, importer)) || !index.text(importer)?.includes(methodName)) continue;
      const caller = projectFileModel(importer, model);
      if (!caller) continue;
      const found = classifyCalls(fn, methodName, methodCalls(caller, methodName, undefined), caller, index, classify);
      if (found) return found;
    }
    return undefined;
  } finally {
    inProgress.delete(key);
  }
}

/**
 * Evidence that a class's constructor runs more than once: its `new ClassName(…)` sites in this file
 * and in the files importing it (tests left out), each classified like a registration there (a
 * `new` under a module-level once-guard, `if (!instance) instance = new Cls()`, is not re-run), or
 * two on one path. No construction site in the project is no evidence.
 */
export function constructionEvidence(fn: Node, className: string, model: FileModel, classify: ClassifyCall): RerunContext | undefined {
  const key = `${model.filename}#new ${className}`;
  if (inProgress.has(key)) return undefined;
  inProgress.add(key);
  const label = `new ${className}()`;
  try {
    const own = classifyCalls(fn, label, constructions(model, className), model, undefined, classify);
    if (own) return own;
    const index = getProjectIndex(model.filename);
    if (!index) return undefined;
    for (const importer of index.importers.get(path.resolve(model.filename)) ?? []) {
      if (TEST_FILE.test(path.relative(index.root, importer)) || !index.text(importer)?.includes(className)) continue;
      const caller = projectFileModel(importer, model);
      if (!caller) continue;
      const found = classifyCalls(fn, label, constructions(caller, className), caller, index, classify);
      if (found) return found;
    }
    return undefined;
  } finally {
    inProgress.delete(key);
  }
}

/** True when a project module (tests left out) declares a class that `extends` this one: its constructions are further sites. */
export function isSubclassedInProject(className: string, model: FileModel): boolean {
  const word = new RegExp(`\\bextends\\s+(?:[\\w$]+\\.)?${className.replace(/\$/g, '\\$')}(?![\\w$])`);
  if (word.test(model.source)) return true;
  const index = getProjectIndex(model.filename);
  if (!index) return false;
  return index.files.some((f) => !TEST_FILE.test(path.relative(index.root, f)) && word.test(index.text(f) ?? ''));
}

/** `new ClassName(…)` and `new ns.ClassName(…)` in a file. */
function constructions(model: FileModel, className: string): Node[] {
  return model.calls.filter((call) => {
    if (call.type !== 'NewExpression') return false;
    const callee = unwrap(call.callee);
    return (callee.type === 'Identifier' && callee.name === className) || (isMember(callee) && getPropertyName(callee) === className);
  });
}

/** The first call site that re-runs, or two calls on one path; described with the caller's file and line. */
function classifyCalls(fn: Node, name: string, calls: readonly Node[], caller: FileModel, index: ProjectIndex | undefined, classify: ClassifyCall): RerunContext | undefined {
  const where = (call: Node): string => `${index ? path.relative(index.root, caller.filename).split(path.sep).join('/') : 'this file'}:${getLine(call)}`;
  for (const call of calls) {
    const ctx = classify(call, caller);
    if (ctx) return { kind: ctx.kind, boundary: fn, name, description: `\`${name}\`, called from ${ctx.description} (${where(call)})` };
  }
  for (let i = 0; i < calls.length; i++) {
    for (let j = i + 1; j < calls.length; j++) {
      if (!areMutuallyExclusive(calls[i]!, calls[j]!, caller)) {
        return { kind: 'called-repeatedly', boundary: fn, name, description: `\`${name}\`, which ${where(calls[i]!)} and line ${getLine(calls[j]!)} both call` };
      }
    }
  }
  return undefined;
}

/** Calls, in an importing file, of the export `exportName` of `target`, however it was imported. */
function importedCalls(caller: FileModel, importer: string, target: string, exportName: string, index: ProjectIndex): Node[] {
  const fromTarget = (spec: string | undefined): boolean => spec !== undefined && index.resolved.get(importer)?.get(spec) === target;
  const out: Node[] = [];
  const callsOf = (binding: { references: readonly Node[] }, member: string | undefined): void => {
    for (const ref of binding.references) {
      const parent = caller.parents.get(ref);
      if (member === undefined) {
        if (parent && isCall(parent) && unwrap(parent.callee) === ref) out.push(parent);
      } else if (parent && isMember(parent) && parent.object === ref && getPropertyName(parent) === member) {
        const call = caller.parents.get(parent);
        if (call && isCall(call) && call.callee === parent) out.push(call);
      }
    }
  };
  for (const scope of caller.scopes.values()) {
    for (const b of scope.bindings.values()) {
      if (b.importFrom && fromTarget(b.importFrom.module)) {
        if (b.importFrom.name === exportName) callsOf(b, undefined);
        else if (b.importFrom.name === '*') {
          // a namespace, a default import or `require()`: `ns.init()`, or `init()` for the default export
          if (exportName === 'default' && b.declaration.type === 'ImportDeclaration') callsOf(b, undefined);
          else callsOf(b, exportName);
        }
        continue;
      }
      // `require('./otel')`, and `import('./otel').then(({ initOtel }) => initOtel())` (holdout13)
      const required = b.init ? (getStaticRequire(unwrap(b.init.expr)) ?? getDynamicImport(unwrap(b.init.expr))) : undefined;
      if (!fromTarget(required)) continue;
      if (b.init!.path.length === 0) callsOf(b, exportName === 'default' ? undefined : exportName);
      else if (b.init!.path.length === 1 && b.init!.path[0] === exportName) callsOf(b, undefined);
    }
  }
  // require('./tracing').init()
  for (const call of caller.calls) {
    const callee = unwrap(call.callee);
    if (isMember(callee) && getPropertyName(callee) === exportName && fromTarget(getStaticRequire(unwrap(callee.object)))) out.push(call);
  }
  return out;
}

/** `x.method()` calls in a file (`this.method()` included), other than inside the method itself. */
function methodCalls(model: FileModel, methodName: string, own: Node | undefined): Node[] {
  return model.calls.filter((call) => {
    const callee = unwrap(call.callee);
    if (!isMember(callee) || getPropertyName(callee) !== methodName) return false;
    return !own || !model.ancestors(call).includes(own);
  });
}

/** Identity of a table (one per registrar list), for cache keys. */
const tableIds = new WeakMap<object, number>();
let nextTableId = 0;
const models = new FileMemo<FileModel | undefined>();

/** The model of a project file (an importer, a module imported; parsed with the codemods' parser, loaded only when evidence is needed), or undefined when it does not parse. */
export function projectFileModel(file: string, like: FileModel): FileModel | undefined {
  const table = getTable(like.settings.registrars);
  let id = tableIds.get(table);
  if (id === undefined) tableIds.set(table, (id = nextTableId++));
  return models.get(`${id}\0${file}`, () => {
    const source = readText(file);
    if (source === undefined) return undefined;
    let program: Node;
    try {
      // required here, not at the top: the plugin entry must not load Babel (SPEC §2 "Light entry")
      const babel = require('@babel/parser') as typeof import('@babel/parser');
      program = parseForAnalysis(babel.parse, source, file).program as unknown as Node;
    } catch {
      return undefined;
    }
    return buildModel({ program, source, filename: file, cwd: like.cwd, table, settings: like.settings });
  });
}

/** The project file an import specifier of this file resolves to (relative paths and workspace packages), from the project index. */
export function importedProjectFile(model: FileModel, specifier: string): string | undefined {
  return getProjectIndex(model.filename)?.resolved.get(path.resolve(model.filename))?.get(specifier);
}

/** The function a module exports as `name` (`export function name`, `export const name = () => …`). */
export function exportedFunction(m: FileModel, name: string): Node | undefined {
  for (const stmt of m.program.body as Node[]) {
    if (stmt.type !== 'ExportNamedDeclaration' || !stmt.declaration) continue;
    const d = stmt.declaration;
    if (d.type === 'FunctionDeclaration' && d.id?.name === name) return d;
    if (d.type !== 'VariableDeclaration') continue;
    for (const v of d.declarations) if (v.id?.type === 'Identifier' && v.id.name === name && v.init && isFunction(unwrap(v.init))) return unwrap(v.init);
  }
  return undefined;
}
