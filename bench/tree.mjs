// The real tree the benchmarks run on: the packages pinned in bench/tree-spec/ (lockfile
// included), installed with `npm ci --ignore-scripts` into a cache outside the repo, then
// hard-linked into `<cache>/tree/` with every `node_modules` path segment renamed to
// `nm`, because otel-codemod (like any codemod runner) never enters node_modules.
// A 5k-file subset of whole packages (`<cache>/tree5k/`) is linked the same way for doctor.
// A second spec, bench/app-tree-spec/ (an application's dependency closure, where about 1 % of
// the files name OpenTelemetry), is installed the same way under `<cache>/app/`.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The pinned trees: `worst` (the SDK's own sources) and `app` (an application's dependencies). */
export const SPECS = {
  worst: { specDir: path.join(here, 'tree-spec'), sub: '', subset5k: true },
  app: { specDir: path.join(here, 'app-tree-spec'), sub: 'app', subset5k: false },
};

export const EXTENSIONS = ['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx'];
const EXT_RE = new RegExp(`\\.(${EXTENSIONS.join('|')})$`);

export function cacheDir() {
  if (process.env.OTEL_SAFE_BENCH_CACHE) return path.resolve(process.env.OTEL_SAFE_BENCH_CACHE);
  const home = os.homedir();
  return home ? path.join(home, '.cache', 'otel-safe-bench') : path.join(os.tmpdir(), 'otel-safe-bench');
}

function specHash(specDir) {
  const h = createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) h.update(readFileSync(path.join(specDir, f)));
  return h.digest('hex').slice(0, 16);
}

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

function link(from, to) {
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Where a file of the install lands in the tree: `node_modules` segments renamed. */
const treePath = (rel) => rel.split(path.sep).map((s) => (s === 'node_modules' ? 'nm' : s)).join(path.sep);

/** Installs (once per spec) and returns { root, tree, tree5k, files, files5k, versions }; tree5k is undefined for `app`. */
export function ensureTree({ log = (m) => process.stderr.write(`${m}\n`), spec = 'worst' } = {}) {
  const { specDir, sub, subset5k } = SPECS[spec];
  const root = path.join(cacheDir(), sub);
  const install = path.join(root, 'install');
  const tree = path.join(root, 'tree');
  const tree5k = path.join(root, 'tree5k');
  const stamp = path.join(root, 'tree.stamp');
  const hash = specHash(specDir);
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== hash) {
    log(`bench: installing the tree into ${install} (npm ci --ignore-scripts) ...`);
    rmSync(install, { recursive: true, force: true });
    rmSync(tree, { recursive: true, force: true });
    rmSync(tree5k, { recursive: true, force: true });
    mkdirSync(install, { recursive: true });
    for (const f of ['package.json', 'package-lock.json']) copyFileSync(path.join(specDir, f), path.join(install, f));
    execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: install, stdio: 'inherit' });
    const nm = path.join(install, 'node_modules');
    const all = walk(nm).sort();
    for (const f of all) link(f, path.join(tree, treePath(path.relative(nm, f))));
    // tree5k: whole top-level packages, in name order, until 5000 source files.
    let count = 0;
    for (const pkg of subset5k ? topLevelPackages(nm) : []) {
      if (count >= 5000) break;
      const files = all.filter((f) => f.startsWith(pkg + path.sep));
      for (const f of files) link(f, path.join(tree5k, treePath(path.relative(nm, f))));
      count += files.filter((f) => EXT_RE.test(f)).length;
    }
    writeFileSync(stamp, hash);
  }
  const files = walk(tree).filter((f) => EXT_RE.test(f));
  if (!subset5k) return { root, tree, tree5k: undefined, files, files5k: [], versions: versionsOf(install) };
  const files5k = walk(tree5k).filter((f) => EXT_RE.test(f));
  return { root, tree, tree5k, files, files5k, versions: versionsOf(install) };
}

function topLevelPackages(nm) {
  const out = [];
  for (const name of readdirSync(nm).sort()) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) for (const sub of readdirSync(path.join(nm, name)).sort()) out.push(path.join(nm, name, sub));
    else out.push(path.join(nm, name));
  }
  return out;
}

/** The direct packages of the spec with their installed versions, plus the package count. */
function versionsOf(install) {
  const lock = JSON.parse(readFileSync(path.join(install, 'package-lock.json'), 'utf8'));
  const direct = Object.keys(lock.packages[''].dependencies ?? {});
  const versions = Object.fromEntries(direct.map((d) => [d, lock.packages[`node_modules/${d}`]?.version]));
  return { direct: versions, packages: Object.keys(lock.packages).length - 1 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t = ensureTree({ spec: process.argv[2] ?? 'worst' });
  console.log(JSON.stringify({ tree: t.tree, files: t.files.length, tree5k: t.tree5k, files5k: t.files5k.length, versions: t.versions }, null, 2));
}
