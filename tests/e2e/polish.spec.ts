/**
 * Lens on MLflow's page takes nothing from it (issue #14): run names keep their width, the run header keeps one
 * order on every tab, the tray covers no MLflow control, and every surface follows MLflow's theme switch live.
 * Geometry measured in the real page, on both MLflow lines.
 */
import type { Page } from '@playwright/test';
import { expect, runsPageUrl, test, tickRuns } from './fixtures';

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.addInitScript(() => {
    localStorage.setItem('mlflow.workflowType_v1', '"machine_learning"');
    localStorage.setItem('mlflow.assistant.fab.autoOpenedOnFirstLoad_v1', 'true');
    localStorage.setItem('mlflow.assistant.panelOpen_v1', 'false');
  });
});

/** Each run link's visible width and whether it is cut, with Lens's row elements shown and then hidden. */
async function nameWidths(page: Page) {
  return page.evaluate(() => {
    const links = [...document.querySelectorAll<HTMLElement>('.ag-pinned-left-cols-container .ag-row[row-id] a[href*="/runs/"]')];
    const measure = () => links.map((a) => ({ name: a.textContent ?? '', width: Math.round(a.getBoundingClientRect().width), cut: a.scrollWidth > a.clientWidth + 1 || (a.firstElementChild instanceof HTMLElement && a.firstElementChild.scrollWidth > a.firstElementChild.clientWidth + 1) }));
    const withLens = measure();
    const hidden = [...document.querySelectorAll<HTMLElement>('.ag-row lens-overfit-chip')];
    for (const el of hidden) el.style.display = 'none';
    const without = measure();
    for (const el of hidden) el.style.display = '';
    return { withLens, without };
  });
}

test('runs table: every run name is as readable with Lens as without it', async ({ page, mlflow }) => {
  await page.goto(runsPageUrl(mlflow, mlflow.seed!.experiments.churn.id));
  await expect(page.locator('lens-overfit-chip[data-verdict="overfitting"]').first()).toBeVisible({ timeout: 60_000 });
  const { withLens, without } = await nameWidths(page);
  expect(withLens.length).toBeGreaterThan(3);
  for (const [i, name] of withLens.entries()) {
    expect(name.cut, `${name.name} is cut with Lens`).toBe(without[i]!.cut);
    expect(name.width, `${name.name}'s visible width`).toBe(without[i]!.width);
  }
  // The chip is a 16 px glyph whose words are in its accessible name, and no Lens control sits in the rows.
  const chip = page.locator('.ag-row lens-overfit-chip[data-verdict="overfitting"]').first();
  expect((await chip.boundingBox())!.width).toBeLessThanOrEqual(20);
  await expect(chip.getByRole('img')).toHaveAttribute('aria-label', /^Lens overfitting check: Overfitting · .+ \(val_loss vs train_loss\)$/);
  await expect(page.locator('.ag-row lens-pin-row')).toHaveCount(0);
});

test('runs table: the tray appears only while rows are ticked, and never over an MLflow control', async ({ page, mlflow, extContext }) => {
  const worker = extContext.serviceWorkers()[0] ?? (await extContext.waitForEvent('serviceworker'));
  await worker.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ pinnedRuns: {} }));
  const seed = mlflow.seed!;
  await page.goto(runsPageUrl(mlflow, seed.experiments.churn.id));
  await expect(page.locator('lens-overfit-chip').first()).toBeVisible({ timeout: 60_000 });
  const tray = page.locator('lens-compare').getByTestId('lens-compare-tray');
  await expect(tray).toHaveCount(0);
  const heron = seed.runs[seed.overfitting_run]!;
  await page.locator(`.ag-pinned-left-cols-container .ag-row[row-id="${heron.run_id}"] input[type="checkbox"]`).first().check({ force: true });
  await expect(tray.getByRole('button', { name: 'Add 1 to compare' })).toBeVisible();
  // Let the tray take its place (it looks again every second), then compare it with every MLflow control under it.
  await expect.poll(async () => overlaps(page), { timeout: 10_000 }).toEqual([]);
});

/** MLflow's controls (buttons, links, inputs, the Assistant) whose boxes intersect the tray's. */
async function overlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const host = document.querySelector('lens-compare');
    const tray = host?.shadowRoot?.querySelector('.tray')?.getBoundingClientRect();
    if (!tray) return ['no tray'];
    const controls = [...document.querySelectorAll<HTMLElement>('button, a[href], input, textarea, select, [role="button"], [data-assistant-ui]')].filter((el) => !el.closest('[data-lens-feature]'));
    return controls
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (!r.width || !r.height) return false;
        return r.left < tray.right && r.right > tray.left && r.top < tray.bottom && r.bottom > tray.top;
      })
      .map((el) => el.outerHTML.slice(0, 80));
  });
}

