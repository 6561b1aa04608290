// What an expression denotes, as far as the table knows: a module, an export of the table,
// an instance or result of one, a method of one, or a local function. Followed through
// imports, module attributes (`trace.set_tracer_provider`, `opentelemetry.trace.…`) and
// simple assignments.
import type { PyNode } from '../nodes';
import { field } from '../nodes';
import type { PyExportSpec, PyTable } from '../table';
import type { Binding, Scopes } from './scope';
import { lookup } from './scope';

export type Ref =
  | { readonly kind: 'module'; readonly module: string }
  | { readonly kind: 'export'; readonly module: string; readonly name: string; readonly spec: PyExportSpec | undefined; readonly binding?: Binding }
  /** An instance of an exported class, built by `call`. */
  | { readonly kind: 'instance'; readonly of: ExportRef; readonly call: PyNode }
  /** What calling an exported function returns (`trace.get_tracer_provider()`). */
  | { readonly kind: 'result'; readonly of: ExportRef; readonly call: PyNode }
  /** An attribute of a value (`provider.add_span_processor`, `app.run`). */
  | { readonly kind: 'member'; readonly of: Ref; readonly name: string; readonly node: PyNode }
  /** A function or class defined in this file. */
  | { readonly kind: 'local'; readonly definition: PyNode }
  | { readonly kind: 'unknown' };

export type ExportRef = Extract<Ref, { kind: 'export' }>;

const UNKNOWN: Ref = { kind: 'unknown' };
const CLASS_KINDS = new Set<PyExportSpec['kind']>(['provider', 'processor', 'exporter', 'instrumentor', 'web-app', 'proxy-provider']);
const MAX_DEPTH = 12;

export interface Resolver {
  resolve(expr: PyNode | undefined): Ref;
  /** The binding an identifier refers to. */
  bindingOf(identifier: PyNode): Binding | undefined;
}

export function createResolver(scopes: Scopes, table: PyTable): Resolver {
  const cache = new Map<PyNode, Ref>();
  const resolve = (expr: PyNode | undefined, depth: number): Ref => {
    if (!expr || depth > MAX_DEPTH) return UNKNOWN;
    const hit = cache.get(expr);
    if (hit) return hit;
    const ref = compute(expr, depth);
    cache.set(expr, ref);
    return ref;
  };
  const fromBinding = (b: Binding, depth: number): Ref => {
    switch (b.kind) {
      case 'import':
        return { kind: 'module', module: b.module! };
      case 'from-import': {
        const path = `${b.module}.${b.member}`;
        if (table.isModulePath(path) && !table.exportOf(b.module!, b.member!)) return { kind: 'module', module: path };
        return { kind: 'export', module: b.module!, name: b.member!, spec: table.exportOf(b.module!, b.member!), binding: b };
      }
      case 'assign':
        return resolve(b.value, depth + 1);
      case 'def':
      case 'class':
        return { kind: 'local', definition: b.node };
      default:
        return UNKNOWN;
    }
  };
  const compute = (expr: PyNode, depth: number): Ref => {
    switch (expr.type) {
      case 'identifier': {
        const b = lookup(scopes, expr.text ?? '', expr);
        if (b) return fromBinding(b, depth);
        for (const m of scopes.module.starImports) {
          const spec = table.exportOf(m, expr.text ?? '');
          if (spec) return { kind: 'export', module: m, name: expr.text!, spec };
        }
        return UNKNOWN;
      }
      case 'attribute': {
        const name = field(expr, 'attribute')?.text;
        if (!name) return UNKNOWN;
        const base = resolve(field(expr, 'object'), depth + 1);
        if (base.kind === 'module') {
          const path = `${base.module}.${name}`;
          const spec = table.exportOf(base.module, name);
          if (spec) return { kind: 'export', module: base.module, name, spec };
          if (table.isModulePath(path)) return { kind: 'module', module: path };
          return { kind: 'export', module: base.module, name, spec: undefined };
        }
        return { kind: 'member', of: base, name, node: expr };
      }
      case 'call': {
        const callee = resolve(field(expr, 'function'), depth + 1);
        if (callee.kind === 'export' && callee.spec) return CLASS_KINDS.has(callee.spec.kind) ? { kind: 'instance', of: callee, call: expr } : { kind: 'result', of: callee, call: expr };
        return UNKNOWN;
      }
      case 'parenthesized_expression':
        return resolve(expr.children[0], depth + 1);
      default:
        return UNKNOWN;
    }
  };
  return {
    resolve: (expr) => resolve(expr, 0),
    bindingOf: (identifier) => (identifier.type === 'identifier' ? lookup(scopes, identifier.text ?? '', identifier) : undefined),
  };
}

/** The export spec a reference is (`export`), or is an instance/result of. */
export function specOf(ref: Ref): PyExportSpec | undefined {
  if (ref.kind === 'export') return ref.spec;
  if (ref.kind === 'instance' || ref.kind === 'result') return ref.of.spec;
  return undefined;
}

/** True for `x.name` where `x` is an instance/result of an export of one of `kinds`. */
export function isMemberOf(ref: Ref, kinds: readonly PyExportSpec['kind'][], name?: string): ref is Extract<Ref, { kind: 'member' }> {
  if (ref.kind !== 'member' || (name !== undefined && ref.name !== name)) return false;
  const spec = specOf(ref.of);
  return !!spec && kinds.includes(spec.kind);
}
