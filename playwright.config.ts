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
  // Generous on purpose: they only cost time when something is slow, and a busy machine (CI, a laptop that is
  // compiling) took a 2.22 Model metrics tab past 15 s (#13). Nothing here is a speed goal: those are in bench/.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  // `npm run test:compat -- --mlflow 2.17.2,3.1.4` sets LENS_MLFLOW_VERSIONS: one project per version listed.
  projects: (process.env.LENS_MLFLOW_VERSIONS ? process.env.LENS_MLFLOW_VERSIONS.split(',') : [versions.latest, versions.v2]).map((v) => ({
    name: `mlflow-${v.trim()}`,
    metadata: { mlflowVersion: v.trim() },
  })),
});
