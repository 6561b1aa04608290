// python/no-preload-double-init: with Gunicorn's `preload_app = True` / `--preload` the master
// imports the app before forking, so tracing set up at import lives in every worker already
// (the SDK re-initialises its processors after fork). A `post_fork` hook that sets tracing up
// again without checking for a ProxyTracerProvider exports every span twice (or installs a
// provider that is ignored): python-otel-facts §vii, [RUN] `tag=post_fork` and `tag=import`.
import { dirname, join } from 'node:path';
import type { Finding } from '../../core/finding';
import type { Check } from '../../core/language';
import { readText } from '../../project/files';
import type { PyModel } from '../model';
import { getPyModel } from '../model';
import { callsInOrder, stringValue } from '../model/flow';
import { isProviderGuarded } from '../model/guards';
import { isGlobalSetupCall, processorAttachments } from '../model/setup';
import type { PyNode, PyTree } from '../nodes';
import { field } from '../nodes';
import { parsePython } from '../parser';
import type { PythonProject } from '../project';
import { getPythonProject, importedModules } from '../project';
import { planPostForkGuard } from '../../fix/python/guard-post-fork';
import { finding, lineOf, modelOf, PYTHON_RULE_PREFIX, suggestion, text } from './common';

export type PreloadDoubleInitMessageId = 'setupAgainAfterPreload' | 'guardPostFork';

export const RULE_ID = `${PYTHON_RULE_PREFIX}no-preload-double-init`;

export const preloadDoubleInitMessages = {
  setupAgainAfterPreload:
    '{{preload}} makes the Gunicorn master import `{{app}}` before forking, and it sets up tracing at import ({{where}}): every worker inherits that provider, so `{{call}}` in `post_fork` sets it up a second time and every span is exported twice (or this provider is ignored). Skip it when a provider is already set (`npx otel-codemod guard-post-fork`).',
  guardPostFork: 'Run the post_fork setup only while no tracer provider is set (`isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider)`).',
} as const;

export const preloadDoubleInitCheck: Check<PyTree, PreloadDoubleInitMessageId> = {
  ruleId: RULE_ID,
  language: 'python',
  messages: preloadDoubleInitMessages,
  run(input) {
    const model = modelOf(input);
    const postFork = postForkHook(model);
    if (!postFork) return [];
    const setup = unguardedSetup(model, postFork);
    if (!setup) return [];
    const project = getPythonProject(input.file.path);
    const preload = preloadSetting(model, project, input.file.path);
    if (!preload) return [];
    const app = appModule(model, project, input.file.path);
    if (!app) return [];
    const where = importTimeSetup(app.file, app.text, undefined, [dirname(input.file.path), ...(project ? [project.dir] : [])]);
    if (!where) return [];
    const data = { preload, app: app.name, where, call: `${text(model, field(setup, 'function')!)}(…)` };
    const out: Finding<PreloadDoubleInitMessageId>[] = [finding(RULE_ID, 'setupAgainAfterPreload', setup, data, suggestion('guardPostFork', planPostForkGuard(model, setup)))];
    return out;
  },
};

/** A module-level `def post_fork(server, worker):`. */
function postForkHook(model: PyModel): PyNode | undefined {
  for (const s of model.tree.root.children) {
    const def = s.type === 'decorated_definition' ? field(s, 'definition') : s;
    if (def?.type === 'function_definition' && field(def, 'name')?.text === 'post_fork') return def;
  }
  return undefined;
}

/** The first setup call `post_fork` makes (directly or through local functions) with no provider guard. */
function unguardedSetup(model: PyModel, hook: PyNode): PyNode | undefined {
  const attached = new Set(processorAttachments(model).filter((a) => a.onGlobal).map((a) => a.call));
  for (const { call, via } of callsInOrder(field(hook, 'body')!, (c) => model.functions.calleeOf(c))) {
    if (!isGlobalSetupCall(model, call) && !attached.has(call)) continue;
    const site = via[0] ?? call;
    if (isProviderGuarded(model, call) || isProviderGuarded(model, site)) continue;
    return site;
  }
  return undefined;
}

/** `preload_app = True` in this config, or `--preload` on a command that uses it. */
function preloadSetting(model: PyModel, project: PythonProject | undefined, filename: string): string | undefined {
  for (const s of model.tree.root.children) {
    const e = s.type === 'expression_statement' ? s.children[0] : undefined;
    if (e?.type === 'assignment' && field(e, 'left')?.text === 'preload_app' && field(e, 'right')?.type === 'true') return `\`preload_app = True\` (line ${lineOf(s)})`;
  }
  for (const l of project?.launches ?? []) {
    if (l.runner === 'gunicorn' && l.preload && l.config && samePath(join(l.cwd, l.config), filename)) return `\`--preload\` in ${relativeTo(project!.dir, l.file)}:${l.line}`;
  }
  return undefined;
}

