/**
 * Every Lens surface passes axe-core with no serious or critical violation, in MLflow's light and dark themes
 * (issue #14.15): the badge and its details, the Model metrics markers, the register menu, the row chips and
 * the tray, the compare drawer, the quick-search palette, the toolbar popup, the options page and the first-run page.
 * On MLflow's pages only Lens's own nodes count: MLflow's own findings are MLflow's.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { setMlflowUiState } from '../support/mlflow-ui-state.mjs';
import { expect, openPaletteOnRunsTable, runsPageUrl, test, tickRuns } from './fixtures';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** A node axe names is Lens's when a part of its selector is a `lens-*` element (a host, or inside one's shadow root). */
const LENS_ELEMENT = /(^|[\s>+~])lens-[a-z-]+/;

/**
 * Serious and critical findings on Lens's nodes (all nodes with `onlyLens` false: Lens's own pages). Throws when axe
 * checked none of Lens's nodes at all, so a Lens that rendered nothing can't pass.
 */
async function lensViolations(page: Page, onlyLens = true): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const isLens = (n: { target: unknown[] }) => !onlyLens || n.target.flat().some((part) => LENS_ELEMENT.test(String(part)));
  const checked = results.passes.reduce((sum, rule) => sum + rule.nodes.filter(isLens).length, 0);
  if (checked === 0) throw new Error('axe checked none of Lens’s elements on this page');
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes
        .filter(isLens)
        .map((n) => `${v.id} (${v.impact}) at ${JSON.stringify(n.target)}: ${n.failureSummary?.split('\n').slice(0, 3).join(' ')}`),
    );
}

