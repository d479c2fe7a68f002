/**
 * On real MLflow pages (2.22 and 3.x, per project): Lens recognises the page kind and finds the elements
 * its features anchor to. `page-marker` exposes both as data attributes (see its file).
 */
import { expect, lensPage, runsPageUrl, test } from './fixtures';

test.describe('page detection and anchors', () => {
  test('runs table: experiment-runs page, each run row with its run id', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    await page.goto(runsPageUrl(mlflow, seed.experiments.churn.id));
    await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'experiment-runs');
    const mole = seed.runs['crawling-mole-592']!.run_id;
    await expect(page.locator(`[data-lens-anchor="runs-row"][data-lens-run-id="${mole}"]`).first()).toBeVisible();
    const ids = await page.locator('[data-lens-anchor="runs-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lens-run-id')));
    const churnRuns = Object.values(seed.runs).filter((r) => r.experiment_id === seed.experiments.churn.id).map((r) => r.run_id);
    expect(new Set(ids)).toEqual(new Set(churnRuns));
  });

  test('run overview: run page, title, breadcrumb and the register button of a 2.x-logged model', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    const run = seed.runs[seed.model_run_2x]!;
    await page.goto(`${mlflow.url}#/experiments/${run.experiment_id}/runs/${run.run_id}`);
    await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'run');
    await expect(page.locator('html')).toHaveAttribute('data-lens-run-tab', 'overview');
    await expect(page.locator('[data-lens-anchor="run-title"]')).toHaveText(seed.model_run_2x);
    await expect(page.locator('[data-lens-anchor="experiment-breadcrumb"]')).toHaveAttribute('data-lens-experiment-id', run.experiment_id);
    await expect(page.locator('[data-lens-anchor="experiment-breadcrumb"]')).toHaveText(seed.experiments.churn.name);
    await expect(page.locator('[data-lens-anchor="register-model"]')).toContainText(/register model/i);
  });

  test('a run without a 2.x-logged model has no register button anchor', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    const run = seed.runs[seed.overfitting_run]!;
    await page.goto(`${mlflow.url}#/experiments/${run.experiment_id}/runs/${run.run_id}`);
    await expect(page.locator('[data-lens-anchor="run-title"]')).toHaveText(seed.overfitting_run);
    await expect(page.locator('[data-lens-anchor="register-model"]')).toHaveCount(0);
  });

  test('model-metrics tab: detected from the URL and the tab bar, chart cards name their metrics', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    const run = seed.runs[seed.overfitting_run]!;
    await page.goto(`${mlflow.url}#/experiments/${run.experiment_id}/runs/${run.run_id}`);
    await expect(page.locator('[data-lens-anchor="model-metrics-tab"]')).toHaveAttribute('data-lens-selected', 'false');
    // Through MLflow's own tab bar: a hash navigation Lens must follow.
    await page.locator('[data-lens-anchor="model-metrics-tab"]').click();
    await expect(page.locator('html')).toHaveAttribute('data-lens-run-tab', 'model-metrics');
    await expect(page.locator('[data-lens-anchor="model-metrics-tab"]')).toHaveAttribute('data-lens-selected', 'true');
    for (const key of ['train_loss', 'val_loss', 'train_metric_average_precision', 'val_metric_average_precision', 'learning_rate']) {
      await expect(page.locator(`[data-lens-anchor="chart-card"][data-lens-metric="${key}"]`)).toHaveCount(1);
    }
  });

  test('compare-runs and registered model pages', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    const ids = [seed.runs[seed.overfitting_run]!.run_id, seed.runs[seed.healthy_run]!.run_id];
    const compare = `#/compare-runs?runs=${encodeURIComponent(JSON.stringify(ids))}&experiments=${encodeURIComponent(JSON.stringify([seed.experiments.churn.id]))}`;
    const pages: [string, string][] = [
      [compare, 'compare-runs'],
      ['#/models', 'registered-models'],
      [`#/models/${encodeURIComponent(seed.registered_model.name)}`, 'registered-model'],
      [`#/models/${encodeURIComponent(seed.registered_model.name)}/versions/${seed.registered_model.version}`, 'model-version'],
    ];
    for (const [hash, kind] of pages) {
      await page.goto(`${mlflow.url}${hash}`);
      await expect(page.locator('html'), hash).toHaveAttribute('data-lens-page', kind);
    }
    // MLflow really rendered those pages (not a "page not found" Lens would mis-detect).
    await expect(page.getByText(`Version ${seed.registered_model.version}`).first()).toBeVisible();
  });

  test('version-specific pages: 3.x experiment list, GenAI redirect and logged model; 2.x home redirect', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    if (mlflow.version.startsWith('2.')) {
      // 2.x has no experiment list page: `#/` replaces itself with the first experiment's runs page.
      await page.goto(`${mlflow.url}#/`);
      await expect(page).toHaveURL(/#\/experiments\/\d+/);
      await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'experiment-runs');
      return;
    }
    // MLflow replaces `#/experiments/<id>` with a tab (no hashchange): a fresh 3.17 browser is in GenAI mode and
    // gets the experiment overview; 3.6 (no GenAI/Model training switch yet) gets the runs table.
    await page.goto(`${mlflow.url}#/experiments/${seed.experiments.churn.id}`);
    await expect(page).toHaveURL(/#\/experiments\/\d+\/(overview|runs)/);
    const redirectedToRuns = /#\/experiments\/\d+\/runs/.test(page.url());
    await expect(page.locator('html')).toHaveAttribute('data-lens-page', redirectedToRuns ? 'experiment-runs' : 'experiment');
    await page.goto(`${mlflow.url}#/experiments`);
    await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'experiment-list');
    await page.goto(`${mlflow.url}#/experiments/${seed.experiments.churn.id}/models/${seed.logged_model_id}`);
    await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'logged-model');
  });

  test('a switch turned off in the options stops the feature in open MLflow tabs', async ({ page, mlflow, extContext, extensionId }) => {
    const seed = mlflow.seed!;
    await page.goto(runsPageUrl(mlflow, seed.experiments.churn.id));
    await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'experiment-runs');
    const options = await extContext.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByText('For your own styles', { exact: true }).click(); // the page marker is listed apart, closed
    const toggle = options.locator('input[data-feature="page-marker"]');
    await expect(toggle).toBeChecked();
    await toggle.uncheck();
    await expect(page.locator('html')).not.toHaveAttribute('data-lens-page', /.*/);
    await toggle.check();
    await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'experiment-runs');
    expect(await lensPage(page)).toBe('experiment-runs');
    await options.close();
  });
});
