// Finds the processes a project starts and the modules each starts from: package.json
// `main`/`bin`/`exports`/scripts (with nodemon config), Next.js `instrumentation.*` and
// routes, Dockerfile CMD/ENTRYPOINT, and the preloads (`--require`, `--import`,
// NODE_OPTIONS) each one adds. Never throws on a malformed project file.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { DEV_SCRIPT_NAME } from '../project';
import { isRecord, listDir, readJsonObject, readText } from '../project/files';
import { commandLineOf, describeInvocation, envValue, execForm, isDockerfile, nodeOptionsPreloads, parseCommandLine, parseDockerfile, type Launch } from '../project/shell';
import { exportTargets, type Resolver, type WorkspacePackage } from '../project/resolve';
import type { Location, Preload, ProcessEntry, ProcessKind } from './types';

/** Files of the project the doctor looks at besides sources. */
export interface ProjectFiles {
  readonly packages: readonly WorkspacePackage[];
  readonly dockerfiles: readonly string[];
  /** Number of directory entries visited. */
  readonly visited: number;
}

const SKIP_DIRS = new Set(['node_modules', 'coverage', 'bower_components', 'jspm_packages']);

/** One walk over the tree (node_modules, hidden and coverage folders skipped) for package.json and Dockerfiles. */
export function scanProject(root: string): ProjectFiles {
  const packages: WorkspacePackage[] = [];
  const dockerfiles: string[] = [];
  let visited = 0;
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      visited++;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) stack.push(full);
      } else if (!e.isSymbolicLink()) {
        // not only regular files: the project-file reader skips a FIFO or socket here (and notes it)
        if (e.name === 'package.json') {
          const manifest = readJsonObject(full, { comments: true });
          if (manifest) packages.push({ name: typeof manifest.name === 'string' ? manifest.name : '', dir, manifest });
        } else if (isDockerfile(e.name)) {
          dockerfiles.push(full);
        }
      }
    }
  }
  packages.sort((a, b) => a.dir.localeCompare(b.dir));
  dockerfiles.sort();
  return { packages, dockerfiles, visited };
}


interface Spec {
  name: string;
  kind: ProcessKind;
  packageDir: string;
  entries: string[];
  preloads: Preload[];
  origins: Location[];
  devReason: string | undefined;
  unresolved: string[];
}

/** Every process of the project, merged when two declarations start the same modules with the same preloads. */
export function findProcesses(root: string, project: ProjectFiles, resolver: Resolver): ProcessEntry[] {
  return merge(new ProcessFinder(root, project, resolver).find());
}

/** The declarations that start a process, read one source at a time: scripts, manifest fields, Next.js, Dockerfiles. */
class ProcessFinder {
  constructor(
    private readonly root: string,
    private readonly project: ProjectFiles,
    private readonly resolver: Resolver,
  ) {}

  find(): Spec[] {
    const specs: Spec[] = [];
    for (const pkg of this.project.packages) {
      const manifest = new ManifestText(pkg, this.root);
      const { specs: fromScripts, nextDev } = this.scriptProcesses(pkg, manifest);
      specs.push(...fromScripts, ...this.manifestProcesses(pkg, manifest), ...this.nextProcess(pkg, manifest, nextDev));
    }
    for (const dockerfile of this.project.dockerfiles) specs.push(...this.dockerProcesses(dockerfile));
    return specs;
  }

  private rel(p: string): string {
    return toRel(this.root, p);
  }

