// The built package, for the tests that need dist/ (package checks, consumer e2e).
// `npm test` builds first; a direct `npx vitest run test/package` builds here when dist/
// is missing or older than a source file. The build is serialized with flock, so test files
// running in parallel (and other checkouts' tests on this machine) never build at once.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');
export const dist = join(root, 'dist');

/** Files the build must produce, besides one dist/codemods/<name>.js per codemods/<name>.ts. */
export const REQUIRED = ['index.js', 'index.mjs', 'index.d.ts', 'index.d.mts', 'cli.js'];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** The transforms: one codemods/<name>.ts each (codemods/index.ts is the registry that lists them). */
export function codemodNames(): string[] {
  return readdirSync(join(root, 'codemods'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'index.ts')
    .map((f) => f.slice(0, -3));
}

function isFresh(): boolean {
  const outputs = [...REQUIRED, ...codemodNames().map((n) => `codemods/${n}.js`)].map((f) => join(dist, f));
  if (!outputs.every((f) => existsSync(f))) return false;
  const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  const inputs = ['src', 'rules', 'codemods', 'scripts', 'package.json', 'tsup.config.ts'].map((p) => join(root, p)).filter((p) => existsSync(p));
  return Math.max(...inputs.map(newestMtime)) <= built;
}

/** Builds the package unless dist/ is complete and newer than every source. */
export function ensureBuilt(): void {
  if (isFresh()) return;
  execFileSync('flock', [join(root, 'node_modules', '.otel-safe-build.lock'), 'sh', '-c', 'npm run build'], {
    cwd: root,
    stdio: 'pipe',
    timeout: 180_000,
  });
}
