// The one reader of command lines in project files (package.json scripts, nodemon `exec`,
// Procfile, Dockerfile CMD/ENTRYPOINT/ENV), for the lint-time project readers and the doctor:
// which runner starts which module, with which preloads and environment. A small POSIX-ish
// tokenizer (quotes, backslashes, `&&`/`||`/`;`/`|`/`&`/newline), enough for what people write
// in scripts; never throws.

/** One simple command of a command line: `A=1 node -r x main.js`. */
export interface Invocation {
  readonly env: Readonly<Record<string, string>>;
  readonly argv: readonly string[];
}

/** What an invocation starts. */
export interface Launch {
  readonly runner: string;
  /** The module it runs (as written), when it runs one. */
  readonly script: string | undefined;
  /** `-r`/`--require`/`--import`/`--loader` values and the ones in `NODE_OPTIONS`. */
  readonly preloads: readonly { specifier: string; via: string }[];
  /** The watcher that restarts it (`nodemon`, `node --watch`, `tsx watch`...), if any. */
  readonly watcher: string | undefined;
  /** `npm run <name>` and friends: another script of the same package. */
  readonly runsScript: string | undefined;
  /** `next dev` / `next start`. */
  readonly next: 'dev' | 'start' | undefined;
}

const SEPARATORS = new Set(['&&', '||', ';', '|', '&']);

/**
 * Splits a command line into simple commands. The commands `concurrently` runs (each a quoted
 * argument: `concurrently "tsc --watch" "nodemon -r ./dist/otel.js dist/web"`) are simple
 * commands of the line too, with the environment of the `concurrently` command.
 */
export function parseCommandLine(line: string, depth = 0): Invocation[] {
  const tokens = tokenize(line);
  const out: Invocation[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length > 0) {
      const inv = toInvocation(current);
      const commands = depth < MAX_CONCURRENTLY_DEPTH ? concurrentlyCommands(inv.argv) : undefined;
      if (commands === undefined) out.push(inv);
      else for (const c of commands) for (const inner of parseCommandLine(c, depth + 1)) out.push({ env: { ...inv.env, ...inner.env }, argv: inner.argv });
    }
    current = [];
  };
  for (const t of tokens) {
    if (t.op) flush();
    else current.push(t.text);
  }
  flush();
  return out;
}

/** `concurrently "concurrently \"…\""` nests a level of quoting per level: a few are plenty. */
const MAX_CONCURRENTLY_DEPTH = 3;

/** Prefixes that run a package's binary: `npx concurrently`, `pnpm exec conc`, `yarn concurrently`. */
const BIN_RUNNER = /^(?:npx|bunx|pnpx|pnpm|yarn|npm|exec|dlx|-.*)$/;

/**
 * concurrently's options that take a value (concurrently 9.2.1 `dist/bin/concurrently.js`, the
 * yargs options typed `string`/`number` or without a type); its other options are booleans.
 */
const CONCURRENTLY_VALUE_OPTIONS = new Set([
  '-m', '--max-processes', '-n', '--names', '--name-separator', '-s', '--success', '--hide', '--teardown',
  '--ks', '--kill-signal', '--kill-timeout', '-p', '--prefix', '-c', '--prefix-colors', '-l', '--prefix-length',
  '-t', '--timestamp-format', '--restart-tries', '--restart-after', '--default-input-target',
]);

/**
 * The command lines a `concurrently`/`conc` invocation runs: its positional arguments (each one
 * command, quoted in the script), `npm:dev` shortcuts expanded to `npm run dev` (also `pnpm:`,
 * `yarn:`, `bun:`; concurrently 9.2.1 `dist/src/command-parser/expand-shortcut.js`). Undefined
 * when the invocation is not concurrently's.
 */
