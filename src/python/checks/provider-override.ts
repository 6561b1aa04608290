// python/no-provider-override: `set_tracer_provider` (and the meter/logger twins) keeps the
// first provider and ignores every later call with "Overriding of current TracerProvider is
// not allowed" (python-otel-facts §v): exporters attached to the later provider receive
// nothing. Reported when a second call runs on one path, when the call sits in code that runs
// more than once per process, and when the process is started by `opentelemetry-instrument`
// (which already set one).
import type { Finding } from '../../core/finding';
import type { Check } from '../../core/language';
import type { PyModel } from '../model';
import { areExclusive, callsInOrder, enclosingFunction, enclosingLoop } from '../model/flow';
import type { RerunReason } from '../model/functions';
import { importerRerun } from '../model/importers';
import { isProviderGuarded } from '../model/guards';
import type { ProviderRegistration } from '../model/setup';
import { providerRegistrations } from '../model/setup';
import type { PyNode, PyTree } from '../nodes';
import { field } from '../nodes';
import { planReuseProvider, planGuardedSetup } from '../../fix/python/reuse-provider';
import { finding, lineOf, modelOf, PYTHON_RULE_PREFIX, suggestion, text } from './common';
import type { PyLaunch } from '../project';
import { compareBetaVersions } from '../project/versions';
import { LOGGER_PROVIDER_SET_BY_CLI_FROM } from '../table';
import type { FileProcesses } from './process-facts';
import { describeLaunch, instrumentedLaunches, processesOf } from './process-facts';

export type ProviderOverrideMessageId = 'overrideOnPath' | 'overrideInRerunnable' | 'overrideUnderCli' | 'reuseProvider' | 'guardSetup';

export const RULE_ID = `${PYTHON_RULE_PREFIX}no-provider-override`;

export const providerOverrideMessages = {
  overrideOnPath:
    '`{{call}}` runs after `{{first}}` (line {{line}}): the first provider stays ("Overriding of current {{Kind}} is not allowed"), so everything attached to `{{provider}}` receives nothing. Reuse the provider already set (`npx otel-codemod reuse-provider`).',
  overrideInRerunnable:
    '`{{call}}` is in {{where}}, which runs more than once per process: only the first call takes effect ("Overriding of current {{Kind}} is not allowed"), and every later provider keeps its exporters and threads but receives nothing. Set up once: skip it when a provider is set (`npx otel-codemod reuse-provider`).',
  overrideUnderCli:
    '{{process}} starts this code under `opentelemetry-instrument`, which has already set a {{Kind}}: `{{call}}` is ignored and everything attached to `{{provider}}` receives nothing. Configure the CLI with OTEL_* variables, or skip this setup when a provider is set (`npx otel-codemod reuse-provider`).',
  reuseProvider: 'Attach to the provider already set (`get_tracer_provider()`) and drop the second `set_tracer_provider`.',
  guardSetup: 'Run this setup only while no tracer provider is set (`isinstance(…, ProxyTracerProvider)`).',
} as const;

const KIND: Readonly<Record<string, string>> = { traces: 'TracerProvider', metrics: 'MeterProvider', logs: 'LoggerProvider' };

export const providerOverrideCheck: Check<PyTree, ProviderOverrideMessageId> = {
  ruleId: RULE_ID,
  language: 'python',
  messages: providerOverrideMessages,
  run(input) {
    const model = modelOf(input);
    const regs = providerRegistrations(model).filter((r) => !isProviderGuarded(model, r.call));
    if (regs.length === 0) return [];
    const out: Finding<ProviderOverrideMessageId>[] = [];
    const reported = new Set<PyNode>();
    const report = (f: Finding<ProviderOverrideMessageId>, reg: ProviderRegistration): void => {
      if (reported.has(reg.call)) return;
      reported.add(reg.call);
      out.push(f);
    };
    // 1. under opentelemetry-instrument: every registration is ignored
    const facts = processesOf(input.file.path);
    // a server whose serving children the CLI does not initialise (reloader/workers with ≤ 0.62b1) has no CLI provider there
    const cli = instrumentedLaunches(facts).find((l) => !(servesFromUninstrumentedChild(l) && facts.project?.instrumentation?.reloaderBreaks === true));
    if (cli) {
      for (const reg of regs) {
        if (reg.signal === 'logs' && !cliSetsLoggerProvider(facts, cli)) continue;
        // the CLI's provider is there: attach to it (dedupe-span-processors then drops what it already exports), else skip the setup
        const reuse = planReuseProvider(model, reg);
        const suggestions = reuse ? suggestion('reuseProvider', reuse) : suggestion('guardSetup', planGuardedSetup(model, reg));
        report(finding(RULE_ID, 'overrideUnderCli', reg.call, { ...describe(model, reg), process: describeLaunch(facts, cli) }, suggestions), reg);
      }
      return out;
    }
    // 2. a second registration of the same signal on one path
    for (const [second, first] of overridesOnPath(model, regs)) {
      report(finding(RULE_ID, 'overrideOnPath', second.call, { ...describe(model, second), first: text(model, first.call), line: lineOf(first.call) }, suggestion('reuseProvider', planReuseProvider(model, second))), second);
    }
    // 3. a registration in code that runs more than once
    for (const reg of regs) {
      const why = rerunOf(model, reg.call);
      if (why) report(finding(RULE_ID, 'overrideInRerunnable', reg.call, { ...describe(model, reg), where: describeRerun(why) }, suggestion('guardSetup', planGuardedSetup(model, reg))), reg);
    }
    return out;
  },
};

