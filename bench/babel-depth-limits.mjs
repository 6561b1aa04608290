// How deep Babel (the codemods' parser, src/codemod/parser.ts options) gets on the shapes of
// bench/deep-shapes.mjs: on the main thread, and in worker threads with a given stack, cold (a
// fresh worker per probe, parser not yet optimized) and warm (after a warm-up). bench/README.md
// "Babel, the codemods' parser" records the numbers.
// Usage: node bench/babel-depth-limits.mjs [--stack 64] [--shapes blocks,ternary,functions,plus]
import { createRequire } from 'node:module';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { SHAPES, source } from './deep-shapes.mjs';

const require = createRequire(import.meta.url);
const { parse } = require('@babel/parser');
const OPTIONS = {
  sourceType: 'unambiguous',
  allowImportExportEverywhere: true,
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true,
  createImportExpressions: true,
  ranges: true,
  tokens: false,
  plugins: [['estree', { classFeatures: true }], 'decorators-legacy', 'importAttributes', 'explicitResourceManagement', ['typescript', {}], 'jsx'],
};
const LIMIT = 1 << 17;

const parses = (shape, n) => {
  try {
    parse(source(shape, n), OPTIONS);
    return true;
  } catch {
    return false;
  }
};

/** Largest n (within ~3 %) for which `ok(n)` holds, or `> LIMIT`. */
async function bisect(ok) {
  let good = 0;
  let bad = 0;
  for (let n = 64; n <= LIMIT; n *= 2) {
    if (!(await ok(n))) {
      bad = n;
      break;
    }
    good = n;
  }
  if (!bad) return `> ${LIMIT}`;
  while (bad - good > Math.max(1, good >> 5)) {
    const mid = (good + bad) >> 1;
    if (await ok(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

async function warm(shapes) {
  for (const s of shapes) for (let i = 0; i < 5; i++) parses(s, 50);
  const out = {};
  for (const s of shapes) out[s] = await bisect((n) => parses(s, n));
  return out;
}

if (!isMainThread) {
  if (workerData.probe) parentPort.postMessage(parses(workerData.probe.shape, workerData.probe.n));
  else parentPort.postMessage(await warm(workerData.shapes));
} else {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
  const stackSizeMb = Number(opt('stack', '64'));
  const shapes = opt('shapes', SHAPES.join(',')).split(',');
  const inWorker = (data) =>
    new Promise((resolve) => {
      const w = new Worker(new URL(import.meta.url), { workerData: data, resourceLimits: { stackSizeMb } });
      w.once('message', (m) => {
        resolve(m);
        void w.terminate();
      });
      w.once('error', () => resolve(false));
    });
  const main = await warm(shapes);
  const workerWarm = await inWorker({ shapes });
  const workerCold = {};
  for (const s of shapes) workerCold[s] = await bisect((n) => inWorker({ probe: { shape: s, n } }));
  console.log(`| shape | main thread (warm) | worker ${stackSizeMb} MB, cold | worker ${stackSizeMb} MB, warm |`);
  console.log('| --- | --- | --- | --- |');
  for (const s of shapes) console.log(`| ${s} | ${main[s]} | ${workerCold[s]} | ${workerWarm[s]} |`);
}
