// Abstract evaluation: what OpenTelemetry thing an expression denotes, following
// imports of every style, variables, reassignments, destructuring, `this.x`,
// global slots and immediately invoked factories.
//
// Nothing here recurses: an evaluation that needs the value of a sub-expression asks for it
// and is resumed with the answer, on an explicit stack of frames (`run`) at most MAX_DEPTH
// evaluations deep. Storage keys (storage-keys.ts) are loops too.
import type { Node } from '../ast/node';
import { getDynamicImport, getPropertyName, getStaticRequire, isFunction, unwrap } from '../ast/node';
import type { Table } from '../otel/table';
import type { ExportSpec } from '../otel/types';
import type { FileModel, MemberAssignment } from './model';
import { isGlobalObjectName } from './model';
import type { Binding, ImportSource, Scope, ValueSource } from './scope';
import { createStorageKeys } from './storage-keys';

export { symbolFor } from './storage-keys';

export interface ExportValue {
  readonly kind: 'export';
  readonly module: string;
  readonly name: string;
  readonly spec: ExportSpec;
}

export type Value =
  /** A module namespace (`import * as x`, default import, `require('m')`, `await import('m')`). */
  | { readonly kind: 'namespace'; readonly module: string }
  | ExportValue
  /** An object made with `new` from a known class. */
  | { readonly kind: 'instance'; readonly of: ExportValue; readonly creation: Node }
  /** What a known function returned (`startNodeSdk()`). */
  | { readonly kind: 'result'; readonly of: ExportValue; readonly creation: Node }
  /** A method of a known object (`trace.setGlobalTracerProvider`, `sdk.start`). */
  | { readonly kind: 'method'; readonly of: Value; readonly name: string }
  /** The global object itself (`globalThis`, or a variable holding it). */
  | { readonly kind: 'global-object' };

export interface Evaluator {
  /** What an expression denotes, evaluated in `scope` (defaults to the scope around the node). */
  evaluate(expr: Node | null | undefined, scope?: Scope): Value | undefined;
  /** What a binding holds (its initializer, else the first known assignment). */
  bindingValue(binding: Binding): Value | undefined;
  /** A stable key naming the storage an expression reads (a variable, `this.x`, a global slot), for identity and guard checks. */
  storageKey(expr: Node, scope?: Scope): string | undefined;
  /** Member assignments that write the storage named by a key. */
  assignmentsTo(key: string): readonly MemberAssignment[];
}

/** How many evaluations may be in progress at once; deeper chains evaluate to undefined. */
const MAX_DEPTH = 24;
const evaluators = new WeakMap<FileModel, Evaluator>();

/** The evaluator of a file model (memoized per model). */
export function getEvaluator(model: FileModel): Evaluator {
  let ev = evaluators.get(model);
  if (!ev) evaluators.set(model, (ev = createEvaluator(model)));
  return ev;
}

/** Node types that have evaluation steps; every other node denotes nothing we know. */
const EVALUATED_TYPES = new Set([
  'Identifier',
  'MemberExpression',
  'OptionalMemberExpression',
  'CallExpression',
  'OptionalCallExpression',
  'NewExpression',
  'ImportExpression',
  'AwaitExpression',
  'AssignmentExpression',
  'LogicalExpression',
  'ConditionalExpression',
  'SequenceExpression',
]);

/** Returned by a step that asked for a sub-expression's value (`ask`): resume it with the answer. */
const ASK = Symbol('ask');
/** Returned by `immediateValue` for a node that needs its steps run. */
const NEEDS_STEPS = Symbol('needs steps');

/** One step of an evaluation: its value, or ASK. `received` is the value last asked for (undefined at first). */
type Step = (frame: Frame, received: Value | undefined) => Value | undefined | typeof ASK;

/** An evaluation in progress on the explicit stack. */
interface Frame {
  readonly node: Node;
  readonly scope: Scope;
  readonly step: Step;
  /** Where the evaluation is (each step numbers its own phases). */
  phase: number;
  /** Candidate values, tried in order by `firstSource`: the first that denotes something wins. */
  sources: readonly ValueSource[];
  next: number;
  /** The binding a name resolved to. */
  binding: Binding | undefined;
}

const NO_SOURCES: readonly ValueSource[] = [];

// phases of a binding's evaluation (`bindingStep`)
const BINDING_START = 1;
const BINDING_INIT = 2;
const BINDING_ASSIGNMENTS = 3;

