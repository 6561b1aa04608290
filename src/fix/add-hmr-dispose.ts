// Fix plans for `require-hmr-dispose`, shared by its suggestions and the `add-hmr-dispose`
// codemod: "reuse, not re-create" (SPEC §5, otel-api-surface.md §5.4).
//   - unguarded setup at module level: the setup statements move into `startTelemetry()`, whose
//     result is taken from `hot.data` when a previous instance handed it over; `dispose` hands it
//     over, and (Vite/Bun) `prune` does the real teardown: unload instrumentations, `shutdown()`,
//     disable the API globals;
//   - setup kept once by a module flag: the flag's value is handed over through `hot.data`.
// `import.meta.hot.*` is always written literally (Bun forbids aliases); a Vite module's existing
// `dispose` is extended (Vite keeps one callback per module); a dispose that only shuts down or
// resets a flag is replaced.
import type { FileModel, RegistrationSite } from '../analysis';
import type { DisposeInfo, HmrContext, HotApi } from '../analysis/hmr';
import { getDisposes, getHotCalls, getProtection, guardFlags, projectDependencies } from '../analysis/hmr';
import type { Binding } from '../analysis/scope';
import { getEvaluator } from '../analysis/values';
import type { Node } from '../ast/node';
import { getRange, isCall, isFunction, unwrap } from '../ast/node';
import type { SourceStyle, TextEdit } from './text';
import { applyEdits, columnsOf, getSourceStyle, indentMore, lineIndent, quoteString, statementLineRange, textOf } from './text';
import { enclosingStatement } from '../analysis/statements';
import { group, line } from './layout';
import { assignmentDoc, printLine, relayMovedStatement } from './reprint';

const HANDOVER_KEY = 'telemetry';
const API_NAMES = ['context', 'propagation', 'trace'] as const;

/** `hot.data.<key>` as read by a re-evaluated module (webpack/Parcel `data` is undefined on first load). */
function readData(api: HotApi | string, key: string): string {
  return api === 'import.meta.hot' ? `import.meta.hot?.data.${key}` : `${api}?.data?.${key}`;
}

/** What the hand-over writes where `module.hot` has no types (see `typedHot`). */
interface TypedHot {
  /** The name of the typed local holding the hot object (`hot`). */
  readonly name: string;
  /** Its type and declaration, to place before the first use. */
  readonly declaration: string;
}

/**
 * In TypeScript, webpack's `module.hot` type-checks only with @types/webpack-env, which Next.js does
 * not bring (next 15.5 `types/global.d.ts` references only `node`, whose `module` has no `hot`):
 * `next build` would fail on the hand-over (holdout15 kaapi-frontend). Where the file writes no hot
 * API itself and the project does not install those types, the hand-over reads the hot object through
 * a typed local (no `any`, no namespace: what typescript-eslint's recommended rules accept).
 */
function typedHot(model: FileModel, ctx: HmrContext, style: SourceStyle, names: NameAllocator): TypedHot | undefined {
  if (!style.typescript || model.hotReferences.length > 0 || ctx.api !== 'module.hot') return undefined;
  if (projectDependencies(model.filename).has('@types/webpack-env')) return undefined;
  const [u, nl] = [style.indentUnit, style.eol];
  const [type, name] = [names.free('WebpackHot'), names.free('hot')];
  const declaration = [
    `// webpack's hot API (otel-safe: add-hmr-dispose): Next.js brings no types for it`,
    `type ${type} = {`,
    `${u}data?: Record<string, unknown>;`,
    `${u}dispose(callback: (data: Record<string, unknown>) => void): void;`,
    `};`,
    `const ${name} = (module as unknown as { hot?: ${type} }).hot;`,
  ].join(nl);
  return { name, declaration };
}

