// Preloads configured outside the code: `--require`/`-r`/`--import` of a module that starts
// an SDK (the recognition table's side-effect modules, e.g.
// `@opentelemetry/auto-instrumentations-node/register`), in package.json scripts, NODE_OPTIONS
// (scripts, `.env*` files, Dockerfiles, `serverless.yml` beside the package.json). Cached until one of those files
// changes; missing or malformed files count as absent and never throw.
import { join } from 'node:path';
import type { Table } from '../otel/table';
import { FileMemo, listDir, readJsonObject, readText } from './files';
import { getProjectInfo } from './index';
import { baseName, commandLineOf, ENV_COMMANDS, envValue, execForm, isDockerfile, nodeOptionsPreloads, parseCommandLine, parseDockerfile, preloadFlags, shellWords, toInvocation } from './shell';

export interface Preload {
  /** The preloaded module specifier. */
  readonly module: string;
  /** Where it is configured, for messages: `package.json script "start"`, `.env`, `Dockerfile`. */
  readonly source: string;
  /** The package.json script that preloads it, when that is where it is configured. */
  readonly script?: string;
  /** The Lambda handlers (`dist/main.handler`) of the serverless.yml that preloads it: only their processes load it. */
  readonly handlers?: readonly string[];
}

const preloadMemo = new FileMemo<readonly Preload[]>();

/** Commands that run the app (or pass the environment on to it); a NODE_OPTIONS prefix on anything else does not reach the app. */
const RUNNERS = new Set(['node', 'nodemon', 'ts-node', 'ts-node-dev', 'tsx', 'node-dev', 'npm', 'npx', 'pnpm', 'yarn', 'bun', 'pm2', 'pm2-runtime', 'next', 'nest', 'vite-node', 'remix-serve', 'react-router-serve', 'fastify', 'concurrently', 'run-p', 'run-s', 'npm-run-all']);
/** Prefixes that pass the environment on, besides parseCommandLine's: `dotenv -- cmd`. */
const PASS_ENV = new Set([...ENV_COMMANDS, 'dotenv', '--']);

/** Preloads that start an SDK for the package the file belongs to. */
export function findPreloads(filename: string, table: Table): readonly Preload[] {
  return configuredPreloads(filename).filter((p) => !!table.module(p.module)?.sideEffect);
}

/** Every preload configured for the package the file belongs to (project modules too: `--require ./lambda-wrapper`). */
export function configuredPreloads(filename: string): readonly Preload[] {
  const root = getProjectInfo(filename).root;
  if (!root) return [];
  return preloadMemo.get(root, () => readPreloads(root, filename));
}