function createEvaluator(model: FileModel): Evaluator {
  const { table } = model;
  const keys = createStorageKeys(model);
  const bindingCache = new Map<Binding, Value | null>();
  /** Evaluations in progress (frames on the stack that evaluate a node). */
  let depth = 0;
  // what the last ASK asked for
  let askedExpr: Node | null | undefined;
  let askedScope: Scope | undefined;

  function ask(expr: Node | null | undefined, scope: Scope): typeof ASK {
    askedExpr = expr;
    askedScope = scope;
    return ASK;
  }

  /**
   * Runs an evaluation to its end: the frame on top takes a step; a value pops it and resumes the
   * frame below with it; an ASK pushes a frame for the sub-expression (unless its value is
   * immediate, or MAX_DEPTH evaluations are already in progress: then it is undefined).
   * `rootCounts`: the root evaluates a node (a binding looked up from outside does not count).
   */
  function run(root: Frame, rootCounts: boolean): Value | undefined {
    const base = depth;
    const stack: Frame[] = [root];
    if (rootCounts) depth++;
    let received: Value | undefined;
    try {
      for (;;) {
        const frame = stack[stack.length - 1]!;
        const out = frame.step(frame, received);
        received = undefined;
        if (out !== ASK) {
          stack.pop();
          if (stack.length > 0 || rootCounts) depth--;
          if (stack.length === 0) return out;
          received = out;
          continue;
        }
        const expr = askedExpr;
        if (!expr || depth > MAX_DEPTH) continue;
        const n = unwrap(expr);
        const known = immediateValue(n, askedScope!);
        if (known !== NEEDS_STEPS) {
          received = known;
          continue;
        }
        depth++;
        stack.push(frameFor(n, askedScope!));
      }
    } finally {
      depth = base;
    }
  }

  function frameFor(n: Node, scope: Scope): Frame {
    const step = STEP_OF.get(n.type);
    const sources = step ? NO_SOURCES : operandsOf(n, scope);
    return { node: n, scope, step: step ?? firstSourceStep, phase: 0, sources, next: 0, binding: undefined };
  }

  /**
   * The value of a node whose operands are known without a sub-evaluation (literals, names
   * whose binding is known, `name.prop`, `name()`, `new Name()`: most of what checks ask about),
   * computed without a frame; NEEDS_STEPS otherwise. Always the value the steps would give.
   */
  function immediateValue(n: Node, scope: Scope): Value | undefined | typeof NEEDS_STEPS {
    switch (n.type) {
      case 'Identifier': {
        const b = scope.resolve(n.name);
        if (!b) return isGlobalObjectName(n.name) ? { kind: 'global-object' } : undefined;
        return bindingCache.has(b) ? (bindingCache.get(b) ?? undefined) : NEEDS_STEPS;
      }
      case 'ImportExpression': {
        const m = getDynamicImport(n);
        return m && table.module(m) ? { kind: 'namespace', module: m } : undefined;
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const obj = immediateOperand(n.object, scope);
        if (obj === NEEDS_STEPS) return NEEDS_STEPS;
        const direct = member(table, obj, getPropertyName(n));
        if (direct) return direct;
        return storageSources(n, scope).length > 0 ? NEEDS_STEPS : undefined;
      }
      case 'CallExpression':
      case 'OptionalCallExpression': {
        const required = getStaticRequire(n) ?? getDynamicImport(n);
        if (required) return table.module(required) ? { kind: 'namespace', module: required } : undefined;
        const callee = unwrap(n.callee);
        if (isFunction(callee)) return NEEDS_STEPS;
        const c = immediateOperand(callee, scope);
        return c === NEEDS_STEPS ? c : resultOf(c, n);
      }
      case 'NewExpression': {
        const c = immediateOperand(n.callee, scope);
        return c === NEEDS_STEPS ? c : instanceOf(c, n);
      }
      default:
        return EVALUATED_TYPES.has(n.type) ? NEEDS_STEPS : undefined;
    }
  }

  /** An operand's value when it is a name or needs no evaluation at all (it would be evaluated one level deeper). */
  function immediateOperand(expr: Node, scope: Scope): Value | undefined | typeof NEEDS_STEPS {
    const n = unwrap(expr);
    if (depth + 1 > MAX_DEPTH || (n.type !== 'Identifier' && EVALUATED_TYPES.has(n.type))) return NEEDS_STEPS;
    return immediateValue(n, scope);
  }

  // ---- the steps, one per kind of node ----

  /** `await x`, `a || b`, `c ? a : b`, `x = v`, `(a, b)`: the first operand (in `operandsOf`'s order) that denotes something. */
  function firstSourceStep(frame: Frame, received: Value | undefined): Value | undefined | typeof ASK {
    return firstSource(frame, received);
  }

  /** A name: what its binding holds, or the global object (`globalThis`, `window`, …). */
  function identifierStep(frame: Frame, received: Value | undefined): Value | undefined | typeof ASK {
    if (frame.phase === 0) {
      const b = frame.scope.resolve(frame.node.name);
      if (!b) return isGlobalObjectName(frame.node.name) ? { kind: 'global-object' } : undefined;
      frame.binding = b;
      frame.phase = BINDING_START;
    }
    return bindingStep(frame, received);
  }

  /** What a binding holds: its import, else its initializer (along the destructuring path), else the first assignment with a value. Cached per binding. */
  function bindingStep(frame: Frame, received: Value | undefined): Value | undefined | typeof ASK {
    const b = frame.binding!;
    switch (frame.phase) {
      case BINDING_START:
        if (bindingCache.has(b)) return bindingCache.get(b) ?? undefined;
        bindingCache.set(b, null); // cycle guard
        if (b.importFrom) return settle(b, importValue(table, b.importFrom));
        if (b.init) {
          frame.phase = BINDING_INIT;
          return ask(b.init.expr, b.init.scope);
        }
        return assignmentsOf(frame, b, undefined);
      case BINDING_INIT: {
        let v = received;
        for (const key of b.init!.path) v = member(table, v, key);
        return v ? settle(b, v) : assignmentsOf(frame, b, undefined);
      }
      default:
        return assignmentsOf(frame, b, received);
    }
  }

  /** Tries the binding's later assignments in order. */
  function assignmentsOf(frame: Frame, b: Binding, received: Value | undefined): Value | undefined | typeof ASK {
    if (frame.phase !== BINDING_ASSIGNMENTS) {
      frame.phase = BINDING_ASSIGNMENTS;
      frame.sources = b.assignments;
    }
    const v = firstSource(frame, received);
    return v === ASK ? v : settle(b, v);
  }

  function settle(b: Binding, v: Value | undefined): Value | undefined {
    bindingCache.set(b, v ?? null);
    return v;
  }

  /** Resolves a member: a member of what the object denotes (an export of a namespace, a method), else storage (`this.sdk`, `globalThis[K]`). */
  function memberStep(frame: Frame, received: Value | undefined): Value | undefined | typeof ASK {
    switch (frame.phase) {
      case 0:
        frame.phase = 1;
        return ask(frame.node.object, frame.scope);
      case 1: {
        const direct = member(table, received, getPropertyName(frame.node));
        if (direct) return direct;
        frame.phase = 2;
        frame.sources = storageSources(frame.node, frame.scope);
        return firstSource(frame, undefined);
      }
      default:
        return firstSource(frame, received);
    }
  }

  /** `require('m')` / `import('m')`, an immediately invoked factory (its returns), or the result of a known SDK function. */
  function callStep(frame: Frame, received: Value | undefined): Value | undefined | typeof ASK {
    const n = frame.node;
    switch (frame.phase) {
      case 0: {
        const required = getStaticRequire(n) ?? getDynamicImport(n);
        if (required) return table.module(required) ? { kind: 'namespace', module: required } : undefined;
        const callee = unwrap(n.callee);
        if (isFunction(callee)) {
          frame.phase = 2;
          frame.sources = model.returns.get(callee) ?? NO_SOURCES;
          return firstSource(frame, undefined);
        }
        frame.phase = 1;
        return ask(callee, frame.scope);
      }
      case 1:
        return resultOf(received, n);
      default:
        return firstSource(frame, received);
    }
  }

  /** `new X()`: an instance when X is a known class. */
  function newStep(frame: Frame, received: Value | undefined): Value | undefined | typeof ASK {
    if (frame.phase === 1) return instanceOf(received, frame.node);
    frame.phase = 1;
    return ask(frame.node.callee, frame.scope);
  }

  /** Asks for the frame's next source until one denotes something (`received`: the last one's value). */
  function firstSource(frame: Frame, received: Value | undefined): Value | undefined | typeof ASK {
    if (received) return received;
    if (frame.next >= frame.sources.length) return undefined;
    const source = frame.sources[frame.next++]!;
    return ask(source.expr, source.scope);
  }

  /** The values written to the storage a member names: `this.x` in its class, else member assignments to the same key (not this one). */
  function storageSources(n: Node, scope: Scope): readonly ValueSource[] {
    const obj = unwrap(n.object);
    if (obj.type === 'ThisExpression') {
      const cls = model.classOf(n);
      const name = getPropertyName(n);
      if (!cls || !name) return NO_SOURCES;
      return model.thisProps.get(cls)?.get(name) ?? NO_SOURCES;
    }
    const key = keys.storageKey(n, scope);
    if (!key) return NO_SOURCES;
    const out: ValueSource[] = [];
    for (const a of keys.assignmentsTo(key)) if (a.target !== n) out.push(a.value);
    return out;
  }

  /** The step of each node type with one of its own (the others try their operands: `firstSourceStep`). */
  const STEP_OF: ReadonlyMap<string, Step> = new Map<string, Step>([
    ['Identifier', identifierStep],
    ['MemberExpression', memberStep],
    ['OptionalMemberExpression', memberStep],
    ['CallExpression', callStep],
    ['OptionalCallExpression', callStep],
    ['NewExpression', newStep],
  ]);

  // ---- entry points ----

  /** One evaluation from the outside: immediate when it can be, else run frame by frame. */
  function evaluateOutside(expr: Node, scope: Scope | undefined): Value | undefined {
    const n = unwrap(expr);
    const s = scope ?? model.scopeAt(expr);
    const known = immediateValue(n, s);
    return known !== NEEDS_STEPS ? known : run(frameFor(n, s), true);
  }

  // Top-level evaluations (no scope given, no evaluation in progress) depend on the node alone:
  // memoized, since every check evaluates the callee of every call.
  const topLevel = new Map<Node, Value | null>();
  function evaluate(expr: Node | null | undefined, scope?: Scope): Value | undefined {
    if (!expr || depth > MAX_DEPTH) return undefined;
    if (depth !== 0 || scope !== undefined) return evaluateOutside(expr, scope);
    const cached = topLevel.get(expr);
    if (cached !== undefined) return cached ?? undefined;
    const v = evaluateOutside(expr, undefined);
    topLevel.set(expr, v ?? null);
    return v;
  }

  function bindingValue(b: Binding): Value | undefined {
    return run({ node: b.id, scope: b.scope, step: bindingStep, phase: BINDING_START, sources: NO_SOURCES, next: 0, binding: b }, false);
  }

  return { evaluate, bindingValue, storageKey: keys.storageKey, assignmentsTo: keys.assignmentsTo };
}

