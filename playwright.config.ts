import { defineConfig } from '@playwright/test';
import versions from './tests/support/versions.json' with { type: 'json' };

/**
 * One project per MLflow line. Each worker starts (and seeds) its own real MLflow server once; one
 * worker at a time, because this machine has two cores and both Chromium and MLflow need one.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: `mlflow-${versions.latest}`, metadata: { mlflowVersion: versions.latest } },
    { name: `mlflow-${versions.v2}`, metadata: { mlflowVersion: versions.v2 } },
    // `npm run test:compat`: also 3.6, the first release with models:/ sources and model_id on versions.
    ...(process.env.LENS_COMPAT ? [{ name: `mlflow-${versions.v3_6}`, metadata: { mlflowVersion: versions.v3_6 } }] : []),
  ],
});
