// Project facts for one Python file: the project it belongs to (the nearest folder with a
// Python manifest or process file), the processes that project starts and which of them run
// this file (as the entry, or through an import of the entry module), and the
// opentelemetry-instrumentation version it installs or pins. Read through the shared
// project-file reader (src/project/files.ts); nothing here throws.
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { listDir, readText } from '../../project/files';
import type { PyLaunch } from './launches';
import { readLaunches } from './launches';
import type { PyVersionFact } from './versions';
import { instrumentationVersion, sdkVersion } from './versions';

export type { PyLaunch } from './launches';
export type { PyVersionFact } from './versions';

const MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', 'Pipfile', 'poetry.lock', 'uv.lock', 'Procfile', 'Dockerfile', 'docker-compose.yml', 'compose.yaml', 'gunicorn.conf.py', '.git'];
const MAX_UP = 8;

/** The nearest folder at or above the file's that holds a Python manifest or process file. */
export function findPythonProjectDir(filename: string): string | undefined {
  let dir = dirname(filename);
  for (let i = 0; i < MAX_UP; i++) {
    const names = new Set(listDir(dir));
    if (MARKERS.some((m) => names.has(m))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

export interface PythonProject {
  readonly dir: string;
  readonly launches: readonly PyLaunch[];
  readonly instrumentation: PyVersionFact | undefined;
  readonly sdk: PyVersionFact | undefined;
}

/** The project of a file (undefined for a file outside any recognisable project). */
export function getPythonProject(filename: string): PythonProject | undefined {
  const dir = findPythonProjectDir(filename);
  if (!dir) return undefined;
  return { dir, launches: readLaunches(dir), instrumentation: instrumentationVersion(dir), sdk: sdkVersion(dir) };
}

/** The dotted module name of a file inside the project (`pkg/wsgi.py` → `pkg.wsgi`, `pkg/__init__.py` → `pkg`), with and without a `src/` prefix. */
export function moduleNamesOf(projectDir: string, filename: string): string[] {
  const rel = relative(projectDir, filename).split(sep).join('/');
  if (rel.startsWith('..') || !rel.endsWith('.py')) return [];
  const dotted = rel.slice(0, -3).replace(/\/__init__$/, '').split('/').join('.');
  return dotted.startsWith('src.') ? [dotted, dotted.slice(4)] : [dotted];
}

/** True when `launch` runs `filename` as its entry (script, module, app or Flask default app). */
export function launchRunsFile(launch: PyLaunch, projectDir: string, filename: string): boolean {
  // a Gunicorn config file runs in that process too (its hooks, its module-level code)
  if (launch.config && samePath(join(launch.cwd, launch.config), filename)) return true;
  const modules = moduleNamesOf(projectDir, filename);
  // Django imports its settings module in every process it starts
  const settings = launch.env.DJANGO_SETTINGS_MODULE;
  if (settings && modules.some((m) => m === settings || m.endsWith(`.${settings}`))) return true;
  if (launch.script) {
    // an absolute path is the container's (`/opt/app/main.py`): the project file of that name in the launch's folder
    if (isAbsolute(launch.script)) return basename(launch.script) === basename(filename) && dirname(filename) === launch.cwd;
    return samePath(join(launch.cwd, launch.script), filename);
  }
  const target = launch.module ?? (launch.runner === 'flask' ? defaultFlaskApp(projectDir) : undefined);
  return !!target && modules.includes(target);
}

function defaultFlaskApp(dir: string): string | undefined {
  const names = listDir(dir);
  return names.includes('app.py') ? 'app' : names.includes('wsgi.py') ? 'wsgi' : undefined;
}

function samePath(a: string, b: string): boolean {
  return relative(a, b) === '';
}

/** The launch's entry file, when it exists in the project. */
export function entryFileOf(launch: PyLaunch, projectDir: string): string | undefined {
  if (launch.script) return join(launch.cwd, launch.script);
  const target = launch.module ?? (launch.runner === 'flask' ? defaultFlaskApp(projectDir) : undefined);
  if (!target) return undefined;
  const path = target.split('.').join('/');
  for (const candidate of [`${path}.py`, `${path}/__init__.py`, `src/${path}.py`, `src/${path}/__init__.py`]) {
    if (readText(join(projectDir, candidate)) !== undefined) return join(projectDir, candidate);
  }
  return undefined;
}

/** Modules a Python file imports (absolute names, as written; a text scan of its import lines). */
export function importedModules(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import[ \t]+([\w, \t()]+)|import[ \t]+([\w., \t]+))/gm)) {
    if (m[1]) {
      out.push(m[1]);
      for (const name of m[2]!.replace(/[()]/g, '').split(',')) {
        const n = name.trim().split(/\s+/)[0];
        if (n) out.push(`${m[1]}.${n}`);
      }
    } else for (const name of m[3]!.split(',')) out.push(name.trim().split(/\s+/)[0]!);
  }
  return out;
}

/**
 * The launches that run `filename`: as their entry, or because their entry (or a module it
 * imports) imports the file's module (two levels, by a scan of import lines).
 */
export function launchesRunning(project: PythonProject, filename: string): PyLaunch[] {
  const modules = new Set(moduleNamesOf(project.dir, filename));
  return project.launches.filter((launch) => {
    if (launchRunsFile(launch, project.dir, filename)) return true;
    const entry = entryFileOf(launch, project.dir);
    if (!entry) return false;
    const seen = new Set<string>();
    let frontier = [entry];
    for (let depth = 0; depth < 2 && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const file of frontier) {
        if (seen.has(file)) continue;
        seen.add(file);
        for (const m of importedModules(readText(file) ?? '')) {
          if (modules.has(m)) return true;
          const path = join(project.dir, ...m.split('.'));
          for (const candidate of [`${path}.py`, join(path, '__init__.py')]) if (readText(candidate) !== undefined) next.push(candidate);
        }
      }
      frontier = next;
    }
    return false;
  });
}
