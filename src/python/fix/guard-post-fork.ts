// guard-post-fork: fixes what python/no-preload-double-init reports. The setup in `post_fork`
// is wrapped in `if isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):`, so a
// worker that inherited the preloaded app's provider keeps it and one without sets it up
// (python-otel-facts §vii: with the guard, one export per span).
import type { TextEdit } from '../../core/edits';
import type { PyModel } from '../model';
import type { PyNode } from '../nodes';
import { namesUsedAfter, planProviderGuard, setupRunAround } from './setup-run';

export function planPostForkGuard(model: PyModel, setupCall: PyNode): TextEdit[] | undefined {
  const run = setupRunAround(model, setupCall);
  if (!run || namesUsedAfter(model, run).size > 0) return undefined;
  return planProviderGuard(model, run, undefined);
}
