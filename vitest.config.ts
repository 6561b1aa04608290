import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The Python runtime proofs need the pinned venvs: `npm run test:python` (vitest.python.config.ts).
    exclude: [...configDefaults.exclude, 'test/python/runtime/**'],
    globalSetup: ['test/python/skip-notice.ts'],
    testTimeout: 30_000,
    hookTimeout: 600_000,
  },
});
