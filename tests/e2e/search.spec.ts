/** Quick search on real MLflow (both lines): the Ctrl/Cmd+K palette and the toolbar popup. */
import { extensionIdOf, launchChromiumWithLens } from '../support/browser.mjs';
import { expect, openPaletteOnRunsTable, runsPageUrl, test } from './fixtures';

test.describe('quick search', () => {
  test('Ctrl+K on a run page finds crawling-mole and Enter goes there; MLflow inputs keep Ctrl+K', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    const target = seed.runs['crawling-mole-592']!;
    const start = seed.runs[seed.overfitting_run]!;
    // MLflow 2.22 answered this first page load after the scale spec with Flask's 500 page in three full runs (its
    // next loads were fine; cause not found): reload once when the document itself is a 5xx (goto to the same
    // URL would be a hash-only navigation, not a new request).
    const url = `${mlflow.url}#/experiments/${start.experiment_id}/runs/${start.run_id}`;
    const response = await page.goto(url);
    if (response && response.status() >= 500) await page.reload();
    await expect(page.locator('[data-lens-anchor="run-title"]')).toHaveText(seed.overfitting_run);
    await page.keyboard.press('Control+k');
    const palette = page.locator('lens-quick-search').getByRole('dialog', { name: 'Lens quick search' });
    await expect(palette).toBeVisible();
    await palette.getByRole('searchbox', { name: 'Search experiments, runs and models' }).fill('crawling-mole');
    const option = palette.getByRole('group', { name: 'Runs' }).getByRole('option').first();
    await expect(option).toContainText('crawling-mole-592');
    await expect(option).toContainText(seed.experiments.churn.name);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/runs/${target.run_id}`));
    await expect(page.locator('lens-quick-search')).toHaveCount(0);
    await expect(page.locator('[data-lens-anchor="run-title"]')).toHaveText('crawling-mole-592');

    // Typing in MLflow's own field: Ctrl+K stays MLflow's.
    await page.goto(runsPageUrl(mlflow, seed.experiments.churn.id));
    const mlflowSearch = page.locator('input[placeholder*="metrics."], input[data-testid="search-box"]').first();
    await mlflowSearch.click();
    await page.keyboard.press('Control+k');
    await page.waitForTimeout(300);
    await expect(page.locator('lens-quick-search')).toHaveCount(0);
  });

  test('a registered model by a fragment; quotes, % and _ return cleanly', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    const { palette, box } = await openPaletteOnRunsTable(page, mlflow, seed.experiments.churn.id);
    await box.fill(seed.registered_model.name.slice(1, 4));
    await expect(palette.getByRole('group', { name: 'Registered models' }).getByRole('option').first()).toContainText(seed.registered_model.name);
    for (const hostile of ["it's", '100%', 'a_b', "'%_\\"]) {
      await box.fill(hostile);
      await expect(palette.getByRole('status')).toContainText(/No match|Searching/);
      await expect(palette.getByRole('status')).toContainText('No match');
      await expect(palette.getByRole('alert')).toHaveCount(0);
    }
    await page.keyboard.press('Escape');
    await expect(page.locator('lens-quick-search')).toHaveCount(0);
  });

  test('the toolbar popup searches through the open MLflow tab and takes it to the run', async ({ page, mlflow, extContext, extensionId }) => {
    const seed = mlflow.seed!;
    const target = seed.runs['crawling-mole-592']!;
    await page.goto(runsPageUrl(mlflow, seed.experiments.churn.id));
    await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'experiment-runs');
    const popup = await extContext.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup.getByText(`MLflow at ${new URL(mlflow.url).host}`)).toBeVisible();
    const box = popup.getByRole('searchbox', { name: 'Search experiments, runs and models' });
    await expect(box).toBeFocused();
    await box.fill('crawling-mole');
    await expect(popup.getByRole('option').first()).toContainText('crawling-mole-592');
    await box.press('Enter').catch(() => {}); // the popup closes itself as it opens the run
    await expect(page).toHaveURL(new RegExp(`/runs/${target.run_id}`));
  });

  test('with no MLflow tab open, the popup searches the last MLflow itself and opens results in a new tab', async ({ mlflow }) => {
    const seed = mlflow.seed!;
    const target = seed.runs['crawling-mole-592']!;
    const { context, cleanup } = await launchChromiumWithLens();
    try {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      type Chrome = { storage: { local: { set(v: object): Promise<void> } } };
      await worker.evaluate((base) => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.set({ lastSearchBase: base }), mlflow.url);
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${await extensionIdOf(context)}/popup.html`);
      await expect(popup.getByText('No MLflow tab open')).toBeVisible();
      const box = popup.getByRole('searchbox', { name: 'Search experiments, runs and models' });
      await box.fill(seed.registered_model.name.slice(0, 3));
      await expect(popup.getByRole('group', { name: 'Registered models' }).getByRole('option').first()).toContainText(seed.registered_model.name);
      // Run names need POST runs/search, which MLflow ≥ 3.5 refuses from an extension page: a pasted id works.
      await box.fill(target.run_id);
      await expect(popup.getByRole('option').first()).toContainText('crawling-mole-592');
      await expect(popup.getByRole('alert')).toHaveCount(0);
      // The first-run page opened at install: any page from now on is the result's.
      await expect.poll(() => context.pages().some((p) => p.url().endsWith('/welcome.html'))).toBe(true);
      const opened = context.waitForEvent('page');
      await box.press('Enter').catch(() => {});
      const tab = await opened;
      await expect(tab).toHaveURL(new RegExp(`/runs/${target.run_id}`));
    } finally {
      await cleanup();
    }
  });
  test('popup: Alt+P pins a run for comparison; an empty box lists pinned and recent items', async ({ page, mlflow, extContext, extensionId }) => {
    const seed = mlflow.seed!;
    const target = seed.runs['calm-otter-88']!;
    const worker = extContext.serviceWorkers()[0] ?? (await extContext.waitForEvent('serviceworker'));
    type Chrome = { storage: { local: { remove(keys: string[]): Promise<void> } } };
    const forget = () => worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.remove(['pinnedRuns', 'recentSearchItems']));
    await forget();
    try {
      await page.goto(runsPageUrl(mlflow, seed.experiments.churn.id));
      await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'experiment-runs');
      const popup = await extContext.newPage();
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      const box = popup.getByRole('searchbox', { name: 'Search experiments, runs and models' });
      await box.fill('calm-otter');
      await expect(popup.getByRole('group', { name: 'Runs' }).getByRole('option').first()).toContainText('calm-otter-88');
      await box.press('Alt+p');
      await expect(popup.getByTestId('lens-search-notice')).toContainText('Pinned calm-otter-88');
      // The MLflow tab's tray follows at once (shared storage).
      await expect(page.locator('lens-compare').getByTestId('lens-compare-tray')).toHaveAttribute('data-count', '1');

      await box.fill('');
      const pinned = popup.getByRole('group', { name: 'Pinned runs' });
      await expect(pinned.getByRole('option')).toHaveCount(1);
      await expect(pinned.getByRole('option').first()).toContainText('calm-otter-88');
      await box.press('Enter').catch(() => {}); // opens it in the MLflow tab, and remembers it
      await expect(page).toHaveURL(new RegExp(`/runs/${target.run_id}`));

      const again = await extContext.newPage();
      await again.goto(`chrome-extension://${extensionId}/popup.html`);
      await expect(again.getByRole('group', { name: 'Recent' }).getByRole('option').first()).toContainText('calm-otter-88');
      await again.close();
    } finally {
      await forget();
    }
  });
});
