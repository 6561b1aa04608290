// python/no-reloader-auto-instrumentation: under `opentelemetry-instrument`, Werkzeug's reloader
// restarts the app in a child interpreter. With opentelemetry-instrumentation up to 0.62b1 the
// CLI had removed its sitecustomize directory from PYTHONPATH by then, so the child that serves
// every request starts uninstrumented (python-otel-facts §iv, §vi: [RUN] 0 spans; from 0.63b0
// the directory is re-injected and the child is instrumented). Version-aware: reported with
// 0.62b1 or older, and when the version cannot be found (the message says so).
import type { Finding } from '../../core/finding';
import type { Check } from '../../core/language';
import type { PyModel } from '../model';
import type { AppRun } from '../model/apps';
import { appRuns, truth } from '../model/apps';
import { mainBlockOf, runsAtImport } from '../model/flow';
import { keywordArgument } from '../model/functions';
import { calleeSpec } from '../model/setup';
import type { PyLaunch } from '../project';
import type { PyTree } from '../nodes';
import { field } from '../nodes';
import { planNoReloader } from '../../fix/python/disable-reloader';
import { RELOADER_FIXED_IN } from '../table';
import { finding, modelOf, PYTHON_RULE_PREFIX, suggestion, text } from './common';
import { describeLaunch, processesOf } from './process-facts';

export type ReloaderAutoInstrumentationMessageId =
  | 'reloaderChildUninstrumented'
  | 'reloaderChildMayBeUninstrumented'
  | 'flaskRunReloaderUninstrumented'
  | 'serverChildUninstrumented'
  | 'disableReloader';

export const RULE_ID = `${PYTHON_RULE_PREFIX}no-reloader-auto-instrumentation`;

export const reloaderAutoInstrumentationMessages = {
  reloaderChildUninstrumented:
    '{{process}} runs this under `opentelemetry-instrument`, and `{{call}}` starts Werkzeug\'s reloader: with opentelemetry-instrumentation {{version}} ({{source}}) the reloader child, which serves every request, starts uninstrumented and produces no spans (fixed in ' + RELOADER_FIXED_IN + '). Pass `use_reloader=False` (`npx otel-codemod disable-reloader`) or upgrade.',
  reloaderChildMayBeUninstrumented:
    '{{process}} runs this under `opentelemetry-instrument`, and `{{call}}` starts Werkzeug\'s reloader. The installed opentelemetry-instrumentation version is unknown here: up to 0.62b1 the reloader child, which serves every request, starts uninstrumented and produces no spans (fixed in ' + RELOADER_FIXED_IN + '). Pin the version, or pass `use_reloader=False` (`npx otel-codemod disable-reloader`).',
  flaskRunReloaderUninstrumented:
    '{{process}} serves this app with `flask run` and the reloader on under `opentelemetry-instrument`: {{versionNote}} the reloader child, which serves every request, starts uninstrumented (fixed in ' + RELOADER_FIXED_IN + '). Add `--no-reload` to that command.',
  serverChildUninstrumented:
    '{{process}} starts {{server}} under `opentelemetry-instrument`: {{versionNote}} its child processes, which serve every request, start uninstrumented (fixed in ' + RELOADER_FIXED_IN + '). {{fix}}',
  disableReloader: 'Pass `use_reloader=False` (debug mode and the debugger stay on).',
} as const;

