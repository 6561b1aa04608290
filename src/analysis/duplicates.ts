// The same global registered twice on one path through a module.
import type { Node } from '../ast/node';
import { isFunction } from '../ast/node';
import type { GlobalSlot } from '../otel/types';
import { areMutuallyExclusive } from './branches';
import type { FileModel } from './model';
import type { RegistrationSite } from './registration';
import { getRegistrationSites } from './registration';

export interface DuplicateRegistration {
  /** The later, redundant registration. */
  readonly site: RegistrationSite;
  /** The registration that wins. */
  readonly first: RegistrationSite;
  /** Globals both install. */
  readonly globals: readonly GlobalSlot[];
  /** Both register the same object (`provider.register()` then `trace.setGlobalTracerProvider(provider)`). */
  readonly sameSubject: boolean;
}

/**
 * Every registration that repeats an earlier one in the same function (or at
 * module level) on a path where both run. Instrumentation registration is left
 * to `no-duplicate-instrumentation`.
 */
export function findDuplicateRegistrations(model: FileModel): DuplicateRegistration[] {
  const sites = getRegistrationSites(model).filter((s) => s.kind !== 'instrumentations');
  const out: DuplicateRegistration[] = [];
  for (let j = 1; j < sites.length; j++) {
    const later = sites[j]!;
    for (let i = 0; i < j; i++) {
      const first = sites[i]!;
      const globals = later.globals.filter((g) => g !== 'instrumentations' && first.globals.includes(g));
      if (globals.length === 0) continue;
      if (executionContext(first.node, model) !== executionContext(later.node, model)) continue;
      if (areMutuallyExclusive(first.node, later.node, model)) continue;
      out.push({ site: later, first, globals, sameSubject: !!first.subjectKey && first.subjectKey === later.subjectKey });
      break;
    }
  }
  return out;
}

/** The function whose single run executes the node (immediately invoked functions run with their parent), or the Program. */
function executionContext(node: Node, model: FileModel): Node {
  for (const a of model.ancestors(node)) {
    if (!isFunction(a)) continue;
    const p = model.parents.get(a);
    if (p && (p.type === 'CallExpression' || p.type === 'OptionalCallExpression') && p.callee === a) continue;
    return a;
  }
  return model.program;
}
