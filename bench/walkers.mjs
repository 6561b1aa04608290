// `npm run bench -- --only walkers` (or `node bench/walkers.mjs <dir>`): otel-codemod's directory
// walk (`selectFiles`, src/cli/files.ts) against fdir, tinyglobby and fast-glob on one tree, each
// in processes of its own, as a CLI run meets it: the module's load, its first walk (cold code)
// and a warm one. Every walker lists what the CLI walks: the CLI's default extensions, without
// declaration files, never entering node_modules or .git. Only otel-safe's reads .gitignore files;
// the file lists are compared, and any difference is printed with the files it concerns.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const require = createRequire(import.meta.url);

export const WALKERS = ['otel-safe', 'fdir', 'tinyglobby', 'fast-glob'];
/** src/cli/args.ts's DEFAULT_EXTENSIONS (test/perf/bench-walkers.test.ts keeps the two equal). */
export const CLI_EXTENSIONS = ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts', 'py'];
const DECLARATION_FILE = /\.d(\.[^./\\]+)?\.[cm]?ts$/i;
const PROTECTED = new Set(['node_modules', '.git']);
const GLOB = `**/*.{${CLI_EXTENSIONS.join(',')}}`;
const GLOB_IGNORE = ['**/node_modules/**', '**/.git/**'];

