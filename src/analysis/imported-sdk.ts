// The NestJS shape (miss class 12): the SDK is built in a project module (`export const otelSDK =
// new NodeSDK(…)` in `./tracing`) and started in a file that imports no OpenTelemetry module
// (`await otelSDK.start()` in main.ts's `bootstrap()`, after `@nestjs/core` was imported). The
// text gate skips such a file, so it has its own gate, kept cheap: the text calls `.start(` and
// one of its relative imports (or a bare one, when the project's tsconfig sets baseUrl/paths) resolves
// to a file whose text names an OpenTelemetry module, directly
// or through a barrel's relative re-exports (`export * from './otel'` in `./lib/index.ts`). Only
// then is the file modelled, and the imported module parsed to find the SDK it exports.
import path from 'node:path';
import type { Node } from '../ast/node';
import { getPropertyName, getStaticRequire, isFunction, isMember, unwrap } from '../ast/node';
import type { ExportSpec } from '../otel/types';
import type { Table } from '../otel/table';
import { FileMemo, findPackageDir, isRecord, readJsonObject, readText } from '../project/files';
import { scanSpecifiers } from '../project/imports';
import { Resolver } from '../project/resolve';
import { packageNameOf, workspacePackages } from '../project/workspace';
import { workStats } from '../work-stats';
import { projectFileModel } from './callers';
import { reExportsOf } from './re-exports';
import type { FileModel } from './model';
import { getEvaluator } from './values';

/** Work counters for the perf tests: files the start-file gate scanned, and project files it read. */
export const startFileStats = workStats('startFile', { gated: 0, filesRead: 0 });

/** `otelSDK.start()` in this file, where `otelSDK` is an SDK instance another project module exports. */
export interface ImportedSdkStart {
  readonly call: Node;
  readonly label: string;
  /** The module that builds it, and its model (for the instrumentations the SDK enables). */
  readonly module: FileModel;
  readonly spec: Extract<ExportSpec, { kind: 'sdk' }>;
  /** The `new NodeSDK(…)` in `module`, when the export is that construction or a factory returning it. */
  readonly creation: Node | undefined;
  /** `const sdk = createTracing(…)`: built by an exported factory, a new SDK per call that no other module holds. */
  readonly factory: boolean;
  /** The specifier this file imports it by (`./tracing`). */
  readonly specifier: string;
}

