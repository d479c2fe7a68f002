import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/** Benchmarks: `npx vitest bench --run -c vitest.bench.config.ts`. */
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: [],
    environment: 'node',
    benchmark: {
      include: ['bench/**/*.bench.ts'],
    },
  },
});
