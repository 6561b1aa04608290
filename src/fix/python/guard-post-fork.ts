// guard-post-fork: fixes what python/no-preload-double-init reports. A worker that inherited the
// preloaded app's provider keeps it (python-otel-facts §vii: with the check, one export per span);
// one without sets it up. When the setup is the rest of post_fork, the hook returns early right
// before it; otherwise the setup is wrapped:
//     if not isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
//         return  # already set up before the fork (preload_app)
import type { TextEdit } from '../../core/edits';
import type { PyModel } from '../../python/model';
import type { PyNode } from '../../python/nodes';
import { namesUsedAfter, planProviderGuard, setupRunAround } from './setup-run';
import { ensureModule, indentAt, indentUnit, lineEnding, lineStart, mergeImportEdits } from './text';

export function planPostForkGuard(model: PyModel, setupCall: PyNode): TextEdit[] | undefined {
  const run = setupRunAround(model, setupCall);
  if (!run) return undefined;
  const body = run.first.parent;
  const isRest = body?.type === 'block' && body.parent?.type === 'function_definition' && body.children[body.children.length - 1] === run.last;
  if (isRest) {
    const trace = ensureModule(model, 'opentelemetry.trace');
    const indent = indentAt(model.text, run.first.range[0]);
    const eol = lineEnding(model.text);
    const at = lineStart(model.text, run.first.range[0]);
    const guard = `${indent}if not isinstance(${trace.name}.get_tracer_provider(), ${trace.name}.ProxyTracerProvider):${eol}${indent}${indentUnit(model.text)}return  # already set up before the fork (preload_app)${eol}`;
    return mergeImportEdits([...trace.edits, { range: [at, at], text: guard }]);
  }
  if (namesUsedAfter(model, run).size > 0) return undefined;
  return planProviderGuard(model, run, undefined);
}