/** The reuse plan for unguarded module-level setup: the setup moves into a factory whose result is handed over. */
export function planReuse(model: FileModel, ctx: HmrContext, sites: readonly RegistrationSite[], badDisposes: readonly DisposeInfo[]): TextEdit[] | undefined {
  if (sites.length === 0) return undefined;
  if (badDisposes.some((d) => !d.onlyTeardown)) return undefined;
  const range = setupRange(model, sites);
  if (!range) return undefined;
  const factory = factoryContents(model, range, badDisposes);
  if (!factory) return undefined;
  const names = new NameAllocator(model);
  const handles = teardownHandles(model, sites, range, names, factory.inner);
  const style = getSourceStyle(model.source, model.filename, model.program);
  relayMovedStatements(model, range, factory.inner, style);
  const typed = typedHot(model, ctx, style, names);
  const plan: ReusePlan = { model, ctx, hot: typed?.name ?? ctx.api, style, range, factory, handles, fnName: names.free('startTelemetry'), varName: names.free('telemetry'), typed };
  const outer = hotCallEdits(plan, badDisposes);
  if (!outer) return undefined;
  return [{ range: [range.start, range.end], text: factoryText(plan, outer.inline) }, ...outer.edits];
}

/** The module-level text that runs the setup: from its first to its last statement, with leading comments. */
interface SetupRange {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** `export const x = …` statements in the range: declared in the factory, re-exported from its result. */
  readonly exportedDecls: readonly Node[];
}

interface FactoryContents {
  /** Edits inside the range (relative to the file): export keywords dropped, disposes inside removed, the unload captured. */
  readonly inner: TextEdit[];
  readonly reexported: readonly string[];
  /** Names the rest of the module keeps using: destructured from the factory's result. */
  readonly exported: readonly string[];
  /** Disposes outside the range, replaced by the hand-over. */
  readonly outsideDisposes: readonly DisposeInfo[];
}

interface TeardownHandles {
  /** Bindings whose `shutdown()` the teardown calls. */
  readonly handles: readonly string[];
  /** The function `registerInstrumentations` returned. */
  readonly unload: string | undefined;
}

interface ReusePlan {
  readonly model: FileModel;
  readonly ctx: HmrContext;
  readonly style: SourceStyle;
  readonly range: SetupRange;
  readonly factory: FactoryContents;
  readonly handles: TeardownHandles;
  readonly fnName: string;
  readonly varName: string;
  /** The hot object as the hand-over writes it: the API, or `typed`'s local. */
  readonly hot: string;
  /** The typed local, where the project has no types for the API (see `typedHot`). */
  readonly typed: TypedHot | undefined;
}

/** Step 1: the top-level statements that run the setup, widened to the declarations they use (exporters, processors, the provider). */
function setupRange(model: FileModel, sites: readonly RegistrationSite[]): SetupRange | undefined {
  const body: Node[] = model.program.body;
  const moduleScope = model.scopes.get(model.program)!;
  const points = new Set<number>();
  for (const s of sites) {
    const idx = runPoints(s.node, model, 0);
    if (!idx) return undefined;
    for (const i of idx) points.add(i);
  }
  let first = Math.min(...points);
  const last = Math.max(...points);
  for (let changed = true; changed; ) {
    changed = false;
    const [rs, re] = [getRange(body[first]!)[0], getRange(body[last]!)[1]];
    for (const b of moduleScope.bindings.values()) {
      if (b.kind === 'import' || b.kind === 'function' || b.kind === 'class') continue;
      const di = topIndexOf(b.id, model);
      if (di === undefined || di >= first) continue;
      if (!b.references.some((r) => inRange(r, rs, re))) continue;
      if (!b.init || !createsOtel(b.init.expr, model)) continue;
      first = di;
      changed = true;
    }
  }
  const statements = body.slice(first, last + 1);
  const exportedDecls = statements.filter((s) => s.type === 'ExportNamedDeclaration' && s.declaration?.type === 'VariableDeclaration');
  if (statements.some((s) => /^(Import|Export|TSImport|TSExport)/.test(s.type) && !exportedDecls.includes(s))) return undefined;
  const start = withLeadingComments(model.source, getRange(statements[0]!)[0]);
  const end = getRange(statements.at(-1)!)[1];
  const text = model.source.slice(start, end);
  if (/\bawait\b/.test(text)) return undefined;
  return { start, end, text, exportedDecls };
}