const RELATIVE_SPECIFIER = /['"]\.\.?\//;
/** `export * from './x'`, `export * as ns from './x'`, `export { a, b as c } from './x'`: a barrel's relative re-exports. */
const RELATIVE_RE_EXPORT = /\bexport\s+(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*['"](\.\.?\/[^'"\n]+)['"]/g;
/** How many barrels deep the gate and the export lookup follow re-exports (`./lib` → `./lib/otel`). */
const MAX_RE_EXPORT_DEPTH = 3;

/**
 * The start-file gate's first text test, also asked by the rule plumbing before it creates a visitor:
 * an SDK's `start()` takes no argument (sdk-node 0.223.0 `build/src/sdk.d.ts`: `start(): void`), so
 * `ripple.start(event)` or `timer.start(0)` need no model.
 */
export function mayCallStart(source: string): boolean {
  // `includes('.start()')`, found by each `()` and then the `.start` before it: V8's string search
  // scans for the pattern's first character, and in code an `s` (or a `.`) comes far more often than
  // a `(` followed by `)`: 0.29 against 0.91 ns per byte (bench/README.md, fourteenth pass). Two `()`
  // cannot overlap, so the search resumes two characters on.
  for (let at = source.indexOf('()'); at >= 0; at = source.indexOf('()', at + 2)) if (at >= START.length && source.startsWith(START, at - START.length)) return true;
  return false;
}

const START = '.start';

/**
 * The start-file gate: the text calls `.start(` and imports a relative module whose text names an
 * OpenTelemetry module (one resolution and one read per relative import, for files that pass the
 * two text tests only).
 */
export function mayStartImportedSdk(source: string, filename: string, table: Table): boolean {
  return mayCallStart(source) && importsModuleNamingOtel(source, filename, table);
}

/**
 * The start-file gate's second test: the file imports a project module (relative, through the
 * tsconfig's `baseUrl`/`paths`, or a workspace package) whose text, or a barrel's re-export, names
 * an OpenTelemetry module (`importedSdkStarts` parses nothing else).
 */
export function importsModuleNamingOtel(source: string, filename: string, table: Table): boolean {
  const bareToo = hasTsconfigPaths(filename);
  // a monorepo's packages are named by bare specifiers (`@acme/tracing`): read from the workspace
  // root's declarations, once per root, only for a file that calls `.start(`
  const workspace = workspacePackages(filename);
  if (!RELATIVE_SPECIFIER.test(source) && !bareToo && workspace.length === 0) return false;
  // the import scan only for a file that passed both tests
  const specifiers = scanSpecifiers(source);
  startFileStats.gated++;
  const resolver = projectResolver(filename);
  const names = new Set(workspace.map((p) => p.name));
  for (const spec of specifiers) {
    const bare = !spec.startsWith('.');
    if (bare && (spec.startsWith('@opentelemetry/') || (!bareToo && !names.has(packageNameOf(spec))))) continue;
    const target = resolver.resolveImport(spec, filename);
    if (target === undefined) continue;
    if (namesOtel(target, table)) return true;
  }
  return false;
}

/**
 * Resolves like the project's compiler: rooted at the nearest package.json, so the tsconfig's
 * `baseUrl`/`paths` apply (`import otelSDK from 'src/opentelemetry'` in a NestJS main.ts); a
 * package in node_modules resolves to nothing.
 */
function projectResolver(filename: string): Resolver {
  const dir = path.dirname(filename);
  return new Resolver(findPackageDir(dir) ?? dir, workspacePackages(filename));
}

/** The project's tsconfig sets `baseUrl` or `paths`: bare specifiers may name project files too. */
function hasTsconfigPaths(filename: string): boolean {
  const root = findPackageDir(path.dirname(filename));
  if (!root) return false;
  const options = readJsonObject(path.join(root, 'tsconfig.json'), { comments: true })?.compilerOptions;
  return isRecord(options) && (typeof options.baseUrl === 'string' || isRecord(options.paths));
}

// per table (the settings' registrars widen what counts): whether a project file names an
// OpenTelemetry module, read once per lint run and again only when the file changes
const namesOtelMemos = new WeakMap<Table, FileMemo<boolean>>();

function namesOtel(file: string, table: Table, depth = 0): boolean {
  let memo = namesOtelMemos.get(table);
  if (!memo) namesOtelMemos.set(table, (memo = new FileMemo<boolean>()));
  // the memo is keyed by file: a barrel's answer covers what it re-exports, at the first depth asked
  return memo.get(file, () => {
    startFileStats.filesRead++;
    const text = readText(file);
    if (text === undefined) return false;
    if (table.mayImportOtel(text)) return true;
    if (depth >= MAX_RE_EXPORT_DEPTH || !text.includes('export')) return false;
    const resolver = new Resolver(path.dirname(file), []);
    for (const m of text.matchAll(RELATIVE_RE_EXPORT)) {
      const target = resolver.resolveImport(m[1]!, file);
      if (target !== undefined && target !== file && namesOtel(target, table, depth + 1)) return true;
    }
    return false;
  });
}

/** Every `x.start()` of the file whose `x` is an SDK instance exported by a project module. */
export function importedSdkStarts(model: FileModel): ImportedSdkStart[] {
  const out: ImportedSdkStart[] = [];
  let resolver: Resolver | undefined;
  for (const call of model.calls) {
    const callee = unwrap(call.callee);
    if (call.type !== 'CallExpression' || call.arguments.length > 0 || !isMember(callee) || getPropertyName(callee) !== 'start') continue;
    const object = unwrap(callee.object);
    // `createTracing(…).start()`, or `const sdk = createTracing(…); sdk.start()`: an exported factory's SDK
    const made = factoryCall(object, model);
    if (object.type !== 'Identifier' && !made) continue;
    const source = made ? importSource(unwrap(made.callee), model) : importSource(object, model);
    if (!source) continue;
    resolver ??= projectResolver(model.filename);
    const target = resolver.resolveImport(source.module, model.filename);
    // parsed only when it (or a barrel's re-export) names OpenTelemetry: the memoized text test first
    const module = target === undefined || !namesOtel(target, model.table) ? undefined : projectFileModel(target, model);
    const found = module && exportedSdk(module, source.name, 0, !!made);
    const label = object.type === 'Identifier' ? `${object.name}.start()` : `${source.name}(…).start()`;
    if (found) out.push({ call, label, module: found.module, spec: found.spec, creation: found.creation, factory: !!made, specifier: source.module });
  }
  return out;
}

/** The call of an imported function that made `object`: itself, or a never-reassigned `const`'s initializer. */
function factoryCall(object: Node, model: FileModel): Node | undefined {
  let expr = object;
  if (object.type === 'Identifier') {
    const b = model.scopeAt(object).resolve(object.name);
    if (!b || b.kind !== 'const' || !b.init || b.init.path.length > 0) return undefined;
    expr = unwrap(b.init.expr);
    if (expr.type === 'AwaitExpression') expr = unwrap(expr.argument);
  }
  // `const otel = require('./tracing')` loads the module: its export is the SDK, not a factory's result (holdout15 customercomm)
  const callee = expr.type === 'CallExpression' && getStaticRequire(expr) === undefined ? unwrap(expr.callee) : undefined;
  return callee?.type === 'Identifier' ? expr : undefined;
}

/** Where an identifier's value comes from: a relative `import`, or a relative `require()` (whole, or one property). */
function importSource(id: Node, model: FileModel): { module: string; name: string } | undefined {
  const b = model.scopeAt(id).resolve(id.name);
  if (!b) return undefined;
  if (b.importFrom) {
    // a bare specifier counts when the project resolver finds a project file for it (tsconfig baseUrl/paths)
    if (b.importFrom.module.startsWith('@opentelemetry/')) return undefined;
    // `import x from './m'` is the default export; `import * as` has no start() of its own
    if (b.importFrom.name !== '*') return b.importFrom;
    return b.declaration.type === 'ImportDeclaration' && b.declaration.specifiers?.some((s: Node) => s.type === 'ImportDefaultSpecifier' && s.local === b.id) ? { module: b.importFrom.module, name: 'default' } : undefined;
  }
  const required = b.kind === 'const' && b.init ? getStaticRequire(unwrap(b.init.expr)) : undefined;
  if (required === undefined || required.startsWith('@opentelemetry/') || b.init!.path.length > 1) return undefined;
  return { module: required, name: b.init!.path[0] ?? 'default' };
}

type SdkSpec = Extract<ExportSpec, { kind: 'sdk' }>;

/**
 * The SDK class spec of the module's export `name` (`export const sdk = new NodeSDK(…)`, `export {
 * sdk as otelSDK }`, `export default sdk`) and the module that builds it: a barrel's relative
 * re-export (`export * from './otel'`, `export { otelSDK } from './otel'`) is followed.
 */
function exportedSdk(module: FileModel, name: string, depth: number, factory: boolean): { module: FileModel; spec: SdkSpec; creation: Node | undefined } | undefined {
  const expr = exportedExpression(module, name);
  if (expr) {
    const ev = getEvaluator(module);
    // a factory: every value it returns is an SDK instance of one class
    const values = factory ? returnedValues(expr, module) : [expr];
    const instances = values.map((e) => ev.evaluate(e));
    const first = instances[0];
    if (first?.kind !== 'instance' || first.of.spec.kind !== 'sdk') return undefined;
    if (instances.some((v) => v?.kind !== 'instance' || v.of !== first.of)) return undefined;
    return { module, spec: first.of.spec, creation: instances.length === 1 ? first.creation : undefined };
  }
  if (depth >= MAX_RE_EXPORT_DEPTH) return undefined;
  for (const { source, imported } of reExportsOf(module, name)) {
    const target = new Resolver(path.dirname(module.filename), []).resolveImport(source, module.filename);
    const next = target === undefined || target === module.filename ? undefined : projectFileModel(target, module);
    const found = next && exportedSdk(next, imported, depth + 1, factory);
    if (found) return found;
  }
  return undefined;
}

/** What an exported function returns (`return sdk`, an arrow's expression body); none for anything that is not a function. */
function returnedValues(expr: Node, module: FileModel): Node[] {
  const fn = unwrap(expr);
  if (!isFunction(fn)) return [];
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  return (module.returns.get(fn) ?? []).map((r) => r.expr).filter((e): e is Node => !!e);
}

function exportedExpression(module: FileModel, name: string): Node | undefined {
  for (const stmt of module.program.body as Node[]) {
    if (stmt.type === 'ExportDefaultDeclaration' && name === 'default') return stmt.declaration;
    if (stmt.type !== 'ExportNamedDeclaration') continue;
    if (stmt.declaration?.type === 'FunctionDeclaration' && stmt.declaration.id?.name === name) return stmt.declaration;
    for (const d of stmt.declaration?.type === 'VariableDeclaration' ? stmt.declaration.declarations : []) {
      if (d.id.type === 'Identifier' && d.id.name === name && d.init) return d.init;
    }
    for (const s of stmt.source ? [] : (stmt.specifiers ?? [])) {
      const exported = s.exported?.type === 'Identifier' ? s.exported.name : s.exported?.value;
      if (exported === name && s.local?.type === 'Identifier') return s.local;
    }
  }
  // CommonJS: `module.exports = sdk`, `exports.otelSDK = sdk`
  for (const stmt of module.program.body as Node[]) {
    const e = stmt.type === 'ExpressionStatement' ? unwrap(stmt.expression) : undefined;
    if (e?.type !== 'AssignmentExpression' || !isMember(e.left)) continue;
    const target = unwrap(e.left);
    const obj = unwrap(target.object);
    const isModuleExports = obj.type === 'Identifier' && obj.name === 'module' && getPropertyName(target) === 'exports';
    if (name === 'default' && isModuleExports) return e.right;
    const onExports = (obj.type === 'Identifier' && obj.name === 'exports') || (isMember(obj) && unwrap(obj.object).name === 'module' && getPropertyName(obj) === 'exports');
    if (onExports && getPropertyName(target) === name) return e.right;
  }
  return undefined;
}