/** The operands of `await x`, `a || b`, `c ? a : b`, `x = v`, `(a, b)` in the order they are tried. */
function operandsOf(n: Node, scope: Scope): readonly ValueSource[] {
  const of = (...exprs: Node[]): ValueSource[] => exprs.map((expr) => ({ expr, scope, path: [] }));
  switch (n.type) {
    case 'AwaitExpression':
      return of(n.argument);
    case 'AssignmentExpression':
      return n.operator === '=' ? of(n.right) : of(n.left, n.right);
    case 'LogicalExpression':
      return of(n.right, n.left);
    case 'ConditionalExpression':
      return of(n.consequent, n.alternate);
    case 'SequenceExpression':
      return of(n.expressions.at(-1));
    default:
      return NO_SOURCES;
  }
}

/** What calling a known SDK function returns (`startNodeSdk()`, `registerInstrumentations()`). */
function resultOf(callee: Value | undefined, call: Node): Value | undefined {
  if (callee?.kind === 'export' && (callee.spec.kind === 'sdk-function' || callee.spec.kind === 'register-instrumentations' || callee.spec.kind === 'instrumentation-bundle')) {
    return { kind: 'result', of: callee, creation: call };
  }
  return undefined;
}

/** What `new` makes of a known class. */
function instanceOf(callee: Value | undefined, creation: Node): Value | undefined {
  return callee?.kind === 'export' ? { kind: 'instance', of: callee, creation } : undefined;
}

function exportValue(table: Table, module: string, name: string): Value | undefined {
  const spec = table.exportOf(module, name);
  if (!spec) return undefined;
  if (spec.kind === 'namespace') return { kind: 'namespace', module: spec.module };
  return { kind: 'export', module, name, spec };
}

function importValue(table: Table, from: ImportSource): Value | undefined {
  if (!table.module(from.module)) return undefined;
  return from.name === '*' ? { kind: 'namespace', module: from.module } : exportValue(table, from.module, from.name);
}

/** The member `name` of a value: an export of a namespace, a method of an API object or of an instance. */
function member(table: Table, obj: Value | undefined, name: string | undefined): Value | undefined {
  if (!obj || name === undefined) return undefined;
  switch (obj.kind) {
    case 'namespace':
      return name === 'default' ? obj : exportValue(table, obj.module, name);
    case 'export':
      return obj.spec.kind === 'api-object' ? { kind: 'method', of: obj, name } : undefined;
    case 'instance':
    case 'result':
      return { kind: 'method', of: obj, name };
    default:
      return undefined;
  }
}
