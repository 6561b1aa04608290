// Abstract evaluation: what OpenTelemetry thing an expression denotes, following
// imports of every style, variables, reassignments, destructuring, `this.x`,
// global slots and immediately invoked factories.
//
// Nothing here recurses: an evaluation that needs the value of a sub-expression asks for it
// and is resumed with the answer, on an explicit stack of frames (`run`) at most MAX_DEPTH
// evaluations deep. Storage keys (storage-keys.ts) are loops too.
import type { Node } from '../ast/node';
import { getDynamicImport, getPropertyName, getStaticRequire, isFunction, isMember, unwrap } from '../ast/node';
import type { Table } from '../otel/table';
import type { ExportSpec } from '../otel/types';
import type { FileModel, MemberAssignment } from './model';
import { isGlobalObjectName } from './model';
import type { Binding, ImportSource, Scope, ValueSource } from './scope';
import { createStorageKeys, type StorageKeys } from './storage-keys';

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

/** Work counter for test/perf: callees `calledExport` evaluated (those it skipped by name are not counted). */
export const calleeStats = { evaluated: 0 };

/**
 * The export a call's callee names (`new OTLPTraceExporter(…)`, `otel.registerOTel(…)`), or
 * undefined. A member callee whose name no export has (`this.client.send(…)`) is not evaluated:
 * most calls of a file are such calls, and evaluating them was most of the checks' cost.
 */
export function calledExport(call: Node, model: FileModel): ExportValue | undefined {
  const callee = unwrap(call.callee);
  if (isMember(callee)) {
    const name = getPropertyName(callee);
    if (name !== undefined && !model.table.mayReachExportThrough(name)) return undefined;
  }
  calleeStats.evaluated++;
  const v = getEvaluator(model).evaluate(callee);
  return v?.kind === 'export' ? v : undefined;
}

/**
 * `super(options)` in the constructor of a class declared here that extends an exporter the table
 * knows (`class HoneycombExporter extends OTLPTraceExporter { constructor() { super({ url }) } }`):
 * that exporter, built with these options. Undefined for any other call.
 */
export function superExporter(call: Node, model: FileModel): ExportValue | undefined {
  if (call.type !== 'CallExpression' || unwrap(call.callee).type !== 'Super') return undefined;
  const base = model.classOf(call)?.superClass;
  if (!base) return undefined;
  const v = getEvaluator(model).evaluate(base);
  return v?.kind === 'export' && v.spec.kind === 'exporter' ? v : undefined;
}

/** Member names the file's member assignments and `this` properties write (null: one is computed, so any name may be). */
const storedMemberNames = new WeakMap<FileModel, ReadonlySet<string> | null>();

/**
 * False when nothing in the file stores a value into a member named `name` (`x.name = …`,
 * `this.name = …`, a class field): a member expression so named then evaluates to the member of
 * its object, by that name, or to nothing, never to a stored value (`storageSources`). Lets a scan
 * that acts on a few method names skip the other member calls unevaluated and still see every
 * value the evaluator would give it.
 */