function concurrentlyCommands(argv: readonly string[]): string[] | undefined {
  let i = 0;
  while (i < argv.length && BIN_RUNNER.test(argv[i]!)) i++;
  const bin = argv[i] === undefined ? '' : baseName(argv[i]!);
  if (bin !== 'concurrently' && bin !== 'conc') return undefined;
  const commands: string[] = [];
  for (i++; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') continue;
    if (a.startsWith('-')) {
      if (!a.includes('=') && CONCURRENTLY_VALUE_OPTIONS.has(a)) i++;
      continue;
    }
    const shortcut = /^(npm|yarn|pnpm|bun):(\S+)(.*)$/s.exec(a);
    commands.push(shortcut ? `${shortcut[1]} run ${shortcut[2]}${shortcut[3]}` : a);
  }
  return commands;
}

interface Token {
  readonly text: string;
  readonly op: boolean;
}

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let text = '';
  let has = false;
  let i = 0;
  const push = (): void => {
    if (has) tokens.push({ text, op: false });
    text = '';
    has = false;
  };
  while (i < line.length) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      text += end < 0 ? line.slice(i + 1) : line.slice(i + 1, end);
      has = true;
      i = end < 0 ? line.length : end + 1;
    } else if (c === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length) i++;
        text += line[i];
        i++;
      }
      has = true;
      i++;
    } else if (c === '\\' && i + 1 < line.length) {
      text += line[i + 1];
      has = true;
      i += 2;
    } else if (c === '\n') {
      // a newline ends a command, as `;` does
      push();
      tokens.push({ text: ';', op: true });
      i++;
    } else if (/\s/.test(c)) {
      push();
      i++;
    } else if (c === '&' || c === '|' || c === ';') {
      push();
      const two = line.slice(i, i + 2);
      const op = SEPARATORS.has(two) ? two : c;
      tokens.push({ text: op, op: true });
      i += op.length;
    } else if (c === '(' || c === ')') {
      push();
      tokens.push({ text: c, op: true });
      i++;
    } else {
      text += c;
      has = true;
      i++;
    }
  }
  push();
  return tokens;
}

/** The words of a text (quotes removed, operators dropped): `'--require x'` → `['--require', 'x']`. */
export function shellWords(text: string): string[] {
  return tokenize(text)
    .filter((t) => !t.op)
    .map((t) => t.text);
}

/** Commands that pass the environment on to the command they run. */
export const ENV_COMMANDS: ReadonlySet<string> = new Set(['cross-env', 'env', 'cross-env-shell', 'exec', 'time']);

/** Leading `VAR=value` words (and `commands` prefixes such as `cross-env`/`env`) become the environment. */
export function toInvocation(words: readonly string[], commands: ReadonlySet<string> = ENV_COMMANDS): Invocation {
  const env: Record<string, string> = {};
  let i = 0;
  for (;;) {
    const w = words[i];
    if (w === undefined) break;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w);
    if (m) {
      env[m[1]!] = m[2]!;
      i++;
    } else if (commands.has(w)) {
      i++;
    } else break;
  }
  return { env, argv: words.slice(i) };
}

/** Runners that start a module as their first positional argument, and their flags that take a value. */
const NODE_VALUE_FLAGS = new Set([
  '-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '--watch-path', '--input-type',
  '--conditions', '-C', '--title', '--stack-size', '--max-old-space-size', '--tsconfig', '-P', '--project',
  '-O', '--compiler-options', '--compiler', '-I', '--ignore', '--watch', '-w', '-e', '--ext', '-x', '--exec',
  '--delay', '-d', '--signal', '-s', '--config', '--exec-map', '--on-change-only', '--cwd', '--inspect-port',
]);

/** Flags whose value is a preload, by runner (ts-node's `-r` is node's `-r`). */
export const PRELOAD_FLAGS: ReadonlySet<string> = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader']);