/** The bench's own copy of src/cli/files.ts (esbuild), so the row needs no build of the package. */
export function otelSafeWalkerModule() {
  const out = path.join(repo, 'bench', '.cache', 'walker-otel-safe.cjs');
  mkdirSync(path.dirname(out), { recursive: true });
  require('esbuild').buildSync({
    entryPoints: [path.join(repo, 'src', 'cli', 'files.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['ignore'],
    outfile: out,
    logLevel: 'error',
  });
  return out;
}

/** A walker's load and its `walk(dir)`: absolute paths of the files the CLI would walk, in no particular order. */
export function loadWalker(name, modulePath) {
  switch (name) {
    case 'otel-safe': {
      const { selectFiles } = require(modulePath);
      const extensions = new Set(CLI_EXTENSIONS);
      return (dir) => selectFiles(['.'], { cwd: dir, extensions, ignore: [] }).targets.map((t) => t.path);
    }
    case 'fdir': {
      const { fdir } = require('fdir');
      const wanted = new RegExp(`\\.(?:${CLI_EXTENSIONS.join('|')})$`);
      return (dir) =>
        new fdir()
          .withFullPaths()
          .exclude((name) => PROTECTED.has(name))
          .filter((file, isDirectory) => !isDirectory && wanted.test(file) && !DECLARATION_FILE.test(path.basename(file)))
          .crawl(dir)
          .sync();
    }
    case 'tinyglobby': {
      const { globSync } = require('tinyglobby');
      // expandDirectories (on by default) also lists every file inside a folder the pattern matches:
      // the worst tree's `bignumber.js/` would add its README.md, LICENCE.md, …
      return (dir) => globSync([GLOB], { cwd: dir, absolute: true, ignore: GLOB_IGNORE, dot: true, expandDirectories: false }).filter((f) => !DECLARATION_FILE.test(path.basename(f)));
    }
    case 'fast-glob': {
      const fg = require('fast-glob');
      return (dir) => fg.sync(GLOB, { cwd: dir, absolute: true, ignore: GLOB_IGNORE, dot: true }).filter((f) => !DECLARATION_FILE.test(path.basename(f)));
    }
    default:
      throw new Error(`bench/walkers.mjs: no walker named '${name}' (${WALKERS.join(', ')})`);
  }
}

/** One child process: load, first walk, warm walks (median of 3), and with `--list` the sorted list. */
function child(name, dir, modulePath, listFile) {
  const t0 = performance.now();
  const walk = loadWalker(name, modulePath);
  const t1 = performance.now();
  const first = walk(dir);
  const t2 = performance.now();
  const warm = [];
  for (let i = 0; i < 3; i++) {
    const s = performance.now();
    walk(dir);
    warm.push(performance.now() - s);
  }
  const rel = first.map((f) => path.relative(dir, f).split(path.sep).join('/')).sort();
  const result = { walker: name, loadMs: t1 - t0, firstMs: t2 - t1, warmMs: warm.sort((a, b) => a - b)[1], files: rel.length };
  if (listFile) result.list = rel;
  process.stdout.write(JSON.stringify(result));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs each walker `repeat` times in fresh processes, alternating them, and returns per walker the
 * medians (load, first walk, warm walk, whole process) and its file count; `differences` names the
 * files a walker lists that otel-safe's does not, or the reverse (at most 5 of each).
 */
export function measureWalkers(dir, { repeat = 5, walkers = WALKERS, log = () => {} } = {}) {
  const modulePath = otelSafeWalkerModule();
  const runs = Object.fromEntries(walkers.map((w) => [w, []]));
  const runOnce = (w, withList) => {
    const started = performance.now();
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', w, dir, modulePath, ...(withList ? ['--list'] : [])], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const wallMs = performance.now() - started;
    if (r.status !== 0) throw new Error(`bench/walkers.mjs: ${w} failed on ${dir}: ${r.stderr.slice(0, 500)}`);
    return { ...JSON.parse(r.stdout), wallMs };
  };
  const lists = {};
  for (const w of walkers) lists[w] = runOnce(w, true).list; // also warms the page cache
  for (let i = 0; i < repeat; i++) for (const w of walkers) runs[w].push(runOnce(w, false));
  const reference = new Set(lists[walkers[0]]);
  const result = {};
  for (const w of walkers) {
    const rs = runs[w];
    const own = new Set(lists[w]);
    const extra = lists[w].filter((f) => !reference.has(f));
    const missing = [...reference].filter((f) => !own.has(f));
    result[w] = {
      files: rs[0].files,
      loadMs: median(rs.map((r) => r.loadMs)),
      firstMs: median(rs.map((r) => r.firstMs)),
      warmMs: median(rs.map((r) => r.warmMs)),
      wallMs: median(rs.map((r) => r.wallMs)),
      firstRangeMs: [Math.min(...rs.map((r) => r.firstMs)), Math.max(...rs.map((r) => r.firstMs))],
      differences: { extra: extra.length, missing: missing.length, examples: [...extra.slice(0, 5).map((f) => `+${f}`), ...missing.slice(0, 5).map((f) => `-${f}`)] },
    };
    log(`walkers: ${w}: ${result[w].files} files, load ${result[w].loadMs.toFixed(1)} ms, first walk ${result[w].firstMs.toFixed(1)} ms, warm ${result[w].warmMs.toFixed(1)} ms`);
  }
  return result;
}

/** The table `npm run bench` prints. */
export function formatWalkers(dir, result) {
  const rows = [`Walkers on ${dir} (median of fresh processes; the first walk is what a CLI run pays; '4 walks': the whole process):`];
  rows.push(`  ${'walker'.padEnd(12)} ${'files'.padStart(7)} ${'load'.padStart(9)} ${'first walk'.padStart(11)} ${'warm walk'.padStart(10)} ${'4 walks'.padStart(9)}  differences from otel-safe's list`);
  for (const [w, r] of Object.entries(result)) {
    const diff = r.differences.extra + r.differences.missing === 0 ? 'none' : `+${r.differences.extra} / -${r.differences.missing} (${r.differences.examples.join(', ')})`;
    rows.push(`  ${w.padEnd(12)} ${String(r.files).padStart(7)} ${`${r.loadMs.toFixed(1)} ms`.padStart(9)} ${`${r.firstMs.toFixed(1)} ms`.padStart(11)} ${`${r.warmMs.toFixed(1)} ms`.padStart(10)} ${`${r.wallMs.toFixed(0)} ms`.padStart(9)}  ${diff}`);
  }
  return rows.join('\n');
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  child(argv[1], argv[2], argv[3], argv.includes('--list'));
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = argv.find((a) => !a.startsWith('--'));
  if (!dir) {
    console.error('usage: node bench/walkers.mjs <dir> [--repeat N]');
    process.exit(2);
  }
  const i = argv.indexOf('--repeat');
  const abs = path.resolve(dir);
  if (!statSync(abs, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`bench/walkers.mjs: ${abs} is not a directory`);
    process.exit(2);
  }
  const repeat = i >= 0 ? Number(argv[i + 1]) : 5;
  if (!Number.isInteger(repeat) || repeat < 1) {
    console.error(`bench/walkers.mjs: --repeat needs a whole number of runs, 1 or more (got '${argv[i + 1] ?? ''}')`);
    process.exit(2);
  }
  console.log(formatWalkers(abs, measureWalkers(abs, { repeat, log: (m) => process.stderr.write(`${m}\n`) })));
}
