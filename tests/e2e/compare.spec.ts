/** The compare drawer on real MLflow (both lines): pin from the run page and the runs table, reload, compare, export, unpin. */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { clearPins, expect, runsPageUrl, runsTableRow, test, tickRuns } from './fixtures';


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

/** The colour MLflow's runs table shows for a run: its swatch's colour input (`#rrggbb`). */
async function tableColour(page: Page, runId: string): Promise<string> {
  const value = await runsTableRow(page, runId).locator('[data-testid="experiment-view-table-run-color"] input[type="color"]').getAttribute('value');
  expect(value).toMatch(/^#[0-9a-f]{6}$/i);
  return value!.toLowerCase();
}

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

/** How many pixels of a canvas are `hex` (±2 per channel: the line's core, not its antialiased edge). */
async function pixelsOf(canvas: import('@playwright/test').Locator, hex: string): Promise<number> {
  return canvas.evaluate((c: HTMLCanvasElement, target) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(target.slice(i, i + 2), 16));
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - r!) <= 2 && Math.abs(data[i + 1]! - g!) <= 2 && Math.abs(data[i + 2]! - b!) <= 2 && data[i + 3]! > 200) n++;
    return n;
  }, hex);
}

/** Ticks `runs` in their experiment's runs table, adds them and opens the drawer. */
async function compareFromTable(page: Page, mlflow: Parameters<typeof runsPageUrl>[0], experimentId: string, runIds: string[]) {
  await page.goto(runsPageUrl(mlflow, experimentId));
  for (const id of runIds) await runsTableRow(page, id).locator('input[type="checkbox"]').first().check({ force: true });
  await tray(page).getByRole('button', { name: `Add ${runIds.length} to compare` }).click();
  await tray(page).getByTestId('lens-compare-open').click();
  const drawer = page.locator('lens-compare').getByTestId('lens-compare-drawer');
  await expect(drawer.locator('figure.chart[data-metric="val_loss"]')).toHaveAttribute('data-drawn', /\d+/);
  return drawer;
}

test.describe('compare drawer: charts (#14.11)', () => {
  test.beforeEach(async ({ page, extContext }) => {
    await clearPins(extContext);
    await page.setViewportSize({ width: 1400, height: 900 });
  });
  // Later specs (hostile, a11y) count the tray's pins: leave none behind.
  test.afterEach(async ({ extContext }) => clearPins(extContext));

  test("each run is drawn in the colour MLflow's runs table shows it in: line, legend and chip, also after leaving the table", async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    const runs = [seed.runs['calm-otter-88']!, seed.runs['crawling-mole-592']!];
    const drawer = await compareFromTable(page, mlflow, runs[0]!.experiment_id, runs.map((r) => r.run_id));
    const colours = [await tableColour(page, runs[0]!.run_id), await tableColour(page, runs[1]!.run_id)];
    const chart = drawer.locator('figure.chart[data-metric="val_loss"]');
    await expect(chart).toHaveAttribute('data-series-count', '2');
    const check = async () => {
      for (const [i, run] of runs.entries()) {
        await expect(drawer.locator(`.pin[data-run-id="${run.run_id}"] .swatch`)).toHaveCSS('background-color', rgb(colours[i]!));
        await expect(chart.locator('.legend li').filter({ has: page.locator(`.legend-value[data-run-id="${run.run_id}"]`) }).locator('.swatch')).toHaveCSS('background-color', rgb(colours[i]!));
        // The line itself: its colour is on the chart's canvas.
        await expect.poll(() => pixelsOf(chart.locator('canvas'), colours[i]!)).toBeGreaterThan(30);
      }
      // …and not Lens's own palette colours for these two pins (Tableau's blue and orange), unless MLflow's are those.
      for (const own of ['#1f77b4', '#ff7f0e']) if (!colours.includes(own)) expect(await pixelsOf(chart.locator('canvas'), own)).toBe(0);
    };
    await check();

    // Off the table (same tab, MLflow's own navigation): the colours seen there stay.
    await page.keyboard.press('Escape');
    await page.evaluate((hash) => (location.hash = hash), `#/experiments/${runs[0]!.experiment_id}/runs/${runs[0]!.run_id}`);
    await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'run');
    await tray(page).getByTestId('lens-compare-open').click();
    await expect(chart).toHaveAttribute('data-drawn', /\d+/);
    await check();
  });

  test('the hover legend names the x under the cursor, and on relative time every run shown there has a value', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    const runs = [seed.runs['calm-otter-88']!, seed.runs['crawling-mole-592']!];
    const drawer = await compareFromTable(page, mlflow, runs[0]!.experiment_id, runs.map((r) => r.run_id));
    const chart = drawer.locator('figure.chart[data-metric="val_loss"]');
    const x = chart.getByTestId('lens-legend-x');
    const values = chart.locator('.legend-value');
    await expect(x).toHaveText('last');
    // The plot is rebuilt when the runs' MLflow colours arrive: scroll its figure, which stays, and measure after.
    await expect(chart).toHaveAttribute('data-drawn', /\d+/);
    await chart.scrollIntoViewIfNeeded();
    const over = chart.locator('.u-over');
    const box = (await over.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await expect(x).toHaveText(/^step \d+$/);
    await expect(values).toHaveText([/^[^—]+$/, /^[^—]+$/]);

    await drawer.getByTestId('lens-x-axis').selectOption('relative');
    await expect(chart).toHaveAttribute('data-drawn', /\d+/);
    // The two runs logged at other moments: hardly an x of one is an x of the other, yet both have a value.
    for (const at of [0.2, 0.35, 0.5, 0.65, 0.8]) {
      const b = (await over.boundingBox())!;
      await page.mouse.move(b.x + b.width * at, b.y + b.height / 2);
      await expect(x).toHaveText(/^relative time \d+:\d{2}$/);
      await expect(values, `at ${at} of the width`).toHaveText([/^[^—]+$/, /^[^—]+$/]);
    }
    await page.mouse.move(0, 0);
  });

  test('log y labels no tick "0"', async ({ page, mlflow }) => {
    const seed = mlflow.seed!;
    const runs = [seed.runs['calm-otter-88']!, seed.runs['crawling-mole-592']!];
    const drawer = await compareFromTable(page, mlflow, runs[0]!.experiment_id, runs.map((r) => r.run_id));
    // learning_rate decays from 0.001 to 0.0001: the log axis has a tick at 1e-4, which uPlot's formatter prints "0".
    const chart = drawer.locator('figure.chart[data-metric="learning_rate"]');
    await expect(chart).toHaveAttribute('data-y-ticks', /\d/);
    await drawer.getByRole('checkbox', { name: 'Log y' }).check();
    await expect(chart).toHaveAttribute('data-y-ticks', /0\.0001|1e-4/);
    const ticks = (await chart.getAttribute('data-y-ticks'))!.split('|');
    expect(ticks.length).toBeGreaterThan(1);
    for (const tick of ticks) {
      expect(tick).not.toBe('0');
      expect(Number(tick)).toBeGreaterThan(0);
    }
  });
});

