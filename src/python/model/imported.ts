// Setup in the project's own modules, followed one import deep: a function imported with
// `from .telemetry import setup` / `from o11y import create_tracer` whose body (in that file)
// installs telemetry. Read through the shared project-file reader and parsed with the same
// parser; a module that names no OpenTelemetry module is not parsed.
import { dirname, join } from 'node:path';
import { readText } from '../../project/files';
import type { PyNode } from '../nodes';
import { field } from '../nodes';
import { parsePython } from '../parser';
import { callsInOrder } from './flow';
import type { PyModel } from './index';
import { getPyModel } from './index';
import { isGlobalSetupCall, processorAttachments } from './setup';

/** Local names (module scope) bound to imported project functions that install telemetry. */
export function importedSetupFunctions(model: PyModel): Set<string> {
  const out = new Set<string>();
  const base = dirname(model.filename);
  for (const [name, bindings] of model.scopes.module.bindings) {
    const b = bindings[0];
    if (bindings.length !== 1 || b?.node.type !== 'import_from_statement') continue;
    const from = field(b.node, 'module_name');
    const written = from ? model.text.slice(from.range[0], from.range[1]) : '';
    if (!written || written.startsWith('opentelemetry')) continue;
    const member = b.kind === 'from-import' ? b.member! : name;
    const rel = written.replace(/^\.+/, '').split('.').filter(Boolean).join('/');
    const text = [join(base, `${rel}.py`), join(base, rel, '__init__.py')].map((f) => ({ f, t: readText(f) })).find((x) => x.t !== undefined);
    if (!text?.t || !text.t.includes('opentelemetry')) continue;
    if (definesSetupFunction(text.f, text.t, member)) out.add(name);
  }
  return out;
}

function definesSetupFunction(file: string, source: string, name: string): boolean {
  let tree;
  try {
    tree = parsePython(source);
  } catch {
    return false;
  }
  const model = getPyModel(tree, file, undefined);
  const attached = new Set(processorAttachments(model).map((a) => a.call));
  for (const s of tree.root.children) {
    const def: PyNode | undefined = s.type === 'decorated_definition' ? field(s, 'definition') : s;
    if (def?.type !== 'function_definition' || field(def, 'name')?.text !== name) continue;
    return callsInOrder(field(def, 'body')!, (c) => model.functions.calleeOf(c)).some((o) => isGlobalSetupCall(model, o.call) || attached.has(o.call));
  }
  return false;
}