async function clearPins(page: Page) {
  const worker = page.context().serviceWorkers()[0] ?? (await page.context().waitForEvent('serviceworker'));
  await worker.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ pinnedRuns: {} }));
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`accessibility, ${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.emulateMedia({ colorScheme: theme });
      await page.addInitScript(setMlflowUiState, theme === 'dark');
    });

    test('run page: the badge, its details and the Model metrics markers', async ({ page, mlflow }) => {
      const seed = mlflow.seed!;
      const run = seed.runs[seed.overfitting_run]!;
      await page.goto(`${mlflow.url}#/experiments/${run.experiment_id}/runs/${run.run_id}`);
      const badge = page.locator('lens-overfit-badge[data-verdict="overfitting"]');
      await expect(badge).toBeVisible({ timeout: 60_000 });
      await expect(badge).toHaveClass(theme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/);
      await badge.getByRole('button').first().click();
      await expect(badge.getByRole('dialog').locator('canvas')).toHaveCount(1);
      expect.soft(await lensViolations(page)).toEqual([]);

      await page.keyboard.press('Escape');
      await page.locator('[data-lens-anchor="model-metrics-tab"]').click();
      await expect(page.locator('lens-overfit-marker[data-metric="val_loss"]')).toBeVisible({ timeout: 30_000 });
      expect.soft(await lensViolations(page)).toEqual([]);
    });

    test('run page: the register button and its menu, and "Add to compare"', async ({ page, mlflow }) => {
      const seed = mlflow.seed!;
      const run = seed.runs[seed.model_run_2x]!;
      await page.goto(`${mlflow.url}#/experiments/${run.experiment_id}/runs/${run.run_id}`);
      const register = page.locator('lens-register');
      await expect(register.getByRole('button').first()).toBeEnabled({ timeout: 60_000 });
      await expect(page.locator('lens-pin-run').getByRole('button')).toBeVisible();
      await register.getByRole('button', { name: 'Registration options' }).click();
      const menu = register.getByRole('dialog', { name: 'Register options' });
      await expect(menu.locator('input[name="model-name"]')).toBeVisible();
      await menu.locator('input[name="model-name"]').fill('bad/name');
      await menu.getByRole('button', { name: 'Register', exact: true }).click();
      await expect(menu.getByRole('alert')).toBeVisible(); // the error text is checked for contrast too
      expect.soft(await lensViolations(page)).toEqual([]);
    });

    test('runs table: the chips, the tray and the compare drawer', async ({ page, mlflow }) => {
      await clearPins(page);
      const seed = mlflow.seed!;
      await page.goto(runsPageUrl(mlflow, seed.experiments.churn.id));
      await expect(page.locator('lens-overfit-chip[data-verdict="overfitting"]').first()).toBeVisible({ timeout: 60_000 });
      await tickRuns(page, [seed.overfitting_run, seed.healthy_run].map((name) => seed.runs[name]!.run_id));
      const tray = page.locator('lens-compare').getByTestId('lens-compare-tray');
      await expect(tray.getByRole('button', { name: 'Add 2 to compare' })).toBeVisible();
      expect.soft(await lensViolations(page)).toEqual([]);

      await tray.getByRole('button', { name: 'Add 2 to compare' }).click();
      await tray.getByTestId('lens-compare-open').click();
      const drawer = page.locator('lens-compare').getByTestId('lens-compare-drawer');
      await expect(drawer.locator('figure.chart[data-metric="val_loss"]')).toHaveAttribute('data-series-count', '2');
      expect.soft(await lensViolations(page)).toEqual([]);
      for (const tab of ['Summary', 'Differences']) {
        await drawer.getByRole('tab', { name: tab }).click();
        await expect(drawer.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
        expect.soft(await lensViolations(page), tab).toEqual([]);
      }
      // Closed again: the tray with its count, the filled button.
      await drawer.press('Escape');
      await expect(tray.getByTestId('lens-compare-open')).toBeVisible();
      expect.soft(await lensViolations(page)).toEqual([]);
    });

    test('the quick-search palette with results', async ({ page, mlflow }) => {
      await clearPins(page); // before the palette reads them
      const { palette, box } = await openPaletteOnRunsTable(page, mlflow, mlflow.seed!.experiments.churn.id);
      await box.fill('crawling');
      await expect(palette.getByRole('option').first()).toBeVisible();
      expect.soft(await lensViolations(page)).toEqual([]);
      // A pinned run's mark, the announcement, then the empty box's pinned and recent runs.
      try {
        await box.press('Alt+p');
        await expect(palette.getByTestId('lens-pinned-mark').first()).toBeVisible();
        expect.soft(await lensViolations(page), 'pinned').toEqual([]);
        await box.fill('');
        await expect(palette.getByRole('group', { name: 'Pinned runs' }).getByTestId('lens-pinned-mark')).toHaveCount(1);
        expect.soft(await lensViolations(page), 'empty box').toEqual([]);
      } finally {
        await clearPins(page);
      }
    });

    test('the toolbar popup, the options page and the first-run page', async ({ page, extensionId, mlflow }) => {
      // The popup searching through an open MLflow tab.
      await page.goto(runsPageUrl(mlflow, mlflow.seed!.experiments.churn.id));
      await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'experiment-runs');
      const popup = await page.context().newPage();
      await popup.emulateMedia({ colorScheme: theme });
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      await popup.getByRole('searchbox').fill('crawling');
      await expect(popup.getByRole('option').first()).toBeVisible({ timeout: 20_000 });
      expect.soft(await lensViolations(popup, false)).toEqual([]);
      await popup.goto(`chrome-extension://${extensionId}/options.html`);
      await expect(popup.getByRole('heading').first()).toBeVisible();
      await popup.getByText('For your own styles', { exact: true }).click(); // the closed section's switch is checked too
      expect.soft(await lensViolations(popup, false)).toEqual([]);
      // The first-run page.
      await popup.goto(`chrome-extension://${extensionId}/welcome.html`);
      await expect(popup.getByRole('heading', { level: 1 })).toBeVisible();
      expect.soft(await lensViolations(popup, false)).toEqual([]);
      await popup.close();
    });
  });
}
