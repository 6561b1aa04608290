import { defineConfig } from 'vitest/config';
import { E2E } from './vitest.config';

// `npm run test:e2e`: the slow end-to-end groups (consumer installs, pre-commit and husky,
// the HMR browser proof, the ESLint language server, oxlint, ESLint --concurrency).
export default defineConfig({
  test: {
    include: E2E,
    testTimeout: 120_000,
    hookTimeout: 900_000,
  },
});
