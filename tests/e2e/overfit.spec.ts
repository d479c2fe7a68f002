/**
 * The overfitting badge on real MLflow pages (both lines): verdicts of the seeded runs, the popover,
 * Model metrics markers, runs-table chips, live refresh, navigation between runs, and API errors.
 */
import type { Page } from '@playwright/test';
import { expect, runsPageUrl, test } from './fixtures';
import { setMlflowUiState } from '../support/mlflow-ui-state.mjs';

const BADGE = 'lens-overfit-badge';

function runUrl(mlflow: { url: string; seed: { runs: Record<string, { run_id: string; experiment_id: string }> } | null }, name: string, tab = '') {
  const run = mlflow.seed!.runs[name]!;
  return `${mlflow.url}#/experiments/${run.experiment_id}/runs/${run.run_id}${tab ? `/${tab}` : ''}`;
}

async function verdictOf(page: Page): Promise<string | null> {
  const badge = page.locator(BADGE);
  await expect(badge).toHaveAttribute('data-verdict', /^(?!loading$).+/, { timeout: 20_000 });
  return badge.getAttribute('data-verdict');
}

test.describe('overfitting badge', () => {
  test('the overfitting run: verdict, best epoch, popover with chart and reason', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    await page.goto(runUrl(mlflow, seed.overfitting_run));
    expect(await verdictOf(page)).toBe('overfitting');
    const badge = page.locator(BADGE);
    await expect(badge).toHaveAttribute('data-best-step', '12');
    await expect(badge).toHaveAttribute('data-run-id', seed.runs[seed.overfitting_run]!.run_id);
    // The seeded runs log one step per epoch but no `epoch` metric: Lens can't know, so it says "step".
    const pill = badge.getByRole('button', { name: /Lens overfitting check: Overfitting · best at step 12 · val_loss \+\d+/ });
    await expect(pill).toBeVisible();
    // The chart code (uPlot, lens-extras.js) is not on the page until a chart opens: its styles arrive with it.
    const chartStyles = badge.locator('style[data-lens-css="uplot"]');
    await expect(chartStyles).toHaveCount(0);
    await pill.focus();
    await page.keyboard.press('Enter');
    const dialog = badge.getByRole('dialog', { name: 'Overfitting details' });
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('canvas')).toHaveCount(1);
    await expect(chartStyles).toHaveCount(1);
    await expect(dialog).toContainText(/val_loss, smoothed, is \d+(\.\d)? ?% above its best \(step 12\)/);
    await expect(dialog).toContainText('Positions are MLflow steps: this run logs no epoch metric.');
    await expect(dialog).toContainText('average_precision');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // MLflow's page still works underneath.
    await page.locator('[data-lens-anchor="model-metrics-tab"]').click();
    await expect(page.locator('html')).toHaveAttribute('data-lens-run-tab', 'model-metrics');
  });

  test("MLflow's dark theme: the badge follows it", async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    await page.addInitScript(setMlflowUiState, true);
    await page.goto(runUrl(mlflow, seed.overfitting_run));
    await expect(page.locator('body')).toHaveClass(/dark-mode/);
    expect(await verdictOf(page)).toBe('overfitting');
    await expect(page.locator(BADGE)).toHaveClass(/dark/);
    const colour = await page.locator(BADGE).getByRole('button').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(colour).toBe('rgb(59, 28, 28)'); // --bad-bg of the dark palette
  });

  test('healthy and NaN runs', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    await page.goto(runUrl(mlflow, seed.healthy_run));
    expect(await verdictOf(page)).toBe('healthy');
    await page.goto(runUrl(mlflow, seed.nan_run));
    expect(await verdictOf(page)).toBe('diverging');
    await expect(page.locator(BADGE).getByRole('button')).toContainText('Diverging · from step 6');
  });

  test('Model metrics tab: a marker on each paired chart card', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    await page.goto(runUrl(mlflow, seed.overfitting_run, 'model-metrics'));
    const marker = page.locator('lens-overfit-marker[data-metric="val_loss"]');
    await expect(marker).toHaveAttribute('data-verdict', 'overfitting', { timeout: 20_000 });
    await expect(marker).toHaveAttribute('data-best-step', '12');
    await expect(marker.getByRole('button')).toHaveAccessibleName('Overfit · best at step 12 (Lens overfitting check of val_loss: Overfitting; shows details)');
    // The training card's marker names the validation metric whose best it shows.
    await expect(page.locator('lens-overfit-marker[data-metric="train_loss"]')).toContainText('Overfit · val_loss best at step 12');
    // A marker opens the badge's own details.
    await marker.getByRole('button').click();
    await expect(page.locator('lens-overfit-badge').getByRole('dialog', { name: 'Overfitting details' })).toBeVisible();
    await expect(page.locator('lens-overfit-badge').getByRole('button', { expanded: true })).toBeVisible();
    await expect(page.locator('lens-overfit-marker[data-metric="train_metric_average_precision"]')).toHaveAttribute('data-verdict', /overfitting|watch/);
    await expect(page.locator('lens-overfit-marker[data-metric="learning_rate"]')).toBeHidden();
  });

  test('runs table: a chip beside each visible run', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    await page.goto(runsPageUrl(mlflow, seed.experiments.churn.id));
    const overfit = page.locator(`lens-overfit-chip[data-run-id="${seed.runs[seed.overfitting_run]!.run_id}"]`);
    await expect(overfit).toHaveAttribute('data-verdict', 'overfitting', { timeout: 20_000 });
    await expect(page.locator(`lens-overfit-chip[data-run-id="${seed.runs[seed.healthy_run]!.run_id}"]`)).toHaveAttribute('data-verdict', 'healthy');
    await expect(page.locator(`lens-overfit-chip[data-run-id="${seed.runs[seed.nan_run]!.run_id}"]`)).toHaveAttribute('data-verdict', 'diverging');
    const churnRuns = Object.values(seed.runs).filter((r) => r.experiment_id === seed.experiments.churn.id);
    await expect(page.locator('lens-overfit-chip')).toHaveCount(churnRuns.length);
  });

  test('run A → run B shows B only, never a stale badge', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    await page.goto(runUrl(mlflow, seed.overfitting_run));
    expect(await verdictOf(page)).toBe('overfitting');
    const b = seed.runs[seed.healthy_run]!;
    await page.evaluate((hash) => { location.hash = hash; }, `#/experiments/${b.experiment_id}/runs/${b.run_id}`);
    await expect(page.locator('[data-lens-anchor="run-title"]')).toHaveText(seed.healthy_run);
    await expect(page.locator(BADGE)).toHaveCount(1);
    await expect(page.locator(BADGE)).toHaveAttribute('data-run-id', b.run_id);
    expect(await verdictOf(page)).toBe('healthy');
  });

  test('an API error shows its message and a retry; the page keeps working', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    let fail = true;
    // get-history is Lens's alone on the run overview (MLflow 2.x itself loads the run with runs/get).
    await page.route('**/ajax-api/2.0/mlflow/metrics/get-history?*', (route) =>
      fail ? route.fulfill({ status: 500, contentType: 'text/html', body: '<html><body>Internal Server Error</body></html>' }) : route.fallback(),
    );
    await page.goto(runUrl(mlflow, seed.overfitting_run));
    const badge = page.locator(BADGE);
    await expect(badge).toHaveAttribute('data-verdict', 'error', { timeout: 20_000 });
    await expect(badge.getByRole('alert')).toContainText('HTTP 500');
    await expect(page.locator('[data-lens-anchor="run-title"]')).toHaveText(seed.overfitting_run);
    fail = false;
    await badge.getByRole('button', { name: 'Retry' }).click();
    expect(await verdictOf(page)).toBe('overfitting');
  });

  test('a running run changes verdict live as epochs arrive', async ({ page, mlflow, extContext }) => {
    const seed = mlflow.seed!;
    const running = seed.runs[seed.running_run]!;
    const worker = extContext.serviceWorkers()[0] ?? (await extContext.waitForEvent('serviceworker'));
    await worker.evaluate(() => (globalThis as unknown as { chrome: { storage: { sync: { set(v: object): Promise<void> } } } }).chrome.storage.sync.set({ analysisSettings: { liveRefreshSeconds: 2 } }));
    try {
      await page.goto(runUrl(mlflow, seed.running_run));
      const before = await verdictOf(page);
      expect(before).not.toBe('overfitting');
      // Ten more epochs: validation turns up while training keeps falling.
      const now = Date.now();
      const metrics = [];
      for (let step = 4; step < 24; step++) {
        metrics.push({ key: 'train_loss', value: 0.6 * Math.exp(-step / 6) + 0.1, timestamp: now + step, step });
        metrics.push({ key: 'val_loss', value: step < 10 ? 0.5 - step * 0.01 : 0.4 + (step - 10) * 0.03, timestamp: now + step, step });
      }
      const res = await fetch(`${mlflow.url}ajax-api/2.0/mlflow/runs/log-batch`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ run_id: running.run_id, metrics }),
      });
      expect(res.status).toBe(200);
      await expect(page.locator(BADGE)).toHaveAttribute('data-verdict', 'overfitting', { timeout: 20_000 });
    } finally {
      await worker.evaluate(() => (globalThis as unknown as { chrome: { storage: { sync: { remove(k: string): Promise<void> } } } }).chrome.storage.sync.remove('analysisSettings'));
    }
  });

  test('Follow: a followed run shows it, turns overfitting: a notification and a toolbar badge, listed in the popup (which clears the badge), and a notification when it ends', async ({ page, mlflow, extContext, extensionId }) => {
    const seed = mlflow.seed!;
    const api = (path: string, body: object) =>
      fetch(`${mlflow.url}ajax-api/2.0/mlflow/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
    const created = (await api('runs/create', { experiment_id: seed.experiments.churn.id, run_name: 'watched-wolf-7', start_time: Date.now() })) as { run: { info: { run_id: string } } };
    const runId = created.run.info.run_id;
    const epochs = (from: number, to: number, val: (step: number) => number) =>
      Array.from({ length: to - from }, (_, i) => from + i).flatMap((step) => [
        { key: 'train_loss', value: 0.6 * Math.exp(-step / 6) + 0.1, timestamp: Date.now() + step, step },
        { key: 'val_loss', value: val(step), timestamp: Date.now() + step, step },
      ]);
    await api('runs/log-batch', { run_id: runId, metrics: epochs(0, 8, (s) => 0.7 - s * 0.03) });
    const worker = extContext.serviceWorkers()[0] ?? (await extContext.waitForEvent('serviceworker'));
    type Chrome = {
      storage: { sync: { set(v: object): Promise<void>; remove(k: string): Promise<void> } };
      notifications: { getAll(): Promise<Record<string, boolean>> };
      action: { getBadgeText(d: object): Promise<string> };
    };
    const badgeText = () => worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.action.getBadgeText({}));
    await worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.sync.set({ analysisSettings: { liveRefreshSeconds: 2 } }));
    try {
      await page.goto(`${mlflow.url}#/experiments/${seed.experiments.churn.id}/runs/${runId}`);
      expect(await verdictOf(page)).toBe('healthy');
      await page.locator(BADGE).getByRole('button').first().click();
      const follow = page.locator(BADGE).getByRole('switch', { name: /^Follow this run/ });
      await follow.check();
      // Followed, and it says so with the details closed.
      await page.keyboard.press('Escape');
      await expect(page.locator(BADGE).getByRole('dialog')).toHaveCount(0);
      await expect(page.locator(BADGE).getByTestId('lens-followed')).toHaveText('· Followed');
      await expect(page.locator(BADGE).getByRole('button').first()).toHaveAccessibleName(/Followed/);
      expect(await badgeText()).toBe('');
      // Leave the run: any MLflow page of this host keeps following it.
      await page.goto(runsPageUrl(mlflow, seed.experiments.churn.id));
      await api('runs/log-batch', { run_id: runId, metrics: epochs(8, 24, (s) => 0.46 + (s - 8) * 0.03) });
      await expect
        .poll(() => worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.notifications.getAll()), { timeout: 30_000 })
        .toHaveProperty(`lens-watch-${runId}-overfitting`);
      await expect.poll(badgeText).toBe('1');

      // The popup lists it with its verdict; having looked, the toolbar badge goes.
      const popup = await extContext.newPage();
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      const followed = popup.getByRole('region', { name: 'Followed runs' });
      await expect(followed.getByRole('listitem')).toHaveCount(1);
      await expect(followed.getByRole('listitem').first()).toContainText('watched-wolf-7');
      await expect(followed.getByRole('listitem').first()).toContainText('Overfitting');
      await expect.poll(badgeText).toBe('');
      await popup.close();

      // It ends: a notification says so (and Lens stops following it).
      await api('runs/update', { run_id: runId, status: 'FAILED', end_time: Date.now() });
      await expect
        .poll(() => worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.notifications.getAll()), { timeout: 30_000 })
        .toHaveProperty(`lens-watch-${runId}-finished`);
    } finally {
      await worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.sync.remove('analysisSettings'));
      // Leave the seeded experiment as other tests expect it.
      await api('runs/delete', { run_id: runId });
    }
  });
});
