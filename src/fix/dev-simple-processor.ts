// Fix plans for `no-batch-processor-in-dev`, shared by its suggestions and by the
// `dev-simple-processor` codemod: a SimpleSpanProcessor with the same exporter, in the
// constructor shape of the module it comes from (positional for sdk-trace-base/-node/-web,
// `{ exporter }` for `@opentelemetry/sdk-trace`), the import updated. In a file that
// production runs too, the choice becomes env-conditional instead of dropping batching.
import type { Node } from '../ast/node';
import { getPropertyName, getRange, getStaticRequire, getStringValue, isMember, unwrap } from '../ast/node';
import type { FileModel } from '../analysis';
import type { BatchingSite } from '../analysis/batching';
import { getEvaluator } from '../analysis/values';
import type { TextEdit } from './text';
import { getSourceStyle, quoteString, textOf } from './text';

type Shape = 'positional' | 'options';

const PROD_TEST = "process.env.NODE_ENV === 'production'";

/** How the dev context was found: `dev-only` code (a dev file or branch), or a file a dev script runs that production may run too. */
export type DevContext = 'dev-only' | 'shared';

/** `new BatchSpanProcessor(e, cfg)` → `new SimpleSpanProcessor(e)` (or `NODE_ENV === 'production' ? <batch> : <simple>`). */
export function planSimpleForExplicit(site: BatchingSite, context: DevContext, model: FileModel): TextEdit[] | undefined {
  const spec = site.of.spec;
  if (spec.kind !== 'span-processor') return undefined;
  const call = site.node;
  const exporter = exporterText(call.arguments[0], spec.shape, model);
  if (exporter === undefined) return undefined;
  const callee = unwrap(call.callee);
  let simple: string;
  const edits: TextEdit[] = [];
  if (isMember(callee) && !callee.computed) simple = `${textOf(model.source, callee.object)}.SimpleSpanProcessor`;
  else if (callee.type === 'Identifier') {
    const names = ensureNames(model, ['SimpleSpanProcessor'], site.of.module, spec.shape, callee);
    if (!names) return undefined;
    simple = names.local.SimpleSpanProcessor!;
    edits.push(...names.edits);
  } else return undefined;
  const simpleNew = `new ${simple}(${spec.shape === 'positional' ? exporter : optionsArg(exporter)})`;
  const original = textOf(model.source, call);
  let text = context === 'dev-only' ? simpleNew : `${PROD_TEST} ? ${original} : ${simpleNew}`;
  const parent = model.parents.get(call);
  if (context === 'shared' && parent && (isMember(parent) || parent.type === 'BinaryExpression' || parent.type === 'LogicalExpression')) text = `(${text})`;
  edits.push({ range: getRange(call), text });
  return edits;
}

/**
 * `new NodeSDK({ traceExporter: e })` → `spanProcessors: [new SimpleSpanProcessor(e)]`;
 * an SDK with a boolean dev switch (`disableBatch`) gets the switch.
 */
export function planSimpleForImplicit(site: BatchingSite, context: DevContext, model: FileModel): TextEdit[] | undefined {
  const options = site.options;
  if (site.traceExporter && options) {
    const prop = site.traceExporter;
    if (prop.type !== 'Property' && prop.type !== 'ObjectProperty') return undefined;
    const exporter = prop.shorthand ? 'traceExporter' : textOf(model.source, prop.value);
    const { module, shape } = targetModule(model);
    const wanted = context === 'dev-only' ? ['SimpleSpanProcessor'] : ['BatchSpanProcessor', 'SimpleSpanProcessor'];
    const names = ensureNames(model, wanted, module, shape, undefined);
    if (!names) return undefined;
    const arg = shape === 'positional' ? exporter : optionsArg(exporter);
    const simple = `new ${names.local.SimpleSpanProcessor}(${arg})`;
    const proc = context === 'dev-only' ? simple : `${PROD_TEST} ? new ${names.local.BatchSpanProcessor}(${arg}) : ${simple}`;
    return [...names.edits, { range: getRange(prop), text: `spanProcessors: [${proc}]` }];
  }
  const devSwitch = site.batching?.unlessTrue?.find((o) => o === 'disableBatch');
  if (devSwitch && options) {
    const value = context === 'dev-only' ? 'true' : "process.env.NODE_ENV !== 'production'";
    const first = options.properties[0] as Node | undefined;
    if (!first) return [{ range: getRange(options), text: `{ ${devSwitch}: ${value} }` }];
    return [{ range: getRange(first), text: `${devSwitch}: ${value}, ${textOf(model.source, first)}` }];
  }
  return undefined;
}

/** `{ exporter }` (shorthand when the exporter is a variable of that name). */
function optionsArg(exporter: string): string {
  return exporter === 'exporter' ? '{ exporter }' : `{ exporter: ${exporter} }`;
}

