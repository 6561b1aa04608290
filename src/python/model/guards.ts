// Guards that make setup run at most once, or only in the right process:
// - provider guards: `if isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):`
//   (or any condition on `get_tracer_provider()`), the early-return form, and a module-level
//   flag or singleton (`if not _initialized: …; _initialized = True`): in Python a module runs
//   once per process, so a flag does stop repeated calls;
// - reloader guards: `werkzeug.serving.is_running_from_reloader()` or
//   `os.environ.get("WERKZEUG_RUN_MAIN") == "true"`, alone or `or`-ed with `not <flag passed to
//   run()>`; and the widely copied broken one, `… or not app.debug` (python-otel-facts §vi:
//   `app.debug` is still False before `app.run(debug=True)`, so the parent runs setup too).
import type { PyNode } from '../nodes';
import { field, operatorOf, walk } from '../nodes';
import { contains, enclosingFunction, stringValue } from './flow';
import type { PyModel } from './index';
import { calleeSpec } from './setup';

const PROVIDER_CONDITION = /\b(get_tracer_provider|get_meter_provider|get_logger_provider|ProxyTracerProvider|_ProxyMeterProvider|ProxyLoggerProvider)\b/;

/** True when `node` only runs while no provider is set, or at most once per process. */
export function isProviderGuarded(model: PyModel, node: PyNode): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'function_definition' && hasOnceDecorator(model, n)) return true;
    if (n.type !== 'if_statement' || !contains(field(n, 'consequence'), node)) continue;
    const cond = field(n, 'condition');
    if (!cond) continue;
    if (PROVIDER_CONDITION.test(model.text.slice(cond.range[0], cond.range[1]))) return true;
    if (isOnceFlag(cond, n)) return true;
  }
  return returnsEarlyWhenSet(model, node);
}

/** `@functools.lru_cache` / `@functools.cache` / `@cache`: the body runs once per arguments. */
function hasOnceDecorator(model: PyModel, fn: PyNode): boolean {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  if (!decorated) return false;
  return decorated.children.some((d) => d.type === 'decorator' && /\b(lru_cache|cache)\b/.test(model.text.slice(d.range[0], d.range[1])));
}

/** `if not FLAG:` / `if FLAG is None:` where the body assigns FLAG (a module-level name). */
function isOnceFlag(cond: PyNode, ifNode: PyNode): boolean {
  let name: string | undefined;
  if (cond.type === 'not_operator') name = identifierText(field(cond, 'argument'));
  else if (cond.type === 'comparison_operator' && cond.children[1]?.type === 'none') name = identifierText(cond.children[0]);
  if (!name) return false;
  let assigned = false;
  walk(field(ifNode, 'consequence')!, (n) => {
    if (n.type === 'assignment' && identifierText(field(n, 'left')) === name) assigned = true;
  });
  return assigned;
}

function identifierText(n: PyNode | undefined): string | undefined {
  if (n?.type === 'identifier') return n.text;
  if (n?.type === 'attribute') return identifierText(field(n, 'attribute'));
  return undefined;
}

/** `if not isinstance(trace.get_tracer_provider(), ProxyTracerProvider): return` earlier in an enclosing block of the same function. */
function returnsEarlyWhenSet(model: PyModel, node: PyNode): boolean {
  const fn = enclosingFunction(node);
  for (let child: PyNode = node, n = node.parent; n && n !== fn; child = n, n = n.parent) {
    if (n.type !== 'block' && n.type !== 'module') continue;
    for (const s of n.children) {
      if (s === child || s.range[0] >= child.range[0]) break;
      if (s.type !== 'if_statement') continue;
      const cond = field(s, 'condition');
      const body = field(s, 'consequence');
      if (cond && body && PROVIDER_CONDITION.test(model.text.slice(cond.range[0], cond.range[1])) && body.children.some((b) => b.type === 'return_statement')) return true;
    }
  }
  return false;
}

/** A test of the reloader child: `is_running_from_reloader()` or `os.environ…("WERKZEUG_RUN_MAIN") == "true"`. */
export function isReloaderChildTest(model: PyModel, expr: PyNode | undefined): boolean {
  if (!expr) return false;
  if (expr.type === 'parenthesized_expression') return isReloaderChildTest(model, expr.children[0]);
  if (expr.type === 'call' && calleeSpec(model, expr)?.kind === 'reloader-check') return true;
  if (expr.type === 'call' && /\bis_running_from_reloader$/.test(model.text.slice(field(expr, 'function')!.range[0], field(expr, 'function')!.range[1]))) return true;
  const src = model.text.slice(expr.range[0], expr.range[1]);
  return expr.type === 'comparison_operator' && src.includes('WERKZEUG_RUN_MAIN') && operatorOf(expr, 'operators') === '==';
}

export type ReloaderGuard =
  /** Skips the reloader parent (and runs in every process without a reloader). */
  | { readonly kind: 'working'; readonly ifNode: PyNode }
  /** `… or not app.debug`: runs in the parent too. */
  | { readonly kind: 'broken'; readonly ifNode: PyNode; readonly condition: PyNode }
  | { readonly kind: 'none' };

/** The reloader guard around `node`, if any. */
export function reloaderGuardOf(model: PyModel, node: PyNode): ReloaderGuard {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type !== 'if_statement' || !contains(field(n, 'consequence'), node)) continue;
    const cond = field(n, 'condition');
    if (!cond) continue;
    const terms = orTerms(cond);
    if (!terms.some((t) => isReloaderChildTest(model, t))) continue;
    const others = terms.filter((t) => !isReloaderChildTest(model, t));
    if (others.some((t) => isNotAppDebug(model, t))) return { kind: 'broken', ifNode: n, condition: cond };
    return { kind: 'working', ifNode: n };
  }
  return { kind: 'none' };
}

/** The terms of an `or` chain, in source order (a loop: chains can be thousands long). */
function orTerms(expr: PyNode): PyNode[] {
  const out: PyNode[] = [];
  const stack = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.type === 'boolean_operator' && operatorOf(e) === 'or') stack.push(field(e, 'right')!, field(e, 'left')!);
    else if (e.type === 'parenthesized_expression' && e.children[0]) stack.push(e.children[0]);
    else out.push(e);
  }
  return out;
}

/** `not app.debug` / `not app.config["DEBUG"]` / `not app.config.get("DEBUG")`. */
function isNotAppDebug(model: PyModel, expr: PyNode): boolean {
  if (expr.type !== 'not_operator') return false;
  const arg = field(expr, 'argument');
  if (!arg) return false;
  if (arg.type === 'attribute' && field(arg, 'attribute')?.text === 'debug') return true;
  const src = model.text.slice(arg.range[0], arg.range[1]);
  if (arg.type === 'subscript' && /\.config$/.test(model.text.slice(field(arg, 'value')!.range[0], field(arg, 'value')!.range[1]))) return stringValue(field(arg, 'subscript')) === 'DEBUG';
  return /\.config\.get\(\s*["']DEBUG["']/.test(src);
}
