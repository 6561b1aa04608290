// `npm run corpus`: the shared corpus check (SPEC §8), which lives outside the repository
// in ../shared/corpus. CI (.ci/run) always has it; a clone with nothing beside it skips the
// check with one line instead of failing on a missing file.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = path.resolve(repo, '..', 'shared', 'corpus', 'check.mjs');

if (!existsSync(check)) {
  console.log(`corpus: skipped: ${path.relative(repo, check)} not found (the shared corpus sits beside the repository in CI)`);
  process.exit(0);
}
const result = spawnSync(process.execPath, [check, repo, '--min-recall', '1', '--min-specificity', '1', ...process.argv.slice(2)], { cwd: repo, stdio: 'inherit' });
process.exit(result.status ?? 1);
