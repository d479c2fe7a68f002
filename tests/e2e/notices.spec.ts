/**
 * What Lens says when it can't do something on this MLflow (#13): a release outside the tested range, and an
 * element it attaches to that never appears (as when a release renames it). Said once, in words; MLflow's page
 * keeps working.
 */
import { expect, runsPageUrl, test } from './fixtures';

const NOTICE = 'lens-notice';

test.describe('notices', () => {
  test('an MLflow release outside the tested range is named, once', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    await page.route(/\/version(\?.*)?$/, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: '2.9.1' }));
    await page.goto(runsPageUrl(mlflow, seed.experiments.churn.id));
    const status = page.locator(NOTICE).getByRole('status');
    await expect(status).toContainText('This MLflow (2.9.1) is older than Lens supports (MLflow 2.17 to 3.17)', { timeout: 20_000 });
    await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'experiment-runs');
    // Dismissed, and not said again in this tab on the next page.
    await status.getByRole('button', { name: 'Dismiss this notice' }).click();
    await expect(status).toHaveCount(0);
    const run = seed.runs[seed.overfitting_run]!;
    await page.evaluate((hash) => (location.hash = hash), `#/experiments/${run.experiment_id}/runs/${run.run_id}`);
    await expect(page.locator('lens-overfit-badge')).toHaveAttribute('data-verdict', 'overfitting', { timeout: 20_000 });
    await page.waitForTimeout(1_000);
    await expect(page.locator(NOTICE).getByRole('status')).toHaveCount(0);
  });

  test('a supported release says nothing', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    let asked = 0;
    await page.route(/\/version(\?.*)?$/, (route) => (asked++, route.fallback()));
    await page.goto(runsPageUrl(mlflow, seed.experiments.churn.id));
    await expect.poll(() => asked, { timeout: 20_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    await expect(page.locator(NOTICE).getByRole('status')).toHaveCount(0);
  });

  test("chart cards Lens can't recognise: it says it can't place its markers, and the badge still has the verdict", async ({ page, mlflow }) => {
    test.setTimeout(90_000);
    const seed = mlflow.seed!;
    // A release that changed its chart cards: strip what Lens recognises them by, as they appear.
    await page.addInitScript(() => {
      const strip = () => {
        for (const el of document.querySelectorAll('[data-testid="experiment-view-compare-runs-card"]')) el.setAttribute('data-testid', 'renamed-card');
        for (const el of document.querySelectorAll('div[role="figure"]')) el.setAttribute('role', 'group');
      };
      new MutationObserver(strip).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-testid', 'role'] });
    });
    const run = seed.runs[seed.overfitting_run]!;
    await page.goto(`${mlflow.url}#/experiments/${run.experiment_id}/runs/${run.run_id}/model-metrics`);
    await expect(page.locator('lens-overfit-badge')).toHaveAttribute('data-verdict', 'overfitting', { timeout: 20_000 });
    await expect(page.locator('lens-overfit-marker')).toHaveCount(0);
    await expect(page.locator(NOTICE).getByRole('status')).toContainText("Lens can't place its markers on this MLflow version's Model metrics charts", { timeout: 40_000 });
    // MLflow's own charts are there, untouched.
    await expect(page.locator('h4', { hasText: /^val_loss$/ }).first()).toBeVisible();
  });
});
