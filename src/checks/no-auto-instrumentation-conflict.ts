// What `no-auto-instrumentation-conflict` reports: SDK setup in code in a package whose
// scripts / NODE_OPTIONS / Dockerfile already preload an SDK-starting module.
import type { FileModel } from '../analysis';
import { getRegistrationSites } from '../analysis';
import { handlersReach, scriptReaches } from '../project';
import { findPreloads } from '../project/preload';
import { frameworkSignalOwner, scriptOnlyBuildsNext } from '../project/frameworks';
import { getRange } from '../ast/node';
import { filePlatform } from '../analysis/environment';
import type { Report } from './types';
import type { Messages } from '../core/messages';
import { defineJsCheck, type JsCheck } from './define';

export type AutoInstrumentationConflictMessageId = 'setupWithPreload';

/** The messages of `no-auto-instrumentation-conflict` (the rule's `meta.messages`; every other surface formats them too). */
export const messages: Messages<AutoInstrumentationConflictMessageId> = {
  setupWithPreload:
    '`{{label}}` sets up OpenTelemetry in code, but {{source}} already preloads `{{module}}`: {{what}}. Remove the preload flag or this setup.',
};

/** `no-auto-instrumentation-conflict`'s detection, shared by the rule, the codemods and doctor. */
export const noAutoInstrumentationConflict: JsCheck<AutoInstrumentationConflictMessageId, undefined> = defineJsCheck({ ruleId: 'no-auto-instrumentation-conflict', messages, check: checkAutoInstrumentationConflict });

/** Every report of `no-auto-instrumentation-conflict` for a file. */
export function checkAutoInstrumentationConflict(model: FileModel): Report<AutoInstrumentationConflictMessageId>[] {
  const sites = getRegistrationSites(model).filter((s) => s.kind !== 'side-effect-import' && (s.globals.includes('trace') || s.globals.includes('instrumentations')));
  if (sites.length === 0) return [];
  // a preload runs in a Node process: browser code (a Vite bundle whose image preloads the Node
  // auto-instrumentations for its build and static server, holdout11 A1) never shares it
  if (filePlatform(model).platform !== 'node') return [];
  // a script's preload shares a process with this setup only when that script's process loads this file:
  // `start` preloading the setup and `basic` preloading the vendor's register are two alternatives
  // and a serverless.yml preload only a module that one of its Lambda handlers loads (holdout13)
  // and a `next build` script's preload no module that only Next's running server loads (holdout14)
  const onlyNextServer = (script: string) => scriptOnlyBuildsNext(model.filename, script) && frameworkSignalOwner(model.filename, model.cwd)?.framework === 'Next.js';
  const preloads = findPreloads(model.filename, model.table).filter(
    (p) =>
      !model.filename.includes(p.module) &&
      (p.script === undefined || (scriptReaches(model.filename, p.script) && !onlyNextServer(p.script))) &&
      (p.handlers === undefined || handlersReach(model.filename, p.handlers)),
  );
  if (preloads.length === 0) return [];
  const p = preloads[0]!;
  return sites.map((site) => ({
    messageId: 'setupWithPreload' as const,
    range: getRange(site.node),
    data: {
      label: site.label,
      module: p.module,
      source: p.source,
      what: site.kind === 'instrumentations' ? 'its instrumentations patch the same modules again' : 'two SDKs start: this registration is ignored by the first-wins API and instrumentations are patched twice',
    },
    suggestions: [],
  }));
}
