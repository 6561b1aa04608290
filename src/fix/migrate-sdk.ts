// Fix planners for `no-removed-sdk-api` / `migrate-sdk` (otel-api-surface.md §1.2, §2.1–2.2):
// processors into the constructor's `spanProcessors`, singular NodeSDK options into their list
// form, positional processor arguments into `{ exporter }`, `provider.register()` into the manual
// API calls, 1.x/2.x tracing imports into `@opentelemetry/sdk-trace`, and the imports they need.
import type { FileModel } from '../analysis/model';
import type { Node } from '../ast/node';
import { getKeyName, getRange, getStaticRequire, getStringValue, isMember, unwrap } from '../ast/node';
import { walk } from '../ast/walk';
import type { RegisterFlavour } from '../otel/sdk-generations';
import { MANUAL_REGISTRATION, SDK_TRACE_3 } from '../otel/sdk-generations';
import type { SourceStyle, TextEdit } from './text';
import { applyEdits, getSourceStyle, lineIndent, quoteString, statementLineRange, textOf } from './text';
import { appendProperty } from './lists';
import { statementList } from '../analysis/statements';
import { undeclaredModules } from '../project/declared';
import { moduleLoadDoc, relayLoad } from './module-loads';
import type { Doc } from './layout';
import { callArgumentsDoc, expressionDoc, listDoc, objectLiteralDoc, propertyDoc } from './print-expression';
import { printLine, relayout } from './reprint';

function styleOf(model: FileModel): SourceStyle {
  return getSourceStyle(model.source, model.filename, model.program);
}


/** The ExpressionStatement whose whole expression is `expr` (through parentheses, `await`, `void`). */
export function statementOf(expr: Node, model: FileModel): Node | undefined {
  let n = expr;
  for (let p = model.parents.get(n); p; n = p, p = model.parents.get(n)) {
    if (p.type === 'ExpressionStatement') return p;
    if (p.type === 'ChainExpression' || p.type === 'ParenthesizedExpression' || p.type === 'TSNonNullExpression') continue;
    return undefined;
  }
  return undefined;
}

/** Identifiers an expression reads (property keys and non-computed member names excluded). */
function referencedIdentifiers(expr: Node): Node[] {
  const out: Node[] = [];
  walk(expr, {
    enter(node, parent, key) {
      if (node.type !== 'Identifier') return true;
      if (parent && isMember(parent) && key === 'property' && !parent.computed) return true;
      if (parent && (parent.type === 'Property' || parent.type === 'ObjectProperty') && key === 'key' && !parent.computed) {
        if (!parent.shorthand) return true;
      }
      out.push(node);
      return true;
    },
  });
  return out;
}

