// Runs jscodeshift's own Runner with bench/noop-transform.cjs over a directory, dry and
// silent, with the same extensions and worker count as the otel-codemod run.
// Usage: node bench/jscodeshift-noop.mjs <dir> <workers>   (prints one JSON object)
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTENSIONS } from './tree.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const [dir, workersArg] = process.argv.slice(2);
const workers = Number(workersArg) || 1;
// jscodeshift's Runner caps its workers at os.cpus().length - 1 (read once, at load):
// report one more CPU so it can start as many workers as otel-codemod --jobs.
const realCpus = os.cpus();
if (realCpus.length <= workers) os.cpus = () => Array.from({ length: workers + 1 }, (_, i) => realCpus[i % realCpus.length]);
const Runner = require('jscodeshift/src/Runner');
const t0 = process.hrtime.bigint();
const res = await Runner.run(path.join(here, 'noop-transform.cjs'), [path.resolve(dir)], {
  dry: true,
  silent: true,
  verbose: 0,
  babel: false,
  extensions: EXTENSIONS.join(','),
  cpus: workers,
  parser: 'tsx',
});
const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(JSON.stringify({ wallMs, ok: res.ok, nochange: res.nochange, skip: res.skip, error: res.error, version: require('jscodeshift/package.json').version }));
