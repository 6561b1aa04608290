// Fix plans for `no-batch-processor-in-dev`, shared by its suggestions and by the
// `dev-simple-processor` codemod: a SimpleSpanProcessor with the same exporter, in the
// constructor shape of the module it comes from (positional for sdk-trace-base/-node/-web,
// `{ exporter }` for `@opentelemetry/sdk-trace`), the import updated. In a file that
// production runs too, the choice becomes env-conditional instead of dropping batching, and an
// exporter written inline is built once, in a const. Processor classes come only from a module
// the file imports or the nearest package.json declares (sdk-node's `tracing` namespace when
// only `@opentelemetry/sdk-node` < 0.300 is there); with none, the finding has no fix.
import type { Node } from '../ast/node';
import { getKeyName, getPropertyName, getRange, getStaticRequire, getStringValue, isMember, unwrap } from '../ast/node';
import type { FileModel } from '../analysis';
import type { BatchingSite } from '../analysis/batching';
import { getEvaluator } from '../analysis/values';
import { enclosingStatement, statementList } from '../analysis/statements';
import { declaredDependencies } from '../project/declared';
import { packageVersion } from '../project/versions';
import type { Doc } from './layout';
import { group, indent, line, sourceText } from './layout';
import { listDoc } from './print-expression';
import { printAt, printLine, replaceNode, replaceProperty } from './reprint';
import type { TextEdit } from './text';
import { getSourceStyle, lineIndent, quoteString, textOf } from './text';

type Shape = 'positional' | 'options';

/** `process.env.NODE_ENV === 'production'` (or `!==`) in the file's quotes. */
function productionTest(operator: '===' | '!==', model: FileModel): string {
  return `process.env.NODE_ENV ${operator} ${quoteString('production', getSourceStyle(model.source, model.filename, model.program))}`;
}

/** How the dev context was found: `dev-only` code (a dev file or branch), or a file a dev script runs that production may run too. */
export type DevContext = 'dev-only' | 'shared';