/** Step 2: what moves into the factory, and which of its names the module keeps using. */
function factoryContents(model: FileModel, range: SetupRange, badDisposes: readonly DisposeInfo[]): FactoryContents | undefined {
  const moduleScope = model.scopes.get(model.program)!;
  const inner: TextEdit[] = [];
  const reexported: string[] = [];
  for (const e of range.exportedDecls) {
    inner.push({ range: [getRange(e)[0], getRange(e.declaration)[0]], text: '' });
    for (const b of moduleScope.bindings.values()) if (inRange(b.id, getRange(e)[0], getRange(e)[1])) reexported.push(b.name);
  }
  const inside = (n: Node): boolean => inRange(n, range.start, range.end);
  const removed: [number, number][] = [];
  for (const d of badDisposes.filter((d) => inside(d.call))) {
    const stmt = enclosingStatement(d.call, model);
    if (!stmt) return undefined;
    const r = statementLineRange(model.source, stmt);
    inner.push({ range: r, text: '' });
    removed.push(r);
  }
  const outsideDisposes = badDisposes.filter((d) => !inside(d.call));
  const replacedStmts = outsideDisposes.map((d) => enclosingStatement(d.call, model));
  if (replacedStmts.some((s) => !s)) return undefined;
  for (const s of replacedStmts) removed.push(getRange(s!));
  const usedOutside = (r: Node): boolean => !inside(r) && !removed.some(([s, e]) => inRange(r, s, e));
  const exported: string[] = [];
  for (const b of moduleScope.bindings.values()) {
    if (!inside(b.id) || reexported.includes(b.name) || !b.references.some(usedOutside)) continue;
    if (b.kind === 'function' || b.kind === 'class' || b.kind === 'import') return undefined;
    if (b.assignments.some((a) => !inside(a.expr))) return undefined;
    exported.push(b.name);
  }
  return { inner, reexported, exported, outsideDisposes };
}

/** Fresh names that clash with nothing the module declares or mentions. */
class NameAllocator {
  private readonly taken = new Set<string>();

  constructor(private readonly model: FileModel) {}

  free(name: string): string {
    const bindings = this.model.scopes.get(this.model.program)!.bindings;
    let n = name;
    for (let i = 2; bindings.has(n) || this.taken.has(n) || mentions(this.model.source, n); i++) n = `${name}${i}`;
    this.taken.add(n);
    return n;
  }
}

/** Step 3: what the real teardown shuts down (providers, SDKs, vendor handles) and unloads (instrumentations). */
function teardownHandles(model: FileModel, sites: readonly RegistrationSite[], range: SetupRange, names: NameAllocator, inner: TextEdit[]): TeardownHandles {
  const body: Node[] = model.program.body;
  const moduleScope = model.scopes.get(model.program)!;
  const ev = getEvaluator(model);
  const handles: string[] = [];
  let unload: string | undefined;
  for (const s of sites) {
    if (!inRange(s.node, range.start, range.end)) continue;
    if (s.kind === 'instrumentations') {
      const parent = model.parents.get(s.node);
      if (parent?.type === 'ExpressionStatement' && body.includes(parent) && !unload) {
        unload = names.free('unloadInstrumentations');
        inner.push({ range: [getRange(parent)[0], getRange(parent)[0]], text: `const ${unload} = ` });
      } else if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' && !unload) unload = parent.id.name;
      continue;
    }
    const subject = s.subject ? unwrap(s.subject) : undefined;
    if (subject?.type === 'Identifier') {
      const b = moduleScope.bindings.get(subject.name);
      const v = b ? ev.bindingValue(b) : undefined;
      const shuts = v && (v.kind === 'instance' || v.kind === 'result') && ['provider', 'sdk'].includes(v.of.spec.kind);
      if (b && shuts && inRange(b.id, range.start, range.end) && !handles.includes(b.name)) handles.push(b.name);
    } else if (s.kind === 'sdk-function') {
      const parent = model.parents.get(s.node);
      if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' && s.spec?.kind === 'sdk-function' && s.spec.returnsHandle) handles.push(parent.id.name);
    }
  }
  return { handles, unload };
}

/**
 * Step 3b: statements that no longer fit one indent deeper (inside the factory) laid out again, the
 * unload capture (`const unload = `, a zero-width edit at a statement's start) folded in.
 */
