import { configDefaults, defineConfig } from 'vitest/config';

/**
 * End-to-end groups that install from the registry, start browsers, servers, other tools or
 * real processes under signals and nodemon restarts (the lifecycle runtime proof, the slowest
 * file at about a minute): `npm run test:e2e` (vitest.e2e.config.ts), which .ci/run runs
 * after `npm test`.
 */
export const E2E = ['test/e2e/**/*.test.ts', 'test/hooks/**/*.test.ts', 'test/browser/**/*.test.ts', 'test/runtime/lifecycle.test.ts'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The Python runtime proofs need the pinned venvs: `npm run test:python` (vitest.python.config.ts).
    exclude: [...configDefaults.exclude, 'test/python/runtime/**', ...E2E],
    globalSetup: ['test/python/skip-notice.ts'],
    testTimeout: 30_000,
    hookTimeout: 600_000,
  },
});