/**
 * The CLI sets a LoggerProvider from opentelemetry-sdk 1.30 on, and before that only with
 * OTEL_PYTHON_LOGGING_AUTO_INSTRUMENTATION_ENABLED=true (found by the real-world set's labelling:
 * SDK 1.17 under the CLI set none). An unknown SDK version says nothing.
 */
/** Launches whose requests are served by child processes the CLI re-runs (reloaders, uvicorn workers). */
function servesFromUninstrumentedChild(l: PyLaunch): boolean {
  if (l.runner === 'flask') return l.reload === true || (l.debug && l.reload !== false);
  if (l.runner === 'uvicorn') return !!l.reload || (l.workers ?? 1) > 1;
  return l.runner === 'python' && (l.args ?? [])[0] === 'runserver' && !(l.args ?? []).includes('--noreload');
}

function cliSetsLoggerProvider(facts: FileProcesses, launch: PyLaunch): boolean {
  if ((launch.env.OTEL_PYTHON_LOGGING_AUTO_INSTRUMENTATION_ENABLED ?? '').toLowerCase() === 'true') return true;
  const sdk = facts.project?.sdk;
  return !!sdk && sdk.source !== 'bound' && (compareBetaVersions(sdk.version, LOGGER_PROVIDER_SET_BY_CLI_FROM) ?? -1) >= 0;
}

function describe(model: PyModel, reg: ProviderRegistration): Record<string, string> {
  return { call: `${text(model, field(reg.call, 'function')!)}(…)`, Kind: KIND[reg.signal]!, provider: reg.argument ? text(model, reg.argument) : 'it' };
}

/** Pairs (later, earlier) of registrations of one signal that both run in one pass: in one body, or through local calls at import. */
function overridesOnPath(model: PyModel, regs: readonly ProviderRegistration[]): [ProviderRegistration, ProviderRegistration][] {
  const out: [ProviderRegistration, ProviderRegistration][] = [];
  const byCall = new Map(regs.map((r) => [r.call, r]));
  const bodies = new Set<PyNode>([model.tree.root]);
  for (const r of regs) {
    const fn = enclosingFunction(r.call);
    if (fn?.type === 'function_definition') bodies.add(field(fn, 'body')!);
  }
  for (const body of bodies) {
    const seen = new Map<string, { reg: ProviderRegistration; site: PyNode }>();
    for (const { call, via } of callsInOrder(body, (c) => model.functions.calleeOf(c))) {
      const reg = byCall.get(call);
      if (!reg) continue;
      const site = via[0] ?? call; // compare where the two run in this body
      const earlier = seen.get(reg.signal);
      if (earlier && earlier.reg.call !== call && !areExclusive(earlier.site, site) && !out.some(([s]) => s === reg)) out.push([reg, earlier.reg]);
      if (!earlier) seen.set(reg.signal, { reg, site });
    }
  }
  return out;
}

/** Why the code holding `call` runs more than once per process. */
function rerunOf(model: PyModel, call: PyNode): RerunReason | undefined {
  const fn = enclosingFunction(call);
  const loop = enclosingLoop(call);
  // a registration under a condition inside the loop is per-item dispatch (one signal per pass), not a repeat
  if (loop && !hasConditionBetween(call, loop)) return { kind: 'loop', name: fn?.type === 'function_definition' ? (field(fn, 'name')?.text ?? '') : '' };
  if (fn?.type !== 'function_definition') return undefined;
  return model.functions.rerunReason(fn) ?? importerRerun(model, fn);
}

function hasConditionBetween(node: PyNode, outer: PyNode): boolean {
  for (let n = node.parent; n && n !== outer; n = n.parent) if (n.type === 'if_statement' || n.type === 'match_statement' || n.type === 'try_statement') return true;
  return false;
}

/** "the request handler `index`", "`init`, called from the app factory `create_app`". */
export function describeRerun(why: RerunReason): string {
  switch (why.kind) {
    case 'request-handler':
      return `the request handler \`${why.name}\``;
    case 'fixture':
      return `the pytest fixture \`${why.name}\``;
    case 'app-factory':
      return `the app factory \`${why.name}\` (run once per app it builds: every test, every \`flask\` command)`;
    case 'gunicorn-hook':
      return `the Gunicorn hook \`${why.name}\``;
    case 'loop':
      return why.name ? `a loop in \`${why.name}\`` : 'a loop';
    case 'called-twice':
      return `\`${why.name}\`, which is called more than once`;
    case 'caller':
      return `\`${why.name}\`, called ${why.file ? `in ${why.file} ` : ''}from ${describeRerun(why.via)}`;
  }
}