function relayMovedStatements(model: FileModel, range: SetupRange, inner: TextEdit[], style: SourceStyle): void {
  const deeper = columnsOf(style.indentUnit, style);
  for (const top of model.program.body as Node[]) {
    if (!inRange(top, range.start, range.end)) continue;
    const stmt = top.type === 'ExportNamedDeclaration' && top.declaration ? top.declaration : top;
    const [s, e] = getRange(stmt);
    const touching = inner.filter((x) => (x.range[0] < e && x.range[1] > s) || (x.range[0] === s && x.range[1] === s));
    if (touching.some((x) => x.range[0] !== x.range[1])) continue;
    const prefix = touching.map((x) => x.text).join('');
    const text = relayMovedStatement(model, stmt, deeper, prefix);
    if (text === undefined || text === prefix + textOf(model.source, stmt)) continue;
    for (const x of touching) inner.splice(inner.indexOf(x), 1);
    inner.push({ range: [s, e], text });
  }
}

/** Step 4: the factory, the reuse of a handed-over instance, and (with no dispose to extend) the hot calls inline. */
function factoryText(plan: ReusePlan, inlineHotCalls: string | undefined): string {
  const { model, range, factory, handles, style, fnName, varName } = plan;
  const nl = style.eol;
  const unit = style.indentUnit;
  const returned = [...new Set([...factory.reexported, ...factory.exported, ...handles.handles, ...(handles.unload ? [handles.unload] : [])])];
  const relative = factory.inner.map((e) => ({ range: [e.range[0] - range.start, e.range[1] - range.start] as const, text: e.text }));
  const factoryBody = indentMore(applyEdits(range.text, relative), style).replace(/\r?\n[ \t]*(?=\r?\n)/g, (m) => m.replace(/[ \t]+$/, ''));
  const type = style.typescript && !plan.typed ? `: ReturnType<typeof ${fnName}>` : '';
  // the typed local's `data` holds `unknown`: the handed-over instance is cast back to the factory's result
  const handedOver = plan.typed ? `(${readData(plan.hot, HANDOVER_KEY)} as ReturnType<typeof ${fnName}> | undefined)` : readData(plan.hot, HANDOVER_KEY);
  let text =
    `function ${fnName}() {${nl}` +
    `${unit}${factoryBody}${nl}` +
    `${unit}return ${returned.length > 0 ? `{ ${returned.join(', ')} }` : '{}'};${nl}` +
    `}${nl}` +
    (plan.typed ? `${plan.typed.declaration}${nl}` : '') +
    `// reuse the running telemetry across hot updates (otel-safe: add-hmr-dispose)${nl}` +
    printLine(model, '', [assignmentDoc(`const ${varName}${type}`, group([handedOver, ' ??', line, `${fnName}()`]), true), ';']);
  if (factory.reexported.length > 0) text += `${nl}export const { ${factory.reexported.join(', ')} } = ${varName};`;
  if (factory.exported.length > 0) text += `${nl}const { ${factory.exported.join(', ')} } = ${varName};`;
  if (inlineHotCalls !== undefined) text += `${nl}${inlineHotCalls}`;
  return text;
}

/**
 * Step 5: the hand-over in `dispose` and the teardown in `prune`: replacing the disposes outside the
 * setup, extending a Vite module's own dispose, or (none there) written inline after the factory.
 */
function hotCallEdits(plan: ReusePlan, badDisposes: readonly DisposeInfo[]): { edits: TextEdit[]; inline: string | undefined } | undefined {
  const { model, style, varName, handles } = plan;
  const { outsideDisposes } = plan.factory;
  const nl = style.eol;
  const unit = style.indentUnit;
  const api = plan.hot;
  const importEdits: TextEdit[] = [];
  const outer: TextEdit[] = [];
  const teardownFor = (hot: string): string[] | undefined =>
    hot.startsWith('import.meta.hot') && !getHotCalls(model).some((h) => h.method === 'prune') ? teardownLines(model, style, varName, handles.unload, [...handles.handles], importEdits) : undefined;
  const handover = `data.${HANDOVER_KEY} = ${varName};`;
  const goodVite = getDisposes(model).find((d) => d.api === 'import.meta.hot' && !badDisposes.includes(d) && d.callback);
  let inline: string | undefined;
  if (outsideDisposes.length > 0) {
    const [first, ...rest] = outsideDisposes;
    const stmt = enclosingStatement(first!.call, model)!;
    const indent = lineIndent(model.source, getRange(stmt)[0]);
    const { obj, dot } = hotObject(first!.call, model);
    outer.push({ range: getRange(stmt), text: hotCallsText(obj, dot, handover, teardownFor(obj), indent, style) });
    for (const d of rest) outer.push({ range: statementLineRange(model.source, enclosingStatement(d.call, model)!), text: '' });
  } else if (goodVite) {
    const ext = extendDispose(goodVite, model, style, [handover]);
    if (!ext) return undefined;
    outer.push(...ext);
    const teardown = teardownFor('import.meta.hot');
    const stmt = enclosingStatement(goodVite.call, model);
    if (teardown && stmt) {
      const indent = lineIndent(model.source, getRange(stmt)[0]);
      const { obj, dot } = hotObject(goodVite.call, model);
      const i1 = indent + unit;
      outer.push({ range: [getRange(stmt)[1], getRange(stmt)[1]], text: `${nl}${indent}${obj}${dot}prune(async () => {${nl}${teardown.map((l) => i1 + l).join(nl)}${nl}${indent}});` });
    }
  } else {
    inline = `if (${api}) {${nl}${unit}${hotCallsText(api, '.', handover, teardownFor(api), unit, style)}${nl}}`;
  }
  return { edits: [...outer, ...importEdits], inline };
}