  /** `npm run <script>` processes (following `npm run x` chains and nodemon's config); `next dev` only marks Next.js as dev. */
  private scriptProcesses(pkg: WorkspacePackage, manifest: ManifestText): { specs: Spec[]; nextDev: string | undefined } {
    const specs: Spec[] = [];
    const at = (key: string, fallback = 1): Location => manifest.at(key, fallback);
    const scripts = isRecord(pkg.manifest.scripts) ? (pkg.manifest.scripts as Record<string, unknown>) : {};
    const nodemonConfig = readNodemonConfig(pkg);
    let nextDev: string | undefined;

    for (const [scriptName, command] of Object.entries(scripts)) {
      if (typeof command !== 'string') continue;
      if (/^(pre|post)/.test(scriptName) && scriptName.length > 4 && scripts[scriptName.replace(/^(pre|post)/, '')] !== undefined) continue;
      const origin = at(scriptName);
      for (const launch of this.expandScript(pkg, scriptName, [], 0, new Set())) {
        if (launch.next) {
          if (launch.next === 'dev') nextDev ??= `script '${scriptName}' runs \`next dev\``;
          continue;
        }
        const dev = launch.watcher
          ? `script '${scriptName}' runs it under \`${launch.watcher}\` (restarted on every change)`
          : DEV_SCRIPT_NAME.test(scriptName)
            ? `started by the dev script '${scriptName}'`
            : undefined;
        let script = launch.script;
        const preloads = launch.preloads.map((p) => this.toPreload(p, origin, pkg.dir));
        if (launch.runner === 'nodemon') {
          if (nodemonConfig) {
            const nodemonOrigin = { file: this.rel(nodemonConfig.origin.file), line: nodemonConfig.origin.line };
            preloads.push(...nodemonConfig.launch.preloads.map((p) => this.toPreload(p, nodemonOrigin, pkg.dir)));
            script ??= nodemonConfig.launch.script;
          }
          script ??= typeof pkg.manifest.main === 'string' ? pkg.manifest.main : 'index.js';
        }
        if (script === undefined) continue;
        specs.push(this.spec(`npm run ${scriptName}`, 'script', pkg.dir, [script], preloads, [origin], dev));
      }
    }
    return { specs, nextDev };
  }

  /** `main`, `bin` and `exports`: what a consumer of the package starts or imports. */
  private manifestProcesses(pkg: WorkspacePackage, manifest: ManifestText): Spec[] {
    const specs: Spec[] = [];
    const at = (key: string, fallback = 1): Location => manifest.at(key, fallback);
    const manifestText = manifest.text;
    if (typeof pkg.manifest.main === 'string') specs.push(this.spec('main', 'main', pkg.dir, [pkg.manifest.main], [], [at('main')], undefined));
    const bin = pkg.manifest.bin;
    if (typeof bin === 'string') specs.push(this.spec(`bin ${pkg.name}`, 'bin', pkg.dir, [bin], [], [at('bin')], undefined));
    else if (isRecord(bin)) {
      for (const [name, file] of Object.entries(bin)) if (typeof file === 'string') specs.push(this.spec(`bin ${name}`, 'bin', pkg.dir, [file], [], [at(name, lineOfKey(manifestText, 'bin'))], undefined));
    }
    for (const { subpath, target } of exportTargets(pkg.manifest)) {
      specs.push(this.spec(`import '${pkg.name}${subpath === '.' ? '' : subpath.slice(1)}'`, 'exports', pkg.dir, [target], [], [at('exports')], undefined));
    }
    return specs;
  }

  /** A Next.js app: one server process loading its route modules and instrumentation.*. */
  private nextProcess(pkg: WorkspacePackage, manifest: ManifestText, nextDev: string | undefined): Spec[] {
    const isNext = hasDependency(pkg.manifest, 'next') || hasFile(pkg.dir, /^next\.config\.(js|mjs|cjs|ts|mts)$/);
    if (!isNext) return [];
    const entries = nextEntries(pkg.dir);
    if (entries.length === 0) return [];
    const cfg = this.project.packages.length > 0 ? manifest.at('next', lineOfKey(manifest.text, 'dependencies') ?? 1) : { file: this.rel(manifest.file), line: 1 };
    return [this.spec('Next.js server', 'nextjs', pkg.dir, entries.map((e) => path.relative(pkg.dir, e)), [], [cfg], nextDev)];
  }

  private spec(name: string, kind: ProcessKind, packageDir: string, entries: string[], preloads: Preload[], origins: Location[], devReason: string | undefined): Spec {
    const resolved: string[] = [];
    const unresolved: string[] = [];
    for (const e of entries) {
      const file = this.resolver.resolveFile(path.resolve(packageDir, e));
      if (file) resolved.push(file);
      else unresolved.push(e);
    }
    const where = this.rel(packageDir) || '.';
    return { name: where === '.' ? name : `${name} (${where})`, kind, packageDir, entries: resolved, preloads, origins, devReason, unresolved };
  }

  private toPreload(p: { specifier: string; via: string }, origin: Location, dir: string): Preload {
    const file = this.resolver.resolveImport(p.specifier, path.join(dir, '__entry__.js'));
    return { specifier: p.specifier, file, origin, via: p.via };
  }

