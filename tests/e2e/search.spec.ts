/** Quick search on real MLflow (both lines): the Ctrl/Cmd+K palette and the toolbar popup. */
import { extensionIdOf, launchChromiumWithLens } from '../support/browser.mjs';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, openPaletteOnRunsTable, runsPageUrl, test } from './fixtures';

type Chrome = { storage: { local: { set(v: object): Promise<void>; remove(keys: string[]): Promise<void> } } };

/** Lens's storage, through its service worker: pins and recent items are cleared around each test that uses them. */
async function lensStorage(context: BrowserContext) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    forget: () => worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.remove(['pinnedRuns', 'recentSearchItems'])),
    set: (values: object) => worker.evaluate((v) => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.set(v), values),
  };
}

/** MLflow's page base as Lens keys its storage (lib/mlflow/routes.ts pageBase). */
function baseOf(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

/**
 * Opens the palette on the current page. Ctrl+K in MLflow's own fields stays MLflow's, and MLflow 3 focuses its
 * runs search box once its table is there — on a fresh browser, possibly after a first blur: leave the field and
 * press again until the palette is open.
 */
async function openPalette(page: Page) {
  const palette = page.locator('lens-quick-search').getByRole('dialog', { name: 'Lens quick search' });
  await expect(async () => {
    if (!(await palette.isVisible())) {
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('Control+k');
    }
    await expect(palette).toBeVisible({ timeout: 3_000 });
  }).toPass();
  return { palette, box: palette.getByRole('searchbox') };
}

/** The runs table of an experiment, with the palette open on it. */
async function openPaletteOnTable(page: Page, mlflow: Parameters<typeof runsPageUrl>[0], experimentId: string) {
  await page.goto(runsPageUrl(mlflow, experimentId));
  await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'experiment-runs');
  await expect(page.locator('[data-lens-anchor="runs-row"]').first()).toBeAttached();
  return openPalette(page);
}

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

  test('palette: a pinned run is marked in the results; Alt+P toggles it in place, says so, and the hint follows', async ({ page, mlflow, extContext }) => {
    const seed = mlflow.seed!;
    const storage = await lensStorage(extContext);
    await storage.forget();
    try {
      let { palette, box } = await openPaletteOnTable(page, mlflow, seed.experiments.churn.id);
      await box.fill('crawling-mole');
      const runs = palette.getByRole('group', { name: 'Runs' });
      const notice = palette.getByTestId('lens-search-notice');
      await expect(runs.getByRole('option').first()).toContainText('crawling-mole-592');
      await expect(runs.getByRole('option', { name: /crawling-mole-592.*Pinned/ })).toHaveCount(0);
      await expect(palette.getByText(/Alt\+P pin ·/)).toBeVisible();

      await box.press('Alt+p');
      await expect(notice).toHaveText(/^Pinned crawling-mole-592 for compare/);
      await expect(notice).toHaveAttribute('aria-live', 'polite');
      await expect(runs.getByRole('option').first()).toHaveAccessibleName(/crawling-mole-592.*Pinned/);
      await expect(runs.getByRole('option').first().getByTestId('lens-pinned-mark')).toBeVisible();
      await expect(palette.getByText(/Alt\+P unpin ·/)).toBeVisible();
      await expect(page.locator('lens-compare').getByTestId('lens-compare-tray')).toHaveAttribute('data-count', '1');

      // A new palette reads the pin from storage: marked from the start; Alt+P now unpins.
      await page.keyboard.press('Escape');
      await expect(page.locator('lens-quick-search')).toHaveCount(0);
      ({ palette, box } = await openPalette(page));
      await box.fill('crawling-mole');
      const again = palette.getByRole('group', { name: 'Runs' }).getByRole('option').first();
      await expect(again).toHaveAccessibleName(/crawling-mole-592.*Pinned/);
      await expect(palette.getByText(/Alt\+P unpin ·/)).toBeVisible();
      await box.press('Alt+p');
      await expect(palette.getByTestId('lens-search-notice')).toHaveText(/^Unpinned crawling-mole-592 for compare/);
      await expect(again).toContainText('crawling-mole-592');
      await expect(again.getByTestId('lens-pinned-mark')).toHaveCount(0);
      await expect(again).not.toHaveAccessibleName(/Pinned/);
      await expect(palette.getByText(/Alt\+P pin ·/)).toBeVisible();
    } finally {
      await storage.forget();
    }
  });

  test("palette: an empty box lists pinned runs with their experiment's real name, and 'experiment <id>' when it can't be read", async ({ page, mlflow, extContext }) => {
    const seed = mlflow.seed!;
    const puffin = seed.runs['steady-puffin-5']!;
    const storage = await lensStorage(extContext);
    await storage.forget();
    try {
      // Pinned elsewhere (the popup, another tab): storage knows the run and its experiment's id, not its name.
      await storage.set({
        pinnedRuns: {
          [baseOf(mlflow.url)]: [
            { runId: puffin.run_id, runName: 'steady-puffin-5', experimentId: seed.experiments.sales.id, pinnedAt: 1 },
            { runId: 'f'.repeat(32), runName: 'gone-run-1', experimentId: '987654321', pinnedAt: 2 },
          ],
        },
      });
      const { palette } = await openPaletteOnTable(page, mlflow, seed.experiments.churn.id);
      const pinned = palette.getByRole('group', { name: 'Pinned runs' }).getByRole('option');
      await expect(pinned).toHaveCount(2);
      await expect(pinned.nth(0)).toContainText('steady-puffin-5');
      await expect(pinned.nth(0)).toContainText(seed.experiments.sales.name);
      await expect(pinned.nth(0)).not.toContainText(`experiment ${seed.experiments.sales.id}`);
      await expect(pinned.nth(0)).toHaveAccessibleName(/steady-puffin-5.*Pinned/);
      await expect(pinned.nth(1)).toContainText('gone-run-1');
      await expect(pinned.nth(1)).toContainText('experiment 987654321');
      await expect(palette.getByRole('alert')).toHaveCount(0);
    } finally {
      await storage.forget();
    }
  });

  test('palette: runs and experiments browsed to in MLflow are listed under Recent, newest first, with their names', async ({ page, mlflow, extContext }) => {
    const seed = mlflow.seed!;
    const mole = seed.runs['crawling-mole-592']!;
    const otter = seed.runs['calm-otter-88']!;
    const storage = await lensStorage(extContext);
    await storage.forget();
    try {
      const response = await page.goto(runsPageUrl(mlflow, seed.experiments.churn.id));
      if (response && response.status() >= 500) await page.reload(); // see the first test
      await expect(page.locator('[data-lens-anchor="runs-row"]').first()).toBeAttached();
      await page.goto(`${mlflow.url}#/experiments/${mole.experiment_id}/runs/${mole.run_id}`);
      await expect(page.locator('[data-lens-anchor="run-title"]')).toHaveText('crawling-mole-592');
      // Within MLflow's app (a hash route, no page load): the next run page.
      await page.evaluate((hash) => (location.hash = hash), `#/experiments/${otter.experiment_id}/runs/${otter.run_id}`);
      await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'run');
      await expect(page.locator('[data-lens-anchor="run-title"]')).toHaveText('calm-otter-88');

      const { palette } = await openPalette(page);
      const recent = palette.getByRole('group', { name: 'Recent' }).getByRole('option');
      await expect(recent.nth(0)).toContainText('calm-otter-88');
      await expect(recent.nth(0)).toContainText(seed.experiments.churn.name);
      await expect(recent.nth(1)).toContainText('crawling-mole-592');
      await expect(recent.filter({ hasText: 'crawling-mole-592' })).toHaveCount(1);
      // The experiment page before them, by its full name (2.x's own heading shows only "Churn").
      await expect(recent.nth(2)).toHaveAccessibleName(`${seed.experiments.churn.name} experiment`);
      await expect(recent).toHaveCount(3);
      // Enter on it goes there, like a search result.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(new RegExp(`/runs/${mole.run_id}`));
      await expect(page.locator('[data-lens-anchor="run-title"]')).toHaveText('crawling-mole-592');
    } finally {
      await storage.forget();
    }
  });
});