/** The teardown statements for `prune` (and the API import they need), or undefined when there is nothing to tear down. */
function teardownLines(model: FileModel, style: SourceStyle, varName: string, unload: string | undefined, handles: string[], edits: TextEdit[]): string[] | undefined {
  const lines: string[] = [];
  if (unload) lines.push(`${varName}.${unload}();`);
  for (const h of handles) lines.push(`await ${varName}.${h}.shutdown();`);
  if (lines.length === 0) return undefined;
  const moduleScope = model.scopes.get(model.program)!;
  const ev = getEvaluator(model);
  const missing: string[] = [];
  let usable = true;
  for (const name of API_NAMES) {
    const b = moduleScope.bindings.get(name);
    if (!b) {
      if (mentions(model.source, name)) usable = false;
      else missing.push(name);
      continue;
    }
    const v = ev.bindingValue(b);
    if (!(v?.kind === 'export' && v.spec.kind === 'api-object' && v.name === name)) usable = false;
  }
  const imports: Node[] = model.program.body.filter((s: Node) => s.type === 'ImportDeclaration');
  if (usable && missing.length > 0 && imports.length === 0) usable = false;
  if (usable) {
    for (const name of ['trace', 'context', 'propagation']) lines.push(`${name}.disable();`);
    if (missing.length > 0) {
      const last = imports.at(-1)!;
      edits.push({ range: [getRange(last)[1], getRange(last)[1]], text: `${style.eol}import { ${missing.join(', ')} } from ${quoteString('@opentelemetry/api', style)};` });
    }
  }
  return lines;
}

/** `dispose` (hand-over) and, with teardown, `prune` calls, on the hot object `api` written with `dot` (`.` or `?.`). */
function hotCallsText(api: string, dot: string, handover: string, teardown: string[] | undefined, indent: string, style: SourceStyle): string {
  const nl = style.eol;
  const i1 = indent + style.indentUnit;
  let text = `${api}${dot}dispose((data) => {${nl}${i1}${handover}${nl}${indent}});`;
  if (teardown) text += `${nl}${indent}${api}${dot}prune(async () => {${nl}${teardown.map((l) => i1 + l).join(nl)}${nl}${indent}});`;
  return text;
}

/** The hot object of a hot call as written (`module.hot`, `import.meta.hot`) and the member access it uses (`.` or `?.`). */
function hotObject(call: Node, model: FileModel): { obj: string; dot: string } {
  const callee = unwrap(call.callee);
  return { obj: textOf(model.source, callee.object).replace(/\s+/g, ''), dot: callee.optional ? '?.' : '.' };
}

