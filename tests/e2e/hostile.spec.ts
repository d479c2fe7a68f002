/**
 * Hostile data (issue #7): names, params and tags with markup and script payloads, RTL overrides, emoji and
 * 5 KB strings, logged through MLflow's REST API as any user could. A trap (window.__lensPwned, set by any
 * payload that runs) must stay unset, and every Lens feature must show the text literally.
 */
import type { Page } from '@playwright/test';
import { clearPins, expect, openPaletteOnRunsTable, runsPageUrl, test, tickRuns } from './fixtures';

const stamp = Date.now().toString(36);
const TRAP = (where: string) => `<img src=x onerror="window.__lensPwned='${where}'">`;
const NAMES = {
  experiment: `Lens hostile ${TRAP('experiment')} 🧪 ${stamp}`,
  run: `${TRAP('run')}‮evil-run-${stamp} 🔥`,
  model: `Hostile ${TRAP('model')} ${stamp}`,
};
const LONG = `${'<script>window.__lensPwned="long"</script>'.repeat(110)}`.slice(0, 5_000);

interface Created {
  experimentId: string;
  runId: string;
}

async function post(apiUrl: string, path: string, body: unknown): Promise<Record<string, any>> {
  const res = await fetch(`${apiUrl}api/2.0/mlflow/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, any>>;
}

async function seedHostile(apiUrl: string): Promise<Created> {
  const { experiment_id: experimentId } = await post(apiUrl, 'experiments/create', { name: NAMES.experiment });
  const { run } = await post(apiUrl, 'runs/create', { experiment_id: experimentId, run_name: NAMES.run, start_time: Date.now() - 60_000 });
  const runId = run.info.run_id as string;
  const now = Date.now();
  const metrics = [];
  for (let step = 0; step < 30; step++) {
    metrics.push({ key: 'train_loss', value: 1 / (step + 1), timestamp: now + step, step });
    metrics.push({ key: 'val_loss', value: step < 10 ? 1 - step * 0.05 : 0.5 + (step - 10) * 0.03, timestamp: now + step, step });
  }
  await post(apiUrl, 'runs/log-batch', {
    run_id: runId,
    metrics,
    params: [
      { key: 'optimizer', value: TRAP('param') },
      { key: 'notes', value: LONG },
    ],
    tags: [
      { key: 'owner', value: `‮${TRAP('tag')} 👩‍🔬` },
      { key: 'mlflow.note.content', value: TRAP('description') },
    ],
  });
  await post(apiUrl, 'runs/update', { run_id: runId, status: 'FINISHED', end_time: now + 40 });
  await post(apiUrl, 'registered-models/create', { name: NAMES.model });
  return { experimentId, runId };
}

async function trap(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __lensPwned?: unknown }).__lensPwned);
}

/** Elements a payload would have made inside Lens's shadow roots. */
async function injected(page: Page): Promise<number> {
  return page.evaluate(() => {
    let count = 0;
    for (const host of document.querySelectorAll('*')) {
      if (!host.tagName.startsWith('LENS-') || !host.shadowRoot) continue;
      count += host.shadowRoot.querySelectorAll('img[onerror], script, [onload], [onerror]').length;
    }
    return count;
  });
}

test.describe('hostile data', () => {
  let created: Created;
  test.beforeAll(async ({ mlflow }) => {
    created = await seedHostile(mlflow.apiUrl);
  });

  test('badge, table chips and pins on a run named with markup: text only, nothing runs', async ({ page, mlflow }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${mlflow.url}#/experiments/${created.experimentId}/runs/${created.runId}`);
    await expect(page.locator('lens-overfit-badge')).toHaveAttribute('data-verdict', 'overfitting', { timeout: 20_000 });
    const pin = page.locator('lens-pin-run').getByRole('button');
    await expect(pin).toHaveAccessibleName(`Add to compare for ${NAMES.run} (Lens)`);
    await expect(pin).toHaveAttribute('title', `Add ${NAMES.run} to the Lens comparison (Alt+Shift+C opens it)`);

    await page.goto(runsPageUrl(mlflow, created.experimentId));
    await expect(page.locator(`lens-overfit-chip[data-run-id="${created.runId}"]`)).toHaveAttribute('data-verdict', 'overfitting', { timeout: 20_000 });
    await expect(page.locator(`lens-overfit-chip[data-run-id="${created.runId}"]`).getByRole('img')).toHaveAttribute('aria-label', /^Lens overfitting check: Overfitting/);

    expect(await trap(page)).toBeUndefined();
    expect(await injected(page)).toBe(0);
    expect(errors.filter((e) => /lens/i.test(e))).toEqual([]);
  });

  test('quick search lists hostile experiments, runs and models as text', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    const { palette, box } = await openPaletteOnRunsTable(page, mlflow, seed.experiments.churn.id);
    await box.fill(stamp);
    await expect(palette.getByRole('group', { name: 'Experiments' }).getByRole('option').first().locator('.name')).toHaveText(NAMES.experiment);
    await expect(palette.getByRole('group', { name: 'Runs' }).getByRole('option').first().locator('.name')).toHaveText(NAMES.run);
    await expect(palette.getByRole('group', { name: 'Registered models' }).getByRole('option').first().locator('.name')).toHaveText(NAMES.model);
    await box.fill('onerror');
    await expect(palette.getByRole('option').first()).toBeVisible();
    expect(await trap(page)).toBeUndefined();
    expect(await injected(page)).toBe(0);
    await page.keyboard.press('Escape');
  });

  test('the register menu suggests a hostile model name as text', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    const run = seed.runs[seed.model_run_2x_other]!;
    await page.goto(`${mlflow.url}#/experiments/${run.experiment_id}/runs/${run.run_id}`);
    const register = page.locator('lens-register');
    await expect(register.getByRole('group', { name: "Register this run's model" }).getByRole('button').first()).toBeEnabled({ timeout: 20_000 });
    await register.getByRole('button', { name: 'Registration options' }).click();
    const menu = register.getByRole('dialog', { name: 'Register options' });
    await menu.locator('input[name="model-name"]').fill(stamp);
    await expect(menu.getByRole('list', { name: 'Existing registered models' })).toContainText(NAMES.model);
    expect(await trap(page)).toBeUndefined();
    expect(await injected(page)).toBe(0);
    await page.keyboard.press('Escape');
  });

  test('the compare drawer shows the long param, the RTL tag and the run name literally', async ({ page, mlflow, extContext }) => {
    await clearPins(extContext); // the tray counts this run alone
    await page.goto(runsPageUrl(mlflow, created.experimentId));
    await tickRuns(page, [created.runId]);
    const tray = page.locator('lens-compare').getByTestId('lens-compare-tray');
    await tray.getByRole('button', { name: 'Add 1 to compare' }).click();
    await expect(tray).toHaveAttribute('data-count', '1');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Alt+Shift+C');
    const drawer = page.locator('lens-compare').getByTestId('lens-compare-drawer');
    await expect(drawer.locator(`.pin[data-run-id="${created.runId}"] a`)).toHaveText(NAMES.run);
    await drawer.getByRole('tab', { name: 'Differences' }).click();
    await drawer.getByTestId('lens-only-differences').uncheck();
    await drawer.getByRole('checkbox', { name: 'Show tags' }).check();
    const diff = drawer.getByTestId('lens-compare-diff');
    await expect(diff.locator('tr[data-key="optimizer"] td')).toHaveText(TRAP('param'));
    await expect(diff.locator('tr[data-key="notes"] td')).toHaveText(LONG);
    await expect(diff.locator('tr[data-key="owner"] td')).toHaveText(`‮${TRAP('tag')} 👩‍🔬`);
    expect(await trap(page)).toBeUndefined();
    expect(await injected(page)).toBe(0);
    const worker = extContext.serviceWorkers()[0] ?? (await extContext.waitForEvent('serviceworker'));
    await worker.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { remove(k: string): Promise<void> } } } }).chrome.storage.local.remove('pinnedRuns'));
  });
});