export const reloaderAutoInstrumentationCheck: Check<PyTree, ReloaderAutoInstrumentationMessageId> = {
  ruleId: RULE_ID,
  language: 'python',
  messages: reloaderAutoInstrumentationMessages,
  run(input) {
    const model = modelOf(input);
    const runs = appRuns(model);
    const facts = processesOf(input.file.path);
    const launches = facts.running.filter((l) => l.instrumented);
    if (launches.length === 0) return [];
    const version = facts.project?.instrumentation;
    if (version?.reloaderBreaks === false) return [];
    const versionData = version ? { version: version.version, source: `${version.source} in ${version.file.slice((facts.project?.dir.length ?? -1) + 1)}` } : undefined;
    const out: Finding<ReloaderAutoInstrumentationMessageId>[] = [];
    for (const launch of launches) {
      if (launch.runner === 'python') {
        for (const run of runs) {
          if (!reloaderOn(run, launch) || !(run.inMain || runsAtImport(run.call))) continue;
          const data = { process: describeLaunch(facts, launch), call: `${text(model, field(run.call, 'function')!)}(…)`, ...(versionData ?? {}) };
          out.push(finding(RULE_ID, versionData ? 'reloaderChildUninstrumented' : 'reloaderChildMayBeUninstrumented', run.call, data, suggestion('disableReloader', planNoReloader(model, run))));
        }
      } else if (launch.runner === 'flask' && (launch.reload === true || (launch.debug && launch.reload !== false))) {
        const at = appNode(model);
        if (at) out.push(finding(RULE_ID, 'flaskRunReloaderUninstrumented', at, { process: describeLaunch(facts, launch), versionNote: versionNote(versionData) }));
      }
      const server = childProcessServer(launch);
      const at = server ? serverNode(model) : undefined;
      if (server && at) out.push(finding(RULE_ID, 'serverChildUninstrumented', at, { process: describeLaunch(facts, launch), versionNote: versionNote(versionData), ...server }));
      if (launch.runner === 'python') {
        // uvicorn.run(..., reload=True | workers=N) in the script the CLI runs
        for (const call of model.calls) {
          if (calleeSpec(model, call)?.kind !== 'uvicorn-run' || !(mainBlockOf(call) || runsAtImport(call))) continue;
          const reload = truth(model, keywordArgument(call, 'reload')) === 'on';
          const workers = Number(keywordArgument(call, 'workers')?.text ?? '1');
          if (!reload && !(workers > 1)) continue;
          out.push(finding(RULE_ID, 'serverChildUninstrumented', call, { process: describeLaunch(facts, launch), versionNote: versionNote(versionData), server: reload ? '`uvicorn.run(…, reload=True)`' : `\`uvicorn.run(…, workers=${workers})\``, fix: reload ? 'Drop `reload=True`, or upgrade.' : 'Upgrade opentelemetry-instrumentation.' }));
        }
      }
    }
    return dedupe(out);
  },
};

function versionNote(v: { version: string; source: string } | undefined): string {
  return v ? `with opentelemetry-instrumentation ${v.version} (${v.source})` : 'the installed opentelemetry-instrumentation version is unknown here; up to 0.62b1';
}

/** uvicorn with `--reload` or more than one worker, Django's `runserver` with its autoreloader: servers whose children serve. */
function childProcessServer(launch: PyLaunch): { server: string; fix: string } | undefined {
  if (launch.runner === 'uvicorn' && launch.reload) return { server: '`uvicorn --reload`', fix: 'Drop `--reload` from that command, or upgrade.' };
  if (launch.runner === 'uvicorn' && (launch.workers ?? 1) > 1) return { server: `\`uvicorn --workers ${launch.workers}\``, fix: 'Upgrade opentelemetry-instrumentation (no flag keeps the workers instrumented).' };
  const args = launch.args ?? [];
  if (launch.runner === 'python' && args[0] === 'runserver' && !args.includes('--noreload')) return { server: "Django's `runserver` with its autoreloader", fix: 'Add `--noreload` to that command, or upgrade.' };
  return undefined;
}

/** Where a server finding goes: the app construction, Django's `execute_from_command_line(...)`, else the first statement. */
function serverNode(model: PyModel) {
  return model.calls.find((c) => /^(fastapi\.)?FastAPI$|(^|\.)execute_from_command_line$/.test(text(model, field(c, 'function')!))) ?? model.tree.root.children[0];
}

/** The reloader of `app.run()` in a process: the code's flag, else FLASK_DEBUG in the launch's environment. */
function reloaderOn(run: AppRun, launch: PyLaunch): boolean {
  if (run.reloader === 'on') return true;
  return run.reloader === 'unknown' && run.debugFromEnv && launch.debug;
}

/** Where to report a `flask run` finding: the app construction, else the first statement. */
function appNode(model: PyModel) {
  return model.calls.find((c) => /^(flask\.)?Flask$/.test(text(model, field(c, 'function')!))) ?? model.tree.root.children[0];
}

function dedupe<T extends { range: readonly [number, number]; messageId: string }>(fs: T[]): T[] {
  const seen = new Set<string>();
  return fs.filter((f) => {
    const k = `${f.range[0]}:${f.messageId}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