/** Adds statements at the start of an existing dispose callback (Vite keeps only one per module). */
function extendDispose(d: DisposeInfo, model: FileModel, style: SourceStyle, lines: string[]): TextEdit[] | undefined {
  const cb = d.callback!;
  const edits: TextEdit[] = [];
  const p0 = cb.params[0] ? unwrap(cb.params[0]) : undefined;
  let param = 'data';
  if (p0) {
    if (p0.type !== 'Identifier') return undefined;
    param = p0.name;
  } else {
    const head = model.source.slice(getRange(cb)[0], getRange(cb.body)[0]);
    const m = /\(\s*\)/.exec(head);
    if (!m) return undefined;
    const at = getRange(cb)[0] + m.index;
    edits.push({ range: [at, at + m[0].length], text: '(data)' });
  }
  const stmts = lines.map((l) => l.replace(/^data\./, `${param}.`));
  const nl = style.eol;
  const indent = lineIndent(model.source, getRange(enclosingStatement(d.call, model) ?? d.call)[0]);
  const inner = indent + style.indentUnit;
  if (cb.body.type === 'BlockStatement') {
    const first = cb.body.body[0];
    const ind = first ? lineIndent(model.source, getRange(first)[0]) : inner;
    const at = getRange(cb.body)[0] + 1;
    edits.push({ range: [at, at], text: stmts.map((s) => `${nl}${ind}${s}`).join('') });
  } else {
    const expr = textOf(model.source, cb.body);
    edits.push({ range: getRange(cb.body), text: `{${nl}${stmts.map((s) => inner + s).join(nl)}${nl}${inner}return ${expr};${nl}${indent}}` });
  }
  return edits;
}

/** The hand-over plan for setup kept once by module flags: the flags' values survive the update. */
export function planFlagHandover(model: FileModel, ctx: HmrContext, sites: readonly RegistrationSite[], badDisposes: readonly DisposeInfo[]): TextEdit[] | undefined {
  if (badDisposes.some((d) => !d.onlyTeardown)) return undefined;
  const flags: Binding[] = [];
  for (const s of sites) {
    const g = getProtection(s.node, model).guard;
    for (const b of g ? guardFlags(g, model) : []) if (!flags.includes(b)) flags.push(b);
  }
  for (const d of badDisposes) for (const b of d.flagResets) if (!flags.includes(b)) flags.push(b);
  const usable = flags.filter((b) => (b.kind === 'let' || b.kind === 'var') && b.declaration.type === 'VariableDeclarator' && b.declaration.id === b.id);
  if (usable.length === 0 || usable.length !== flags.length) return undefined;
  const style = getSourceStyle(model.source, model.filename, model.program);
  const typed = typedHot(model, ctx, style, new NameAllocator(model));
  const api = typed?.name ?? ctx.api;
  const edits: TextEdit[] = [];
  if (typed) {
    // before the first flag that reads it
    const first = usable.map((b) => enclosingStatement(b.id, model)).filter((st): st is Node => !!st).sort((a, b) => getRange(a)[0] - getRange(b)[0])[0];
    if (!first || model.parents.get(first) !== model.program) return undefined;
    edits.push({ range: [getRange(first)[0], getRange(first)[0]], text: `${typed.declaration}${style.eol}` });
  }
  for (const b of usable) {
    const d = b.declaration;
    // keep the flag's type in TypeScript (`hot.data` is `any`)
    const literal = d.init ? unwrap(d.init) : undefined;
    const litType = literal && (literal.type === 'Literal' || literal.type.endsWith('Literal')) ? typeof literal.value : undefined;
    const cast = style.typescript && !d.id.typeAnnotation && (litType === 'boolean' || litType === 'number' || litType === 'string');
    // the typed local's `data` holds `unknown`: an annotated flag reads it back as its own type
    const annotated = typed && d.id.typeAnnotation ? textOf(model.source, d.id.typeAnnotation.typeAnnotation) : undefined;
    const read = cast ? `(${readData(api, b.name)} as ${litType} | undefined)` : annotated ? `(${readData(api, b.name)} as ${annotated} | undefined)` : readData(api, b.name);
    if (d.init) edits.push({ range: getRange(d.init), text: `${read} ?? ${textOf(model.source, d.init)}` });
    else edits.push({ range: [getRange(d)[1], getRange(d)[1]], text: ` = ${readData(api, b.name)}` });
  }
  const handover = usable.map((b) => `data.${b.name} = ${b.name};`);
  const nl = style.eol;
  const goodVite = getDisposes(model).find((d) => d.api === 'import.meta.hot' && !badDisposes.includes(d) && d.callback);
  if (badDisposes.length > 0) {
    const [first, ...rest] = badDisposes;
    const stmt = enclosingStatement(first!.call, model);
    if (!stmt) return undefined;
    const indent = lineIndent(model.source, getRange(stmt)[0]);
    const callee = unwrap(first!.call.callee);
    const obj = textOf(model.source, callee.object).replace(/\s+/g, '');
    const i1 = indent + style.indentUnit;
    edits.push({ range: getRange(stmt), text: `${obj}${callee.optional ? '?.' : '.'}dispose((data) => {${nl}${handover.map((h) => i1 + h).join(nl)}${nl}${indent}});` });
    for (const d of rest) {
      const s = enclosingStatement(d.call, model);
      if (!s) return undefined;
      edits.push({ range: statementLineRange(model.source, s), text: '' });
    }
  } else if (goodVite) {
    const ext = extendDispose(goodVite, model, style, handover);
    if (!ext) return undefined;
    edits.push(...ext);
  } else {
    const last = usable.map((b) => enclosingStatement(b.id, model)).filter((s): s is Node => !!s).sort((a, b) => getRange(b)[1] - getRange(a)[1])[0];
    if (!last || model.parents.get(last) !== model.program) return undefined;
    const unit = style.indentUnit;
    edits.push({
      range: [getRange(last)[1], getRange(last)[1]],
      text: `${nl}if (${api}) {${nl}${unit}${api}.dispose((data) => {${nl}${handover.map((h) => unit + unit + h).join(nl)}${nl}${unit}});${nl}}`,
    });
  }
  return edits;
}