/** What a simple command starts; undefined for commands that start no Node module we can follow. */
export function describeInvocation(inv: Invocation): Launch | undefined {
  let argv = [...inv.argv];
  // package-runner prefixes: `npx nodemon`, `pnpm exec tsx`, `yarn dlx`, `dotenv -e .env --`
  for (;;) {
    const [first, second] = argv;
    if (first === undefined) return undefined;
    if (first === 'npx' || first === 'bunx' || first === 'pnpx') argv = argv.slice(1).filter((a, idx) => idx > 0 || !a.startsWith('-'));
    else if ((first === 'pnpm' || first === 'yarn' || first === 'npm') && (second === 'exec' || second === 'dlx')) argv = argv.slice(2);
    else if (first === 'dotenv' || first === 'dotenv-cli') {
      const dash = argv.indexOf('--');
      if (dash < 0) return undefined;
      argv = argv.slice(dash + 1);
    } else break;
  }
  const runner = baseName(argv[0]!);
  const rest = argv.slice(1);
  const preloads = nodeOptionsPreloads(inv.env.NODE_OPTIONS);

  if (runner === 'npm' || runner === 'yarn' || runner === 'pnpm' || runner === 'bun') {
    const [sub, name] = rest;
    if (sub === 'run' || sub === 'run-script') return scriptRef(runner, name, preloads);
    if (sub === 'start' || sub === 'test') return scriptRef(runner, sub, preloads);
    if (runner === 'bun' && sub !== undefined && /\.[cm]?[jt]sx?$/.test(sub)) return nodeLike('bun', rest, preloads, undefined);
    if (runner === 'bun' && (sub === '--watch' || sub === '--hot')) return nodeLike('bun', rest.slice(1), preloads, `bun ${sub}`);
    if ((runner === 'yarn' || runner === 'pnpm') && sub !== undefined && !sub.startsWith('-') && !['install', 'add', 'build', 'i'].includes(sub)) {
      return scriptRef(runner, sub, preloads);
    }
    return undefined;
  }
  if (runner === 'next') {
    const sub = rest[0];
    if (sub === 'dev' || sub === 'start') return { runner, script: undefined, preloads, watcher: sub === 'dev' ? 'next dev' : undefined, runsScript: undefined, next: sub };
    return undefined;
  }
  if (runner === 'node' || runner === 'nodejs') {
    const watch = rest.some((a) => a === '--watch' || a.startsWith('--watch=') || a === '--watch-path' || a.startsWith('--watch-path='));
    return nodeLike(runner, rest, preloads, watch ? 'node --watch' : undefined);
  }
  if (runner === 'nodemon') return nodeLike(runner, rest, preloads, 'nodemon');
  if (runner === 'ts-node-dev' || runner === 'tsnd') return nodeLike(runner, rest, preloads, 'ts-node-dev');
  if (runner === 'tsx') {
    if (rest[0] === 'watch') return nodeLike(runner, rest.slice(1), preloads, 'tsx watch');
    return nodeLike(runner, rest, preloads, undefined);
  }
  if (runner === 'ts-node' || runner === 'ts-node-esm' || runner === 'babel-node' || runner === 'esno' || runner === 'esr' || runner === 'jiti') {
    return nodeLike(runner, rest, preloads, undefined);
  }
  if (runner === 'pm2' && (rest[0] === 'start' || rest[0] === 'start-runtime')) return nodeLike(runner, rest.slice(1), preloads, undefined);
  return undefined;
}

function scriptRef(runner: string, name: string | undefined, preloads: Launch['preloads']): Launch | undefined {
  if (name === undefined) return undefined;
  return { runner, script: undefined, preloads, watcher: undefined, runsScript: name, next: undefined };
}

function nodeLike(runner: string, args: readonly string[], inherited: Launch['preloads'], watcher: string | undefined): Launch {
  const preloads = [...inherited];
  let script: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') continue;
    if ((a === '-e' || a === '--eval' || a === '-p' || a === '--print') && runner !== 'nodemon') break;
    const eq = a.indexOf('=');
    const flag = a.startsWith('-') && eq > 0 ? a.slice(0, eq) : a;
    if (a.startsWith('-')) {
      if (runner === 'nodemon' && (flag === '--exec' || flag === '-x')) {
        // `nodemon --exec "ts-node -r ./tracing" src/main.ts`: the exec command's preloads (and module) count
        const value = eq > 0 ? a.slice(eq + 1) : args[++i];
        const inner = value === undefined ? undefined : parseCommandLine(`${value}`)[0];
        const launch = inner ? describeInvocation(inner) : undefined;
        if (launch) {
          preloads.push(...launch.preloads);
          script ??= launch.script;
        }
      } else if (PRELOAD_FLAGS.has(flag)) {
        const value = eq > 0 ? a.slice(eq + 1) : args[++i];
        if (value !== undefined) preloads.push({ specifier: value, via: `${runner} ${flag}` });
      } else if (eq < 0 && NODE_VALUE_FLAGS.has(flag) && !(flag === '--watch' && runner === 'node')) {
        i++;
      } else if (/^-r./.test(a)) {
        preloads.push({ specifier: a.slice(2), via: `${runner} -r` });
      }
      continue;
    }
    if (script === undefined || runner === 'nodemon') script = a;
    break;
  }
  return { runner, script, preloads, watcher, runsScript: undefined, next: undefined };
}

