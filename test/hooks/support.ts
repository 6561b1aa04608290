// Helpers for the hook end-to-end tests: temp dirs, git, a snapshot of this repository's
// working tree as a git repo (what pre-commit clones), and a shared npm cache outside the repo.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
export const NPM_CACHE = path.join(os.tmpdir(), 'otel-safe-hooks-npm-cache');

const dirs: string[] = [];

export function tempDir(prefix: string): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  dirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Environment for child tools: no inherited git identity or hooks path surprises, npm cache outside the repo. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_AUTHOR_NAME: 'otel-safe test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'otel-safe test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
    GIT_CONFIG_NOSYSTEM: '1',
    npm_config_cache: NPM_CACHE,
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}

export function git(cwd: string, args: readonly string[], env?: NodeJS.ProcessEnv): string {
  return execFileSync('git', args, { cwd, env: env ?? childEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface Outcome {
  readonly code: number;
  readonly output: string;
}

/** Runs a command, returning its exit code and combined output (never throws on a non-zero exit). */
export function run(cwd: string, cmd: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 600_000): Outcome {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

/** Copies this repository's working tree (tracked and untracked, minus .gitignore'd files) into `dir`. */
export function copyWorkingTree(dir: string): void {
  const files = git(REPO, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'])
    .split('\0')
    .filter((f) => f !== '');
  for (const rel of files) {
    const to = path.join(dir, rel);
    mkdirSync(path.dirname(to), { recursive: true });
    try {
      copyFileSync(path.join(REPO, rel), to);
    } catch {
      // listed but deleted in the working tree
    }
  }
}

/**
 * `npm run build` and `npm pack` in a private copy of the working tree (node_modules linked
 * from this checkout), so a concurrent build of the shared dist/ cannot hand us a half-built
 * package. Returns the tarball path.
 */
export function buildAndPack(): string {
  const dir = tempDir('otel-safe-build-');
  copyWorkingTree(dir);
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  execFileSync('npm', ['run', 'build'], { cwd: dir, env: childEnv(), stdio: 'pipe', timeout: 300_000 });
  const packed = execFileSync('npm', ['pack', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8', env: childEnv() });
  return path.join(dir, (JSON.parse(packed) as { filename: string }[])[0]!.filename);
}

/**
 * A git repository holding this repository's current working tree (tracked and
 * untracked, minus .gitignore'd files) as one commit on top of HEAD. Returns its path and sha.
 */
export function snapshotRepo(): { dir: string; sha: string } {
  const dir = tempDir('otel-safe-hook-repo-');
  git(os.tmpdir(), ['clone', '--quiet', '--no-local', REPO, dir]);
  git(dir, ['rm', '-rq', '--cached', '.']);
  copyWorkingTree(dir);
  git(dir, ['add', '-A', '.']);
  git(dir, ['commit', '--quiet', '--no-verify', '--allow-empty', '-m', 'working tree snapshot']);
  return { dir, sha: git(dir, ['rev-parse', 'HEAD']).trim() };
}

/** A file that `otel-codemod add-guards --check` rejects: an exported init function that starts an SDK with no guard. */
export const UNGUARDED_SETUP = `import { NodeSDK } from '@opentelemetry/sdk-node';

export function initTracing(): NodeSDK {
  const sdk = new NodeSDK({ serviceName: 'shop' });
  sdk.start();
  return sdk;
}

const sdk = initTracing();
process.once('SIGTERM', () => sdk.shutdown().finally(() => process.exit(143)));
process.once('SIGINT', () => sdk.shutdown().finally(() => process.exit(130)));
`;
