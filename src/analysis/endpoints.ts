// What an endpoint or credential option is given: a literal (written in place, or reached
// through consts and templates of them), an environment variable (from `process.env`,
// `import.meta.env` or an app's validated env object), possibly with a literal fallback, or
// something the file does not show. Read by no-hardcoded-exporter-endpoint for exporter
// options and the vendor options of the recognition table.
import type { Node } from '../ast/node';
import { findProperty, getPropertyName, getRange, getStringValue, isFunction, isMember, processEnvVariable, unwrap } from '../ast/node';
import { isImportMetaEnv } from './environment';
import type { FileModel } from './model';
import { processMethod, resolveFunctions } from './shutdown';

export type OptionValue =
  /** A string fixed in the source; `direct` when written in place (not through a const or a template). */
  | {
      readonly kind: 'literal';
      /** The string, or the expression's text when it can yield several (`outcomes`). */
      readonly value: string;
      readonly direct: boolean;
      /** Every string a conditional of literals can yield (`http://${dev ? 'localhost' : 'otel'}:6317`), when more than one. */
      readonly outcomes?: readonly string[];
    }
  /**
   * An environment variable: `asIs` when the value is the variable itself (maybe behind `||`/`??` with a
   * `fallback`), not a string built from it; `source` says where it is read from.
   */
  | {
      readonly kind: 'env';
      readonly variable: string;
      readonly source: EnvSource;
      readonly asIs: boolean;
      readonly fallback: string | undefined;
      /** Edited with `.replace()`: an unset variable throws there rather than yielding `undefined`. */
      readonly edited?: boolean;
      /** `TRACES || BASE || '…'`: the variable read (as-is) when this one is unset (holdout11 H18). */
      readonly thenVariable?: string;
      /**
       * Built from the variable with text after it (a path: `${base}/v1/traces`): true; with text before it
       * only (a scheme: `http://${base}`): false; unknown (a helper's rebuild, an edit): undefined.
       */
      readonly appended?: boolean;
    }
  | { readonly kind: 'unknown' };

/** `process.env.X`; `import.meta.env.X` (a bundler's build-time value); an app's env object (`env.OTEL_…`, validated at startup). */
export type EnvSource = 'process' | 'build' | 'app';

// every hop (a const, an operand, a helper's return) is one level: a helper's `const trimmed = base?.replace(…) ?? ''`
// returned through a conditional is eight (holdout10 H17)
const MAX_DEPTH = 10;
const UNKNOWN: OptionValue = { kind: 'unknown' };

/** What the expression given to an option denotes. */
export function optionValue(expr: Node, model: FileModel): OptionValue {
  return valueOf(expr, model, 0, true);
}