/** `new BatchSpanProcessor(e, cfg)` → `new SimpleSpanProcessor(e)` (or `NODE_ENV === 'production' ? <batch> : <simple>`). */
export function planSimpleForExplicit(site: BatchingSite, context: DevContext, model: FileModel): TextEdit[] | undefined {
  const spec = site.of.spec;
  if (spec.kind !== 'span-processor') return undefined;
  const call = site.node;
  const exporterNode = exporterNodeOf(call.arguments[0], spec.shape);
  if (!exporterNode) return undefined;
  const callee = unwrap(call.callee);
  let simple: string;
  const edits: TextEdit[] = [];
  if (isMember(callee) && !callee.computed) simple = `${textOf(model.source, callee.object)}.SimpleSpanProcessor`;
  else if (callee.type === 'Identifier') {
    const names = ensureNames(model, ['SimpleSpanProcessor'], { module: site.of.module, shape: spec.shape }, callee);
    if (!names) return undefined;
    simple = names.local.SimpleSpanProcessor!;
    edits.push(...names.edits);
  } else return undefined;
  // in a file production runs too, both branches take the exporter: built once, in a const
  const shared = context === 'shared' ? hoistExporter(exporterNode, call, model) : undefined;
  if (context === 'shared' && !shared) return undefined;
  const exporter = shared?.name ?? textOf(model.source, exporterNode);
  if (shared) edits.push(...shared.edits);
  const simpleNew = `new ${simple}(${spec.shape === 'positional' ? exporter : optionsArg(exporter)})`;
  if (context === 'dev-only') {
    edits.push(...replaceNode(model, call, simpleNew));
    return edits;
  }
  const [cs, ce] = getRange(call);
  const [es, ee] = getRange(exporterNode);
  const batch = shared ? model.source.slice(cs, es) + exporter + model.source.slice(ee, ce) : textOf(model.source, call);
  const parent = model.parents.get(call);
  const parens = !!parent && (isMember(parent) || parent.type === 'BinaryExpression' || parent.type === 'LogicalExpression');
  const doc = choiceDoc(batch, simpleNew, model);
  edits.push(...replaceNode(model, call, parens ? ['(', doc, ')'] : doc));
  return foldHoist(edits, model.source);
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
    const source = processorSource(model);
    if (!source) return undefined;
    const wanted = context === 'dev-only' ? ['SimpleSpanProcessor'] : ['BatchSpanProcessor', 'SimpleSpanProcessor'];
    const names = ensureNames(model, wanted, source, undefined);
    if (!names) return undefined;
    const edits = [...names.edits];
    let exporter = prop.shorthand ? 'traceExporter' : textOf(model.source, prop.value);
    if (context === 'shared' && !prop.shorthand) {
      // before the statement holding the options (the `const cfg = { … }` they may come through)
      const hoisted = hoistExporter(prop.value, options, model);
      if (!hoisted) return undefined;
      exporter = hoisted.name;
      edits.push(...hoisted.edits);
    }
    const arg = source.shape === 'positional' ? exporter : optionsArg(exporter);
    const simple = `new ${names.local.SimpleSpanProcessor}(${arg})`;
    const processor: Doc = context === 'dev-only' ? simple : choiceDoc(`new ${names.local.BatchSpanProcessor}(${arg})`, simple, model);
    edits.push(...replaceProperty(model, options, prop, ['spanProcessors: ', listDoc('[', [processor], ']', false)]));
    return foldHoist(edits, model.source);
  }
  const devSwitch = site.batching?.unlessTrue?.find((o) => o === 'disableBatch');
  if (devSwitch && options) {
    const value = context === 'dev-only' ? 'true' : productionTest('!==', model);
    const first = options.properties[0] as Node | undefined;
    if (!first) return [{ range: getRange(options), text: `{ ${devSwitch}: ${value} }` }];
    return [{ range: getRange(first), text: `${devSwitch}: ${value}, ${textOf(model.source, first)}` }];
  }
  // a switch that turns batching off when false (Phoenix's `batch`): set it, or add it
  const onSwitch = site.batching?.unlessFalse?.[0];
  if (onSwitch && options) {
    const value = context === 'dev-only' ? 'false' : productionTest('===', model);
    const prop = options.properties.find((p: Node) => (p.type === 'Property' || p.type === 'ObjectProperty') && !p.computed && getKeyName(p) === onSwitch);
    if (prop && !prop.shorthand) return [{ range: getRange(prop.value), text: value }];
    if (prop) return undefined;
    const first = options.properties[0] as Node | undefined;
    if (!first) return [{ range: getRange(options), text: `{ ${onSwitch}: ${value} }` }];
    return [{ range: getRange(first), text: `${onSwitch}: ${value}, ${textOf(model.source, first)}` }];
  }
  return undefined;
}

/** `NODE_ENV === 'production' ? <batch> : <simple>`, broken the way a formatter breaks a conditional. */
function choiceDoc(batch: string, simple: string, model: FileModel): Doc {
  return group([productionTest('===', model), indent([line, '? ', batch, line, ': ', simple])]);
}

/** A name for the exporter const: `traceExporter`, else `spanExporter`, else `otlpExporter`; undefined when all are taken. */
function exporterName(at: Node, model: FileModel): string | undefined {
  const scope = model.scopeAt(at);
  const moduleScope = model.scopes.get(model.program)!;
  // a free use of the name (a global) counts too; a property key or member of that name does not
  return ['traceExporter', 'spanExporter', 'otlpExporter'].find((n) => !scope.resolve(n) && !moduleScope.bindings.has(n) && !new RegExp(`(?<![.\\w$])${n}(?![\\w$]|\\s*:)`).test(model.source));
}

