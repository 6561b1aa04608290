import { defineConfig } from 'vitest/config';

// `npm run test:python`: the runtime proofs with real Python processes (test/python/runtime).
// Kept out of `npm test` (vitest.config.ts) because they need the pinned venvs that
// scripts/python-env.mjs builds; each file skips itself, with a printed line, without them.
// One file at a time: every test already runs a process tree, and the machine has two cores.
export default defineConfig({
  test: {
    include: ['test/python/runtime/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    fileParallelism: false,
  },
});
