// Callers in the project's other modules: a module-level function of this file that another
// module imports by name (`from app.telemetry import configure`, `from .telemetry import
// configure`) and calls inside a function that reruns there (an app factory a test fixture
// builds per test, a request handler, a pytest fixture). The per-file view sees such a setup
// function as called once; its callers decide. Read through the shared project-file reader and
// memoized on the files read; a module that never names the function is not parsed.
import { dirname, join, relative, sep } from 'node:path';
import { FileMemo, listDir, readText } from '../../project/files';
import type { PyNode } from '../nodes';
import { field, fieldNodes } from '../nodes';
import { parsePython } from '../parser';
import { findPythonProjectDir, moduleNamesOf } from '../project';
import { enclosingFunction } from './flow';
import type { RerunReason } from './functions';
import type { PyModel } from './index';
import { getPyModel } from './index';

/** Folders that hold no project module of ours. */
const SKIP_DIR = /^(\.|node_modules$|venv$|env$|site-packages$|__pycache__$|build$|dist$)/;
const MAX_DEPTH = 6;
const MAX_FILES = 3000;

const memo = new FileMemo<RerunReason | undefined>();

/** Why `fn` (a module-level function of `model`'s file) reruns because of a caller in another project module, if one does. */
export function importerRerun(model: PyModel, fn: PyNode): RerunReason | undefined {
  const def = fn.parent?.type === 'decorated_definition' ? fn.parent : fn;
  if (def.parent?.type !== 'module') return undefined;
  const name = field(fn, 'name')?.text;
  const dir = findPythonProjectDir(model.filename);
  if (!name || !dir) return undefined;
  return memo.get(`${model.filename}\0${name}`, () => findRerunningCaller(dir, model.filename, name));
}

function findRerunningCaller(dir: string, filename: string, name: string): RerunReason | undefined {
  const modules = new Set(moduleNamesOf(dir, filename));
  const mentions = new RegExp(`\\b${name}\\b`);
  for (const file of pythonFiles(dir)) {
    if (file === filename) continue;
    const text = readText(file);
    if (!text || !mentions.test(text) || !/\bimport\b/.test(text)) continue;
    let tree;
    try {
      tree = parsePython(text);
    } catch {
      continue;
    }
    const other = getPyModel(tree, file, undefined);
    const locals = importedAs(other, name, (written) => (written.startsWith('.') ? resolveRelative(file, written) === filename : modules.has(written)));
    if (locals.size === 0) continue;
    for (const call of other.calls) {
      const callee = field(call, 'function');
      if (callee?.type !== 'identifier' || !locals.has(callee.text ?? '')) continue;
      const outer = enclosingFunction(call);
      const via = outer?.type === 'function_definition' ? other.functions.rerunReason(outer) : undefined;
      if (via) return { kind: 'caller', name, via, file: relative(dir, file).split(sep).join('/') };
    }
  }
  return undefined;
}

/** Local names that a module-level `from <module> import name [as local]` binds, for the modules `matches` accepts (relative ones too). */
function importedAs(model: PyModel, name: string, matches: (written: string) => boolean): Set<string> {
  const out = new Set<string>();
  for (const statement of model.tree.root.children) {
    if (statement.type !== 'import_from_statement') continue;
    const from = field(statement, 'module_name');
    if (!from || !matches(model.text.slice(from.range[0], from.range[1]))) continue;
    for (const item of fieldNodes(statement, 'name')) {
      const aliased = item.type === 'aliased_import';
      const imported = aliased ? field(item, 'name') : item;
      if (!imported || model.text.slice(imported.range[0], imported.range[1]) !== name) continue;
      const local = aliased ? field(item, 'alias')?.text : name;
      if (local) out.add(local);
    }
  }
  return out;
}

/** `from .telemetry import x` in `pkg/__init__.py` → `pkg/telemetry.py` (or its package's `__init__.py`). */
function resolveRelative(importer: string, written: string): string | undefined {
  const dots = /^\.+/.exec(written)![0].length;
  let base = dirname(importer);
  for (let i = 1; i < dots; i++) base = dirname(base);
  const rest = written.slice(dots).split('.').filter(Boolean);
  if (rest.length === 0) return join(base, '__init__.py');
  const path = join(base, ...rest);
  return readText(`${path}.py`) !== undefined ? `${path}.py` : join(path, '__init__.py');
}

function pythonFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (folder: string, depth: number): void => {
    for (const entry of listDir(folder)) {
      if (out.length >= MAX_FILES) return;
      const path = join(folder, entry);
      if (entry.endsWith('.py')) out.push(path);
      else if (depth < MAX_DEPTH && !entry.includes('.') && !SKIP_DIR.test(entry)) visit(path, depth + 1);
    }
  };
  visit(dir, 0);
  return out;
}