/** `--require x` / `-r x` / `--import=x` inside a NODE_OPTIONS value. */
export function nodeOptionsPreloads(value: string | undefined): Launch['preloads'] {
  return value ? preloadFlags(shellWords(value), 'NODE_OPTIONS') : [];
}

/** Every `--require x` / `-r x` / `--import=x` among `words` (wherever they stand). */
export function preloadFlags(words: readonly string[], via: string): Launch['preloads'] {
  const out: { specifier: string; via: string }[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const eq = w.indexOf('=');
    const flag = eq > 0 ? w.slice(0, eq) : w;
    if (PRELOAD_FLAGS.has(flag)) {
      const v = eq > 0 ? w.slice(eq + 1) : words[++i];
      if (v !== undefined) out.push({ specifier: v, via: `${via} ${flag}` });
    }
  }
  return out;
}

/** The command name of a path (`./node_modules/.bin/tsx`, `node.exe` → `tsx`, `node`). */
export function baseName(cmd: string): string {
  const slash = cmd.lastIndexOf('/');
  return (slash >= 0 ? cmd.slice(slash + 1) : cmd).replace(/\.(cmd|exe)$/i, '');
}

/** Dockerfile names (`Dockerfile`, `Dockerfile.prod`, `api.dockerfile`, `Containerfile`). */
export function isDockerfile(name: string): boolean {
  return /^(Dockerfile|Containerfile)(\..+)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name);
}

interface DockerInstruction {
  readonly op: string;
  readonly args: string;
  readonly line: number;
}

/** Dockerfile instructions with their first line, continuation lines joined, comments dropped. */
export function parseDockerfile(text: string): DockerInstruction[] {
  const lines = text.split(/\r?\n/);
  const out: DockerInstruction[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = i;
    let line = lines[i]!;
    if (/^\s*#/.test(line) || line.trim() === '') continue;
    while (/\\\s*$/.test(line) && i + 1 < lines.length) {
      line = line.replace(/\\\s*$/, ' ');
      i++;
      if (!/^\s*#/.test(lines[i]!)) line += lines[i]!;
    }
    const m = /^\s*([A-Za-z]+)\s+([\s\S]*)$/.exec(line);
    if (m) out.push({ op: m[1]!.toUpperCase(), args: m[2]!.trim(), line: first + 1 });
  }
  return out;
}

/** The argv of an exec-form CMD/ENTRYPOINT (`["node", "a.js"]`), or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(args);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** A CMD/ENTRYPOINT's arguments as one command line (exec-form words quoted). */
export function commandLineOf(argv: readonly string[] | string): string {
  return typeof argv === 'string' ? argv : argv.map(quoteWord).join(' ');
}

/** `ENV NODE_OPTIONS="--require x"`, `ENV NODE_OPTIONS=--require=x OTHER=1`, legacy `ENV NODE_OPTIONS --require x`. */
export function envValue(args: string, name: string): string | undefined {
  const legacy = new RegExp(`^${name}\\s+(?!=)(.*)$`).exec(args);
  if (legacy && !args.startsWith(`${name}=`)) return legacy[1]!.replace(/^"(.*)"$/, '$1');
  for (const inv of parseCommandLine(args)) if (name in inv.env) return inv.env[name];
  return undefined;
}

function quoteWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