function readPreloads(root: string, filename: string): Preload[] {
  const out: Preload[] = [];
  const pkg = getProjectInfo(filename).packageJson;
  for (const [name, script] of Object.entries(pkg?.scripts ?? {})) {
    for (const module of preloadsOfShell(script)) out.push({ module, source: `package.json script "${name}"`, script: name });
  }
  // nodemon: `exec` / `execMap` commands (package.json `nodemonConfig` or nodemon.json)
  const nodemonConfigs: [unknown, string][] = [[pkg?.nodemonConfig, 'package.json nodemonConfig'], [readJsonObject(join(root, 'nodemon.json')), 'nodemon.json']];
  for (const [cfg, where] of nodemonConfigs) {
    if (!cfg || typeof cfg !== 'object') continue;
    const c = cfg as Record<string, unknown>;
    const commands = [c.exec, ...(c.execMap && typeof c.execMap === 'object' ? Object.values(c.execMap as object) : [])].filter((x): x is string => typeof x === 'string');
    for (const cmd of commands) for (const module of preloadsOfShell(/^\s*node\b/.test(cmd) ? cmd : `node ${cmd}`)) out.push({ module, source: where });
  }
  for (const f of listDir(root)) {
    if (/^\.env(\..+)?$/.test(f) && !/\.(example|sample|template)$/.test(f)) {
      for (const line of (readText(join(root, f)) ?? '').split(/\r?\n/)) {
        const m = /^\s*(?:export\s+)?NODE_OPTIONS\s*=\s*(.*)$/.exec(line);
        if (m) for (const module of preloadsOfFlags(unquote(m[1]!))) out.push({ module, source: f });
      }
    } else if (f === 'serverless.yml' || f === 'serverless.yaml') {
      // the Serverless Framework's `environment: NODE_OPTIONS: --require ./lambda-wrapper` (provider or function
      // level: read as reaching every function the file deploys)
      const lines = (readText(join(root, f)) ?? '').split(/\r?\n/);
      const handlers = lines.flatMap((line) => /^\s*handler\s*:\s*['"]?([^'"\s#]+)/.exec(line)?.[1] ?? []);
      for (const line of lines) {
        const m = /^\s*NODE_OPTIONS\s*:\s*(.*)$/.exec(line);
        if (m) for (const module of preloadsOfFlags(unquote(m[1]!))) out.push({ module, source: f, handlers });
      }
    } else if (f === 'Procfile') {
      for (const line of (readText(join(root, f)) ?? '').split(/\r?\n/)) {
        const m = /^[\w-]+:\s*(.*)$/.exec(line);
        if (m) for (const module of preloadsOfShell(m[1]!)) out.push({ module, source: 'Procfile' });
      }
    } else if (isDockerfile(f)) {
      // every stage's ENV NODE_OPTIONS and CMD/ENTRYPOINT (continuation lines joined)
      for (const ins of parseDockerfile(readText(join(root, f)) ?? '')) {
        const env = ins.op === 'ENV' ? envValue(ins.args, 'NODE_OPTIONS') : undefined;
        if (env !== undefined) for (const module of preloadsOfFlags(env)) out.push({ module, source: f });
        if (ins.op === 'CMD' || ins.op === 'ENTRYPOINT') for (const module of preloadsOfShell(commandLineOf(execForm(ins.args) ?? ins.args))) out.push({ module, source: f });
      }
    }
  }
  return out;
}

/** A `.env` value: dotenv strips one pair of surrounding quotes. */
function unquote(s: string): string {
  const t = s.trim();
  return /^(['"]).*\1$/.test(t) ? t.slice(1, -1) : t;
}

/** Modules preloaded by flags in a NODE_OPTIONS value. */
function preloadsOfFlags(flags: string | undefined): string[] {
  return nodeOptionsPreloads(flags).map((p) => p.specifier);
}

/**
 * Modules a shell command line preloads into a process that runs the app. Shell scoping is
 * respected: `NODE_OPTIONS=x a && b` reaches only `a`; `export NODE_OPTIONS=x` reaches what follows.
 */
export function preloadsOfShell(script: string): string[] {
  const out: string[] = [];
  let exported: string | undefined;
  for (const inv of parseCommandLine(script)) {
    if (inv.argv[0] === 'export') {
      for (const w of inv.argv.slice(1)) {
        const m = /^NODE_OPTIONS=(.*)$/s.exec(w);
        if (m) exported = m[1];
      }
      continue;
    }
    // `dotenv -- NODE_OPTIONS=x cmd`: prefixes parseCommandLine leaves in argv
    const { env, argv } = toInvocation(inv.argv, PASS_ENV);
    const cmd = argv[0];
    // no command: a bare assignment (`NODE_OPTIONS=x;`) sets a shell variable that is not exported
    if (cmd === undefined || !RUNNERS.has(baseName(cmd))) continue;
    out.push(...preloadsOfFlags(env.NODE_OPTIONS ?? inv.env.NODE_OPTIONS ?? exported));
    // flags anywhere in the arguments, also inside a quoted inner command (`nodemon --exec "node -r x"`, `concurrently "…"`)
    const words = argv.slice(1).flatMap((w) => (/\s/.test(w) ? shellWords(w) : [w]));
    out.push(...preloadFlags(words, cmd).map((p) => p.specifier));
  }
  return out;
}
