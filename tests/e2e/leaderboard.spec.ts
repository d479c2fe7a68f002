/**
 * The experiment leaderboard (issue #17) on the seeded MLflow: the button beside MLflow's view switch opens it, every
 * active run of the experiment is listed and judged, sorted best first, filterable; the champion is the registered
 * model's `champion` alias (else its latest version) as MLflow's own API says; hostile names are text; through the
 * Snowflake-like gateway, a 5xx and a lapsed session say so in the panel while the listed runs stay.
 */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { launchChromiumWithLens } from '../support/browser.mjs';
import { startGateway, type Gateway } from '../support/gateway.mjs';
import { expect, runsPageUrl, test } from './fixtures';

type Api = { apiUrl: string };

async function api(mlflow: Api, path: string, body?: unknown): Promise<Record<string, any>> {
  const res = await fetch(`${mlflow.apiUrl}api/2.0/mlflow/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, any>>;
}

/** The experiment's active runs, as MLflow lists them. */
async function activeRuns(mlflow: Api, experimentId: string): Promise<{ run_id: string; run_name: string }[]> {
  const { runs } = await api(mlflow, 'runs/search', { experiment_ids: [experimentId], max_results: 1000, run_view_type: 'ACTIVE_ONLY' });
  return (runs ?? []).map((r: any) => r.info);
}

async function openLeaderboard(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  await page.locator('lens-leaderboard-button').getByRole('button', { name: 'Leaderboard' }).click();
  const board = page.locator('lens-leaderboard').getByRole('dialog', { name: 'Experiment leaderboard' });
  await expect(board).toBeVisible();
  return board;
}

const bestColumn = (board: Locator) => board.locator('tbody tr td:nth-child(4)');

test('every run of the experiment, judged, best first; sortable, filterable; the champion as MLflow names it', async ({ page, mlflow }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const churn = mlflow.seed!.experiments.churn.id;
  const runs = await activeRuns(mlflow, churn);
  const board = await openLeaderboard(page, runsPageUrl(mlflow, churn));
  // The button sits right after MLflow's view switch.
  expect(await page.locator('lens-leaderboard-button').evaluate((h) => h.previousElementSibling?.querySelector('input[name="runs-view-mode"]') !== null)).toBe(true);
  await expect(board.getByRole('status').first()).toHaveText(`${runs.length} / ${runs.length} judged`, { timeout: 60_000 });
  const rows = board.locator('tbody tr');
  await expect(rows).toHaveCount(runs.length);
  expect(new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-run-id'))))).toEqual(new Set(runs.map((r) => r.run_id)));
  const seeded = mlflow.seed!.runs;
  await expect(board.locator(`tr[data-run-id="${seeded[mlflow.seed!.overfitting_run]!.run_id}"]`)).toHaveAttribute('data-verdict', 'overfitting');
  await expect(board.locator(`tr[data-run-id="${seeded[mlflow.seed!.nan_run]!.run_id}"]`)).toHaveAttribute('data-verdict', 'diverging');

  // val_loss is minimised: best (lowest) first, and the header says how it is sorted.
  const header = board.getByRole('columnheader', { name: /val_loss · best/ });
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const bests = async () => (await bestColumn(board).allInnerTexts()).map((t) => Number(t.replace('\u2212', '-'))).filter((x) => Number.isFinite(x));
  const ascending = await bests();
  expect(ascending.length).toBeGreaterThan(3);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const descending = await bests();
  expect(descending).toEqual([...descending].sort((a, b) => b - a));

  // Filters: only overfitting; a name fragment; a status.
  await board.getByLabel('Verdict').selectOption('overfitting');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(mlflow.seed!.overfitting_run);
  await board.getByLabel('Verdict').selectOption('');
  await board.getByLabel('Filter').fill('WREN');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(mlflow.seed!.nan_run);
  await board.getByLabel('Filter').fill('');
  await board.getByLabel('Status').selectOption('RUNNING');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(mlflow.seed!.running_run);
  await board.getByLabel('Status').selectOption('');

  // The champion: the version with the `champion` alias, else the latest, of the model the experiment registers to.
  const { registered_model: model } = await api(mlflow, `registered-models/get?name=${encodeURIComponent(mlflow.seed!.registered_model.name)}`);
  const aliased = (model.aliases ?? []).find((a: any) => a.alias === 'champion')?.version;
  const version = aliased ?? String(Math.max(...model.latest_versions.map((v: any) => Number(v.version))));
  const { model_version: champion } = await api(mlflow, `model-versions/get?name=${encodeURIComponent(model.name)}&version=${version}`);
  await expect(board.getByTestId('lens-leaderboard-champion')).toContainText(`${model.name} v${version}`);
  await expect(board.locator('tr.champion')).toHaveAttribute('data-run-id', champion.run_id);
  await expect(board.locator('tr.champion td').nth(7)).toHaveText('—'); // its own delta

  // Esc closes it; the button reopens it with what was loaded (no second listing).
  await board.press('Escape');
  await expect(board).toBeHidden();
  expect(errors).toEqual([]);
});

test('Compare the top 2 pins the two best runs and opens the compare drawer', async ({ page, mlflow }) => {
  const churn = mlflow.seed!.experiments.churn.id;
  const runs = await activeRuns(mlflow, churn);
  const board = await openLeaderboard(page, runsPageUrl(mlflow, churn));
  await expect(board.getByRole('status').first()).toHaveText(`${runs.length} / ${runs.length} judged`, { timeout: 60_000 });
  const top = await board.locator('tbody tr').evaluateAll((trs) => trs.slice(0, 2).map((tr) => tr.getAttribute('data-run-id')));
  await board.getByLabel('Compare the top').fill('2');
  await board.getByTestId('lens-leaderboard-compare').click();
  await expect(board).toBeHidden();
  const drawer = page.getByTestId('lens-compare-drawer');
  await expect(drawer).toBeVisible();
  for (const id of top) await expect(drawer.locator(`.pin[data-run-id="${id}"]`)).toBeVisible();
  await drawer.getByRole('button', { name: 'Unpin all' }).click();
});

test('hostile run names are text: nothing runs, nothing is injected', async ({ page, mlflow }) => {
  const stamp = Date.now().toString(36);
  const name = `<img src=x onerror="window.__lensPwned='leaderboard'">=cmd|' /C calc'!A0 ${stamp}`;
  const { experiment_id: experimentId } = await api(mlflow, 'experiments/create', { name: `Lens leaderboard hostile ${stamp}`, tags: [{ key: 'mlflow.experimentKind', value: 'custom_model_development' }] });
  const { run } = await api(mlflow, 'runs/create', { experiment_id: experimentId, run_name: name, start_time: Date.now() - 60_000 });
  const now = Date.now();
  const metrics = [];
  for (let step = 0; step < 30; step++) {
    metrics.push({ key: 'train_loss', value: 1 / (step + 1), timestamp: now + step, step });
    metrics.push({ key: 'val_loss', value: step < 10 ? 1 - step * 0.05 : 0.5 + (step - 10) * 0.03, timestamp: now + step, step });
  }
  await api(mlflow, 'runs/log-batch', { run_id: run.info.run_id, metrics });
  await api(mlflow, 'runs/update', { run_id: run.info.run_id, status: 'FINISHED', end_time: now + 40 });
  const board = await openLeaderboard(page, runsPageUrl(mlflow, experimentId));
  await expect(board.getByRole('status').first()).toHaveText('1 / 1 judged', { timeout: 60_000 });
  await expect(board.locator('tbody tr th a')).toHaveText(name);
  await expect(board.locator('tbody tr')).toHaveAttribute('data-verdict', 'overfitting');
  expect(await page.evaluate(() => (window as unknown as { __lensPwned?: unknown }).__lensPwned)).toBeUndefined();
  expect(await page.locator('lens-leaderboard').evaluate((h) => h.shadowRoot!.querySelectorAll('img, script, [onerror]').length)).toBe(0);
});

test.describe('through the gateway', () => {
  let gateway: Gateway;
  let context: BrowserContext;
  let cleanupBrowser: () => Promise<void>;
  const BULK = 'ajax-api/2.0/mlflow/metrics/get-history-bulk-interval';

  test.beforeAll(async ({ mlflow }) => {
    gateway = await startGateway({ upstream: mlflow.url });
    ({ context, cleanup: cleanupBrowser } = await launchChromiumWithLens({ args: gateway.chromiumArgs }));
  });
  test.afterAll(async () => {
    await cleanupBrowser?.();
    await gateway?.stop();
  });
  test.afterEach(() => gateway.clearFaults());

  async function signedIn(page: Page, hash: string) {
    await page.goto(gateway.url + hash);
    if (new URL(page.url()).origin === gateway.loginOrigin) {
      await page.getByLabel('User name').fill('lens.tester');
      await page.getByLabel('Password').fill('not-checked');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL((u) => u.origin === gateway.origin);
      await page.goto('about:blank');
      await page.goto(gateway.url + hash);
    }
  }

  test('a 5xx and a lapsed session say so in the panel; the listed runs stay, and Retry goes on', async ({ mlflow }) => {
    const page = await context.newPage();
    try {
      const churn = mlflow.seed!.experiments.churn.id;
      const runs = await activeRuns(mlflow, churn);
      const hash = new URL(runsPageUrl(mlflow, churn)).hash;
      await signedIn(page, hash);
      // MLflow's own table is in (and Lens's chips have asked for their histories) before the faults are armed.
      await expect(page.locator('lens-overfit-chip').first()).not.toHaveAttribute('data-verdict', 'loading', { timeout: 60_000 });
      gateway.fault({ path: BULK, kind: 502 });
      await page.locator('lens-leaderboard-button').getByRole('button', { name: 'Leaderboard' }).click();
      const board = page.locator('lens-leaderboard').getByRole('dialog', { name: 'Experiment leaderboard' });
      const alert = board.getByTestId('lens-leaderboard-error');
      await expect(alert).toContainText('MLflow answered with an error (HTTP 502)', { timeout: 60_000 });
      await expect(board.locator('tbody tr')).toHaveCount(runs.length);
      await expect(board.locator('tbody tr[data-verdict="loading"]').first()).toBeVisible();

      gateway.clearFaults();
      gateway.fault({ path: BULK, kind: 401 });
      await alert.getByRole('button', { name: 'Retry' }).click();
      await expect(alert).toContainText('Your MLflow session has expired. Sign in again in this tab, then retry.', { timeout: 60_000 });
      await expect(board.locator('tbody tr')).toHaveCount(runs.length);

      gateway.clearFaults();
      await alert.getByRole('button', { name: 'Retry' }).click();
      await expect(board.getByRole('status').first()).toHaveText(`${runs.length} / ${runs.length} judged`, { timeout: 60_000 });
      await expect(alert).toBeHidden();
    } finally {
      await page.close();
    }
  });
});