/** The exporter a batch processor takes: its first argument (positional) or the `exporter` option. */
function exporterText(arg: Node | undefined, shape: Shape, model: FileModel): string | undefined {
  if (!arg || arg.type === 'SpreadElement') return undefined;
  if (shape === 'positional') return textOf(model.source, arg);
  const obj = unwrap(arg);
  if (obj.type !== 'ObjectExpression') return undefined;
  const prop = obj.properties.find((p: Node) => (p.type === 'Property' || p.type === 'ObjectProperty') && !p.computed && (p.key.name === 'exporter' || getStringValue(p.key) === 'exporter'));
  if (!prop) return undefined;
  return prop.shorthand ? 'exporter' : textOf(model.source, prop.value);
}

/** The processor module to import from when the file has none: by SDK generation. */
function targetModule(model: FileModel): { module: string; shape: Shape } {
  const imported = new Set(model.otelImports.map((i) => i.module));
  if (model.settings.sdkGeneration === 3 || imported.has('@opentelemetry/sdk-trace')) return { module: '@opentelemetry/sdk-trace', shape: 'options' };
  for (const m of ['@opentelemetry/sdk-trace-base', '@opentelemetry/sdk-trace-node']) if (imported.has(m)) return { module: m, shape: 'positional' };
  return { module: '@opentelemetry/sdk-trace-base', shape: 'positional' };
}

interface Names {
  readonly local: Record<string, string>;
  readonly edits: TextEdit[];
}

/**
 * Local names for processor classes: existing bindings of the same shape, else a
 * specifier added to an existing import of `module` (the one `near` comes from, when
 * given), else a new import/require statement. Undefined when a name is taken.
 */
function ensureNames(model: FileModel, wanted: readonly string[], module: string, shape: Shape, near: Node | undefined): Names | undefined {
  const ev = getEvaluator(model);
  const moduleScope = model.scopes.get(model.program)!;
  const local: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of wanted) {
    let found: string | undefined;
    for (const b of moduleScope.bindings.values()) {
      const v = ev.bindingValue(b);
      if (v?.kind === 'export' && v.name === name && v.spec.kind === 'span-processor' && v.spec.shape === shape) {
        found = b.name;
        if (v.module === module) break;
      }
    }
    if (found) local[name] = found;
    else if (moduleScope.resolve(name)) return undefined;
    else {
      local[name] = name;
      missing.push(name);
    }
  }
  if (missing.length === 0) return { local, edits: [] };
  const host = importHost(model, module, near);
  if (host) return { local, edits: [{ range: getRange(host), text: `${textOf(model.source, host)}, ${missing.join(', ')}` }] };
  return { local, edits: [newImport(model, module, missing)] };
}

/** The last named specifier (ESM) or destructured property (CJS) of a top-level import of `module`. */
function importHost(model: FileModel, module: string, near: Node | undefined): Node | undefined {
  if (near?.type === 'Identifier') {
    const b = model.scopeAt(near).resolve(near.name);
    const d = b?.declaration;
    if (d?.type === 'ImportDeclaration' && getStringValue(d.source) === module) {
      const named = d.specifiers.filter((s: Node) => s.type === 'ImportSpecifier');
      if (named.length > 0) return named.at(-1);
    }
    if (d?.type === 'VariableDeclarator' && d.id.type === 'ObjectPattern' && d.init && getStaticRequire(d.init) === module && !d.id.properties.some((p: Node) => p.type === 'RestElement')) {
      return d.id.properties.at(-1);
    }
  }
  for (const stmt of model.program.body as Node[]) {
    if (stmt.type === 'ImportDeclaration' && getStringValue(stmt.source) === module && stmt.importKind !== 'type') {
      const named = stmt.specifiers.filter((s: Node) => s.type === 'ImportSpecifier');
      if (named.length > 0 && named.length === stmt.specifiers.length) return named.at(-1);
    }
    if (stmt.type === 'VariableDeclaration' && stmt.declarations.length === 1) {
      const d = stmt.declarations[0];
      if (d.id.type === 'ObjectPattern' && d.init && getStaticRequire(d.init) === module && !d.id.properties.some((p: Node) => p.type === 'RestElement')) return d.id.properties.at(-1);
    }
  }
  return undefined;
}

/** A new `import { … } from 'm'` / `const { … } = require('m')` after the file's last top-level import or require. */
function newImport(model: FileModel, module: string, names: readonly string[]): TextEdit {
  const style = getSourceStyle(model.source, model.filename, model.program);
  const stmt = style.esm ? `import { ${names.join(', ')} } from ${quoteString(module, style)};` : `const { ${names.join(', ')} } = require(${quoteString(module, style)});`;
  let last: Node | undefined;
  for (const s of model.program.body as Node[]) {
    if (s.type === 'ImportDeclaration') last = s;
    else if (s.type === 'VariableDeclaration' && s.declarations.some((d: Node) => d.init && requireLike(d.init))) last = s;
  }
  if (!last) return { range: [0, 0], text: stmt + style.eol };
  return { range: getRange(last), text: `${textOf(model.source, last)}${style.eol}${stmt}` };
}

function requireLike(init: Node): boolean {
  const n = unwrap(init);
  if (getStaticRequire(n)) return true;
  return isMember(n) && !!getStaticRequire(unwrap(n.object)) && getPropertyName(n) !== undefined;
}