/**
 * The exporter as a const before the statement that builds the processor, so the production and
 * development branches share one instance. An identifier is already one: nothing to hoist.
 */
function hoistExporter(exporter: Node, at: Node, model: FileModel): { name: string; edits: TextEdit[] } | undefined {
  const e = unwrap(exporter);
  if (e.type === 'Identifier') return { name: e.name, edits: [] };
  const stmt = enclosingStatement(at, model);
  if (!stmt || !statementList(stmt, model)) return undefined;
  const name = exporterName(stmt, model);
  if (!name) return undefined;
  const style = getSourceStyle(model.source, model.filename, model.program);
  const [start] = getRange(stmt);
  const indentText = lineIndent(model.source, start);
  const declaration = printLine(model, indentText, [`const ${name} = `, sourceText(textOf(model.source, exporter), lineIndent(model.source, getRange(exporter)[0])), ';']);
  // replace the statement's first character (not a zero-width insert) so two findings hoisting
  // before the same statement overlap and the codemod applies one per pass
  return { name, edits: [{ range: [start, start + 1], text: `${declaration}${style.eol}${indentText}${model.source[start]}` }] };
}

/**
 * The hoisted const replaces the statement's first character; when the processor edit starts at
 * that character too (the statement is the expression laid out again), the const becomes that
 * edit's prefix, so one finding's edits never overlap.
 */
function foldHoist(edits: TextEdit[], source: string): TextEdit[] {
  const hoist = edits.find((h) => h.range[1] === h.range[0] + 1 && h.text.endsWith(source[h.range[0]]!) && edits.some((o) => o !== h && o.range[0] === h.range[0]));
  if (!hoist) return edits;
  return edits.filter((e) => e !== hoist).map((e) => (e.range[0] === hoist.range[0] ? { range: e.range, text: hoist.text.slice(0, -1) + e.text } : e));
}

/** `{ exporter }` (shorthand when the exporter is a variable of that name). */
function optionsArg(exporter: string): string {
  return exporter === 'exporter' ? '{ exporter }' : `{ exporter: ${exporter} }`;
}

/** The exporter a batch processor takes: its first argument (positional) or the `exporter` option. */
function exporterNodeOf(arg: Node | undefined, shape: Shape): Node | undefined {
  if (!arg || arg.type === 'SpreadElement') return undefined;
  if (shape === 'positional') return arg;
  const obj = unwrap(arg);
  if (obj.type !== 'ObjectExpression') return undefined;
  const prop = obj.properties.find((p: Node) => (p.type === 'Property' || p.type === 'ObjectProperty') && !p.computed && (p.key.name === 'exporter' || getStringValue(p.key) === 'exporter'));
  return prop ? (prop.shorthand ? prop.key : prop.value) : undefined;
}

/** Where processor classes can come from without adding a dependency: a module, or sdk-node's `tracing` namespace. */
interface ProcessorSource {
  readonly module: string;
  readonly shape: Shape;
  /** Import this export of `module` and use its members (`tracing.SimpleSpanProcessor`). */
  readonly namespace?: string;
}

const PROCESSOR_MODULES: readonly ProcessorSource[] = [
  { module: '@opentelemetry/sdk-trace-base', shape: 'positional' },
  { module: '@opentelemetry/sdk-trace-node', shape: 'positional' },
  { module: '@opentelemetry/sdk-trace-web', shape: 'positional' },
];
const SDK_TRACE: ProcessorSource = { module: '@opentelemetry/sdk-trace', shape: 'options' };
/** sdk-node re-exports sdk-trace-base as `tracing` from 0.20 to 0.2xx; 0.300 (the 3.x line) dropped it. */
const SDK_NODE_TRACING: ProcessorSource = { module: '@opentelemetry/sdk-node', shape: 'positional', namespace: 'tracing' };