function valueOf(expr: Node, model: FileModel, depth: number, direct: boolean): OptionValue {
  if (depth > MAX_DEPTH) return UNKNOWN;
  const n = unwrap(expr);
  const literal = staticString(n, model, depth);
  if (literal !== undefined) return { kind: 'literal', value: literal, direct: direct && getStringValue(n) !== undefined };
  const env = envRead(n);
  if (env) return { kind: 'env', ...env, asIs: true, fallback: undefined };
  switch (n.type) {
    case 'Identifier': {
      const init = constInit(n, model);
      return init ? valueOf(init, model, depth + 1, false) : (destructuredEnv(n, model) ?? UNKNOWN);
    }
    case 'LogicalExpression': {
      if (n.operator !== '||' && n.operator !== '??') return UNKNOWN;
      const left = valueOf(n.left, model, depth + 1, false);
      if (left.kind !== 'env') return left.kind === 'literal' ? left : UNKNOWN;
      const right = staticString(unwrap(n.right), model, depth + 1);
      if (right === undefined && left.fallback === undefined && left.thenVariable === undefined) {
        const next = valueOf(n.right, model, depth + 1, false);
        if (next.kind === 'env' && next.asIs && next.source === left.source && next.variable !== left.variable) {
          return { ...left, thenVariable: next.variable, fallback: next.fallback };
        }
      }
      return { ...left, fallback: left.fallback ?? right };
    }
    case 'TemplateLiteral':
    case 'BinaryExpression': {
      // a string built around a variable: `${process.env.X}/v1/traces`, base + '/v1/traces'
      const parts = concatenatedParts(n);
      for (let i = 0; i < parts.length; i++) {
        const v = valueOf(parts[i]!, model, depth + 1, false);
        if (v.kind === 'env') return { ...v, asIs: false, appended: appendedOf(v) === true || textAfter(n, i, model) };
      }
      return literalOutcomes(n, model, depth);
    }
    case 'ConditionalExpression': {
      // `env ? env.replace('/v1/traces', '/v1/metrics') : undefined`: an option given no value leaves the
      // exporter its own default, so the other arm alone is what the code builds from the variable
      if (isNullish(n.consequent) !== isNullish(n.alternate)) {
        const only = valueOf(isNullish(n.consequent) ? n.alternate : n.consequent, model, depth + 1, false);
        return only.kind === 'env' ? only : UNKNOWN;
      }
      // `env ? \`${env}/v1/traces\` : 'http://localhost:4318/v1/traces'`, `e.endsWith('/v1/traces') ? e :
      // \`${e}/v1/traces\``: whatever the test, every outcome is the variable (as-is or built) or a literal,
      // which works as the fallback
      const a = valueOf(n.consequent, model, depth + 1, false);
      const b = valueOf(n.alternate, model, depth + 1, false);
      const env = a.kind === 'env' ? a : b.kind === 'env' ? b : undefined;
      if (!env) return literalOutcomes(n, model, depth);
      const other = env === a ? b : a;
      if (other.kind === 'literal') return { ...env, fallback: env.fallback ?? other.value };
      if (other.kind !== 'env' || other.variable !== env.variable || other.source !== env.source) return UNKNOWN;
      return { ...env, asIs: env.asIs && other.asIs, fallback: env.fallback ?? other.fallback, edited: env.edited || other.edited, appended: eitherAppended(env, other) };
    }
    case 'CallExpression': {
      // `(process.env.OTEL_EXPORTER_OTLP_ENDPOINT || '…').replace(/\/v1\/traces\/?$/, '')`: an edit of the
      // variable (a base URL with its path stripped) is still built from it
      const callee = unwrap(n.callee);
      if (callee.type === 'Identifier') return helperRebuild(n, model, depth);
      // `env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim()`: whitespace off, the same URL (holdout14 fohte)
      if (isMember(callee) && getPropertyName(callee) === 'trim' && n.arguments.length === 0) return valueOf(callee.object, model, depth + 1, direct);
      if (!isMember(callee) || !['replace', 'replaceAll'].includes(getPropertyName(callee) ?? '')) return UNKNOWN;
      const edited = valueOf(callee.object, model, depth + 1, false);
      return edited.kind === 'env' ? { ...edited, asIs: false, edited: true } : UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

/**
 * `normalize(base)` where `normalize` is a local function (one of the file) whose result is its
 * parameter rebuilt into a URL (`return \`${e.replace(/\/+$/, '')}/v1/traces\``, also through a const derived from it):
 * built from the variable the argument reads, edited (holdout7 H12). One level, no other call followed.
 */
function helperRebuild(call: Node, model: FileModel, depth: number): OptionValue {
  const fns = resolveFunctions(call.callee, model, 0);
  const fn = fns.length === 1 ? fns[0]! : undefined;
  if (!fn) return UNKNOWN;
  const through = passedThrough(call, fn, model, depth);
  if (through.kind === 'env') return through;
  const param = fn.params[0];
  const arg = call.arguments.length === 1 && param?.type === 'Identifier' ? valueOf(call.arguments[0], model, depth + 1, false) : UNKNOWN;
  if (arg.kind === 'env') {
    const rebuilds = (model.returns.get(fn) ?? []).some((r) => rebuiltFrom(r.expr, param, model));
    return rebuilds ? { ...arg, asIs: false, edited: true } : UNKNOWN;
  }
  return closureRebuild(fn, model, depth);
}

/**
 * `pick(process.env.X, 'http://localhost:4318')` where every return of the local function `pick` is one of
 * its parameters as it came (`if (!v) return d; try { new URL(v); return v } catch { return d }`, holdout16
 * fluxora): the variable as-is, with the literal argument as its fallback, as `X || '…'` reads.
 */
function passedThrough(call: Node, fn: Node, model: FileModel, depth: number): OptionValue {
  const returns = model.returns.get(fn) ?? [];
  const positions = new Set<number>();
  for (const r of returns) {
    const e = r.expr ? unwrap(r.expr) : undefined;
    const b = e?.type === 'Identifier' ? model.scopeAt(e).resolve(e.name) : undefined;
    const at = b?.kind === 'param' && b.declaration === fn ? (fn.params as Node[]).indexOf(b.id) : -1;
    if (at < 0 || !call.arguments[at]) return UNKNOWN;
    positions.add(at);
  }
  const values = [...positions].map((i) => valueOf(call.arguments[i], model, depth + 1, false));
  const env = values.find((v) => v.kind === 'env');
  if (!env || env.kind !== 'env' || !env.asIs) return UNKNOWN;
  let fallback = env.fallback;
  for (const v of values) {
    if (v === env) continue;
    if (v.kind !== 'literal' || v.outcomes) return UNKNOWN;
    fallback ??= v.value;
  }
  return { ...env, fallback };
}

/**
 * A local helper that reads the variable itself, from a const outside it (`const base =
 * process.env.OTEL_EXPORTER_OTLP_ENDPOINT` at module level, `return \`${base.replace(/\/+$/, '')}/v1/${signal}\``):
 * built from that variable when a return rebuilds it into a URL (holdout10 H17). Returns that are
 * literals (`''`) or the variable as it is do not change that.
 */
function closureRebuild(fn: Node, model: FileModel, depth: number): OptionValue {
  let rebuilt: OptionValue = UNKNOWN;
  for (const r of model.returns.get(fn) ?? []) {
    const v = valueOf(r.expr, model, depth + 1, false);
    if (v.kind !== 'env') continue;
    if (rebuilt.kind === 'env' && (rebuilt.variable !== v.variable || rebuilt.source !== v.source)) return UNKNOWN;
    if (!v.asIs) rebuilt = { ...v, edited: true };
    else if (rebuilt.kind !== 'env') rebuilt = v;
  }
  return rebuilt.kind === 'env' && !rebuilt.asIs ? rebuilt : UNKNOWN;
}

/**
 * A template or `+` with a part derived from `param`, a conditional with such an arm (`e.endsWith(p) ? e :
 * \`${e}${p}\``), or a URL object parsed from it whose path the function sets.
 */
function rebuiltFrom(expr: Node, param: Node, model: FileModel): boolean {
  const e = unwrap(expr);
  if (e.type === 'ConditionalExpression') return rebuiltFrom(e.consequent, param, model) || rebuiltFrom(e.alternate, param, model);
  return concatenatedParts(e).some((part) => derivesFrom(part, param, model, 0)) || urlWithPathFrom(e, param, model);
}

/**
 * `u.toString()` / `u.href` where `const u = new URL(param)` and the function assigns `u.pathname`
 * (`if (u.pathname === '/') u.pathname = '/v1/traces'`, holdout15 syncbackend): the URL rebuilt.
 */
function urlWithPathFrom(e: Node, param: Node, model: FileModel): boolean {
  const callee = e.type === 'CallExpression' && e.arguments.length === 0 ? unwrap(e.callee) : undefined;
  const read = callee && isMember(callee) && getPropertyName(callee) === 'toString' ? callee : isMember(e) && getPropertyName(e) === 'href' ? e : undefined;
  const object = read && unwrap(read.object);
  if (object?.type !== 'Identifier') return false;
  const url = model.scopeAt(object).resolve(object.name);
  const init = url?.kind === 'const' && url.init && url.init.path.length === 0 ? unwrap(url.init.expr) : undefined;
  const parsed = init?.type === 'NewExpression' && unwrap(init.callee).type === 'Identifier' && unwrap(init.callee).name === 'URL' && init.arguments[0] !== undefined && derivesFrom(init.arguments[0], param, model, 0);
  if (!parsed) return false;
  return model.memberAssignments.some((a) => {
    const target = unwrap(a.target);
    const holder = isMember(target) && getPropertyName(target) === 'pathname' ? unwrap(target.object) : undefined;
    return holder?.type === 'Identifier' && model.scopeAt(holder).resolve(holder.name) === url;
  });
}

/** The expression is the parameter `param`, an edit of it (`p.replace(…)`), or a const holding one. */
function derivesFrom(expr: Node, param: Node, model: FileModel, depth: number): boolean {
  if (depth > 3) return false;
  const n = unwrap(expr);
  if (n.type === 'Identifier') {
    const b = model.scopeAt(n).resolve(n.name);
    if (b?.id === param) return true;
    return b?.kind === 'const' && b.init !== undefined && b.init.path.length === 0 && derivesFrom(b.init.expr, param, model, depth + 1);
  }
  if (n.type === 'CallExpression' && isMember(unwrap(n.callee))) return derivesFrom(unwrap(n.callee).object, param, model, depth + 1);
  return false;
}

/** More outcomes than this and the expression is not read as a set of literals. */
const MAX_OUTCOMES = 8;

/**
 * An expression whose every outcome the source fixes, through a conditional (`http://${isDev ?
 * 'localhost' : 'otel'}:6317`, holdout15 appbuilder): a literal in every deployment, whichever arm
 * runs. Its value is the expression's text; a single outcome is `staticString`'s.
 */
function literalOutcomes(n: Node, model: FileModel, depth: number): OptionValue {
  const outcomes = staticOutcomes(n, model, depth);
  if (!outcomes || outcomes.length < 2) return UNKNOWN;
  const [start, end] = getRange(n);
  // a template is quoted without its backquotes: the message puts the value in a code span
  const text = n.type === 'TemplateLiteral' ? model.source.slice(start + 1, end - 1) : model.source.slice(start, end);
  return { kind: 'literal', value: text, direct: false, outcomes };
}

function staticOutcomes(expr: Node, model: FileModel, depth: number): string[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unwrap(expr);
  const s = staticString(n, model, depth);
  if (s !== undefined) return [s];
  if (n.type === 'ConditionalExpression') {
    const a = staticOutcomes(n.consequent, model, depth + 1);
    const b = a && staticOutcomes(n.alternate, model, depth + 1);
    return b && a!.length + b.length <= MAX_OUTCOMES ? [...new Set([...a!, ...b])] : undefined;
  }
  if (n.type === 'Identifier') {
    const init = constInit(n, model);
    return init ? staticOutcomes(init, model, depth + 1) : undefined;
  }
  // a template's quasis and parts, or a `+`'s operands, in order
  const pieces: Node[] = n.type === 'TemplateLiteral' ? n.quasis.flatMap((q: Node, i: number) => (i < n.expressions.length ? [q, n.expressions[i]] : [q])) : n.type === 'BinaryExpression' && n.operator === '+' ? [n.left, n.right] : [];
  if (pieces.length === 0) return undefined;
  let out = [''];
  for (const piece of pieces) {
    const options = piece.type === 'TemplateElement' ? [piece.value.cooked ?? ''] : staticOutcomes(piece, model, depth + 1);
    if (!options || out.length * options.length > MAX_OUTCOMES) return undefined;
    out = out.flatMap((head) => options.map((tail: string) => head + tail));
  }
  return out;
}

/** A string the source fixes: a literal (a number too: ports), a const holding one, a template or `+` of such parts. */
export function staticString(expr: Node, model: FileModel, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unwrap(expr);
  const s = getStringValue(n);
  if (s !== undefined) return s;
  if ((n.type === 'Literal' || n.type === 'NumericLiteral') && typeof n.value === 'number') return String(n.value);
  if (n.type === 'Identifier') {
    const init = constInit(n, model);
    return init ? staticString(init, model, depth + 1) : undefined;
  }
  if (n.type === 'TemplateLiteral') {
    let out = n.quasis[0]?.value?.cooked ?? '';
    for (let i = 0; i < n.expressions.length; i++) {
      const part = staticString(n.expressions[i], model, depth + 1);
      if (part === undefined) return undefined;
      out += part + (n.quasis[i + 1]?.value?.cooked ?? '');
    }
    return out;
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const l = staticString(n.left, model, depth + 1);
    const r = l === undefined ? undefined : staticString(n.right, model, depth + 1);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  return undefined;
}

/** The initializer of a never-reassigned `const` (a `let` with no assignment too). */
function constInit(id: Node, model: FileModel): Node | undefined {
  const b = model.scopeAt(id).resolve(id.name);
  if (!b || b.importFrom || !b.init || b.init.path.length > 0 || b.assignments.length > 0) return undefined;
  return b.kind === 'const' || b.kind === 'let' || b.kind === 'var' ? b.init.expr : undefined;
}

/**
 * `const { OTEL_EXPORTER_OTLP_ENDPOINT } = process.env` (also renamed, `{ X: base }`, and with a default,
 * `{ X = 'http://…' }`, its fallback): the variable read, like `const base = process.env.X` (holdout6 H11).
 */
function destructuredEnv(id: Node, model: FileModel): OptionValue | undefined {
  const b = model.scopeAt(id).resolve(id.name);
  if (!b || b.importFrom || !b.init || b.init.path.length !== 1 || b.assignments.length > 0 || !['const', 'let', 'var'].includes(b.kind)) return undefined;
  const from = unwrap(b.init.expr);
  const source: EnvSource | undefined = isMember(from) && getPropertyName(from) === 'env' && unwrap(from.object).type === 'Identifier' && unwrap(from.object).name === 'process' ? 'process' : isImportMetaEnv(from) ? 'build' : undefined;
  if (!source) return undefined;
  const pattern = model.parents.get(b.id);
  const fallback = pattern?.type === 'AssignmentPattern' && pattern.left === b.id ? staticString(pattern.right, model, 1) : undefined;
  return { kind: 'env', variable: b.init.path[0]!, source, asIs: true, fallback };
}

/** The interpolated parts of a template, or the two operands of a `+`; none for anything else. */
export function concatenatedParts(n: Node): Node[] {
  if (n.type === 'TemplateLiteral') return n.expressions;
  if (n.type === 'BinaryExpression' && n.operator === '+') return [n.left, n.right];
  return [];
}

type EnvValue = Extract<OptionValue, { kind: 'env' }>;

/** Whether a value built from a variable adds text after it; false for the variable as-is. */
function appendedOf(v: EnvValue): boolean | undefined {
  return v.asIs ? false : v.edited ? undefined : v.appended;
}

/** Either arm adds text after the variable: true if one does, unknown if one may. */
function eitherAppended(a: EnvValue, b: EnvValue): boolean | undefined {
  const x = appendedOf(a);
  const y = appendedOf(b);
  return x === true || y === true ? true : x === undefined || y === undefined ? undefined : false;
}

/** Text (or anything not known to be empty) after part `i` of a template or a `+`. */
function textAfter(n: Node, i: number, model: FileModel): boolean {
  if (n.type === 'TemplateLiteral') return i < n.expressions.length - 1 || n.quasis.slice(i + 1).some((q: Node) => q.value.cooked !== '');
  return i === 0 && staticString(unwrap(n.right), model, 0) !== '';
}

/** The variable a member expression reads from an environment, and from which. */
function envRead(n: Node): { variable: string; source: EnvSource } | undefined {
  if (!isMember(n)) return undefined;
  const variable = getPropertyName(n);
  if (!variable) return undefined;
  if (processEnvVariable(n) !== undefined) return { variable, source: 'process' };
  if (isImportMetaEnv(n.object)) return { variable, source: 'build' };
  // `env.OTEL_EXPORTER_OTLP_ENDPOINT`, `config.env.OTEL_…`: an app's env module (t3-env, zod, envalid)
  if (/^OTEL_/.test(variable)) return { variable, source: 'app' };
  return undefined;
}

/**
 * The property at a dotted path under an options argument (`exporter.url`), through consts
 * holding object literals; for a config function (`(env) => ({ … })`) the objects it returns.
 */
export function optionAt(options: Node | undefined, path: string, model: FileModel): { prop: Node; owner: Node }[] {
  if (!options) return [];
  const keys = path.split('.');
  let owners = objectsOf(options, model);
  for (let i = 0; i < keys.length; i++) {
    const found: { prop: Node; owner: Node }[] = owners.flatMap((o) => {
      const prop = findProperty(o, keys[i]!);
      return prop ? [{ prop, owner: o }] : [];
    });
    if (i === keys.length - 1) return found;
    owners = found.flatMap((f) => objectsOf(f.prop.value, model));
  }
  return [];
}

/** Object literals an expression denotes: itself, a const's initializer, what a config function returns. */
function objectsOf(expr: Node, model: FileModel, depth = 0): Node[] {
  if (depth > MAX_DEPTH) return [];
  const n = unwrap(expr);
  if (n.type === 'ObjectExpression') return [n];
  if (n.type === 'Identifier') {
    const init = constInit(n, model);
    return init ? objectsOf(init, model, depth + 1) : [];
  }
  if (isFunction(n)) {
    if (n.body.type !== 'BlockStatement') return objectsOf(n.body, model, depth + 1);
    return (model.returns.get(n) ?? []).flatMap((r) => objectsOf(r.expr, model, depth + 1));
  }
  return [];
}

/**
 * True when `variable` is known to be set wherever `use` runs: inside `if (x)`, `x ? … :`, `x &&`
 * (or a conjunction holding that test), or after `if (!x) throw|return …` in an enclosing block;
 * `x` being the variable read directly or through a const holding it. Such a URL never starts
 * with `undefined`.
 */
export function isSetAt(use: Node, variable: string, model: FileModel): boolean {
  const names = (test: Node) => {
    const v = optionValue(test, model);
    return v.kind === 'env' && v.asIs && v.fallback === undefined && v.variable === variable;
  };
  const setIf = (test: Node): boolean => {
    const t = unwrap(test);
    if (names(t)) return true;
    if (t.type === 'LogicalExpression' && t.operator === '&&') return setIf(t.left) || setIf(t.right);
    if (t.type === 'BinaryExpression' && ['!==', '!='].includes(t.operator)) return (isNullish(t.right) && names(t.left)) || (isNullish(t.left) && names(t.right));
    return false;
  };
  const unsetIf = (test: Node): boolean => {
    const t = unwrap(test);
    if (t.type === 'UnaryExpression' && t.operator === '!') return setIf(t.argument);
    if (t.type === 'LogicalExpression' && t.operator === '||') return unsetIf(t.left) || unsetIf(t.right);
    if (t.type === 'BinaryExpression' && ['===', '=='].includes(t.operator)) return (isNullish(t.right) && names(t.left)) || (isNullish(t.left) && names(t.right));
    return false;
  };
  let child = use;
  for (let a = model.parents.get(use); a; child = a, a = model.parents.get(a)) {
    if ((a.type === 'IfStatement' || a.type === 'ConditionalExpression') && child === a.consequent && setIf(a.test)) return true;
    if ((a.type === 'IfStatement' || a.type === 'ConditionalExpression') && child === a.alternate && unsetIf(a.test)) return true;
    if (a.type === 'LogicalExpression' && a.operator === '&&' && child === a.right && setIf(a.left)) return true;
    const body: Node[] | undefined = a.type === 'BlockStatement' || a.type === 'Program' ? a.body : a.type === 'SwitchCase' ? a.consequent : undefined;
    if (!body) continue;
    for (const s of body) {
      if (s === child) break;
      if (s.type === 'IfStatement' && !s.alternate && unsetIf(s.test) && alwaysLeaves(s.consequent, model)) return true;
    }
  }
  return false;
}

/** `undefined` or `null`: an option given one is treated as not given. */
export function isNullish(n: Node): boolean {
  const x = unwrap(n);
  return (x.type === 'Identifier' && x.name === 'undefined') || ((x.type === 'Literal' || x.type === 'NullLiteral') && x.value === null && x.regex === undefined);
}

/** A statement that never falls through: `throw`, `return`, `process.exit()`, or a block ending in one. */
function alwaysLeaves(s: Node, model: FileModel): boolean {
  if (s.type === 'ThrowStatement' || s.type === 'ReturnStatement' || s.type === 'ContinueStatement' || s.type === 'BreakStatement') return true;
  if (s.type === 'BlockStatement') return s.body.length > 0 && alwaysLeaves(s.body[s.body.length - 1], model);
  return s.type === 'ExpressionStatement' && processMethod(unwrap(s.expression), model) === 'exit';
}
