import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/** Client tests against real MLflow servers (started by the tests): slower, so kept apart from unit tests. */
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 15 * 60_000,
    fileParallelism: false,
  },
});
