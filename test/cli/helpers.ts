import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { runCli, type Registry } from '../../src/cli/run';
import { received, testRegistry } from './test-transforms';

export interface RunOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunInOptions {
  readonly isTTY?: boolean;
  readonly registry?: Registry;
  readonly workerScript?: string;
}

/** Runs the CLI in-process in `cwd`, capturing its output. */
export async function runIn(cwd: string, argv: readonly string[], options: RunInOptions = {}): Promise<RunOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    argv,
    {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      cwd,
      isTTY: options.isTTY ?? false,
      workerScript: options.workerScript,
    },
    options.registry ?? testRegistry,
  );
  return { code, stdout, stderr };
}

const tempDirs: string[] = [];

afterEach(() => {
  received.length = 0;
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under os.tmpdir() (its real path), removed after the test. */
export function tempDir(): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'otel-codemod-test-')));
  tempDirs.push(dir);
  return dir;
}

/** Writes `files` (relative path → content) under a fresh temp dir and returns the dir. */
export function makeTree(files: Readonly<Record<string, string | Buffer>>): string {
  const root = tempDir();
  writeTree(root, files);
  return root;
}

export function writeTree(root: string, files: Readonly<Record<string, string | Buffer>>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

export function read(root: string, rel: string): string {
  return readFileSync(path.join(root, rel), 'utf8');
}

export function readBytes(root: string, rel: string): Buffer {
  return readFileSync(path.join(root, rel));
}

/** Every path under `root` (files, links, dirs), relative and sorted: to assert nothing else appeared. */
export function listTree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      out.push(path.relative(root, full));
      if (lstatSync(full).isDirectory()) walk(full);
    }
  };
  walk(root);
  return out.sort();
}

/** The `--json` document's shape, for typed assertions. */
export interface JsonReport {
  transform: string;
  dry: boolean;
  check: boolean;
  files: { path: string; status: 'changed' | 'unchanged' | 'skipped' | 'error'; error?: string; reason?: string; diff?: string }[];
  summary: { changed: number; unchanged: number; skipped: number; errors: number; durationMs: number };
}

export function parseJson(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

/** path → status, from a --json report. */
export function statuses(report: JsonReport): Record<string, string> {
  return Object.fromEntries(report.files.map((file) => [file.path, file.status]));
}
