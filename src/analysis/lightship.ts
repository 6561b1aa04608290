// lightship (a Kubernetes readiness/shutdown helper) installs the process's signal listeners
// itself: `createLightship()` adds one per signal that runs the shutdown handlers registered with
// `registerShutdownHandler()`, awaits each, then ends the process (lightship 9.0.3
// `dist/esm/factories/createLightship.js`: default signals SIGTERM/SIGHUP/SIGINT at 21, default
// `terminate` `process.exit(1)` at 22-25, handlers awaited at 177-188, `terminate()` one second
// later unless the loop has emptied at 190-195, listeners at 197-203).
import type { Node } from '../ast/node';
import { findProperty, getPropertyName, isCall, isMember, unwrap } from '../ast/node';
import type { FileModel } from './model';
import { functionFacts, resolveFunctions, stringArray } from './shutdown';

const DEFAULT_SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'];

export interface LightshipListeners {
  /** The signals lightship ends the process on. */
  readonly events: readonly string[];
  /** The functions given to `registerShutdownHandler()`: awaited before that exit. */
  readonly handlers: readonly Node[];
}

/** The signal handling of each `createLightship()` call of the file (none when its `terminate` never exits). */
export function lightshipListeners(model: FileModel): LightshipListeners[] {
  const created = model.calls.filter((c) => isLightshipCall(c, model));
  if (created.length === 0) return [];
  // a file creates one instance; its handlers are all `registerShutdownHandler` calls of the file
  const handlers = model.calls.filter((c) => isRegisterShutdownHandler(c)).flatMap((c) => resolveFunctions(c.arguments[0], model, 0));
  const out: LightshipListeners[] = [];
  for (const call of created) {
    const options = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
    const terminate = findProperty(options, 'terminate')?.value;
    if (terminate && !resolveFunctions(terminate, model, 0).some((fn) => functionFacts(fn, model).exits)) continue;
    const signals = findProperty(options, 'signals')?.value;
    out.push({ events: signals ? stringArray(signals, model) : DEFAULT_SIGNALS, handlers });
  }
  return out;
}

/** `createLightship(…)` (awaited or not) with the binding imported from `lightship`. */
function isLightshipCall(call: Node, model: FileModel): boolean {
  if (!isCall(call)) return false;
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') return importedFromLightship(callee, model) === 'createLightship';
  return isMember(callee) && getPropertyName(callee) === 'createLightship' && importedFromLightship(unwrap(callee.object), model) === '*';
}

/** The name an identifier is imported as from `lightship` (`*` for the namespace). */
function importedFromLightship(id: Node, model: FileModel): string | undefined {
  if (id.type !== 'Identifier') return undefined;
  const from = model.scopeAt(id).resolve(id.name)?.importFrom;
  return from?.module === 'lightship' ? from.name : undefined;
}

function isRegisterShutdownHandler(call: Node): boolean {
  const callee = isCall(call) ? unwrap(call.callee) : undefined;
  return callee !== undefined && isMember(callee) && getPropertyName(callee) === 'registerShutdownHandler' && call.arguments.length > 0;
}
