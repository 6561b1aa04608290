// `node bench/install-weight.mjs [tarball]`: what installing the plugin costs an app that
// already lints with ESLint. Makes a temp project with ESLint 9 installed, then `npm i` the
// packed plugin (the tarball given, or `npm pack` of this checkout's dist/) and reports the
// packages and bytes it added, and the plugin's load time: `require()` timed inside
// `node -e`, median of several runs (plus the whole process next to a bare `node -e ""`,
// the startup floor). Needs the npm registry.
// Options: --runs N (load-time runs, default 11), --json FILE.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const runs = Number(flag('runs', '11'));
const jsonOut = flag('json', undefined);
const ESLINT = 'eslint@9.39.5';
const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_loglevel: 'error' };

const work = mkdtempSync(path.join(os.tmpdir(), 'otel-safe-install-weight-'));
try {
  const tarball = args[0] ? path.resolve(args[0]) : pack();
  const app = path.join(work, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }, null, 2));
  npm(app, ['install', '--save-dev', ESLINT]);
  const before = measureTree(path.join(app, 'node_modules'));
  npm(app, ['install', '--save-dev', tarball]);
  const after = measureTree(path.join(app, 'node_modules'));
  const added = [...after.packages.keys()].filter((name) => !before.packages.has(name)).sort();

  // in-process time of the require (node's own startup is noise on a shared machine), and the
  // whole `node -e` for reference, interleaved with a bare `node -e ""`
  const { requireMs, processMs, floorMs } = timeLoads(app);
  const result = {
    eslint: ESLINT,
    tarball: path.basename(tarball),
    packagesAdded: added.length,
    bytesAdded: after.bytes - before.bytes,
    added: added.map((name) => `${name}@${after.packages.get(name)}`),
    requireMs: round(requireMs),
    processMs: round(processMs),
    nodeFloorMs: round(floorMs),
    runs,
  };
  console.log(`${result.tarball} into a project with ${ESLINT}:`);
  console.log(`  added ${result.packagesAdded} packages, ${(result.bytesAdded / 1e6).toFixed(1)} MB: ${result.added.join(', ')}`);
  console.log(
    `  require('eslint-plugin-otel-safe'): ${result.requireMs} ms in-process; node -e "require(...)" ${result.processMs} ms, node -e "" ${result.nodeFloorMs} ms (medians of ${runs})`,
  );
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(result, null, 2)}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** `npm pack` of this checkout (dist/ must be built), into the temp dir. */
function pack() {
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: repo, encoding: 'utf8', env: npmEnv });
  return path.join(work, JSON.parse(out)[0].filename);
}

function npm(cwd, argv) {
  execFileSync('npm', argv, { cwd, env: npmEnv, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Every installed package (path under node_modules → version) and the bytes of all files there. */
function measureTree(nodeModules) {
  const packages = new Map();
  let bytes = 0;
  const isPackageDir = (dir) => {
    const parent = path.basename(path.dirname(dir));
    return parent === 'node_modules' || (parent.startsWith('@') && path.basename(path.dirname(path.dirname(dir))) === 'node_modules');
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      const st = lstatSync(full);
      if (!st.isDirectory()) {
        bytes += st.size;
        continue;
      }
      if (isPackageDir(full) && !entry.startsWith('@') && !entry.startsWith('.')) {
        const manifest = path.join(full, 'package.json');
        if (existsSync(manifest)) packages.set(path.relative(nodeModules, full).split(path.sep).join('/'), JSON.parse(readFileSync(manifest, 'utf8')).version);
      }
      walk(full);
    }
  };
  if (existsSync(nodeModules)) walk(nodeModules);
  return { packages, bytes };
}

function timeLoads(cwd) {
  const probe = `const t = process.hrtime.bigint(); require('eslint-plugin-otel-safe'); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6))`;
  const wall = (code) => {
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['-e', code], { cwd, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`node -e failed: ${r.stderr}`);
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, stdout: r.stdout };
  };
  wall(probe); // warm the file cache
  const inProcess = [];
  const processes = [];
  const floors = [];
  for (let i = 0; i < runs; i++) {
    const run = wall(probe);
    processes.push(run.ms);
    inProcess.push(Number(run.stdout));
    floors.push(wall('').ms);
  }
  return { requireMs: median(inProcess), processMs: median(processes), floorMs: median(floors) };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function round(ms) {
  return Math.round(ms * 10) / 10;
}
