// python/no-reloader-double-init: with Werkzeug's reloader on, the script runs twice: in the
// parent, which only watches files and restarts, and in the child (WERKZEUG_RUN_MAIN=true),
// which serves. Setup that runs in both builds exporters and threads in a process that serves
// nothing (a warning: waste, not duplicate spans; python-otel-facts §vi). The widely copied
// guard `WERKZEUG_RUN_MAIN == "true" or not app.debug` does not skip the parent before
// `app.run(debug=True)`, because `app.debug` is still False there: reported as broken.
import type { Finding } from '../../core/finding';
import type { Check } from '../../core/language';
import type { PyModel } from '../model';
import type { AppRun } from '../model/apps';
import { appRuns } from '../model/apps';
import { callsInOrder, mainBlockOf } from '../model/flow';
import { reloaderGuardOf } from '../model/guards';
import { isGlobalSetupCall, processorAttachments } from '../model/setup';
import type { PyNode, PyTree } from '../nodes';
import { field } from '../nodes';
import { planReloaderGuard, planRepairGuard } from '../fix/guard-reloader';
import { finding, lineOf, modelOf, PYTHON_RULE_PREFIX, suggestion, text } from './common';

export type ReloaderDoubleInitMessageId = 'setupInReloaderParent' | 'brokenReloaderGuard' | 'guardReloader' | 'repairGuard';

export const RULE_ID = `${PYTHON_RULE_PREFIX}no-reloader-double-init`;

export const reloaderDoubleInitMessages = {
  setupInReloaderParent:
    '`{{run}}` (line {{line}}) starts Werkzeug\'s reloader, which runs this file again in a child process: `{{call}}` runs in both, and the parent, which serves no request, keeps a second set of exporters and threads. Run it only in the child (`npx otel-codemod guard-reloader`).',
  brokenReloaderGuard:
    'This guard does not skip the reloader parent: `{{debug}}` is still False before `{{run}}` (line {{line}}) sets it, so `not {{debug}}` is true in both processes and setup runs twice. Test the reloader itself (`werkzeug.serving.is_running_from_reloader()`) and the flag passed to run() (`npx otel-codemod guard-reloader`).',
  guardReloader: 'Run it only in the reloader child, or when no reloader runs: `if {{condition}}:`.',
  repairGuard: 'Replace the condition with `{{condition}}`.',
} as const;

export const reloaderDoubleInitCheck: Check<PyTree, ReloaderDoubleInitMessageId> = {
  ruleId: RULE_ID,
  language: 'python',
  messages: reloaderDoubleInitMessages,
  run(input) {
    const model = modelOf(input);
    // the reloader is on, or decided by a flag the code passes (from the environment, typically)
    const run = appRuns(model).find((r) => r.inMain && (r.reloader === 'on' || (r.reloader === 'unknown' && r.flag)));
    if (!run) return [];
    const out: Finding<ReloaderDoubleInitMessageId>[] = [];
    const runData = { run: `${text(model, field(run.call, 'function')!)}(${text(model, field(run.call, 'arguments')!).slice(1, -1)})`, line: lineOf(run.call) };
    const brokenReported = new Set<PyNode>();
    for (const site of setupBeforeRun(model, run)) {
      const guard = reloaderGuardOf(model, site);
      if (guard.kind === 'working') continue;
      if (guard.kind === 'broken') {
        if (brokenReported.has(guard.condition)) continue;
        brokenReported.add(guard.condition);
        const debug = debugTerm(model, guard.condition);
        const plan = planRepairGuard(model, run, guard.condition, site);
        out.push(finding(RULE_ID, 'brokenReloaderGuard', guard.condition, { ...runData, debug }, suggestion('repairGuard', plan?.edits, { condition: plan?.condition ?? '' })));
        continue;
      }
      const plan = planReloaderGuard(model, run, site);
      out.push(finding(RULE_ID, 'setupInReloaderParent', site, { ...runData, call: `${text(model, field(site, 'function') ?? site)}(…)` }, suggestion('guardReloader', plan?.edits, { condition: plan?.condition ?? '' })));
      break; // one run of setup at a time: the fix's next pass sees the rest
    }
    return out;
  },
};

/**
 * Setup call sites that run in the reloader parent before the server starts: at module level
 * (the script runs as `__main__` in both processes) or in the main block before the run call,
 * directly or through local functions (the site is the statement-level call in this file).
 */
function setupBeforeRun(model: PyModel, run: AppRun): PyNode[] {
  const attached = new Set(processorAttachments(model).map((a) => a.call));
  const out: PyNode[] = [];
  for (const { call, via } of callsInOrder(model.tree.root, (c) => model.functions.calleeOf(c))) {
    if (call === run.call) break;
    if (!isGlobalSetupCall(model, call) && !attached.has(call)) continue;
    const site = via[0] ?? call;
    if (site.range[0] > run.call.range[0]) continue;
    if (mainBlockOf(site) && mainBlockOf(site) !== mainBlockOf(run.call)) continue;
    if (!out.includes(site)) out.push(site);
  }
  return out;
}

/** The `app.debug` of a broken guard's `not app.debug` term, as written. */
function debugTerm(model: PyModel, condition: PyNode): string {
  const m = /\bnot\s+([\w.]+(?:\[[^\]]+\]|\.get\([^)]*\))?)/.exec(text(model, condition));
  return m ? m[1]! : 'app.debug';
}
