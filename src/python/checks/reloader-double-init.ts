// python/no-reloader-double-init: with Werkzeug's reloader on, the script runs twice: in the
// parent, which only watches files and restarts, and in the child (WERKZEUG_RUN_MAIN=true),
// which serves. Setup that runs in both builds exporters and threads in a process that serves
// nothing (a warning: waste, not duplicate spans; python-otel-facts §vi). The widely copied
// guard `WERKZEUG_RUN_MAIN == "true" or not app.debug` does not skip the parent before
// `app.run(debug=True)`, because `app.debug` is still False there: reported as broken.
import type { Finding } from '../../core/finding';
import type { Check } from '../../core/language';
import type { PyModel } from '../model';
import { appRuns } from '../model/apps';
import { callsInOrder, mainBlockOf, runsAtImport } from '../model/flow';
import { importedSetupFunctions } from '../model/imported';
import type { PyLaunch } from '../project';
import { describeLaunch, processesOf } from './process-facts';
import { reloaderGuardOf } from '../model/guards';
import { isGlobalSetupCall, processorAttachments } from '../model/setup';
import type { PyNode, PyTree } from '../nodes';
import { field } from '../nodes';
import { planReloaderGuard, planRepairGuard } from '../../fix/python/guard-reloader';
import { finding, lineOf, modelOf, PYTHON_RULE_PREFIX, suggestion, text } from './common';

export type ReloaderDoubleInitMessageId = 'setupInReloaderParent' | 'setupInReloaderParentLaunch' | 'brokenReloaderGuard' | 'guardReloader' | 'repairGuard';

export const RULE_ID = `${PYTHON_RULE_PREFIX}no-reloader-double-init`;

export const reloaderDoubleInitMessages = {
  setupInReloaderParent:
    '`{{run}}` (line {{line}}) starts Werkzeug\'s reloader, which runs this file again in a child process: `{{call}}` runs in both, and the parent, which serves no request, keeps a second set of exporters and threads. Run it only in the child (`npx otel-codemod guard-reloader`).',
  setupInReloaderParentLaunch:
    '{{process}} runs this with {{server}}, which imports it again in a child process: `{{call}}` runs at import in both, and the parent, which serves no request, keeps a second set of exporters and threads. Set up where only the serving process gets (a request hook, `AppConfig.ready()` behind a `RUN_MAIN` check), or run without the reloader.',
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
    const facts = processesOf(input.file.path);
    const out: Finding<ReloaderDoubleInitMessageId>[] = [];
    const imported = importedSetupFunctions(model);
    // a script's own app.run(): only when the file runs as a script (a `flask run`/Gunicorn process never reaches it)
    const runsAsScript = facts.running.length === 0 || facts.running.some((l) => l.runner === 'python' && l.script !== undefined);
    // the reloader is on, or decided by a flag the code passes (from the environment, typically)
    const run = runsAsScript ? appRuns(model).find((r) => (r.inMain || runsAtImport(r.call)) && (r.reloader === 'on' || (r.reloader === 'unknown' && r.flag))) : undefined;
    if (run) {
      const runData = { run: `${text(model, field(run.call, 'function')!)}(${text(model, field(run.call, 'arguments')!).slice(1, -1)})`, line: lineOf(run.call) };
      const brokenReported = new Set<PyNode>();
      for (const { site } of setupSites(model, imported, run.call)) {
        const guard = reloaderGuardOf(model, site);
        if (guard.kind === 'working') continue;
        if (guard.kind === 'broken') {
          if (brokenReported.has(guard.condition)) continue;
          brokenReported.add(guard.condition);
          const plan = planRepairGuard(model, run, guard.condition, site);
          out.push(finding(RULE_ID, 'brokenReloaderGuard', guard.condition, { ...runData, debug: debugTerm(model, guard.condition) }, suggestion('repairGuard', plan?.edits, { condition: plan?.condition ?? '' })));
          continue;
        }
        const plan = planReloaderGuard(model, run, site);
        out.push(finding(RULE_ID, 'setupInReloaderParent', site, { ...runData, call: `${text(model, field(site, 'function') ?? site)}(…)` }, suggestion('guardReloader', plan?.edits, { condition: plan?.condition ?? '' })));
        break; // one run of setup at a time: the fix's next pass sees the rest
      }
      return out;
    }
    // a launch whose reloader imports this module in both processes: `flask run --debug/--reload`, Django's runserver
    const launch = facts.running.find((l) => reloaderServer(l));
    if (!launch) return out;
    // reported where the setup call is (report only: no guard for these servers has been measured)
    const hit = setupSites(model, imported, undefined).find((s) => reloaderGuardOf(model, s.site).kind === 'none' && reloaderGuardOf(model, s.call).kind === 'none');
    if (hit) out.push(finding(RULE_ID, 'setupInReloaderParentLaunch', hit.call, { process: describeLaunch(facts, launch), server: reloaderServer(launch)!, call: `${text(model, field(hit.call, 'function') ?? hit.call)}(…)` }));
    return out;
  },
};

/** The reloading server a launch starts, described, or undefined. */
function reloaderServer(l: PyLaunch): string | undefined {
  if (l.runner === 'flask' && (l.reload === true || (l.debug && l.reload !== false))) return '`flask run` and the reloader';
  const args = l.args ?? [];
  if (l.runner === 'python' && args[0] === 'runserver' && !args.includes('--noreload')) return "Django's `runserver` autoreloader";
  return undefined;
}

/**
 * Setup call sites that run in the reloader parent: at module level (the script runs as
 * `__main__` in both processes) or in the main block before the run call, directly or through
 * local functions or imported project functions (the site is the statement-level call here).
 */
function setupSites(model: PyModel, imported: ReadonlySet<string>, runCall: PyNode | undefined): { site: PyNode; call: PyNode }[] {
  const attached = new Set(processorAttachments(model).map((a) => a.call));
  const isImportedSetup = (call: PyNode): boolean => {
    const callee = field(call, 'function');
    return callee?.type === 'identifier' && imported.has(callee.text ?? '') && model.resolver.bindingOf(callee)?.scope === model.scopes.module;
  };
  const out: { site: PyNode; call: PyNode }[] = [];
  for (const { call, via } of callsInOrder(model.tree.root, (c) => model.functions.calleeOf(c))) {
    if (runCall && call === runCall) break;
    if (!isGlobalSetupCall(model, call) && !attached.has(call) && !isImportedSetup(call)) continue;
    const site = via[0] ?? call;
    if (runCall) {
      if (site.range[0] > runCall.range[0]) continue;
      if (mainBlockOf(site) && mainBlockOf(site) !== mainBlockOf(runCall)) continue;
    }
    // where to point: an imported setup function's own call, else the call of the local helper that sets up
    const at = isImportedSetup(call) ? call : (via[via.length - 1] ?? call);
    if (!out.some((o) => o.site === site)) out.push({ site, call: at });
  }
  return out;
}

/** The `app.debug` of a broken guard's `not app.debug` term, as written. */
function debugTerm(model: PyModel, condition: PyNode): string {
  const m = /\bnot\s+([\w.]+(?:\[[^\]]+\]|\.get\([^)]*\))?)/.exec(text(model, condition));
  return m ? m[1]! : 'app.debug';
}
