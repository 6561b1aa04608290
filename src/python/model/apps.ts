// Web apps and how a file runs them: `app.run(debug=True)` (Flask), `run_simple(...,
// use_reloader=True)` (Werkzeug), with the reloader decided the way Flask decides it
// (`use_reloader` if given, else the debug flag: the `debug` argument, `app.debug = True`,
// `app.config["DEBUG"] = True`, or FLASK_DEBUG in the environment of the process).
import type { PyNode } from '../nodes';
import { field } from '../nodes';
import { argumentFor, keywordArgument, keywordArgumentNode } from './functions';
import { enclosingFunction, mainBlockOf, stringValue } from './flow';
import type { PyModel } from './index';
import { calleeSpec } from './setup';
import type { Binding } from './scope';
import type { Ref } from './values';
import { specOf } from './values';

export type Tri = 'on' | 'off' | 'unknown';

export interface AppRun {
  readonly call: PyNode;
  readonly kind: 'flask' | 'run-simple';
  /** Whether the reloader starts, from the code alone (FLASK_DEBUG aside). */
  readonly reloader: Tri;
  /** The argument deciding it (`debug=…` or `use_reloader=…`), when one does. */
  readonly flag: PyNode | undefined;
  /** The debug flag is not set in code: FLASK_DEBUG in the process environment decides. */
  readonly debugFromEnv: boolean;
  /** Inside `if __name__ == "__main__":`. */
  readonly inMain: boolean;
}

/** True for a receiver that is a Flask app: built from `Flask(...)`, returned by a local app factory, or named `app`/`application`. */
function isFlaskApp(model: PyModel, receiver: PyNode | undefined): boolean {
  if (!receiver) return false;
  const spec = specOf(model.resolver.resolve(receiver));
  if (spec?.kind === 'web-app') return spec.framework === 'flask';
  if (receiver.type === 'identifier') {
    const b = model.resolver.bindingOf(receiver);
    if (b?.kind === 'assign' && b.value?.type === 'call') {
      const fn = model.functions.calleeOf(b.value);
      if (fn && model.functions.isAppFactory(fn)) return true;
    }
    return receiver.text === 'app' || receiver.text === 'application';
  }
  return false;
}

/** Every place the file runs a development server with a possible reloader. */
export function appRuns(model: PyModel): AppRun[] {
  const out: AppRun[] = [];
  for (const call of model.calls) {
    const callee = field(call, 'function');
    const inMain = mainBlockOf(call) !== undefined;
    if (callee?.type === 'attribute' && field(callee, 'attribute')?.text === 'run' && isFlaskApp(model, field(callee, 'object'))) {
      const receiver = field(callee, 'object')!;
      const useReloader = keywordArgument(call, 'use_reloader');
      const debug = keywordArgument(call, 'debug');
      if (useReloader) {
        out.push({ call, kind: 'flask', reloader: truth(model, useReloader), flag: useReloader, debugFromEnv: false, inMain });
        continue;
      }
      if (debug) {
        out.push({ call, kind: 'flask', reloader: truth(model, debug), flag: debug, debugFromEnv: false, inMain });
        continue;
      }
      const set = debugSetOn(model, receiver, call);
      out.push({ call, kind: 'flask', reloader: set, flag: undefined, debugFromEnv: set !== 'on', inMain });
      continue;
    }
    if (calleeSpec(model, call)?.kind === 'run-simple') {
      const useReloader = argumentFor(call, 'use_reloader', 3);
      out.push({ call, kind: 'run-simple', reloader: useReloader ? truth(model, useReloader) : 'off', flag: useReloader, debugFromEnv: false, inMain });
    }
  }
  return out;
}

/** The truth of a flag expression: literals, names bound to literals, `not x`. */
export function truth(model: PyModel, expr: PyNode | undefined, depth = 0): Tri {
  if (!expr || depth > 4) return 'unknown';
  if (expr.type === 'true') return 'on';
  if (expr.type === 'false' || expr.type === 'none') return 'off';
  if (expr.type === 'integer') return expr.text === '0' ? 'off' : 'on';
  if (expr.type === 'not_operator') {
    const t = truth(model, field(expr, 'argument'), depth + 1);
    return t === 'on' ? 'off' : t === 'off' ? 'on' : 'unknown';
  }
  if (expr.type === 'identifier') {
    const b = model.resolver.bindingOf(expr);
    if (b?.kind === 'assign') return truth(model, b.value, depth + 1);
  }
  return 'unknown';
}

/** `app.debug = True` or `app.config["DEBUG"] = True` before the run, in the same function. */
function debugSetOn(model: PyModel, receiver: PyNode, run: PyNode): Tri {
  const name = model.text.slice(receiver.range[0], receiver.range[1]);
  const here = enclosingFunction(run);
  let latest: PyNode | undefined;
  const stack = [model.tree.root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.range[0] >= run.range[0]) continue;
    stack.push(...n.children);
    if (n.type !== 'assignment' || enclosingFunction(n) !== here) continue;
    const left = field(n, 'left');
    if (left && isDebugTarget(model, left, name) && (!latest || n.range[0] > latest.range[0])) latest = n;
  }
  return latest ? truth(model, field(latest, 'right')) : 'unknown';
}

/** `app.debug` or `app.config["DEBUG"]` for the app written `name`. */
function isDebugTarget(model: PyModel, left: PyNode, name: string): boolean {
  const src = (n: PyNode | undefined): string => (n ? model.text.slice(n.range[0], n.range[1]).replace(/\s+/g, '') : '');
  if (left.type === 'attribute') return src(left) === `${name}.debug`;
  return left.type === 'subscript' && src(field(left, 'value')) === `${name}.config` && stringValue(field(left, 'subscript')) === 'DEBUG';
}

/** The argument node to edit for `use_reloader=False`: the existing keyword, if any. */
export function useReloaderArgument(call: PyNode): PyNode | undefined {
  return keywordArgumentNode(call, 'use_reloader');
}

export interface AppBuild {
  /** The `app = Flask(...)` call. */
  readonly call: PyNode;
  /** The name it is assigned to. */
  readonly app: PyNode;
  /** The binding of the class name it was built from (a from-import or an assignment from `flask.Flask`). */
  readonly classBinding: Binding;
}

/** `app = Flask(...)` where `Flask` is a name bound to the class (not `flask.Flask(...)`, looked up at call time). */
export function appBuilds(model: PyModel, module: string, name: string): AppBuild[] {
  const out: AppBuild[] = [];
  for (const call of model.calls) {
    const callee = field(call, 'function');
    if (callee?.type !== 'identifier') continue;
    const spec = calleeSpec(model, call);
    if (spec?.kind !== 'web-app') continue;
    const ref: Ref = model.resolver.resolve(callee);
    if (ref.kind !== 'export' || ref.module !== module || ref.name !== name) continue;
    const binding = model.resolver.bindingOf(callee);
    const assign = call.parent;
    const app = assign?.type === 'assignment' && field(assign, 'right') === call ? field(assign, 'left') : undefined;
    if (!binding || app?.type !== 'identifier') continue;
    out.push({ call, app, classBinding: binding });
  }
  return out;
}

