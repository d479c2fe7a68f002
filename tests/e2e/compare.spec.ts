/** The compare drawer on real MLflow (both lines): pin from the run page and the runs table, reload, compare, export, unpin. */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, runsPageUrl, runsTableRow, test, tickRuns } from './fixtures';

/** Forgets the pins (and the drawer's remembered height: each test opens it at its default). */
async function clearPins(context: BrowserContext): Promise<void> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { remove(keys: string[]): Promise<void> } } } }).chrome.storage.local.remove(['pinnedRuns', 'drawerHeightShare']));
}

function tray(page: Page) {
  return page.locator('lens-compare').getByTestId('lens-compare-tray');
}

test.describe('compare drawer', () => {
  test('pin from the run page and the table of another experiment, reload, compare, export, unpin', async ({ page, mlflow, extContext }) => {
    await clearPins(extContext);
    const seed = mlflow.seed!;
    const heron = seed.runs[seed.overfitting_run]!; // Churn
    const gecko = seed.runs['rapid-gecko-12']!; // Sales
    const puffin = seed.runs['steady-puffin-5']!; // Sales

    // 1. The run page header: "Add to compare".
    await page.goto(`${mlflow.url}#/experiments/${heron.experiment_id}/runs/${heron.run_id}`);
    const headerPin = page.locator('lens-pin-run').getByRole('button', { name: `Add to compare for ${seed.overfitting_run} (Lens)` });
    await headerPin.click();
    await expect(page.locator('lens-pin-run').getByRole('button', { pressed: true })).toBeVisible();
    await expect(tray(page)).toHaveAttribute('data-count', '1');

    // 2. A row ticked in another experiment's runs table: the tray offers to add it (and only while it is ticked).
    await page.goto(runsPageUrl(mlflow, gecko.experiment_id));
    await expect(tray(page).getByTestId('lens-compare-selection')).toHaveCount(0);
    const geckoBox = runsTableRow(page, gecko.run_id).locator('input[type="checkbox"]').first();
    await geckoBox.check({ force: true });
    await tray(page).getByRole('button', { name: 'Add 1 to compare' }).click();
    await expect(tray(page)).toHaveAttribute('data-count', '2');
    await expect(tray(page).getByRole('button', { name: 'Remove 1 from compare' })).toBeVisible();
    await geckoBox.uncheck({ force: true });
    await expect(tray(page).getByTestId('lens-compare-selection')).toHaveCount(0);
    await expect(page).not.toHaveURL(new RegExp(gecko.run_id));

    // 3. Pins survive a reload.
    await page.reload();
    await expect(tray(page)).toHaveAttribute('data-count', '2');

    // 4. The drawer: one series per pinned run on each chart.
    await tray(page).getByTestId('lens-compare-open').click();
    const drawer = page.locator('lens-compare').getByTestId('lens-compare-drawer');
    await expect(drawer).toBeVisible();
    await expect(drawer.locator('.pin')).toHaveCount(2);
    const valLoss = drawer.locator('figure.chart[data-metric="val_loss"]');
    await expect(valLoss).toHaveAttribute('data-series-count', '2');
    await expect(drawer.locator('figure.chart[data-metric="train_loss"]')).toHaveAttribute('data-series-count', '2');
    await expect(valLoss.locator('canvas').first()).toBeVisible();

    // 5. The smoothing slider changes the values shown (the legend shows the last value of each run).
    const legendValue = valLoss.locator(`.legend-value[data-run-id="${heron.run_id}"]`);
    await expect(legendValue).not.toHaveText('—');
    const smoothed = await legendValue.textContent();
    await drawer.getByTestId('lens-smoothing').fill('0');
    await expect(legendValue).not.toHaveText(smoothed!);
    const raw = await legendValue.textContent();
    expect(Number(raw!.replace('−', '-'))).toBeCloseTo(await lastValue(mlflow.apiUrl, heron.run_id, 'val_loss'), 3);

    // 6. Differences: only the params that differ, by default.
    await drawer.getByRole('tab', { name: 'Differences' }).click();
    const diff = drawer.getByTestId('lens-compare-diff');
    const paramRows = diff.locator('tbody').first().locator('tr[data-key]');
    await expect(paramRows).toHaveCount(2); // learning_rate and batch_size differ; 3 others are equal
    await expect(diff.locator('tr[data-key="learning_rate"]')).toContainText('0.003');
    await drawer.getByTestId('lens-only-differences').uncheck();
    await expect(paramRows).toHaveCount(5);
    await drawer.getByTestId('lens-only-differences').check();
    await expect(paramRows).toHaveCount(2);

    // 7. Summary CSV: a header and one row per pinned run.
    await drawer.getByRole('tab', { name: 'Summary' }).click();
    await expect(drawer.getByTestId('lens-compare-summary').locator('tbody tr')).toHaveCount(2);
    await expect(drawer.getByTestId('lens-compare-summary').locator(`tr[data-run-id="${heron.run_id}"]`)).toContainText('Overfitting');
    const [download] = await Promise.all([page.waitForEvent('download'), drawer.getByTestId('lens-summary-csv').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('val_loss best');
    expect(csv).toContain(heron.run_id);
    expect(csv).toContain(gecko.run_id);
    const heronLine = lines.find((l) => l.includes(heron.run_id))!;
    expect(heronLine).toContain('overfitting');

    // 8. Unpin from the drawer; the tray follows.
    await drawer.getByRole('button', { name: 'Unpin rapid-gecko-12' }).click();
    await expect(drawer.locator('.pin')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(drawer).toHaveCount(0);
    await expect(tray(page)).toHaveAttribute('data-count', '1');

    // 9. Ticked rows: added, then taken out again by the same button.
    const puffinBox = runsTableRow(page, puffin.run_id).locator('input[type="checkbox"]').first();
    await puffinBox.check({ force: true });
    await tray(page).getByRole('button', { name: 'Add 1 to compare' }).click();
    await expect(tray(page)).toHaveAttribute('data-count', '2');
    await tray(page).getByRole('button', { name: 'Remove 1 from compare' }).click();
    await expect(tray(page)).toHaveAttribute('data-count', '1');
    await puffinBox.uncheck({ force: true });
    await clearPins(extContext);
    await expect(page.locator('lens-compare').getByTestId('lens-compare-tray')).not.toHaveAttribute('data-count', '2');
  });
});

const HOSTILE = {
  experiment: `Lens hostile <img src=x onerror="window.__lensPwned='experiment'"> ${Date.now()}`,
  run: `<img src=x onerror="window.__lensPwned='run'">‮evil-run`,
  param: `<script>window.__lensPwned='param'</script>`,
  tag: `"><svg onload="window.__lensPwned='tag'">`,
};

/** A run with markup in its name, a param and a tag, through MLflow's REST API (as any user could log it). */
async function createHostileRun(apiUrl: string): Promise<{ runId: string; experimentId: string }> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${apiUrl}api/2.0/mlflow/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, any>>;
  };
  const { experiment_id: experimentId } = await post('experiments/create', { name: HOSTILE.experiment });
  const { run } = await post('runs/create', { experiment_id: experimentId, run_name: HOSTILE.run, start_time: Date.now() });
  const runId = run.info.run_id as string;
  const now = Date.now();
  const metrics = Array.from({ length: 10 }, (_, step) => [
    { key: 'train_loss', value: 1 / (step + 1), timestamp: now + step, step },
    { key: 'val_loss', value: 1.2 / (step + 1), timestamp: now + step, step },
  ]).flat();
  await post('runs/log-batch', { run_id: runId, metrics, params: [{ key: 'learning_rate', value: HOSTILE.param }], tags: [{ key: 'note', value: HOSTILE.tag }] });
  await post('runs/update', { run_id: runId, status: 'FINISHED', end_time: now + 20 });
  return { runId, experimentId };
}

async function setPins(context: BrowserContext, base: string, pins: { runId: string; runName: string; experimentId: string }[]): Promise<void> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const value = { [base]: pins.map((p, i) => ({ ...p, pinnedAt: Date.now() + i })) };
  await worker.evaluate(
    (v) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ pinnedRuns: v }),
    value,
  );
}

