// How a Python project starts its processes, read from its own files: Procfile lines,
// Dockerfile CMD/ENTRYPOINT (and ENV), docker-compose `command`/`entrypoint`/`environment`,
// package.json scripts, shell scripts and `.flaskenv`. Each command line is split with the
// project's shell reader (src/project/shell.ts) and described: the runner (python, flask,
// gunicorn, uvicorn), what it runs, its reloader/preload/worker flags, and whether
// `opentelemetry-instrument` wraps it.
import { join } from 'node:path';
import { isRecord, listDir, parseJsonObject, readText } from '../../project/files';
import { baseName, commandLineOf, execForm, isDockerfile, parseCommandLine, parseDockerfile } from '../../project/shell';
import { AUTO_INSTRUMENT_COMMAND } from '../table';

export type PyRunner = 'python' | 'flask' | 'gunicorn' | 'uvicorn';

export interface PyLaunch {
  /** The file declaring it, and its 1-based line. */
  readonly file: string;
  readonly line: number;
  /** The directory the command runs in (the declaring file's). */
  readonly cwd: string;
  readonly command: string;
  readonly runner: PyRunner;
  /** Wrapped in `opentelemetry-instrument`. */
  readonly instrumented: boolean;
  /** `python app.py`: the script path as written. */
  readonly script?: string;
  /** A dotted module (`python -m pkg`, `gunicorn pkg.wsgi:app`, `flask --app pkg`). */
  readonly module?: string;
  /** `gunicorn -c conf.py`. */
  readonly config?: string;
  readonly preload: boolean;
  /** The reloader flag when the command sets it (`flask run --reload/--no-reload`, `uvicorn --reload`). */
  readonly reload?: boolean;
  /** `flask run --debug`, `flask --debug run`, or FLASK_DEBUG in its environment. */
  readonly debug: boolean;
  readonly workers?: number;
  /** What follows the script or module (`runserver 0.0.0.0:8000` for `python manage.py runserver …`). */
  readonly args?: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

const PYTHONS = /^python(\d+(\.\d+)?)?$/;
const TRUTHY = /^(1|true|yes|on)$/i;

/** Folders never searched for process files. */
const SKIP_DIRS = /^(\.|node_modules$|venv$|env$|__pycache__$|site-packages$|dist$|build$)/;

/** Every Python launch declared in `dir` and its direct subfolders (`scripts/`, `compose-files/`, `deploy/`…). */
export function readLaunches(dir: string): PyLaunch[] {
  const out: PyLaunch[] = [];
  const envFiles = readDotenv(join(dir, '.flaskenv'));
  const readFolder = (folder: string, descend: boolean): void => {
    for (const name of listDir(folder)) {
      const file = join(folder, name);
      if (name === 'Procfile' || name.startsWith('Procfile.')) out.push(...fromProcfile(file, folder, envFiles));
      else if (isDockerfile(name)) out.push(...fromDockerfile(file, folder, envFiles));
      else if (/^(docker-)?compose([.-].*)?\.ya?ml$/.test(name)) out.push(...fromCompose(file, folder, envFiles));
      else if (name === 'package.json') out.push(...fromPackageJson(file, folder, envFiles));
      else if (name.endsWith('.sh') || name === 'Makefile' || name === 'justfile' || name === 'Justfile') out.push(...fromLines(file, folder, envFiles));
      else if (/^(circus|supervisord?)[^/]*\.(ini|conf)$/.test(name)) out.push(...fromProcessManager(file, folder, envFiles));
      else if (descend && !SKIP_DIRS.test(name) && !name.includes('.')) readFolder(file, false);
    }
  };
  readFolder(dir, true);
  return out;
}

function readDotenv(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of (readText(file) ?? '').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) env[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

function fromProcfile(file: string, dir: string, env: Record<string, string>): PyLaunch[] {
  const out: PyLaunch[] = [];
  (readText(file) ?? '').split(/\r?\n/).forEach((line, i) => {
    const m = /^[\w.-]+:\s*(.+)$/.exec(line);
    if (m) out.push(...describeLine(m[1]!, file, i + 1, dir, env));
  });
  return out;
}

function fromLines(file: string, dir: string, env: Record<string, string>): PyLaunch[] {
  const out: PyLaunch[] = [];
  const lines = (readText(file) ?? '').split(/\r?\n/);
  const scriptEnv: Record<string, string> = { ...env };
  for (let i = 0; i < lines.length; i++) {
    const first = i;
    let line = lines[i]!;
    if (/^\s*#/.test(line)) continue;
    // `export VAR=value` reaches the commands after it
    const exported = /^\s*export\s+([A-Za-z_]\w*)=(.*)$/.exec(line);
    if (exported) {
      scriptEnv[exported[1]!] = exported[2]!.trim().replace(/^(['"])(.*)\1$/, '$2');
      continue;
    }
    // backslash continuations make one command
    while (/\\\s*$/.test(line) && i + 1 < lines.length) line = line.replace(/\\\s*$/, ' ') + lines[++i]!;
    out.push(...describeLine(line.trim(), file, first + 1, dir, scriptEnv));
  }
  return out;
}

/** circus (`cmd` + `args`, `[env:…]` sections) and supervisord (`command`, `environment=`) configs. */
function fromProcessManager(file: string, dir: string, env: Record<string, string>): PyLaunch[] {
  const managerEnv: Record<string, string> = { ...env };
  const commands: { line: string; at: number; args?: string }[] = [];
  let section = '';
  (readText(file) ?? '').split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      return;
    }
    const kv = /^([A-Za-z_][\w.-]*)\s*[=:]\s*(.*)$/.exec(line);
    if (!kv || line.startsWith('#') || line.startsWith(';')) return;
    const [, key, value] = kv;
    if (section.startsWith('env')) managerEnv[key!] = value!.replace(/^(['"])(.*)\1$/, '$2');
    else if (key === 'environment') for (const m of value!.matchAll(/([A-Za-z_]\w*)="?([^",]*)"?/g)) managerEnv[m[1]!] = m[2]!;
    else if (key === 'cmd' || key === 'command') commands.push({ line: value!, at: i + 1 });
    else if (key === 'args' && commands.length > 0) commands[commands.length - 1]!.args = value!;
  });
  return commands.flatMap((c) => describeLine(c.args ? `${c.line} ${c.args}` : c.line, file, c.at, dir, managerEnv));
}

function fromDockerfile(file: string, dir: string, env: Record<string, string>): PyLaunch[] {
  const out: PyLaunch[] = [];
  const dockerEnv: Record<string, string> = { ...env };
  let entrypoint: string[] = [];
  for (const ins of parseDockerfile(readText(file) ?? '')) {
    if (ins.op === 'ENV') {
      for (const inv of parseCommandLine(ins.args)) Object.assign(dockerEnv, inv.env);
      const legacy = /^([A-Za-z_]\w*)\s+([^=].*)$/.exec(ins.args);
      if (legacy) dockerEnv[legacy[1]!] = legacy[2]!.replace(/^"(.*)"$/, '$1');
    } else if (ins.op === 'ENTRYPOINT') {
      entrypoint = execForm(ins.args) ?? [ins.args];
    } else if (ins.op === 'CMD') {
      const cmd = execForm(ins.args) ?? [ins.args];
      const line = commandLineOf([...entrypoint, ...cmd].length === 1 ? ([...entrypoint, ...cmd][0] as string) : [...entrypoint, ...cmd]);
      out.push(...describeLine(line, file, ins.line, dir, dockerEnv));
    }
  }
  if (entrypoint.length > 0 && out.length === 0) out.push(...describeLine(commandLineOf(entrypoint.length === 1 ? entrypoint[0]! : entrypoint), file, 1, dir, dockerEnv));
  return out;
}

/** docker-compose: `command:`/`entrypoint:` as a string or a flow/block list, `environment:` as a map or a list (no YAML library: these shapes only). */
function fromCompose(file: string, dir: string, env: Record<string, string>): PyLaunch[] {
  const out: PyLaunch[] = [];
  const lines = (readText(file) ?? '').split(/\r?\n/);
  let serviceEnv: Record<string, string> = { ...env };
  let serviceIndent = -1;
  const pending: { line: string; at: number }[] = [];
  const flush = (): void => {
    for (const p of pending) out.push(...describeLine(p.line, file, p.at, dir, serviceEnv));
    pending.length = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const indent = raw.length - raw.trimStart().length;
    const m = /^\s*(command|entrypoint|environment):\s*(.*)$/.exec(raw);
    if (/^\s*[\w.-]+:\s*$/.test(raw) && indent <= serviceIndent) {
      flush();
      serviceEnv = { ...env };
    }
    if (/^\s*[\w.-]+:\s*$/.test(raw) && serviceIndent < 0 && indent > 0) serviceIndent = indent;
    if (!m) continue;
    const [, key, rest] = m;
    const block: string[] = [];
    if (rest === '' || rest === '|' || rest === '>') {
      while (i + 1 < lines.length && (lines[i + 1]!.trim() === '' || lines[i + 1]!.length - lines[i + 1]!.trimStart().length > indent)) block.push(lines[++i]!.trim());
    }
    if (key === 'environment') {
      const items = rest!.startsWith('[') ? flowList(rest!) : block.map((b) => b.replace(/^-\s*/, ''));
      for (const item of items) {
        const kv = /^["']?([A-Za-z_]\w*)["']?\s*[:=]\s*["']?(.*?)["']?$/.exec(item);
        if (kv) serviceEnv[kv[1]!] = kv[2]!;
      }
      continue;
    }
    const words = rest!.startsWith('[') ? flowList(rest!) : block.some((b) => b.startsWith('-')) ? block.map((b) => b.replace(/^-\s*/, '').replace(/^(['"])(.*)\1$/, '$2')) : undefined;
    const line = words ? commandLineOf(words) : (rest === '' || rest === '|' || rest === '>' ? block.join(' ') : rest!).replace(/^(['"])(.*)\1$/, '$2');
    pending.push({ line, at: i + 1 });
  }
  flush();
  return out;
}

function flowList(text: string): string[] {
  const value = parseJsonObject(`{"v":${text.replace(/'/g, '"')}}`);
  const list = value?.v;
  return Array.isArray(list) ? list.map(String) : [];
}

function fromPackageJson(file: string, dir: string, env: Record<string, string>): PyLaunch[] {
  const pkg = parseJsonObject(readText(file) ?? '');
  const scripts = pkg && isRecord(pkg.scripts) ? pkg.scripts : {};
  return Object.values(scripts).flatMap((s) => (typeof s === 'string' ? describeLine(s, file, 1, dir, env) : []));
}

/** The Python launches of one command line. */
export function describeLine(line: string, file: string, lineNo: number, cwd: string, baseEnv: Readonly<Record<string, string>> = {}, depth = 0): PyLaunch[] {
  const out: PyLaunch[] = [];
  for (const inv of parseCommandLine(line)) {
    // `concurrently "flask run --reload" "uvicorn …"`, `sh -c "…"`: the quoted commands are command lines
    const head = inv.argv[0] ? baseName(inv.argv[0]) : '';
    if (depth === 0 && (head === 'concurrently' || ((head === 'sh' || head === 'bash') && inv.argv[1] === '-c'))) {
      for (const arg of inv.argv.slice(1)) if (/\s/.test(arg)) out.push(...describeLine(arg, file, lineNo, cwd, { ...baseEnv, ...inv.env }, depth + 1));
      continue;
    }
    const launch = describeArgv(inv.argv, { ...baseEnv, ...inv.env });
    if (launch) out.push({ file, line: lineNo, cwd, command: line, ...launch });
  }
  return out;
}

type LaunchBody = Omit<PyLaunch, 'file' | 'line' | 'cwd' | 'command'>;

function describeArgv(argv: readonly string[], env: Record<string, string>): LaunchBody | undefined {
  let words = [...argv];
  let instrumented = false;
  while (words.length > 0 && (words[0] === 'exec' || words[0] === 'env' || /^[A-Za-z_]\w*=/.test(words[0]!))) {
    const w = words.shift()!;
    const m = /^([A-Za-z_]\w*)=(.*)$/.exec(w);
    if (m) env[m[1]!] = m[2]!;
  }
  if (words[0] && baseName(words[0]) === AUTO_INSTRUMENT_COMMAND) {
    instrumented = true;
    words = skipOptions(words.slice(1), env);
  }
  // `poetry run x`, `uv run x`, `pipenv run x`
  if (words[1] === 'run' && ['poetry', 'uv', 'pipenv', 'pdm', 'hatch'].includes(baseName(words[0] ?? ''))) words = words.slice(2);
  if (words[0] && baseName(words[0]) === AUTO_INSTRUMENT_COMMAND) {
    instrumented = true;
    words = skipOptions(words.slice(1), env);
  }
  const cmd = words[0] ? baseName(words[0]) : '';
  if (PYTHONS.test(cmd)) {
    const rest = words.slice(1).filter((w) => !/^-[uBOEsSI]+$/.test(w));
    if (rest[0] === '-m') {
      const mod = rest[1];
      if (mod === 'flask' || mod === 'gunicorn' || mod === 'uvicorn') return describeRunner(mod, rest.slice(2), env, instrumented);
      return mod ? base('python', env, instrumented, { module: mod, args: rest.slice(2) }) : undefined;
    }
    return rest[0] && rest[0].endsWith('.py') ? base('python', env, instrumented, { script: rest[0], args: rest.slice(1) }) : undefined;
  }
  if (cmd === 'flask' || cmd === 'gunicorn' || cmd === 'uvicorn') return describeRunner(cmd, words.slice(1), env, instrumented);
  return undefined;
}

/** `opentelemetry-instrument --traces_exporter console --service_name x cmd ...`: every option takes a value. */
function skipOptions(words: string[], env: Record<string, string>): string[] {
  let i = 0;
  while (i < words.length && words[i]!.startsWith('-')) {
    const w = words[i]!;
    const eq = w.indexOf('=');
    const key = (eq > 0 ? w.slice(0, eq) : w).replace(/^-+/, '');
    const value = eq > 0 ? w.slice(eq + 1) : words[i + 1];
    if (value !== undefined) env[`OTEL_${key.toUpperCase()}`] = value;
    i += eq > 0 ? 1 : 2;
  }
  return words.slice(i);
}

function base(runner: PyRunner, env: Record<string, string>, instrumented: boolean, extra: Partial<LaunchBody>): LaunchBody {
  return { runner, instrumented, preload: false, debug: TRUTHY.test(env.FLASK_DEBUG ?? ''), env, ...extra };
}

function describeRunner(runner: 'flask' | 'gunicorn' | 'uvicorn', args: readonly string[], env: Record<string, string>, instrumented: boolean): LaunchBody | undefined {
  const flag = (...names: string[]): boolean => args.some((a) => names.includes(a));
  const value = (...names: string[]): string | undefined => {
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      for (const n of names) {
        if (a === n) return args[i + 1];
        if (n.startsWith('--') && a.startsWith(`${n}=`)) return a.slice(n.length + 1);
        if (!n.startsWith('--') && a.startsWith(n) && a.length > n.length) return a.slice(n.length);
      }
    }
    return undefined;
  };
  if (runner === 'flask') {
    if (!args.includes('run')) return undefined;
    const app = value('--app', '-A') ?? env.FLASK_APP;
    const debug = flag('--debug') || (!flag('--no-debug') && TRUTHY.test(env.FLASK_DEBUG ?? ''));
    const reload = flag('--reload') ? true : flag('--no-reload') ? false : undefined;
    return { ...base('flask', env, instrumented, { module: app?.split(':')[0] }), debug, reload };
  }
  const positional = positionalArgs(args);
  const target = positional.find((a) => a.includes(':')) ?? positional[0];
  const workers = Number(value('-w', '--workers') ?? env.WEB_CONCURRENCY ?? NaN);
  if (runner === 'gunicorn') {
    const preload = flag('--preload') || /\s--preload\b/.test(` ${env.GUNICORN_CMD_ARGS ?? ''}`);
    // without -c, Gunicorn reads ./gunicorn.conf.py
    return { ...base('gunicorn', env, instrumented, { module: target?.split(':')[0], config: value('-c', '--config') ?? 'gunicorn.conf.py' }), preload, reload: flag('--reload') || undefined, workers: Number.isNaN(workers) ? undefined : workers };
  }
  return { ...base('uvicorn', env, instrumented, { module: target?.split(':')[0] }), reload: flag('--reload') || undefined, workers: Number.isNaN(workers) ? undefined : workers };
}

/** Gunicorn/uvicorn flags that take a value, so their values are not taken for the app. */
const VALUE_FLAGS = new Set(['-c', '--config', '-b', '--bind', '-w', '--workers', '-k', '--worker-class', '--host', '--port', '--log-level', '--timeout', '-t', '--threads', '--access-logfile', '--error-logfile', '--chdir', '--app-dir', '--env-file', '--name', '-n', '--max-requests', '--graceful-timeout', '--keep-alive', '--forwarded-allow-ips', '--root-path', '--uds', '--fd', '--limit-concurrency', '--backlog', '--log-config', '--pythonpath', '-e', '--env', '--worker-tmp-dir', '--user', '-u', '--group', '-g', '--pid', '-p']);

function positionalArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-')) {
      if (VALUE_FLAGS.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}
