// python/no-late-instrumentor: `FlaskInstrumentor().instrument()` replaces the module attribute
// `flask.Flask`; a name taken before that (`from flask import Flask` earlier in the file's
// execution) still holds the original class, so an app built from it is never instrumented
// (python-otel-facts §i: [RUN] `[]` spans). FastAPI's instrumentor replaces `fastapi.FastAPI`
// the same way. `instrument()` twice, or with `instrument_app(app)`, is harmless: not reported.
import type { Finding } from '../../core/finding';
import type { Check } from '../../core/language';
import type { PyModel } from '../model';
import { callsInOrder, runsAtImport } from '../model/flow';
import type { Binding } from '../model/scope';
import { appBuilds } from '../model/apps';
import type { PyNode, PyTree } from '../nodes';
import { field } from '../nodes';
import { planInstrumentApp } from '../../fix/python/instrument-app';
import { finding, lineOf, modelOf, PYTHON_RULE_PREFIX, suggestion, text } from './common';

export type LateInstrumentorMessageId = 'instrumentedTooLate' | 'instrumentApp';

export const RULE_ID = `${PYTHON_RULE_PREFIX}no-late-instrumentor`;

export const lateInstrumentorMessages = {
  instrumentedTooLate:
    '`{{call}}` replaces `{{module}}.{{name}}` after this file took `{{name}}` by name (line {{importLine}}): `{{app}}` is built from the original class and is never instrumented, so its requests produce no spans. Instrument the app itself (`npx otel-codemod instrument-app`).',
  instrumentApp: 'Call `{{instrumentor}}.{{method}}({{app}})` after `{{app}}` is built.',
} as const;

export const lateInstrumentorCheck: Check<PyTree, LateInstrumentorMessageId> = {
  ruleId: RULE_ID,
  language: 'python',
  messages: lateInstrumentorMessages,
  run(input) {
    const model = modelOf(input);
    const out: Finding<LateInstrumentorMessageId>[] = [];
    for (const call of model.calls) {
      const inst = instrumentCall(model, call);
      if (!inst) continue;
      const { module, name } = inst.patches;
      for (const build of appBuilds(model, module, name)) {
        if (!bindingTakenBefore(model, build.classBinding, call)) continue;
        if (isInstrumentedApp(model, build.app, inst.method)) continue;
        const data = {
          call: text(model, field(call, 'function')!) + '()',
          module,
          name,
          importLine: lineOf(build.classBinding.node),
          app: build.app.text ?? 'app',
          instrumentor: text(model, inst.instrumentor),
          method: inst.method,
        };
        out.push(finding(RULE_ID, 'instrumentedTooLate', call, data, suggestion('instrumentApp', planInstrumentApp(model, call, inst.instrumentor, inst.method, build), data)));
        break; // one report per instrument() call; the fix's next pass sees the next app
      }
    }
    return out;
  },
};

/** `X().instrument(...)` where X is an instrumentor that patches a framework class. */
function instrumentCall(model: PyModel, call: PyNode): { instrumentor: PyNode; patches: { module: string; name: string }; method: string } | undefined {
  const callee = field(call, 'function');
  if (callee?.type !== 'attribute' || field(callee, 'attribute')?.text !== 'instrument') return undefined;
  const obj = field(callee, 'object')!;
  const ref = model.resolver.resolve(obj);
  const spec = ref.kind === 'instance' ? ref.of.spec : undefined;
  if (spec?.kind !== 'instrumentor' || !spec.patches || !spec.appMethod) return undefined;
  return { instrumentor: obj, patches: spec.patches, method: spec.appMethod };
}

/**
 * True when the class name was bound before `instrument()` runs: the binding runs at import
 * and the instrument call does not run at import before it (a call in a function runs after
 * the module was imported).
 */
function bindingTakenBefore(model: PyModel, binding: Binding, instrument: PyNode): boolean {
  if (!runsAtImport(binding.node)) return false;
  const order = callsInOrder(model.tree.root, (c) => model.functions.calleeOf(c));
  const at = order.find((o) => o.call === instrument);
  if (!at) return true; // runs later, from outside the module's import
  const site = at.via[0] ?? at.call;
  return site.range[0] > binding.node.range[0];
}

/** `Instrumentor.instrument_app(app)` anywhere in the file (instrumenting twice is harmless). */
function isInstrumentedApp(model: PyModel, app: PyNode, method: string): boolean {
  return model.calls.some((c) => {
    const callee = field(c, 'function');
    if (callee?.type !== 'attribute' || field(callee, 'attribute')?.text !== method) return false;
    const arg = field(c, 'arguments')?.children[0];
    return arg?.type === 'identifier' && arg.text === app.text;
  });
}