/** True when everything `expr` reads is already initialised at `offset` (imports, hoisted functions, earlier declarations, globals). */
function availableAt(expr: Node, offset: number, model: FileModel): boolean {
  for (const id of referencedIdentifiers(expr)) {
    const b = model.scopeAt(id).resolve(id.name);
    if (!b) continue;
    if (b.kind === 'import' || b.kind === 'function') continue;
    if (getRange(b.declaration)[1] > offset) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// imports

export interface ImportNeed {
  readonly module: string;
  readonly name: string;
}

export interface ImportPlan {
  readonly edits: TextEdit[];
  /** Local expression per need, keyed `module#name`. */
  readonly locals: Map<string, string>;
}

/** A fix left for a human: it would import packages the nearest package.json does not declare. */
export interface Withheld {
  readonly undeclared: readonly string[];
}

export function isWithheld(plan: TextEdit[] | Withheld | undefined): plan is Withheld {
  return !!plan && !Array.isArray(plan);
}

/** The modules a plan would newly import that the project does not declare (src/project/declared.ts). */
function undeclared(model: FileModel, modules: Iterable<string>): string[] {
  return undeclaredModules(model.filename, modules, new Set(model.otelImports.map((i) => i.module)));
}

const needKey = (n: ImportNeed) => `${n.module}#${n.name}`;

/** The top-level statement that contains a node. */
function topStatement(node: Node, model: FileModel): Node | undefined {
  let n: Node | undefined = node;
  while (n) {
    const p = model.parents.get(n);
    if (p?.type === 'Program') return n;
    n = p;
  }
  return undefined;
}

/**
 * Makes the needed exports available where `at` runs: reuses an import of the same export or a
 * namespace of its module, adds specifiers to an existing named import, or adds an import
 * (`require` in CommonJS) after the file's last top-level module load. Undefined when a local
 * name cannot be found.
 */
export function planImports(model: FileModel, at: Node, needs: readonly ImportNeed[]): ImportPlan | undefined {
  const style = styleOf(model);
  const moduleScope = model.scopes.get(model.program)!;
  const usedScope = model.scopeAt(at);
  const locals = new Map<string, string>();
  const taken = new Set<string>();
  const additions = new Map<string, { name: string; local: string }[]>();
  for (const need of needs) {
    const key = needKey(need);
    if (locals.has(key)) continue;
    let found: string | undefined;
    for (const b of moduleScope.bindings.values()) {
      if (usedScope.resolve(b.name) !== b) continue;
      // import { x } / import * as ns, or const { x } = require(m) / const ns = require(m)
      const required = b.kind === 'const' && b.init && b.init.path.length <= 1 ? getStaticRequire(unwrap(b.init.expr)) : undefined;
      const from = b.importFrom ?? (required ? { module: required, name: b.init!.path[0] ?? '*' } : undefined);
      if (from?.module !== need.module) continue;
      if (from.name === need.name) found = b.name;
      else if (from.name === '*' && !found) found = `${b.name}.${need.name}`;
    }
    if (found) {
      locals.set(key, found);
      continue;
    }
    let local = need.name;
    const free = (n: string) => !usedScope.resolve(n) && !moduleScope.bindings.has(n) && !taken.has(n);
    if (!free(local)) local = `otel${need.name[0]!.toUpperCase()}${need.name.slice(1)}`;
    if (!free(local)) return undefined;
    taken.add(local);
    locals.set(key, local);
    const list = additions.get(need.module) ?? [];
    list.push({ name: need.name, local });
    additions.set(need.module, list);
  }
  const edits: TextEdit[] = [];
  // printed once the semicolon style is known (the anchor's, else `;`)
  const newStatements: ((semi: string) => string)[] = [];
  for (const [module, names] of additions) {
    // the specifiers' texts: `name as local` in an import, `name: local` in a destructured require
    const importNames = names.map((n) => (n.local === n.name ? n.name : `${n.name} as ${n.local}`));
    const requireNames = names.map((n) => (n.local === n.name ? n.name : `${n.name}: ${n.local}`));
    const existing = model.program.body.find(
      (s: Node) =>
        s.type === 'ImportDeclaration' &&
        s.importKind !== 'type' &&
        getStringValue(s.source) === module &&
        s.specifiers.length > 0 &&
        s.specifiers.every((sp: Node) => sp.type === 'ImportSpecifier'),
    );
    if (style.esm && existing) {
      const relaid = relayLoad(model, existing, [...existing.specifiers.map((sp: Node) => textOf(model.source, sp)), ...importNames]);
      if (relaid) {
        edits.push(relaid);
        continue;
      }
      const last = existing.specifiers.at(-1)!;
      const [s, e] = getRange(last);
      edits.push({ range: [s, e], text: `${model.source.slice(s, e)}, ${importNames.join(', ')}` });
      continue;
    }
    const destructured = style.esm ? undefined : requireDestructuring(model, module);
    if (destructured) {
      const statement = model.parents.get(model.parents.get(destructured)!)!;
      const relaid = relayLoad(model, statement, [...destructured.properties.map((p: Node) => textOf(model.source, p)), ...requireNames]);
      if (relaid) {
        edits.push(relaid);
        continue;
      }
      const last = destructured.properties.at(-1)!;
      const [s, e] = getRange(last);
      edits.push({ range: [s, e], text: `${model.source.slice(s, e)}, ${requireNames.join(', ')}` });
      continue;
    }
    const q = quoteString(module, style);
    newStatements.push((semi: string) =>
      style.esm
        ? printLine(model, '', moduleLoadDoc({ kind: 'import' }, importNames, q, semi))
        : printLine(model, '', moduleLoadDoc({ kind: 'require', keyword: 'const' }, requireNames, q, semi)),
    );
  }
  if (newStatements.length > 0) {
    const loads = model.moduleLoads.map((l) => topStatement(l.node, model)).filter((s): s is Node => !!s);
    const anchor = loads.sort((a, b) => getRange(a)[0] - getRange(b)[0]).at(-1);
    if (anchor) {
      const [s, e] = getRange(anchor);
      // specifiers added to the anchor itself go into its new text (edits must not overlap)
      const inside = edits.filter((x) => x.range[0] >= s && x.range[1] <= e);
      for (const x of inside) edits.splice(edits.indexOf(x), 1);
      const text = applyEdits(model.source.slice(s, e), inside.map((x) => ({ range: [x.range[0] - s, x.range[1] - s] as const, text: x.text })));
      const semi = text.trimEnd().endsWith(';') ? ';' : '';
      // replacing the anchor (rather than inserting after it) makes two plans in one pass overlap, so the second waits for the next
      edits.push({ range: [s, e], text: text + newStatements.map((st) => style.eol + st(semi)).join('') });
    } else {
      const first = model.program.body.find((s: Node) => !(s.type === 'ExpressionStatement' && s.directive));
      const offset = first ? getRange(first)[0] : model.source.length;
      edits.push({ range: [offset, offset], text: newStatements.map((st) => st(';') + style.eol).join('') + (first ? style.eol : '') });
    }
  }
  return { edits, locals };
}

/** The ObjectPattern of a top-level `const { a, b } = require(module)`, when it only has plain properties. */
function requireDestructuring(model: FileModel, module: string): Node | undefined {
  for (const stmt of model.program.body) {
    if (stmt.type !== 'VariableDeclaration' || stmt.kind !== 'const' || stmt.declarations.length !== 1) continue;
    const d = stmt.declarations[0];
    if (d.id.type !== 'ObjectPattern' || !d.init || getStaticRequire(unwrap(d.init)) !== module || d.id.properties.length === 0) continue;
    if (d.id.properties.every((p: Node) => (p.type === 'Property' || p.type === 'ObjectProperty') && p.value.type === 'Identifier')) return d.id;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// addSpanProcessor → spanProcessors

/**
 * Moves `provider.addSpanProcessor(p)` statements into the `spanProcessors` option of the
 * provider's constructor. Only when the provider is a declared variable in the same statement
 * list, each call is a statement after it in that list, and each processor expression only reads
 * what is initialised before the constructor runs.
 */
export function planMoveToSpanProcessors(creation: Node, calls: readonly Node[], model: FileModel): TextEdit[] | undefined {
  const declarator = model.parents.get(creation);
  if (declarator?.type !== 'VariableDeclarator' || unwrap(declarator.init) !== creation) return undefined;
  const declaration = model.parents.get(declarator);
  if (!declaration || declaration.type !== 'VariableDeclaration') return undefined;
  const list = statementList(declaration, model);
  if (!list) return undefined;
  const [creationStart] = getRange(creation);
  const edits: TextEdit[] = [];
  const args: Node[] = [];
  const stmts: Node[] = [];
  for (const call of calls) {
    const stmt = statementOf(call, model);
    if (!stmt || !list.includes(stmt) || getRange(stmt)[0] < getRange(declaration)[1]) return undefined;
    const arg = call.arguments[0];
    if (call.arguments.length !== 1 || arg.type === 'SpreadElement') return undefined;
    args.push(arg);
    stmts.push(stmt);
    edits.push({ range: statementLineRange(model.source, stmt), text: '' });
  }
  const insert = planAddToList(creation, 'spanProcessors', args, model);
  if (!insert) return undefined;
  if (args.every((a) => availableAt(a, creationStart, model))) return [...insert, ...edits];
  // A processor reads something declared after the provider (`const exporter = ...` below it): move
  // the declaration down to the first call, if nothing uses the provider in between.
  if (declaration.declarations.length !== 1 || declarator.id.type !== 'Identifier') return undefined;
  const first = stmts.reduce((a, b) => (getRange(a)[0] < getRange(b)[0] ? a : b));
  const firstStart = getRange(first)[0];
  if (!args.every((a) => availableAt(a, firstStart, model))) return undefined;
  const binding = model.scopeAt(declarator).resolve(declarator.id.name);
  if (!binding || binding.references.some((r) => getRange(r)[0] > getRange(declaration)[1] && getRange(r)[0] < firstStart)) return undefined;
  const [declStart, declEnd] = getRange(declaration);
  const moved = applyEdits(
    model.source.slice(declStart, declEnd),
    insert.map((e) => ({ range: [e.range[0] - declStart, e.range[1] - declStart] as const, text: e.text })),
  );
  return [
    { range: statementLineRange(model.source, declaration), text: '' },
    ...edits.map((e) => (e.range[0] <= firstStart && firstStart < e.range[1] ? { range: getRange(first), text: moved } : e)),
  ];
}

/**
 * Adds elements to the array-valued option `name` of `new X(options?)` (creating the option or the
 * object), the constructor call laid out again where the file is laid out the printer's way.
 */
function planAddToList(creation: Node, name: string, elementNodes: readonly Node[], model: FileModel): TextEdit[] | undefined {
  const relaid = relaidAddToList(creation, name, elementNodes, model);
  if (relaid) return [relaid];
  const { source } = model;
  const joined = elementNodes.map((e) => textOf(source, e)).join(', ');
  const opts = creation.arguments[0];
  if (!opts) {
    const [, calleeEnd] = getRange(creation.typeArguments ?? creation.typeParameters ?? creation.callee);
    const [, end] = getRange(creation);
    if (!/^\s*\(\s*\)$/.test(source.slice(calleeEnd, end))) return undefined;
    return [{ range: [calleeEnd, end], text: `({ ${name}: [${joined}] })` }];
  }
  const o = unwrap(opts);
  if (o.type !== 'ObjectExpression' || creation.arguments.length !== 1) return undefined;
  if (o.properties.some((p: Node) => p.type !== 'Property' && p.type !== 'ObjectProperty')) return undefined;
  const existing = o.properties.find((p: Node) => getKeyName(p) === name);
  if (existing) {
    if (existing.shorthand) return [{ range: getRange(existing), text: `${name}: [...${name}, ${joined}]` }];
    const v = unwrap(existing.value);
    if (v.type !== 'ArrayExpression') return [{ range: getRange(existing.value), text: `[...${textOf(source, existing.value)}, ${joined}]` }];
    const last = v.elements.at(-1);
    if (!last) return [{ range: getRange(v), text: `[${joined}]` }];
    return [{ range: [getRange(last)[1], getRange(last)[1]], text: `, ${joined}` }];
  }
  const last = o.properties.at(-1);
  const prop = `${name}: [${joined}]`;
  if (!last) return [{ range: getRange(o), text: `{ ${prop} }` }];
  return [appendProperty(source, o, prop, styleOf(model).eol)];
}

/** planAddToList's change as one re-laid-out edit (see `relayout`); undefined where that does not apply. */
function relaidAddToList(creation: Node, name: string, elementNodes: readonly Node[], model: FileModel): TextEdit | undefined {
  const p = { source: model.source };
  const elements = elementNodes.map((e) => expressionDoc(e, p));
  const list = (head: readonly Doc[]) => listDoc('[', [...head, ...elements], ']', false);
  const opts = creation.arguments[0];
  if (!opts) {
    if (creation.typeArguments || creation.typeParameters) return undefined;
    const doc: Doc = ['new ', textOf(model.source, creation.callee), callArgumentsDoc([objectLiteralDoc([[`${name}: `, list([])]])], true)];
    return relayout(model, creation, (n) => (n === creation ? doc : undefined));
  }
  const o = unwrap(opts);
  if (o.type !== 'ObjectExpression' || creation.arguments.length !== 1) return undefined;
  if (o.properties.some((prop: Node) => prop.type !== 'Property' && prop.type !== 'ObjectProperty')) return undefined;
  const existing = o.properties.find((prop: Node) => getKeyName(prop) === name);
  if (existing) {
    if (existing.shorthand) return relayout(model, existing, (n) => (n === existing ? [`${name}: `, list([`...${name}`])] : undefined));
    const v = unwrap(existing.value);
    if (v.type !== 'ArrayExpression') return relayout(model, existing.value, (n) => (n === existing.value ? list([['...', expressionDoc(existing.value, p)]]) : undefined));
    return relayout(model, v, (n) => (n === v ? list(v.elements.map((e: Node | null) => (e ? expressionDoc(e, p) : ''))) : undefined));
  }
  const expanded = o.properties.length > 0 && /\n/.test(model.source.slice(getRange(o)[0], getRange(o.properties[0])[0]));
  const doc = objectLiteralDoc([...o.properties.map((prop: Node) => propertyDoc(prop, p)), [`${name}: `, list([])]], expanded);
  return relayout(model, o, (n) => (n === o ? doc : undefined));
}

// ---------------------------------------------------------------------------------------------
// singular options

/** `spanProcessor: p` → `spanProcessors: [p]` (also shorthand); undefined when the list option is also given. */
export function planSingularToList(object: Node, prop: Node, replacement: string, model: FileModel): TextEdit[] | undefined {
  if (object.properties.some((p: Node) => getKeyName(p) === replacement)) return undefined;
  if (prop.type !== 'Property' && prop.type !== 'ObjectProperty') return undefined;
  if (prop.kind && prop.kind !== 'init') return undefined;
  if (prop.method) return undefined;
  const value = textOf(model.source, prop.value);
  const relaid = relayout(model, prop, (n) => (n === prop ? [`${replacement}: `, listDoc('[', [expressionDoc(prop.value, { source: model.source })], ']', false)] : undefined));
  return relaid ? [relaid] : [{ range: getRange(prop), text: `${replacement}: [${value}]` }];
}

// ---------------------------------------------------------------------------------------------
// positional processor → options object

/** `new BatchSpanProcessor(exporter, config?)` → `new BatchSpanProcessor({ exporter, ...config })`. */
export function planOptionsShape(creation: Node, model: FileModel): TextEdit[] | undefined {
  const { source } = model;
  const [first, config, ...rest] = creation.arguments;
  if (!first || rest.length > 0 || first.type === 'SpreadElement' || config?.type === 'SpreadElement') return undefined;
  const f = unwrap(first);
  const exporter = f.type === 'Identifier' && f.name === 'exporter' ? 'exporter' : `exporter: ${textOf(source, first)}`;
  let tail = '';
  if (config) {
    const c = unwrap(config);
    if (c.type === 'ObjectExpression') {
      if (c.properties.length > 0) tail = `, ${c.properties.map((p: Node) => textOf(source, p)).join(', ')}`;
    } else tail = `, ...${textOf(source, config)}`;
  }
  const end = config ? getRange(config)[1] : getRange(first)[1];
  const relaid = creation.typeArguments || creation.typeParameters ? undefined : relaidOptionsShape(creation, first, config, model);
  return relaid ? [relaid] : [{ range: [getRange(first)[0], end], text: `{ ${exporter}${tail} }` }];
}

/** planOptionsShape's change as one re-laid-out edit of the expression around the processor. */
function relaidOptionsShape(creation: Node, first: Node, config: Node | undefined, model: FileModel): TextEdit | undefined {
  const p = { source: model.source };
  const f = unwrap(first);
  const props: Doc[] = [f.type === 'Identifier' && f.name === 'exporter' ? 'exporter' : ['exporter: ', expressionDoc(first, p)]];
  if (config) {
    const c = unwrap(config);
    if (c.type === 'ObjectExpression') props.push(...c.properties.map((prop: Node) => propertyDoc(prop, p)));
    else props.push(['...', expressionDoc(config, p)]);
  }
  const prefix = creation.type === 'NewExpression' ? 'new ' : '';
  const doc: Doc = [prefix, textOf(model.source, creation.callee), callArgumentsDoc([objectLiteralDoc(props)], true)];
  return relayout(model, creation, (n) => (n === creation ? doc : undefined));
}

// ---------------------------------------------------------------------------------------------
// register() → API calls

/**
 * Replaces the statement `provider.register(config?)` with what that `register()` did (§1.2):
 * `trace.setGlobalTracerProvider`, the context manager (node: AsyncLocalStorage, enabled; web:
 * StackContextManager; basic: only a given one) and the propagator (W3C trace context + baggage
 * unless one is given; `null` skips either).
 */
export function planManualRegistration(call: Node, flavour: RegisterFlavour, model: FileModel): TextEdit[] | Withheld | undefined {
  const stmt = statementOf(call, model);
  if (!stmt || unwrap(stmt.expression) !== call) return undefined;
  const callee = unwrap(call.callee);
  if (!isMember(callee) || call.arguments.length > 1) return undefined;
  let cm: Node | null | undefined;
  let propagator: Node | null | undefined;
  const cfg = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (cfg) {
    if (cfg.type !== 'ObjectExpression') return undefined;
    for (const p of cfg.properties) {
      const key = p.type === 'Property' || p.type === 'ObjectProperty' ? getKeyName(p) : undefined;
      const value = unwrap(p.value ?? p);
      const isNull = value.type === 'Literal' || value.type === 'NullLiteral' ? value.value === null : false;
      if (key === 'contextManager') cm = isNull ? null : p.value;
      else if (key === 'propagator') propagator = isNull ? null : p.value;
      else return undefined;
    }
  }
  const needs: ImportNeed[] = [
    { module: MANUAL_REGISTRATION.api, name: 'trace' },
  ];
  const useCm = cm !== null && (cm !== undefined || flavour !== 'basic');
  if (useCm) needs.push({ module: MANUAL_REGISTRATION.api, name: 'context' });
  if (cm === undefined && flavour === 'node') needs.push(MANUAL_REGISTRATION.asyncHooks);
  if (cm === undefined && flavour === 'web') needs.push(MANUAL_REGISTRATION.stack);
  if (propagator !== null) needs.push({ module: MANUAL_REGISTRATION.api, name: 'propagation' });
  if (propagator === undefined) {
    for (const name of ['CompositePropagator', 'W3CTraceContextPropagator', 'W3CBaggagePropagator']) needs.push({ module: MANUAL_REGISTRATION.core, name });
  }
  const missing = undeclared(model, needs.map((n) => n.module));
  if (missing.length > 0) return { undeclared: missing };
  const plan = planImports(model, stmt, needs);
  if (!plan) return undefined;
  const l = (module: string, name: string) => plan.locals.get(`${module}#${name}`)!;
  const api = MANUAL_REGISTRATION.api;
  const core = MANUAL_REGISTRATION.core;
  const stmtText = textOf(model.source, stmt);
  const semi = stmtText.trimEnd().endsWith(';') ? ';' : '';
  const p = { source: model.source };
  const indent = lineIndent(model.source, getRange(stmt)[0]);
  // `api.setGlobalX(arg);` on one line when it fits, else broken the way a formatter breaks it
  const callOf = (callee: string, arg: Doc) => printLine(model, indent, [callee, callArgumentsDoc([arg], false), semi]);
  const lines = [callOf(`${l(api, 'trace')}.setGlobalTracerProvider`, expressionDoc(callee.object, p))];
  let cmLine: string | undefined;
  if (useCm) {
    const enable = flavour === 'basic' ? '' : '.enable()';
    const cmDoc: Doc =
      cm === undefined
        ? flavour === 'web'
          ? `new ${l(MANUAL_REGISTRATION.stack.module, MANUAL_REGISTRATION.stack.name)}().enable()`
          : `new ${l(MANUAL_REGISTRATION.asyncHooks.module, MANUAL_REGISTRATION.asyncHooks.name)}().enable()`
        : [expressionDoc(cm!, p), enable];
    cmLine = callOf(`${l(api, 'context')}.setGlobalContextManager`, cmDoc);
  }
  let propLine: string | undefined;
  if (propagator !== null) {
    const w3c = [`new ${l(core, 'W3CTraceContextPropagator')}()`, `new ${l(core, 'W3CBaggagePropagator')}()`];
    const propagatorDoc: Doc =
      propagator === undefined
        ? [`new ${l(core, 'CompositePropagator')}`, callArgumentsDoc([objectLiteralDoc([['propagators: ', listDoc('[', w3c, ']', false)]])], true)]
        : expressionDoc(propagator, p);
    propLine = callOf(`${l(api, 'propagation')}.setGlobalPropagator`, propagatorDoc);
  }
  // node and basic: trace → context → propagation; web: trace → propagation → context (§1.2)
  if (flavour === 'web') lines.push(...[propLine, cmLine].filter((x): x is string => !!x));
  else lines.push(...[cmLine, propLine].filter((x): x is string => !!x));
  const eol = styleOf(model).eol;
  return [...plan.edits, { range: getRange(stmt), text: lines.join(eol + indent) }];
}

// ---------------------------------------------------------------------------------------------
// import path: sdk-trace-base / -node / -web → sdk-trace

/**
 * Rewrites an ESM named import or a destructured `require` of a 1.x/2.x tracing package to
 * `@opentelemetry/sdk-trace`, aliasing the provider classes to its `TracerProvider` so the rest of
 * the file keeps its names. Undefined when the import names something `sdk-trace` 3.x lacks.
 */
export function planSdkTraceImport(load: Node, model: FileModel): TextEdit[] | Withheld | undefined {
  const missing = undeclared(model, [SDK_TRACE_3.module]);
  if (missing.length > 0) return { undeclared: missing };
  const style = styleOf(model);
  const available = new Set<string>(SDK_TRACE_3.exports);
  const providers = new Set<string>(SDK_TRACE_3.providers);
  const target = quoteString(SDK_TRACE_3.module, style);
  if (load.type === 'ImportDeclaration') {
    if (load.specifiers.length === 0 || load.specifiers.some((s: Node) => s.type !== 'ImportSpecifier')) return undefined;
    const edits: TextEdit[] = [{ range: getRange(load.source), text: target }];
    const names: string[] = [];
    for (const s of load.specifiers) {
      const imported = s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value);
      let text = textOf(model.source, s);
      if (providers.has(imported)) edits.push({ range: getRange(s), text: (text = `${s.importKind === 'type' ? 'type ' : ''}${SDK_TRACE_3.provider} as ${s.local.name}`) });
      else if (!available.has(imported)) return undefined;
      names.push(text);
    }
    const relaid = relayLoad(model, load, names, target);
    return relaid ? [relaid] : edits;
  }
  // const { A, B: C } = require('m')
  const declarator = model.parents.get(load);
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== load || declarator.id.type !== 'ObjectPattern') return undefined;
  const edits: TextEdit[] = [{ range: getRange(load.arguments[0]), text: target }];
  const names: string[] = [];
  for (const p of declarator.id.properties) {
    if (p.type !== 'Property' && p.type !== 'ObjectProperty') return undefined;
    const key = getKeyName(p);
    if (!key || p.value.type !== 'Identifier') return undefined;
    let text = textOf(model.source, p);
    if (providers.has(key)) edits.push({ range: getRange(p), text: (text = `${SDK_TRACE_3.provider}: ${p.value.name}`) });
    else if (!available.has(key)) return undefined;
    names.push(text);
  }
  const relaid = relayLoad(model, model.parents.get(declarator)!, names, target);
  return relaid ? [relaid] : edits;
}

/**
 * `new Resource(attrs)` → `resourceFromAttributes(attrs)`: the import renamed and every use a
 * `new` of it turned into a call. Undefined when another use remains (`Resource.default()`, a type
 * annotation, a subclass): a rename would break it, so that is left to a human.
 */
export function planFactoryInsteadOfNew(call: Node, replacement: string, model: FileModel): TextEdit[] | undefined {
  const c = unwrap(call.callee);
  if (c.type !== 'Identifier') return undefined;
  const b = model.scopeAt(c).resolve(c.name);
  if (!b) return undefined;
  const news = b.references.map((r) => model.parents.get(r)).filter((p): p is Node => p?.type === 'NewExpression');
  if (news.length !== b.references.length || news.some((n) => unwrap(n.callee) !== b.references.find((r) => model.parents.get(r) === n))) return undefined;
  // a type use (`const r: Resource = …`) is no value reference: the name elsewhere in the text (types,
  // comments) keeps the import as it is
  const mentions = model.source.match(new RegExp(`(?<![\\w$.])${c.name}(?![\\w$])`, 'g'))?.length ?? 0;
  if (mentions !== b.references.length + 1) return undefined;
  const renamed = planRenameImport(call, replacement, model);
  if (!renamed) return undefined;
  // drop each `new ` keyword: the callee's rename is already among the edits
  const dropNew = news.map((n): TextEdit => ({ range: [getRange(n)[0], getRange(n.callee)[0]], text: '' }));
  return [...renamed, ...dropNew];
}

/** Renames the imported binding a `new X()` uses, at its import and every reference, type positions included. */
export function planRenameImport(call: Node, replacement: string, model: FileModel): TextEdit[] | undefined {
  const c = unwrap(call.callee);
  if (c.type !== 'Identifier') return undefined;
  const b = model.scopeAt(c).resolve(c.name);
  if (!b || model.scopes.get(model.program)!.bindings.has(replacement)) return undefined;
  const required = b.init && b.init.path.length === 1 ? getStaticRequire(unwrap(b.init.expr)) : undefined;
  if (b.kind !== 'import' && !required) return undefined;
  const edits: TextEdit[] = [];
  const spec = model.parents.get(b.id);
  if (b.declaration.type === 'ImportDeclaration') {
    if (spec?.type !== 'ImportSpecifier' || getRange(spec.imported)[0] !== getRange(spec.local)[0]) return undefined;
    edits.push({ range: getRange(spec), text: replacement });
  } else if (spec && (spec.type === 'Property' || spec.type === 'ObjectProperty') && spec.shorthand) {
    edits.push({ range: getRange(spec), text: replacement });
  } else return undefined;
  for (const r of b.references) edits.push({ range: getRange(r), text: replacement });
  // the class named as a type (`let cm: AsyncHooksContextManager | null`, holdout17 bitbrat) goes with it
  const types = typeReferencesTo(model.program, c.name);
  if (!types) return undefined;
  const seen = new Set(edits.map((e) => e.range[0]));
  for (const t of types) if (!seen.has(getRange(t)[0])) edits.push({ range: getRange(t), text: replacement });
  return edits;
}

/** Keys of a node that hold no child node. */
const NOT_CHILDREN = new Set(['parent', 'loc', 'range', 'start', 'end', 'leadingComments', 'trailingComments', 'innerComments', 'comments', 'tokens', 'extra']);

/**
 * The identifiers naming `name` in type positions (`X`, `X | null`, `typeof X`), which scope analysis
 * does not count as references of the value. Read only by a rename (a rare path: a full walk of the tree,
 * types included). Undefined when the file declares a type of that name: the rename is then unsafe.
 */
function typeReferencesTo(program: Node, name: string): Node[] | undefined {
  const out: Node[] = [];
  let shadowed = false;
  const isNodeLike = (v: unknown): v is Node => typeof v === 'object' && v !== null && typeof (v as Node).type === 'string';
  const visit = (n: Node): void => {
    if ((n.type === 'TSTypeAliasDeclaration' || n.type === 'TSInterfaceDeclaration') && n.id?.name === name) shadowed = true;
    if (n.type === 'TSTypeReference' && n.typeName?.type === 'Identifier' && n.typeName.name === name) out.push(n.typeName);
    if (n.type === 'TSTypeQuery' && n.exprName?.type === 'Identifier' && n.exprName.name === name) out.push(n.exprName);
    for (const key of Object.keys(n)) {
      if (NOT_CHILDREN.has(key)) continue;
      const v: unknown = n[key];
      for (const child of Array.isArray(v) ? v : [v]) if (isNodeLike(child)) visit(child);
    }
  };
  visit(program);
  return shadowed ? undefined : out;
}