export function mayHoldStoredValue(model: FileModel, name: string): boolean {
  let names = storedMemberNames.get(model);
  if (names === undefined) {
    const found = new Set<string>();
    for (const props of model.thisProps.values()) for (const key of props.keys()) found.add(key);
    let computed = false;
    for (const a of model.memberAssignments) {
      const key = isMember(a.target) ? getPropertyName(a.target) : undefined;
      if (key === undefined) computed = true;
      else found.add(key);
    }
    names = computed ? null : found;
    storedMemberNames.set(model, names);
  }
  return names === null || names.has(name);
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

/** Which step a frame takes next time it runs (one `FrameEvaluator` method each). */
const STEP = { operands: 0, identifier: 1, binding: 2, member: 3, call: 4, newExpression: 5 } as const;
type StepKind = (typeof STEP)[keyof typeof STEP];

/** The step of each node type with one of its own (the others try their operands). */
const STEP_OF: ReadonlyMap<string, StepKind> = new Map<string, StepKind>([
  ['Identifier', STEP.identifier],
  ['MemberExpression', STEP.member],
  ['OptionalMemberExpression', STEP.member],
  ['CallExpression', STEP.call],
  ['OptionalCallExpression', STEP.call],
  ['NewExpression', STEP.newExpression],
]);

/** An evaluation in progress on the explicit stack. */
interface Frame {
  readonly node: Node;
  readonly scope: Scope;
  readonly step: StepKind;
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

/** A step's outcome: the value, or ASK (the sub-expression it needs is in `askedExpr`). */
type StepResult = Value | undefined | typeof ASK;

function createEvaluator(model: FileModel): Evaluator {
  return new FrameEvaluator(model);
}

/**
 * The evaluator of one file: evaluations are frames on an explicit stack (`run`), each taking
 * the step of its node's kind; a step that needs a sub-expression's value asks for it (`ask`)
 * and is resumed with the answer. Binding values and top-level evaluations are memoized.
 */
class FrameEvaluator implements Evaluator {
  private readonly table: Table;
  private readonly keys: StorageKeys;
  private readonly bindingCache = new Map<Binding, Value | null>();
  /** Top-level evaluations (no scope given, none in progress) depend on the node alone: every check evaluates the callee of every call. */
  private readonly topLevel = new Map<Node, Value | null>();
  /** Evaluations in progress (frames on the stack that evaluate a node). */
  private depth = 0;
  // what the last ASK asked for
  private askedExpr: Node | null | undefined;
  private askedScope: Scope | undefined;

  constructor(private readonly model: FileModel) {
    this.table = model.table;
    this.keys = createStorageKeys(model);
  }

  // ---- the Evaluator interface ----

  evaluate(expr: Node | null | undefined, scope?: Scope): Value | undefined {
    if (!expr || this.depth > MAX_DEPTH) return undefined;
    if (this.depth !== 0 || scope !== undefined) return this.evaluateOutside(expr, scope);
    const cached = this.topLevel.get(expr);
    if (cached !== undefined) return cached ?? undefined;
    const v = this.evaluateOutside(expr, undefined);
    this.topLevel.set(expr, v ?? null);
    return v;
  }

  bindingValue(b: Binding): Value | undefined {
    return this.run({ node: b.id, scope: b.scope, step: STEP.binding, phase: BINDING_START, sources: NO_SOURCES, next: 0, binding: b }, false);
  }

  storageKey(expr: Node, scope?: Scope): string | undefined {
    return this.keys.storageKey(expr, scope);
  }

  assignmentsTo(key: string): readonly MemberAssignment[] {
    return this.keys.assignmentsTo(key);
  }

  // ---- the explicit stack ----

  /** One evaluation from the outside: immediate when it can be, else run frame by frame. */
  private evaluateOutside(expr: Node, scope: Scope | undefined): Value | undefined {
    const n = unwrap(expr);
    const s = scope ?? this.model.scopeAt(expr);
    const known = this.immediateValue(n, s);
    return known !== NEEDS_STEPS ? known : this.run(this.frameFor(n, s), true);
  }

  /**
   * Runs an evaluation to its end: the frame on top takes a step; a value pops it and resumes the
   * frame below with it; an ASK pushes a frame for the sub-expression (unless its value is
   * immediate, or MAX_DEPTH evaluations are already in progress: then it is undefined).
   * `rootCounts`: the root evaluates a node (a binding looked up from outside does not count).
   */
  private run(root: Frame, rootCounts: boolean): Value | undefined {
    const base = this.depth;
    const stack: Frame[] = [root];
    if (rootCounts) this.depth++;
    let received: Value | undefined;
    try {
      for (;;) {
        const frame = stack[stack.length - 1]!;
        const out = this.takeStep(frame, received);
        received = undefined;
        if (out !== ASK) {
          stack.pop();
          if (stack.length > 0 || rootCounts) this.depth--;
          if (stack.length === 0) return out;
          received = out;
          continue;
        }
        const expr = this.askedExpr;
        const scope = this.askedScope;
        if (!expr || this.depth > MAX_DEPTH) continue;
        const n = unwrap(expr);
        const known = this.immediateValue(n, scope!);
        if (known !== NEEDS_STEPS) {
          received = known;
          continue;
        }
        this.depth++;
        stack.push(this.frameFor(n, scope!));
      }
    } finally {
      this.depth = base;
    }
  }

  private takeStep(frame: Frame, received: Value | undefined): StepResult {
    switch (frame.step) {
      case STEP.identifier:
        return this.identifierStep(frame, received);
      case STEP.binding:
        return this.bindingStep(frame, received);
      case STEP.member:
        return this.memberStep(frame, received);
      case STEP.call:
        return this.callStep(frame, received);
      case STEP.newExpression:
        return this.newStep(frame, received);
      default:
        // `await x`, `a || b`, `c ? a : b`, `x = v`, `(a, b)`: the first operand that denotes something
        return this.firstSource(frame, received);
    }
  }

  private frameFor(n: Node, scope: Scope): Frame {
    const step = STEP_OF.get(n.type);
    return { node: n, scope, step: step ?? STEP.operands, phase: 0, sources: step === undefined ? operandsOf(n, scope) : NO_SOURCES, next: 0, binding: undefined };
  }

  private ask(expr: Node | null | undefined, scope: Scope): typeof ASK {
    this.askedExpr = expr;
    this.askedScope = scope;
    return ASK;
  }

  /**
   * The value of a node whose operands are known without a sub-evaluation (literals, names
   * whose binding is known, `name.prop`, `name()`, `new Name()`: most of what checks ask about),
   * computed without a frame; NEEDS_STEPS otherwise. Always the value the steps would give.
   */
  private immediateValue(n: Node, scope: Scope): Value | undefined | typeof NEEDS_STEPS {
    switch (n.type) {
      case 'Identifier': {
        const b = scope.resolve(n.name);
        if (!b) return isGlobalObjectName(n.name) ? { kind: 'global-object' } : undefined;
        return this.bindingCache.has(b) ? (this.bindingCache.get(b) ?? undefined) : NEEDS_STEPS;
      }
      case 'ImportExpression': {
        const m = getDynamicImport(n);
        return m && this.table.module(m) ? { kind: 'namespace', module: m } : undefined;
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const obj = this.immediateOperand(n.object, scope);
        if (obj === NEEDS_STEPS) return NEEDS_STEPS;
        const direct = member(this.table, obj, getPropertyName(n));
        if (direct) return direct;
        return this.storageSources(n, scope).length > 0 ? NEEDS_STEPS : undefined;
      }
      case 'CallExpression':
      case 'OptionalCallExpression': {
        const required = getStaticRequire(n) ?? getDynamicImport(n);
        if (required) return this.table.module(required) ? { kind: 'namespace', module: required } : undefined;
        const callee = unwrap(n.callee);
        if (calledFunction(callee, scope)) return NEEDS_STEPS;
        const c = this.immediateOperand(callee, scope);
        return c === NEEDS_STEPS ? c : resultOf(c, n);
      }
      case 'NewExpression': {
        const c = this.immediateOperand(n.callee, scope);
        return c === NEEDS_STEPS ? c : instanceOf(c, n);
      }
      default:
        return EVALUATED_TYPES.has(n.type) ? NEEDS_STEPS : undefined;
    }
  }

  /** An operand's value when it is a name or needs no evaluation at all (it would be evaluated one level deeper). */
  private immediateOperand(expr: Node, scope: Scope): Value | undefined | typeof NEEDS_STEPS {
    const n = unwrap(expr);
    if (this.depth + 1 > MAX_DEPTH || (n.type !== 'Identifier' && EVALUATED_TYPES.has(n.type))) return NEEDS_STEPS;
    return this.immediateValue(n, scope);
  }

  // ---- the steps, one per kind of node ----

  /** A name: what its binding holds, or the global object (`globalThis`, `window`, …). */
  private identifierStep(frame: Frame, received: Value | undefined): StepResult {
    if (frame.phase === 0) {
      const b = frame.scope.resolve(frame.node.name);
      if (!b) return isGlobalObjectName(frame.node.name) ? { kind: 'global-object' } : undefined;
      frame.binding = b;
      frame.phase = BINDING_START;
    }
    return this.bindingStep(frame, received);
  }

  /** What a binding holds: its import, else its initializer (along the destructuring path), else the first assignment with a value. Cached per binding. */
  private bindingStep(frame: Frame, received: Value | undefined): StepResult {
    const b = frame.binding!;
    switch (frame.phase) {
      case BINDING_START:
        if (this.bindingCache.has(b)) return this.bindingCache.get(b) ?? undefined;
        this.bindingCache.set(b, null); // cycle guard
        if (b.importFrom) return this.settle(b, importValue(this.table, b.importFrom));
        if (b.init) {
          frame.phase = BINDING_INIT;
          return this.ask(b.init.expr, b.init.scope);
        }
        return this.assignmentsOf(frame, b, undefined);
      case BINDING_INIT: {
        let v = received;
        for (const key of b.init!.path) v = member(this.table, v, key);
        return v ? this.settle(b, v) : this.assignmentsOf(frame, b, undefined);
      }
      default:
        return this.assignmentsOf(frame, b, received);
    }
  }

  /** Tries the binding's later assignments in order. */
  private assignmentsOf(frame: Frame, b: Binding, received: Value | undefined): StepResult {
    if (frame.phase !== BINDING_ASSIGNMENTS) {
      frame.phase = BINDING_ASSIGNMENTS;
      frame.sources = b.assignments;
    }
    const v = this.firstSource(frame, received);
    return v === ASK ? v : this.settle(b, v);
  }

  private settle(b: Binding, v: Value | undefined): Value | undefined {
    this.bindingCache.set(b, v ?? null);
    return v;
  }

  /** Resolves a member: a member of what the object denotes (an export of a namespace, a method), else storage (`this.sdk`, `globalThis[K]`). */
  private memberStep(frame: Frame, received: Value | undefined): StepResult {
    switch (frame.phase) {
      case 0:
        frame.phase = 1;
        return this.ask(frame.node.object, frame.scope);
      case 1: {
        const direct = member(this.table, received, getPropertyName(frame.node));
        if (direct) return direct;
        frame.phase = 2;
        frame.sources = this.storageSources(frame.node, frame.scope);
        return this.firstSource(frame, undefined);
      }
      default:
        return this.firstSource(frame, received);
    }
  }

  /** A static require or import() of a module, an immediately invoked factory (its returns), or the result of a known SDK function. */
  private callStep(frame: Frame, received: Value | undefined): StepResult {
    const n = frame.node;
    switch (frame.phase) {
      case 0: {
        const required = getStaticRequire(n) ?? getDynamicImport(n);
        if (required) return this.table.module(required) ? { kind: 'namespace', module: required } : undefined;
        const callee = unwrap(n.callee);
        // an immediately invoked function or a local factory (`function createSdk() { return new NodeSDK(…) }`): its returns
        const fn = calledFunction(callee, frame.scope);
        if (fn) {
          frame.phase = 2;
          frame.sources = this.model.returns.get(fn) ?? NO_SOURCES;
          return this.firstSource(frame, undefined);
        }
        frame.phase = 1;
        return this.ask(callee, frame.scope);
      }
      case 1:
        return resultOf(received, n);
      default:
        return this.firstSource(frame, received);
    }
  }

  /** `new X()`: an instance when X is a known class. */
  private newStep(frame: Frame, received: Value | undefined): StepResult {
    if (frame.phase === 1) return instanceOf(received, frame.node);
    frame.phase = 1;
    return this.ask(frame.node.callee, frame.scope);
  }

  /**
   * Asks for the frame's next source until one denotes something (`received`: the last one's value,
   * taken along that source's destructuring path: `({ NodeSDK } = sdkNode)`).
   */
  private firstSource(frame: Frame, received: Value | undefined): StepResult {
    let v = received;
    for (const key of (received && frame.sources[frame.next - 1]?.path) || []) v = member(this.table, v, key);
    if (v) return v;
    if (frame.next >= frame.sources.length) return undefined;
    const source = frame.sources[frame.next++]!;
    return this.ask(source.expr, source.scope);
  }

  /** The values written to the storage a member names: `this.x` in its class, else member assignments to the same key (not this one). */
  private storageSources(n: Node, scope: Scope): readonly ValueSource[] {
    const obj = unwrap(n.object);
    if (obj.type === 'ThisExpression') {
      const cls = this.model.classOf(n);
      const name = getPropertyName(n);
      if (!cls || !name) return NO_SOURCES;
      return this.model.thisProps.get(cls)?.get(name) ?? NO_SOURCES;
    }
    const key = this.keys.storageKey(n, scope);
    if (!key) return NO_SOURCES;
    const out: ValueSource[] = [];
    for (const a of this.keys.assignmentsTo(key)) if (a.target !== n) out.push(a.value);
    return out;
  }
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
  // `configureOpentelemetry(conf)`: an SDK made by a call
  if (callee?.kind === 'export' && callee.spec.kind === 'sdk' && callee.spec.constructedByCall) return { kind: 'instance', of: callee, creation: call };
  return undefined;
}

/** The function a binding declares (`function f() {}`, `const f = () => …`), if it is one. */
function localFunction(b: Binding | undefined): Node | undefined {
  if (!b) return undefined;
  if (b.kind === 'function' && isFunction(b.declaration)) return b.declaration;
  if (b.kind === 'const' && b.init && b.init.path.length === 0 && isFunction(unwrap(b.init.expr))) return unwrap(b.init.expr);
  return undefined;
}

/** The function a call runs when it is written in this file: an immediately invoked one, or a local factory (`createSdk()`). */
function calledFunction(callee: Node, scope: Scope): Node | undefined {
  if (isFunction(callee)) return callee;
  return callee.type === 'Identifier' ? localFunction(scope.resolve(callee.name)) : undefined;
}

/** A construction of an SDK: `new NodeSDK(…)`, or a call of an export that makes one (`configureOpentelemetry(…)`). */
export function isSdkConstruction(call: Node, spec: ExportSpec): boolean {
  return spec.kind === 'sdk' && (call.type === 'NewExpression') !== !!spec.constructedByCall;
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
      if (obj.spec.kind === 'object') {
        const spec = Object.hasOwn(obj.spec.members, name) ? obj.spec.members[name] : undefined;
        return spec ? { kind: 'export', module: obj.module, name: `${obj.name}.${name}`, spec } : undefined;
      }
      return obj.spec.kind === 'api-object' ? { kind: 'method', of: obj, name } : undefined;
    case 'instance':
    case 'result':
      return { kind: 'method', of: obj, name };
    default:
      return undefined;
  }
}