test.describe('compare drawer: PNG export in the dark theme', () => {
  test.afterEach(async ({ extContext }) => clearPins(extContext));
  test.beforeEach(async ({ page, extContext }) => {
    await clearPins(extContext);
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.addInitScript(() => {
      localStorage.setItem('_mlflow_dark_mode_toggle_enabled', 'true');
      localStorage.setItem('databricks-dark-mode-pref', 'dark');
    });
  });

  test('a chart as PNG: light background, the metric and axis titles, a legend of the runs in their colours', async ({ page, mlflow, extContext }) => {
    const seed = mlflow.seed!;
    const runs = [seed.runs['calm-otter-88']!, seed.runs['crawling-mole-592']!];
    const drawer = await compareFromTable(page, mlflow, runs[0]!.experiment_id, runs.map((r) => r.run_id));
    await expect(page.locator('body')).toHaveClass(/dark-mode/);
    const colours = [await tableColour(page, runs[0]!.run_id), await tableColour(page, runs[1]!.run_id)];
    await expect(page.locator('lens-compare')).toHaveClass(/\bdark\b/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      drawer.locator('figure.chart[data-metric="val_loss"]').getByRole('button', { name: 'PNG' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('val_loss.png');
    const png = readFileSync((await download.path())!).toString('base64');

    // Decoded by Chromium on a blank page. Layout (CSS px, device pixel ratio 1 here): the metric's name in a 28 px
    // band, the 280 px chart (y title in its leftmost 20 px, x title in its bottom 20 px), then the legend.
    const viewer = await extContext.newPage();
    const image = await viewer.evaluate(async ({ png, colours }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, img.width, img.height);
      const at = (x: number, y: number) => [...data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 3)];
      /** Pixels in the box that are `match`. */
      const count = (x0: number, y0: number, x1: number, y1: number, match: (p: number[]) => boolean) => {
        let n = 0;
        for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (match(at(x, y))) n++;
        return n;
      };
      const near = (hex: string) => {
        const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
        return (p: number[]) => p.every((v, i) => Math.abs(v - want[i]!) <= 2);
      };
      const dark = (p: number[]) => p.every((v) => v < 110);
      const plotTop = 28;
      const plotBottom = 28 + 280;
      return {
        width: img.width,
        height: img.height,
        corners: [at(0, 0), at(img.width - 1, 0), at(0, img.height - 1), at(img.width - 1, img.height - 1)],
        titleText: count(0, 0, 200, plotTop, dark),
        yTitle: count(0, plotTop + 40, 18, plotBottom - 60, dark),
        xTitle: count(0, plotBottom - 18, img.width, plotBottom, dark),
        legend: colours.map((c) => count(0, plotBottom, img.width, img.height, near(c))),
        legendText: count(0, plotBottom, img.width, img.height, dark),
        lines: colours.map((c) => count(0, plotTop, img.width, plotBottom, near(c))),
      };
    }, { png, colours });
    await viewer.close();

    expect(image.width).toBeGreaterThanOrEqual(640);
    expect(image.height).toBeGreaterThan(28 + 280);
    for (const corner of image.corners) expect(corner).toEqual([255, 255, 255]);
    expect(image.titleText).toBeGreaterThan(20);
    expect(image.yTitle, 'y axis title').toBeGreaterThan(20);
    expect(image.xTitle, 'x axis title').toBeGreaterThan(20);
    for (const [i, n] of image.legend.entries()) expect(n, `legend swatch of run ${i}`).toBeGreaterThanOrEqual(100);
    expect(image.legendText, 'legend names').toBeGreaterThan(50);
    for (const [i, n] of image.lines.entries()) expect(n, `line of run ${i}`).toBeGreaterThan(30);
  });
});