  /** The launches of a script, following `npm run x` into the scripts it runs (with the env preloads of the caller). */
  private expandScript(pkg: WorkspacePackage, name: string, inherited: Launch['preloads'], depth: number, seen: Set<string>): Launch[] {
    const scripts = isRecord(pkg.manifest.scripts) ? (pkg.manifest.scripts as Record<string, unknown>) : {};
    const command = scripts[name];
    if (typeof command !== 'string' || depth > 5 || seen.has(name)) return [];
    seen.add(name);
    const out: Launch[] = [];
    for (const inv of parseCommandLine(command)) {
      const launch = describeInvocation(inv);
      if (!launch) continue;
      const preloads = [...inherited, ...launch.preloads];
      if (launch.runsScript !== undefined) {
        // only worth a process of its own when the caller adds preloads; otherwise the callee's own entry covers it
        if (preloads.length > inherited.length) out.push(...this.expandScript(pkg, launch.runsScript, preloads, depth + 1, seen));
        continue;
      }
      out.push({ ...launch, preloads });
    }
    return out;
  }

  private dockerProcesses(file: string): Spec[] {
    const text = readText(file);
    if (text === undefined) return [];
    const dir = path.dirname(file);
    const pkg = nearestPackage(this.project.packages, dir);
    const instructions = parseDockerfile(text);
    let workdir = '/';
    let nodeOptions: { value: string; line: number } | undefined;
    let entrypoint: { argv: string[] | string; line: number } | undefined;
    let cmd: { argv: string[] | string; line: number } | undefined;
    for (const ins of instructions) {
      if (ins.op === 'FROM') {
        // a new stage: only the last stage runs
        nodeOptions = undefined;
        entrypoint = undefined;
        cmd = undefined;
        workdir = '/';
      } else if (ins.op === 'WORKDIR') workdir = path.posix.resolve(workdir, ins.args.trim());
      else if (ins.op === 'ENV') {
        const value = envValue(ins.args, 'NODE_OPTIONS');
        if (value !== undefined) nodeOptions = { value, line: ins.line };
      } else if (ins.op === 'CMD') cmd = { argv: execForm(ins.args) ?? ins.args, line: ins.line };
      else if (ins.op === 'ENTRYPOINT') entrypoint = { argv: execForm(ins.args) ?? ins.args, line: ins.line };
    }
    const run = entrypoint ?? cmd;
    if (!run) return [];
    const line = entrypoint && cmd && Array.isArray(entrypoint.argv) ? `${commandLineOf(entrypoint.argv)} ${commandLineOf(cmd.argv)}` : commandLineOf(run.argv);
    const origin: Location = { file: this.rel(file), line: run.line };
    const envPreloads = nodeOptionsPreloads(nodeOptions?.value).map((p) => ({ ...p, via: `Dockerfile ENV ${p.via}` }));
    const envOrigin: Location = nodeOptions ? { file: this.rel(file), line: nodeOptions.line } : origin;
    const fromContainer = (p: string): string => (p.startsWith('/') ? path.join(dir, path.posix.relative(workdir, p)) : p);
    const out: Spec[] = [];
    for (const inv of parseCommandLine(line)) {
      const launch = describeInvocation(inv);
      if (!launch) continue;
      const preloadsOf = (l: Launch, at: Location): Preload[] =>
        l.preloads.map((p) => this.toPreload({ ...p, specifier: fromContainer(p.specifier) }, at, dir));
      const env = envPreloads.map((p) => this.toPreload({ ...p, specifier: fromContainer(p.specifier) }, envOrigin, dir));
      if (launch.runsScript !== undefined && pkg) {
        for (const inner of this.expandScript(pkg, launch.runsScript, [], 0, new Set())) {
          if (inner.script === undefined) continue;
          out.push(this.spec(`Dockerfile ${entrypoint ? 'ENTRYPOINT' : 'CMD'} → npm run ${launch.runsScript}`, 'dockerfile', pkg.dir, [inner.script], [...env, ...preloadsOf(launch, origin), ...preloadsOf(inner, origin)], [origin], undefined));
        }
      } else if (launch.script !== undefined) {
        out.push(this.spec(`Dockerfile ${entrypoint ? 'ENTRYPOINT' : 'CMD'}`, 'dockerfile', dir, [fromContainer(launch.script)], [...env, ...preloadsOf(launch, origin)], [origin], undefined));
      }
    }
    return out;
  }
}

/** A package.json's text, for the line a key is declared on. */
class ManifestText {
  readonly file: string;
  readonly text: string;

  constructor(
    pkg: WorkspacePackage,
    private readonly root: string,
  ) {
    this.file = path.join(pkg.dir, 'package.json');
    this.text = readText(this.file) ?? '';
  }

