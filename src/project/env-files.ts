// Values a project writes down for an environment variable: its `.env*` files and compose files. A
// message that says what a variable holds reads them first (holdout7 M4: a project whose
// OTEL_EXPORTER_OTLP_ENDPOINT is documented as a full traces URL).
import { join } from 'node:path';
import { FileMemo, readText } from './files';
import { getProjectInfo } from './index';

/** Where a project sets variables, in its package directory, in the order they are read. */
const ENV_FILES = ['.env', '.env.example', '.env.sample', '.env.template', '.env.local', '.env.development', '.env.production', 'docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];

export interface EnvValue {
  readonly value: string;
  /** `.env.example:3`, relative to the package. */
  readonly at: string;
}

const memo = new FileMemo<ReadonlyMap<string, readonly EnvValue[]>>();

/**
 * Every value the file's package sets `variable` to (`NAME=value`, `NAME: value`, `- NAME=value`).
 * `loaded`: only the `.env` files that dotenv, Next.js and Vite load into the process or the build
 * (`.env`, `.env.local`, `.env.development`, `.env.production`), not templates or compose files.
 */
export function projectEnvValues(filename: string, variable: string, options: { readonly loaded?: boolean } = {}): readonly EnvValue[] {
  const root = getProjectInfo(filename).root;
  if (root === undefined) return [];
  const values = memo.get(root, () => readEnvFiles(root)).get(variable) ?? [];
  return options.loaded ? values.filter((v) => LOADED_ENV_FILES.has(v.at.slice(0, v.at.lastIndexOf(':')))) : values;
}

const LOADED_ENV_FILES: ReadonlySet<string> = new Set(['.env', '.env.local', '.env.development', '.env.production']);

const ASSIGNMENT = /^\s*(?:-\s*)?(?:export\s+)?([A-Z_][A-Z0-9_]*)\s*[=:]\s*(["']?)([^\s"'#]+)\2/;

function readEnvFiles(root: string): ReadonlyMap<string, readonly EnvValue[]> {
  const out = new Map<string, EnvValue[]>();
  for (const name of ENV_FILES) {
    const text = readText(join(root, name));
    if (text === undefined) continue;
    text.split('\n').forEach((line, i) => {
      const m = ASSIGNMENT.exec(line);
      if (!m) return;
      const list = out.get(m[1]!) ?? [];
      list.push({ value: m[3]!, at: `${name}:${i + 1}` });
      out.set(m[1]!, list);
    });
  }
  return out;
}