/**
 * The processor module to use: one the file already imports, else one the nearest package.json
 * declares (by SDK generation), else sdk-node's `tracing` where only sdk-node (before 0.300) is
 * declared. A file outside any package gets sdk-trace-base (nothing to check against). Undefined
 * when the project declares nothing that exports the classes: adding a dependency is the user's call.
 */
function processorSource(model: FileModel): ProcessorSource | undefined {
  const imported = new Set(model.otelImports.map((i) => i.module));
  const gen3 = model.settings.sdkGeneration === 3;
  const candidates = gen3 ? [SDK_TRACE] : [SDK_TRACE, ...PROCESSOR_MODULES];
  const found = candidates.find((c) => imported.has(c.module));
  if (found) return found;
  const project = declaredDependencies(model.filename);
  if (!project) return gen3 ? SDK_TRACE : PROCESSOR_MODULES[0];
  const declared = (m: string) => project.has(m);
  const fromDeclared = candidates.find((c) => declared(c.module));
  if (fromDeclared) return fromDeclared;
  // sdk-node the file already imports adds no dependency either
  if (!gen3 && (declared(SDK_NODE_TRACING.module) || imported.has(SDK_NODE_TRACING.module)) && exportsTracing(model)) return SDK_NODE_TRACING;
  return undefined;
}

/** sdk-node's installed (or declared) version exports `tracing`: 0.20 to 0.2xx; unknown counts as yes. */
function exportsTracing(model: FileModel): boolean {
  const version = packageVersion(model.filename, SDK_NODE_TRACING.module)?.version;
  const m = version ? /(\d+)\.(\d+)/.exec(version) : null;
  return !m || (Number(m[1]) === 0 && Number(m[2]) >= 20 && Number(m[2]) < 300);
}

interface Names {
  readonly local: Record<string, string>;
  readonly edits: TextEdit[];
}

/**
 * Local names (or `tracing.X` member expressions) for processor classes: existing bindings of the
 * same shape, else a specifier added to an existing import of the source module (the one `near`
 * comes from, when given), else a new import/require statement. Undefined when a name is taken.
 */
function ensureNames(model: FileModel, wanted: readonly string[], source: ProcessorSource, near: Node | undefined): Names | undefined {
  const ev = getEvaluator(model);
  const moduleScope = model.scopes.get(model.program)!;
  const local: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of wanted) {
    let found: string | undefined;
    for (const b of moduleScope.bindings.values()) {
      const v = ev.bindingValue(b);
      if (v?.kind === 'export' && v.name === name && v.spec.kind === 'span-processor' && v.spec.shape === source.shape) {
        found = b.name;
        if (v.module === source.module) break;
      }
    }
    if (found) local[name] = found;
    else if (source.namespace) missing.push(name);
    else if (moduleScope.resolve(name)) return undefined;
    else {
      local[name] = name;
      missing.push(name);
    }
  }
  if (missing.length === 0) return { local, edits: [] };
  if (source.namespace) {
    const ns = namespaceName(model, source);
    if (!ns) return undefined;
    for (const name of missing) local[name] = `${ns.expression}.${name}`;
    return { local, edits: ns.edits };
  }
  const host = importHost(model, source.module, near);
  if (host) return { local, edits: [addSpecifiers(model, host, missing)] };
  return { local, edits: [newImport(model, source.module, missing)] };
}

/** The expression for sdk-node's `tracing`: an existing binding, `<ns>.tracing` of a namespace import, or `tracing` added to the import. */
function namespaceName(model: FileModel, source: ProcessorSource): { expression: string; edits: TextEdit[] } | undefined {
  const name = source.namespace!;
  const moduleScope = model.scopes.get(model.program)!;
  for (const stmt of model.program.body as Node[]) {
    if (stmt.type !== 'ImportDeclaration' || getStringValue(stmt.source) !== source.module || stmt.importKind === 'type') continue;
    const existing = stmt.specifiers.find((sp: Node) => sp.type === 'ImportSpecifier' && (sp.imported.name ?? getStringValue(sp.imported)) === name);
    if (existing) return { expression: existing.local.name, edits: [] };
    const ns = stmt.specifiers.find((sp: Node) => sp.type === 'ImportNamespaceSpecifier');
    if (ns) return { expression: `${ns.local.name}.${name}`, edits: [] };
  }
  const bound = moduleScope.bindings.get(name);
  if (bound) return undefined; // `tracing` names something else here
  const host = importHost(model, source.module, undefined);
  if (host) return { expression: name, edits: [addSpecifiers(model, host, [name])] };
  return { expression: name, edits: [newImport(model, source.module, [name])] };
}

