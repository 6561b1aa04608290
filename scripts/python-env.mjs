#!/usr/bin/env node
// Pinned Python virtual environments for the runtime proofs (test/python/runtime).
//
//   node scripts/python-env.mjs          create or update every set, print where they are (JSON)
//   node scripts/python-env.mjs --check  only report; exit 1 if a set is missing or stale
//
// Each set is one fully pinned requirements file in python/. Its venv lives in the git-ignored
// .cache/python/<set>/ and is re-created only when the requirements file, the interpreter or
// this script's install recipe changes: the hash of those is written into the venv as the last
// step, so an interrupted install is never mistaken for a finished one. A venv cannot be moved
// (its console scripts hold absolute paths), so it is built in place, not renamed into place.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The sets: name → requirements file (repo-relative). */
export const PYTHON_SETS = {
  A: 'python/requirements.txt',
  B: 'python/requirements-instrumentation-0.62.txt',
};

const RECIPE = 'venv+pip install --no-deps -r + pip check, v1';
const STAMP = '.otel-safe-requirements.sha256';

/** Where set `name`'s venv lives. */
export function venvDir(name) {
  return join(root, '.cache', 'python', name);
}

/** The venv's python executable. */
export function venvPython(name) {
  return join(venvDir(name), 'bin', 'python');
}

/** The interpreter venvs are made from: $OTEL_SAFE_PYTHON, else python3 (must be 3.11). */
function basePython() {
  return process.env.OTEL_SAFE_PYTHON || 'python3';
}

function interpreterVersion(python) {
  return execFileSync(python, ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8' }).trim();
}

function expectedHash(name, version) {
  const requirements = readFileSync(join(root, PYTHON_SETS[name]));
  return createHash('sha256').update(RECIPE).update('\0').update(version).update('\0').update(requirements).digest('hex');
}

/** True when set `name`'s venv exists and was built from the current requirements file. */
export function isCurrent(name, version = interpreterVersion(basePython())) {
  const stamp = join(venvDir(name), STAMP);
  return existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === expectedHash(name, version);
}

/** Creates or re-creates set `name`'s venv unless it is current. Returns what happened and how long it took. */
export function ensureVenv(name) {
  const python = basePython();
  const version = interpreterVersion(python);
  if (!version.startsWith('3.11.')) throw new Error(`${python} is Python ${version}; the pinned sets are for Python 3.11`);
  const dir = venvDir(name);
  if (isCurrent(name, version)) return { set: name, dir, action: 'current', seconds: 0 };
  const started = process.hrtime.bigint();
  rmSync(dir, { recursive: true, force: true });
  run(python, ['-m', 'venv', dir]);
  const pip = [join(dir, 'bin', 'python'), '-m', 'pip'];
  // --no-deps: the file pins the whole closure; `pip check` then proves nothing is missing.
  run(pip[0], [...pip.slice(1), 'install', '--quiet', '--no-deps', '--no-input', '-r', join(root, PYTHON_SETS[name])]);
  run(pip[0], [...pip.slice(1), 'check']);
  writeFileSync(join(dir, STAMP), `${expectedHash(name, version)}\n`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { set: name, dir, action: 'created', seconds: Math.round(seconds * 10) / 10 };
}

// pip's output is only noise when it works (this machine's pip config names local indexes that
// may not exist); show it when it fails.
function run(command, args) {
  try {
    execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' } });
  } catch (error) {
    process.stderr.write(`${error.stdout ?? ''}${error.stderr ?? ''}`);
    throw new Error(`failed: ${command} ${args.join(' ')}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const results = [];
  let stale = false;
  for (const name of Object.keys(PYTHON_SETS)) {
    if (check) {
      const current = isCurrent(name);
      stale ||= !current;
      results.push({ set: name, dir: venvDir(name), action: current ? 'current' : 'missing-or-stale', seconds: 0 });
    } else {
      results.push(ensureVenv(name));
    }
  }
  for (const r of results) console.log(`python set ${r.set}: ${r.action}${r.seconds ? ` in ${r.seconds} s` : ''} → ${r.dir}`);
  process.exitCode = stale ? 1 : 0;
}