test('run header: Lens keeps one order after MLflow\'s own actions on every tab', async ({ page, mlflow }) => {
  const seed = mlflow.seed!;
  const run = seed.runs[seed.model_run_2x]!;
  await page.goto(`${mlflow.url}#/experiments/${run.experiment_id}/runs/${run.run_id}`);
  await expect(page.locator('lens-register').getByRole('button').first()).toBeEnabled({ timeout: 60_000 });
  const order = () =>
    page.evaluate(() => {
      const menu = document.querySelector('[data-testid="overflow-menu-trigger"], [data-test-id="overflow-menu-trigger"]');
      const group = menu?.previousElementSibling;
      if (group?.localName !== 'lens-run-actions') return ['no Lens group before the menu'];
      return [...group.children].sort((a, b) => Number((a as HTMLElement).style.order) - Number((b as HTMLElement).style.order)).map((c) => c.localName);
    });
  for (const tab of ['Model metrics', 'Overview', 'Artifacts', 'Overview']) {
    await page.getByRole('tab', { name: tab }).first().click();
    await expect.poll(order, { timeout: 20_000 }).toEqual(['lens-register', 'lens-pin-run']);
  }
  // Lens's register is a secondary button as high as MLflow's blue one; Lens's group touches none of MLflow's buttons.
  const geometry = await page.evaluate(() => {
    const lens = document.querySelector('lens-register')!.shadowRoot!.querySelector('button')!;
    const b = lens.getBoundingClientRect();
    // MLflow's visible buttons on the header's row (2.22 puts its ⋮ before "Register model", 3.x after it).
    const row = [...document.querySelectorAll('button')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.bottom > b.top && r.top < b.bottom && !el.closest('lens-run-actions');
    });
    const group = document.querySelector('lens-run-actions')!.getBoundingClientRect();
    const gaps = row.map((el) => {
      const r = el.getBoundingClientRect();
      return r.right <= group.left ? group.left - r.right : r.left >= group.right ? r.left - group.right : -1;
    });
    const register = row.find((el) => el.textContent?.trim() === 'Register model')!;
    const a = register.getBoundingClientRect();
    return { mlflowText: register.textContent, gap: Math.min(...gaps), heights: [a.height, b.height], background: getComputedStyle(lens).backgroundColor };
  });
  expect(geometry.mlflowText).toContain('Register model');
  expect(geometry.gap).toBeGreaterThanOrEqual(4);
  expect(geometry.background).toBe('rgba(0, 0, 0, 0)');
  expect(Math.abs(geometry.heights[0]! - geometry.heights[1]!)).toBeLessThanOrEqual(2);
});

test("MLflow's theme switch: Lens follows it without a reload", async ({ page, mlflow }) => {
  test.skip(!mlflow.version.startsWith('2.'), "MLflow 3 has no theme switch on its pages (it is in Settings)");
  const seed = mlflow.seed!;
  const run = seed.runs[seed.overfitting_run]!;
  await page.goto(`${mlflow.url}#/experiments/${run.experiment_id}/runs/${run.run_id}`);
  const badge = page.locator('lens-overfit-badge[data-verdict]');
  await expect(badge).toBeVisible({ timeout: 60_000 });
  const dark = await page.locator('body').evaluate((b) => b.classList.contains('dark-mode'));
  await page.getByRole('switch').first().click();
  await expect(page.locator('body')).toHaveClass(dark ? /^(?!.*dark-mode)/ : /dark-mode/);
  await expect(badge).toHaveClass(dark ? /^(?!.*\bdark\b)/ : /\bdark\b/);
  await expect(page.locator('lens-pin-run')).toHaveClass(dark ? /^(?!.*\bdark\b)/ : /\bdark\b/);
});

test('a small window: the drawer opens at half of it, and the Summary keeps its Run column in view while scrolled sideways', async ({ page, mlflow, extContext }) => {
  const worker = extContext.serviceWorkers()[0] ?? (await extContext.waitForEvent('serviceworker'));
  await worker.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { remove(k: string[]): Promise<void> } } } }).chrome.storage.local.remove(['pinnedRuns', 'drawerHeightShare']));
  await page.setViewportSize({ width: 1024, height: 700 });
  const seed = mlflow.seed!;
  await page.goto(runsPageUrl(mlflow, seed.experiments.churn.id));
  await expect(page.locator('lens-overfit-chip').first()).toBeVisible({ timeout: 60_000 });
  await tickRuns(page, [seed.overfitting_run, seed.healthy_run].map((name) => seed.runs[name]!.run_id));
  const tray = page.locator('lens-compare').getByTestId('lens-compare-tray');
  await tray.getByRole('button', { name: 'Add 2 to compare' }).click();
  await tray.getByTestId('lens-compare-open').click();
  const drawer = page.locator('lens-compare').getByTestId('lens-compare-drawer');
  expect(Math.round((await drawer.boundingBox())!.height)).toBe(350);
  await drawer.getByRole('tab', { name: 'Summary' }).click();
  const table = drawer.getByTestId('lens-compare-summary');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  // The rows come first, the metric columns once the histories are read: wait for the table to outgrow the window.
  await expect
    .poll(() => table.evaluate((el) => el.parentElement!.scrollWidth - el.parentElement!.clientWidth), { message: 'the Summary is wider than the window' })
    .toBeGreaterThan(100);
  const geometry = await table.evaluate(async (el) => {
    const wrap = el.parentElement!;
    const cell = el.querySelector('tbody th')!;
    const left = () => Math.round(cell.getBoundingClientRect().left);
    const before = left();
    wrap.scrollLeft = 300;
    await new Promise((r) => requestAnimationFrame(r));
    return { scrolled: wrap.scrollLeft, before, after: left() };
  });
  expect(geometry.scrolled).toBeGreaterThan(100);
  expect(geometry.after).toBe(geometry.before);
});