test.describe('compare drawer: handling', () => {
  test('resize by keyboard and pointer; a drag-zoom on one chart zooms them all and Reset zoom undoes it; a chart as PNG', async ({ page, mlflow, extContext }) => {
    await clearPins(extContext);
    const seed = mlflow.seed!;
    const heron = seed.runs[seed.overfitting_run]!;
    const other = Object.entries(seed.runs).find(([name, r]) => r.experiment_id === heron.experiment_id && name !== seed.overfitting_run && !name.includes('20k'))![1];
    await page.goto(runsPageUrl(mlflow, heron.experiment_id));
    await tickRuns(page, [heron.run_id, other.run_id]);
    await tray(page).getByRole('button', { name: 'Add 2 to compare' }).click();
    await expect(tray(page)).toHaveAttribute('data-count', '2');
    await tray(page).getByTestId('lens-compare-open').click();
    const drawer = page.locator('lens-compare').getByTestId('lens-compare-drawer');
    const drawn = drawer.locator('figure.chart[data-drawn]');
    await expect(drawer.locator('figure.chart[data-metric="val_loss"]')).toHaveAttribute('data-drawn', /\d+/);
    const height = async () => (await drawer.boundingBox())!.height;

    // Resize: two ArrowUps on the handle (40 px each), then a 100 px drag upwards.
    const before = await height();
    const handle = drawer.getByRole('separator', { name: 'Resize the compare drawer' });
    await handle.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(height).toBeCloseTo(before + 80, 0);
    const h = (await handle.boundingBox())!;
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2 - 100, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => Math.abs((await height()) - (before + 180))).toBeLessThan(12);
    // It opens at half the window, and at the height the user left it after that: on closing, and after a reload.
    expect(Math.abs(before - page.viewportSize()!.height / 2)).toBeLessThanOrEqual(1);
    const resized = await height();
    await drawer.press('Escape');
    await expect(drawer).toHaveCount(0);
    await page.reload();
    await tray(page).getByTestId('lens-compare-open').click();
    await expect(drawer.locator('figure.chart[data-metric="val_loss"]')).toHaveAttribute('data-drawn', /\d+/);
    expect(Math.abs((await height()) - resized)).toBeLessThanOrEqual(2);
    await expect(handle).toHaveAttribute('aria-valuenow', String(Math.round((resized / page.viewportSize()!.height) * 100)));

    // Drag-zoom across the middle of val_loss: every chart shows the same, narrower x range.
    const ranges = async () => (await drawn.evaluateAll((figures) => figures.map((f) => f.getAttribute('data-x-range')))).map((r) => r?.split(',').map(Number) ?? null);
    const plot = drawer.locator('figure.chart[data-metric="val_loss"] .u-over');
    await plot.scrollIntoViewIfNeeded();
    const p = (await plot.boundingBox())!;
    await page.mouse.move(p.x + p.width * 0.3, p.y + p.height / 2);
    await page.mouse.down();
    await page.mouse.move(p.x + p.width * 0.6, p.y + p.height / 2, { steps: 8 });
    await page.mouse.up();
    expect(await drawn.count()).toBeGreaterThanOrEqual(2);
    await expect.poll(async () => new Set((await ranges()).map(String)).size).toBe(1);
    const [zoomed] = await ranges();
    expect(zoomed).not.toBeNull();

    await drawer.getByRole('button', { name: 'Reset zoom' }).click();
    await expect.poll(async () => (await ranges())[0]?.[1]! - (await ranges())[0]?.[0]!).toBeGreaterThan((zoomed![1]! - zoomed![0]!) * 2);
    const full = (await ranges())[0]!;
    expect(zoomed![0]).toBeGreaterThan(full[0]!);
    expect(zoomed![1]).toBeLessThan(full[1]!);
    expect(new Set((await ranges()).map(String)).size).toBe(1);

    // PNG export: a real PNG, named after the metric.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      drawer.locator('figure.chart[data-metric="val_loss"]').getByRole('button', { name: 'PNG' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('val_loss.png');
    const png = readFileSync((await download.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBeGreaterThan(200); // IHDR width: the chart, not an empty canvas
    await clearPins(extContext);
  });
});

test.describe('compare drawer: hostile and unreadable runs', () => {
  test('markup in run names, params and tags shows as text and never runs; an unreadable pin says so while the others render', async ({ page, mlflow, extContext }) => {
    const seed = mlflow.seed!;
    const heron = seed.runs[seed.overfitting_run]!;
    const hostile = await createHostileRun(mlflow.apiUrl);
    const missing = 'f'.repeat(32);
    await page.goto(`${mlflow.url}#/experiments/${heron.experiment_id}/runs/${heron.run_id}`);
    await expect(page.locator('lens-pin-run')).toHaveCount(1);
    await page.evaluate(() => ((window as unknown as { __lensPwned?: string }).__lensPwned = undefined));
    const base = new URL(page.url()).origin + new URL(page.url()).pathname;
    await setPins(extContext, base, [
      { runId: heron.run_id, runName: seed.overfitting_run, experimentId: heron.experiment_id },
      { runId: hostile.runId, runName: HOSTILE.run, experimentId: hostile.experimentId },
      { runId: missing, runName: 'gone-run', experimentId: heron.experiment_id },
    ]);
    await expect(page.locator('lens-compare').getByTestId('lens-compare-tray')).toHaveAttribute('data-count', '3');

    // The keyboard shortcut opens the drawer.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Alt+Shift+C');
    const drawer = page.locator('lens-compare').getByTestId('lens-compare-drawer');
    await expect(drawer).toBeVisible();

    // The unreadable run explains itself; the two others are charted.
    await expect(drawer.locator(`.pin[data-run-id="${missing}"]`)).toContainText('no longer exists');
    await expect(drawer.locator('figure.chart[data-metric="val_loss"]')).toHaveAttribute('data-series-count', '2');
    await expect(drawer.locator(`.pin[data-run-id="${hostile.runId}"] a`)).toHaveText(HOSTILE.run);
    await expect(drawer.locator('figure.chart[data-metric="val_loss"] .legend-name').nth(1)).toHaveText(HOSTILE.run);

    await drawer.getByRole('tab', { name: 'Differences' }).click();
    const diff = drawer.getByTestId('lens-compare-diff');
    await expect(diff.locator('tr[data-key="learning_rate"]')).toContainText(HOSTILE.param);
    await drawer.getByRole('checkbox', { name: 'Show tags' }).check();
    await expect(diff.locator('tr[data-key="note"]')).toContainText(HOSTILE.tag);
    await drawer.getByRole('tab', { name: 'Summary' }).click();
    await expect(drawer.getByTestId('lens-compare-summary').locator(`tr[data-run-id="${missing}"]`)).toContainText('no longer exists');

    // Nothing executed, and no element was made from the payloads.
    expect(await page.evaluate(() => (window as unknown as { __lensPwned?: string }).__lensPwned)).toBeUndefined();
    expect(await page.locator('lens-compare').evaluate((host) => host.shadowRoot!.querySelectorAll('img, script, svg[onload]').length)).toBe(0);
    await setPins(extContext, base, []);
  });
});

/** The run's latest value of a metric, asked of MLflow's REST API directly. */
async function lastValue(apiUrl: string, runId: string, key: string): Promise<number> {
  const res = await fetch(`${apiUrl}api/2.0/mlflow/runs/get?run_id=${runId}`);
  const body = (await res.json()) as { run: { data: { metrics: { key: string; value: number }[] } } };
  const metric = body.run.data.metrics.find((m) => m.key === key);
  if (!metric) throw new Error(`run ${runId} has no ${key}`);
  return metric.value;
}
