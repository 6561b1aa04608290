// The doctor's Python step: the processes a project starts (Procfile, Dockerfile CMD/ENTRYPOINT,
// docker-compose `command`, scripts, `flask run`, Gunicorn with its `-c` config, uvicorn, each
// with or without `opentelemetry-instrument`), the Python files each one runs (its entry, its
// Gunicorn config, and the project modules the entry imports, two levels), and the Python checks
// on those files. The checks read the same project facts, so the cross-file cases come out here
// too: a preload config in one file and the setup in another, a CLI in the Procfile and manual
// setup in the code, `flask run --debug` under the CLI with the app elsewhere.
import path from 'node:path';
import type { Finding } from '../core/finding';
import type { OtelSafeSettings } from '../core/settings';
import { formatMessage } from '../core/messages';
import { lineStarts, positionAt } from '../core/location';
import { readText } from '../project/files';
import { pythonChecksByRule } from './checks';
import { pythonLanguage } from './language';
import type { PyLaunch } from './project';
import { entryFileOf, getPythonProject, importedModules } from './project';
import { readLaunches } from './project/launches';
import { pythonRules } from '../../rules/python';
import { mayHaveFindings } from './table';

export interface PythonProcessFinding {
  readonly ruleId: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface PythonProcess {
  readonly name: string;
  readonly origin: { readonly file: string; readonly line: number };
  /** Absolute paths of the Python files it runs that the checks looked at. */
  readonly files: readonly string[];
  readonly findings: readonly PythonProcessFinding[];
}

/** settings['otel-safe'] per file, as the JS side reads them (doctor's `SettingsLookup`). */
export interface PythonSettingsLookup {
  forFile(file: string): Promise<OtelSafeSettings>;
  forGroup(file: string): Promise<OtelSafeSettings>;
}

const NO_SETTINGS: PythonSettingsLookup = { forFile: async () => ({}), forGroup: async () => ({}) };

/** Every Python process of the project at `root`, with the Python checks' findings on the files it runs. */
export async function checkPythonProcesses(root: string, settings: PythonSettingsLookup = NO_SETTINGS): Promise<PythonProcess[]> {
  const launches = readLaunches(root);
  if (launches.length === 0) return [];
  await pythonLanguage.init();
  const seen = new Set<string>();
  const out: PythonProcess[] = [];
  for (const launch of launches) {
    const files = filesOf(launch, root);
    const findings: PythonProcessFinding[] = [];
    for (const file of files) {
      for (const f of await checkFile(file, settings)) {
        const key = `${f.file}:${f.line}:${f.ruleId}`;
        if (!seen.has(key)) {
          seen.add(key);
          findings.push(f);
        }
      }
    }
    out.push({ name: `${path.relative(root, launch.file)}:${launch.line} ${launch.command.trim()}`, origin: { file: launch.file, line: launch.line }, files, findings });
  }
  return out;
}

/** The launch's entry, its Gunicorn config, and the project modules the entry imports (two levels). */
function filesOf(launch: PyLaunch, root: string): string[] {
  const project = getPythonProject(launch.file) ?? { dir: root, launches: [], instrumentation: undefined, sdk: undefined };
  const out = new Set<string>();
  const config = launch.config ? path.join(launch.cwd, launch.config) : undefined;
  if (config && readText(config) !== undefined) out.add(config);
  const entry = entryFileOf(launch, project.dir);
  let frontier = entry && readText(entry) !== undefined ? [entry] : [];
  for (let depth = 0; depth <= 2 && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const file of frontier) {
      if (out.has(file)) continue;
      out.add(file);
      for (const m of importedModules(readText(file) ?? '')) {
        const base = path.join(project.dir, ...m.split('.'));
        for (const candidate of [`${base}.py`, path.join(base, '__init__.py')]) if (readText(candidate) !== undefined) next.push(candidate);
      }
    }
    frontier = next;
  }
  return [...out];
}

// The gate reads the folder's settings (a Python registrar's module passes it), the checks the file's own.
async function checkFile(file: string, lookup: PythonSettingsLookup): Promise<PythonProcessFinding[]> {
  const text = readText(file);
  if (text === undefined || !mayHaveFindings(text, await lookup.forGroup(file))) return [];
  const settings = await lookup.forFile(file);
  let tree;
  try {
    tree = pythonLanguage.parse({ path: file, text });
  } catch {
    return [];
  }
  const starts = lineStarts(text);
  const out: PythonProcessFinding[] = [];
  for (const [name, check] of Object.entries(pythonChecksByRule)) {
    const rule = pythonRules[`python/${name}` as keyof typeof pythonRules];
    for (const f of check.run({ tree, file: { path: file, text }, settings, cwd: undefined }, undefined) as Finding[]) {
      const at = positionAt(starts, f.range[0]);
      out.push({
        ruleId: `python/${name}`,
        severity: rule.recommended === 'error' ? 'error' : 'warning',
        message: formatMessage((check.messages as Record<string, string>)[f.messageId]!, f.data),
        file,
        line: at.line,
        column: at.column + 1,
      });
    }
  }
  return out;
}
