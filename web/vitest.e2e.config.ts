import { defineConfig } from 'vitest/config';

// End-to-end tests: Debian's Chromium driven by playwright-core against a running suite
// (started by `./autodeploy test` / `./autodeploy e2e`). Screenshots go to target/e2e-artifacts/.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