  at(key: string, fallback = 1): Location {
    return { file: toRel(this.root, this.file), line: lineOfKey(this.text, key) ?? fallback };
  }
}

function merge(specs: readonly Spec[]): ProcessEntry[] {
  const byKey = new Map<string, Spec>();
  for (const s of specs) {
    if (s.entries.length === 0 && s.unresolved.length === 0) continue;
    const key = JSON.stringify([[...s.entries].sort(), s.preloads.map((p) => p.file ?? p.specifier).sort()]);
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, { ...s, origins: [...s.origins] });
      continue;
    }
    // prefer the script/Dockerfile name over `main`/`exports`, and keep every origin
    const rank = (k: ProcessKind): number => ['script', 'dockerfile', 'nextjs', 'nodemon', 'bin', 'main', 'exports'].indexOf(k);
    if (s.kind === 'script' && existing.kind === 'script') existing.name = `${existing.name} | ${s.name.replace(/ \(.*\)$/, '')}`;
    else if (rank(s.kind) < rank(existing.kind)) {
      existing.name = s.name;
      existing.kind = s.kind;
    }
    existing.origins.push(...s.origins);
    existing.devReason ??= s.devReason;
  }
  return [...byKey.values()];
}

/** nodemon.json or package.json `nodemonConfig`: its `exec` command (preloads, module). */
function readNodemonConfig(pkg: WorkspacePackage): { launch: Launch; origin: Location } | undefined {
  const file = path.join(pkg.dir, 'nodemon.json');
  const fromFile = readJsonObject(file, { comments: true });
  const config = fromFile ?? (isRecord(pkg.manifest.nodemonConfig) ? (pkg.manifest.nodemonConfig as Record<string, unknown>) : undefined);
  if (!config || typeof config.exec !== 'string') return undefined;
  const inv = parseCommandLine(config.exec)[0];
  const launch = inv ? describeInvocation(inv) : undefined;
  if (!launch) return undefined;
  const origin = fromFile ? file : path.join(pkg.dir, 'package.json');
  return { launch, origin: { file: origin, line: lineOfKey(readText(origin) ?? '', 'exec') ?? 1 } };
}

/** Next.js loads `instrumentation.*` at server start, and route modules into the same process. */
function nextEntries(dir: string): string[] {
  const out: string[] = [];
  for (const base of [dir, path.join(dir, 'src')]) {
    for (const ext of ['ts', 'js', 'mjs', 'mts']) {
      const f = path.join(base, `instrumentation.${ext}`);
      if (safeKind(f) === 'file') out.push(f);
    }
    for (const routes of ['app', 'pages']) collect(path.join(base, routes), out, 0);
  }
  return out;

  function collect(d: string, acc: string[], depth: number): void {
    if (depth > 12) return;
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') collect(full, acc, depth + 1);
      else if (e.isFile() && /^(page|route|layout|middleware|_app|_document|[^.]+)\.(t|j)sx?$/.test(e.name) && !/\.(test|spec|d)\./.test(e.name)) acc.push(full);
    }
  }
}

function nearestPackage(packages: readonly WorkspacePackage[], dir: string): WorkspacePackage | undefined {
  let best: WorkspacePackage | undefined;
  for (const p of packages) {
    const r = path.relative(p.dir, dir);
    if (!r.startsWith('..') && !path.isAbsolute(r) && (!best || p.dir.length > best.dir.length)) best = p;
  }
  return best;
}

function hasDependency(manifest: Record<string, unknown>, name: string): boolean {
  return ['dependencies', 'devDependencies'].some((k) => isRecord(manifest[k]) && name in (manifest[k] as Record<string, unknown>));
}

function hasFile(dir: string, pattern: RegExp): boolean {
  return listDir(dir).some((n) => pattern.test(n));
}

function safeKind(f: string): 'file' | undefined {
  return listDir(path.dirname(f)).includes(path.basename(f)) ? 'file' : undefined;
}


/** 1-based line of the first `"key":` in a JSON text. */
export function lineOfKey(text: string, key: string): number | undefined {
  const i = text.indexOf(`${JSON.stringify(key)}`);
  if (i < 0) return undefined;
  let line = 1;
  for (let j = 0; j < i; j++) if (text.charCodeAt(j) === 10) line++;
  return line;
}

export function toRel(root: string, p: string): string {
  return path.relative(root, p).split(path.sep).join('/');
}
