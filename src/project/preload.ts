// Preloads configured outside the code: `--require`/`-r`/`--import` of a module that starts
// an SDK (the recognition table's side-effect modules, e.g.
// `@opentelemetry/auto-instrumentations-node/register`), in package.json scripts, NODE_OPTIONS
// (scripts, `.env*` files, Dockerfiles beside the package.json). Cached per project root;
// missing or malformed files count as absent and never throw.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Table } from '../otel/table';
import { getProjectInfo } from './index';

export interface Preload {
  /** The preloaded module specifier. */
  readonly module: string;
  /** Where it is configured, for messages: `package.json script "start"`, `.env`, `Dockerfile`. */
  readonly source: string;
}

const cache = new Map<string, readonly Preload[]>();

/** Commands that run the app (or pass the environment on to it); a NODE_OPTIONS prefix on anything else does not reach the app. */
const RUNNERS = new Set(['node', 'nodemon', 'ts-node', 'ts-node-dev', 'tsx', 'node-dev', 'npm', 'npx', 'pnpm', 'yarn', 'bun', 'pm2', 'pm2-runtime', 'next', 'nest', 'vite-node', 'remix-serve', 'react-router-serve', 'fastify', 'concurrently', 'run-p', 'run-s', 'npm-run-all']);
const PRELOAD_FLAG = /(?:^|\s)(?:--require|-r|--import|--loader|--experimental-loader)(?:\s+|=)(['"]?)([^\s'"]+)\1/g;

/** Preloads that start an SDK for the package the file belongs to. */
export function findPreloads(filename: string, table: Table): readonly Preload[] {
  const root = getProjectInfo(filename).root;
  if (!root) return [];
  let found = cache.get(root);
  if (!found) {
    found = readPreloads(root, filename).filter((p) => !!table.module(p.module)?.sideEffect);
    cache.set(root, found);
  }
  return found;
}

/** Clears the cache (tests that rewrite project files). */
export function clearPreloadCache(): void {
  cache.clear();
}

function readPreloads(root: string, filename: string): Preload[] {
  const out: Preload[] = [];
  const pkg = getProjectInfo(filename).packageJson;
  for (const [name, script] of Object.entries(pkg?.scripts ?? {})) {
    for (const module of preloadsOfShell(script)) out.push({ module, source: `package.json script "${name}"` });
  }
  // nodemon: `exec` / `execMap` commands (package.json `nodemonConfig` or nodemon.json)
  const nodemonConfigs: [unknown, string][] = [[pkg?.nodemonConfig, 'package.json nodemonConfig'], [readJsonFile(join(root, 'nodemon.json')), 'nodemon.json']];
  for (const [cfg, where] of nodemonConfigs) {
    if (!cfg || typeof cfg !== 'object') continue;
    const c = cfg as Record<string, unknown>;
    const commands = [c.exec, ...(c.execMap && typeof c.execMap === 'object' ? Object.values(c.execMap as object) : [])].filter((x): x is string => typeof x === 'string');
    for (const cmd of commands) for (const module of preloadsOfShell(/^\s*node\b/.test(cmd) ? cmd : `node ${cmd}`)) out.push({ module, source: where });
  }
  let files: string[] = [];
  try {
    files = readdirSync(root);
  } catch {
    files = [];
  }
  for (const f of files) {
    if (/^\.env(\..+)?$/.test(f) && !/\.(example|sample|template)$/.test(f)) {
      for (const line of readText(join(root, f)).split(/\r?\n/)) {
        const m = /^\s*(?:export\s+)?NODE_OPTIONS\s*=\s*(.*)$/.exec(line);
        if (m) for (const module of preloadsOfFlags(unquote(m[1]!))) out.push({ module, source: f });
      }
    } else if (f === 'Procfile') {
      for (const line of readText(join(root, f)).split(/\r?\n/)) {
        const m = /^[\w-]+:\s*(.*)$/.exec(line);
        if (m) for (const module of preloadsOfShell(m[1]!)) out.push({ module, source: 'Procfile' });
      }
    } else if (/^Dockerfile(\..+)?$|\.Dockerfile$/.test(f)) {
      for (const line of readText(join(root, f)).split(/\r?\n/)) {
        const env = /^\s*ENV\s+NODE_OPTIONS(?:\s*=\s*|\s+)(.*)$/i.exec(line);
        if (env) for (const module of preloadsOfFlags(unquote(env[1]!))) out.push({ module, source: f });
        const cmd = /^\s*(?:CMD|ENTRYPOINT)\s+(.*)$/i.exec(line);
        if (cmd) {
          const text = cmd[1]!.trim().startsWith('[') ? jsonCommand(cmd[1]!) : cmd[1]!;
          for (const module of preloadsOfShell(text)) out.push({ module, source: f });
        }
      }
    }
  }
  return out;
}

function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function jsonCommand(text: string): string {
  try {
    const arr: unknown = JSON.parse(text);
    return Array.isArray(arr) ? arr.map(String).join(' ') : '';
  } catch {
    return '';
  }
}

function unquote(s: string): string {
  const t = s.trim();
  return /^(['"]).*\1$/.test(t) ? t.slice(1, -1) : t;
}

/** Modules preloaded by flags in a flag string (NODE_OPTIONS value or a command's arguments). */
function preloadsOfFlags(flags: string): string[] {
  return [...flags.matchAll(PRELOAD_FLAG)].map((m) => m[2]!);
}

/**
 * Modules a shell command line preloads into a process that runs the app. Shell scoping is
 * respected: `NODE_OPTIONS=x a && b` reaches only `a`; `export NODE_OPTIONS=x` reaches what follows.
 */
export function preloadsOfShell(script: string): string[] {
  const out: string[] = [];
  let exported: string | undefined;
  for (const segment of splitCommands(script)) {
    const words = tokenize(segment);
    let i = 0;
    let local: string | undefined;
    if (words[0] === 'export') {
      for (const w of words.slice(1)) {
        const m = /^NODE_OPTIONS=(.*)$/.exec(w);
        if (m) exported = m[1];
      }
      continue;
    }
    // `VAR=x cmd`, `cross-env VAR=x cmd`, `env VAR=x cmd`
    for (; i < words.length; i++) {
      const w = words[i]!;
      if (w === 'cross-env' || w === 'env' || w === 'cross-env-shell' || w === 'dotenv' || w === '--') continue;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(w);
      if (!m) break;
      if (m[1] === 'NODE_OPTIONS') local = m[2];
    }
    if (i >= words.length) {
      // a bare assignment (`NODE_OPTIONS=x;`) sets a shell variable that is not exported
      continue;
    }
    const cmd = words[i]!.split('/').pop()!;
    if (!RUNNERS.has(cmd)) continue;
    const nodeOptions = local ?? exported;
    if (nodeOptions) out.push(...preloadsOfFlags(nodeOptions));
    out.push(...preloadsOfFlags(words.slice(i + 1).join(' ')));
  }
  return out;
}

/** Splits on `&&`, `||`, `;`, `|`, `&` outside quotes. */
function splitCommands(script: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      cur += c;
      continue;
    }
    if (c === ';' || c === '|' || c === '&' || c === '\n') {
      parts.push(cur);
      cur = '';
      if ((c === '&' || c === '|') && script[i + 1] === c) i++;
      continue;
    }
    cur += c;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Words of one command, quotes removed (`NODE_OPTIONS='--import x'` stays one word). */
function tokenize(command: string): string[] {
  const words: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let has = false;
  for (const c of command) {
    if (quote) {
      if (c === quote) quote = undefined;
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      has = true;
      continue;
    }
    if (/\s/.test(c)) {
      if (cur || has) words.push(cur);
      cur = '';
      has = false;
      continue;
    }
    cur += c;
  }
  if (cur || has) words.push(cur);
  return words;
}