/** Indices of the top-level statements that run a node on module evaluation (following local function calls). */
function runPoints(node: Node, model: FileModel, depth: number): number[] | undefined {
  const idx = topIndexOf(node, model);
  if (idx === undefined || depth > 3) return undefined;
  const top: Node = model.program.body[idx];
  const fn = model.ancestors(node).filter((a) => isFunction(a)).at(-1);
  if (!fn) return [idx];
  const declared = top.type === 'FunctionDeclaration' ? top : top.type === 'VariableDeclaration' && top.declarations.length === 1 && top.declarations[0].init && unwrap(top.declarations[0].init) === fn ? top : undefined;
  if (!declared) return isCall(model.parents.get(fn)) && unwrap(model.parents.get(fn)!.callee) === fn ? [idx] : undefined;
  const id = top.type === 'FunctionDeclaration' ? top.id : top.declarations[0].id;
  const b = id && model.scopes.get(model.program)!.bindings.get(id.name);
  if (!b) return undefined;
  const out: number[] = [];
  for (const ref of b.references) {
    const p = model.parents.get(ref);
    if (!p || !isCall(p) || unwrap(p.callee) !== ref) return undefined;
    const sub = runPoints(p, model, depth + 1);
    if (!sub) return undefined;
    out.push(...sub);
  }
  return out.length > 0 ? out : undefined;
}

/** Moves a start offset up over the `//` comment lines directly above it. */
function withLeadingComments(source: string, start: number): number {
  let at = start;
  for (;;) {
    const lineStart = source.lastIndexOf('\n', at - 1) + 1;
    if (source.slice(lineStart, at).trim() !== '') return at;
    const prevStart = source.lastIndexOf('\n', lineStart - 2) + 1;
    if (lineStart === 0 || !/^[ \t]*\/\/[^\r\n]*\r?\n$/.test(source.slice(prevStart, lineStart))) return at;
    at = prevStart + (/^[ \t]*/.exec(source.slice(prevStart))![0].length);
  }
}

/** True when the source uses a name as an identifier (strings and module specifiers aside, roughly). */
function mentions(source: string, name: string): boolean {
  return new RegExp(`(?<![\\w$.'"/@-])${name}(?![\\w$'"/-])`).test(source);
}

function topIndexOf(node: Node, model: FileModel): number | undefined {
  const chain = [node, ...model.ancestors(node)];
  const top = chain.find((n) => model.parents.get(n) === model.program);
  const i = top ? model.program.body.indexOf(top) : -1;
  return i >= 0 ? i : undefined;
}

function inRange(node: Node, start: number, end: number): boolean {
  const [s, e] = getRange(node);
  return s >= start && e <= end;
}

/** True when an expression creates an OpenTelemetry object (`new OTLPTraceExporter()`, `new SimpleSpanProcessor(x)`). */
function createsOtel(expr: Node, model: FileModel): boolean {
  const v = getEvaluator(model).evaluate(expr);
  return !!v && (v.kind === 'instance' || v.kind === 'result');
}