/** `{ A }` → `{ A, B }`; in an import already one specifier per line, `B` goes on a line of its own. */
function addSpecifiers(model: FileModel, host: Node, names: readonly string[]): TextEdit {
  const [start, end] = getRange(host);
  const style = getSourceStyle(model.source, model.filename, model.program);
  const lineStart = model.source.lastIndexOf('\n', start - 1) + 1;
  if (/^[ \t]*$/.test(model.source.slice(lineStart, start))) {
    const ind = lineIndent(model.source, start);
    return { range: [start, end], text: `${textOf(model.source, host)}${names.map((n) => `,${style.eol}${ind}${n}`).join('')}` };
  }
  const statement = importStatementOf(model, host);
  if (statement) {
    const [s, e] = getRange(statement);
    const text = model.source.slice(s, start) + [textOf(model.source, host), ...names].join(', ') + model.source.slice(end, e);
    const laidOut = relayoutImport(model, statement, text);
    if (laidOut) return { range: [s, e], text: laidOut };
  }
  return { range: [start, end], text: `${textOf(model.source, host)}, ${names.join(', ')}` };
}

/** The import declaration or `const { … } = require()` statement a specifier belongs to. */
function importStatementOf(model: FileModel, specifier: Node): Node | undefined {
  for (const a of model.ancestors(specifier)) if (a.type === 'ImportDeclaration' || a.type === 'VariableDeclaration') return a;
  return undefined;
}

/** A one-line import statement too wide for the file: one specifier per line, the way a formatter writes it. */
function relayoutImport(model: FileModel, statement: Node, text: string): string | undefined {
  const m = /^((?:import|const)\s*(?:type\s+)?)\{([^{}]*)\}(.*)$/s.exec(text);
  if (!m || text.includes('\n')) return text;
  const specs = m[2]!.split(',').map((x) => x.trim()).filter(Boolean);
  return printAt(model, getRange(statement), [m[1]!, group(['{', indent([line, ...specs.flatMap((sp, i) => (i === 0 ? [sp] : [',', line, sp]))]), { kind: 'if-break', broken: ',', flat: '' }, line, '}']), m[3]!]);
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
  let last: Node | undefined;
  for (const s of model.program.body as Node[]) {
    if (s.type === 'ImportDeclaration') last = s;
    else if (s.type === 'VariableDeclaration' && s.declarations.some((d: Node) => d.init && requireLike(d.init))) last = s;
  }
  const specs = group(['{', indent([line, ...names.flatMap((n, i) => (i === 0 ? [n] : [',', line, n]))]), { kind: 'if-break', broken: ',', flat: '' }, line, '}']);
  const doc: Doc = style.esm ? ['import ', specs, ` from ${quoteString(module, style)};`] : ['const ', specs, ` = require(${quoteString(module, style)});`];
  if (!last) return { range: [0, 0], text: printLine(model, '', doc) + style.eol };
  return { range: getRange(last), text: `${textOf(model.source, last)}${style.eol}${printLine(model, '', doc)}` };
}

function requireLike(init: Node): boolean {
  const n = unwrap(init);
  if (getStaticRequire(n)) return true;
  return isMember(n) && !!getStaticRequire(unwrap(n.object)) && getPropertyName(n) !== undefined;
}
