// guard-reloader: fixes what python/no-reloader-double-init reports, with a guard that skips
// only the reloader parent: true in the reloader child, in every process without a reloader
// (the flag passed to run() is false), and, for setup at module level, whenever the module is
// imported rather than run as a script (Gunicorn, `flask run`):
//   is_running_from_reloader() [or not <flag>] [or __name__ != "__main__"]
// `werkzeug.serving.is_running_from_reloader()` returns `WERKZEUG_RUN_MAIN == "true"`.
// The broken `WERKZEUG_RUN_MAIN … or not app.debug` condition is replaced by the same guard.
import type { TextEdit } from '../../core/edits';
import type { PyModel } from '../../python/model';
import type { AppRun } from '../../python/model/apps';
import { mainBlockOf } from '../../python/model/flow';
import type { PyNode } from '../../python/nodes';
import { planConditionGuard, setupRunAround } from './setup-run';
import { importEdit } from './text';

export interface GuardPlan {
  readonly condition: string;
  readonly edits: TextEdit[];
}

/** The guard condition for setup at `site`, and the import it needs. */
function guardCondition(model: PyModel, run: AppRun, site: PyNode): { condition: string; imports: TextEdit[] } {
  const existing = boundName(model, 'is_running_from_reloader');
  const fn = existing ?? 'is_running_from_reloader';
  const imports = existing ? [] : [importEdit(model, 'from werkzeug.serving import is_running_from_reloader')];
  const terms = [`${fn}()`];
  if (run.flag && run.flag.type !== 'true') terms.push(`not ${model.text.slice(run.flag.range[0], run.flag.range[1])}`);
  if (!mainBlockOf(site)) terms.push(`__name__ != ${quoteOf(model)}__main__${quoteOf(model)}`);
  return { condition: terms.join(' or '), imports };
}

/** The quote the file's `__main__` test uses (double by default). */
function quoteOf(model: PyModel): string {
  return /__name__\s*==\s*'__main__'/.test(model.text) ? "'" : '"';
}

function boundName(model: PyModel, member: string): string | undefined {
  for (const [name, bindings] of model.scopes.module.bindings) {
    if (bindings.some((b) => b.kind === 'from-import' && b.member === member && b.module?.startsWith('werkzeug'))) return name;
  }
  return undefined;
}

export function planReloaderGuard(model: PyModel, run: AppRun, site: PyNode): GuardPlan | undefined {
  const { condition, imports } = guardCondition(model, run, site);
  const setupRun = setupRunAround(model, site);
  if (!setupRun) return undefined;
  // names the run binds and later code uses would be unbound in the parent: leave those to a human
  const edits = planConditionGuard(model, setupRun, condition, imports);
  return edits ? { condition, edits } : undefined;
}

export function planRepairGuard(model: PyModel, run: AppRun, condition: PyNode, site: PyNode): GuardPlan | undefined {
  const { condition: text, imports } = guardCondition(model, run, site);
  return { condition: text, edits: [...imports, { range: [condition.range[0], condition.range[1]], text }] };
}