/** The app module Gunicorn loads: `wsgi_app = "pkg.mod:app"` here, or the app of a command using this config. */
function appModule(model: PyModel, project: PythonProject | undefined, filename: string): { name: string; file: string; text: string } | undefined {
  const dir = project?.dir ?? dirname(filename);
  const candidates: string[] = [];
  for (const s of model.tree.root.children) {
    const e = s.type === 'expression_statement' ? s.children[0] : undefined;
    if (e?.type === 'assignment' && field(e, 'left')?.text === 'wsgi_app') {
      const v = stringValue(field(e, 'right'));
      if (v) candidates.push(v.split(':')[0]!);
    }
  }
  for (const l of project?.launches ?? []) if (l.runner === 'gunicorn' && l.config && samePath(join(l.cwd, l.config), filename) && l.module) candidates.push(l.module);
  for (const name of candidates) {
    const rel = name.split('.').join('/');
    // beside the config first (Gunicorn's default chdir), then from the project root
    const found = [dirname(filename), dir].flatMap((d) => [join(d, `${rel}.py`), join(d, rel, '__init__.py')]).find((f) => readText(f) !== undefined);
    const text = found ? readText(found) : undefined;
    if (found && text !== undefined) return { name, file: found, text };
  }
  return undefined;
}

/**
 * Where a module sets up tracing when imported (`app.py:12`), directly, through its own
 * functions, or through a project module it imports whose function it calls at import (one level).
 */
function importTimeSetup(file: string, source: string, calledHere?: ReadonlySet<string>, roots: readonly string[] = [], moduleOnly = false): string | undefined {
  if ((calledHere || moduleOnly) && !source.includes('opentelemetry')) return undefined;
  let tree: PyTree;
  try {
    tree = parsePython(source);
  } catch {
    return undefined;
  }
  const model = getPyModel(tree, file, undefined);
  const attached = new Set(processorAttachments(model).map((a) => a.call));
  const isSetup = (call: PyNode): boolean => isGlobalSetupCall(model, call) || attached.has(call);
  const at = (node: PyNode): string => `${file.split('/').pop()}:${node.loc.start.line}`;
  const order = callsInOrder(tree.root, (c) => model.functions.calleeOf(c));
  for (const { call, via } of order) if (isSetup(call)) return at(via[0] ?? call);
  if (moduleOnly) return undefined;
  if (calledHere) {
    // an imported module: setup inside a function the importer calls at import
    for (const [fn, info] of model.functions.byNode) {
      if (!calledHere.has(info.name)) continue;
      const inner = callsInOrder(field(fn, 'body')!, (c) => model.functions.calleeOf(c)).find((o) => isSetup(o.call));
      if (inner) return at(inner.via[0] ?? inner.call);
    }
    return undefined;
  }
  const called = new Set(order.map((o) => field(o.call, 'function')).map((f) => (f?.type === 'identifier' ? f.text! : f?.type === 'attribute' ? (field(f, 'attribute')?.text ?? '') : '')));
  // importing a project module runs it: follow `import app.tracing`, `from app import tracing`, `from .telemetry import setup`
  for (const s of tree.root.children) {
    if (s.type !== 'import_from_statement' && s.type !== 'import_statement') continue;
    const line = model.text.slice(s.range[0], s.range[1]);
    const relative = /^from\s+\./.test(line);
    for (const name of importedModules(line.replace(/^from\s+\.+/, 'from '))) {
      if (name.startsWith('opentelemetry')) continue;
      const rel = name.split('.').join('/');
      const bases = relative ? [dirname(file)] : [dirname(file), ...roots];
      for (const candidate of bases.flatMap((b) => [join(b, `${rel}.py`), join(b, rel, '__init__.py')])) {
        const t = readText(candidate);
        if (t === undefined || candidate === file) continue;
        // a module imported whole runs at import; a name imported from it may be a setup function called here
        const found = importTimeSetup(candidate, t, called, roots) ?? importTimeSetup(candidate, t, undefined, [], true);
        if (found) return found;
      }
    }
  }
  return undefined;
}

function samePath(a: string, b: string): boolean {
  return join(a) === join(b);
}

function relativeTo(dir: string, file: string): string {
  return file.startsWith(`${dir}/`) ? file.slice(dir.length + 1) : file;
}
