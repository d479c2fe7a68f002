/**
 * Playwright fixtures: a real MLflow server per worker (the project's MLflow version, seeded), and
 * Debian's Chromium with the built Chrome extension loaded. Never `npx playwright install`.
 */
import { expect, test as base, type BrowserContext, type Page } from '@playwright/test';
import { extensionIdOf, launchChromiumWithLens } from '../support/browser.mjs';
import { startMlflow, versionFlags } from '../support/mlflow-server.mjs';

type MlflowServer = Awaited<ReturnType<typeof startMlflow>>;

/** A host name that is not built in, resolved to this machine by Chromium (`--host-resolver-rules`). */
export const TEST_HOST = 'lens-mlflow.test';

export interface WorkerFixtures {
  mlflow: MlflowServer;
  extContext: BrowserContext;
  extensionId: string;
}

export const test = base.extend<{ page: Page }, WorkerFixtures>({
  mlflow: [
    async ({}, use, workerInfo) => {
      const version = String(workerInfo.project.metadata.mlflowVersion);
      // A user-added host (tests/e2e/hosts.spec.ts) reaches this server by name; MLflow 3.5+ checks the Host header.
      const extraArgs = versionFlags(version, { allowedHosts: ['localhost:*', '127.0.0.1:*', `${TEST_HOST}:*`] });
      const server = await startMlflow({ version, quiet: true, extraArgs });
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 15 * 60_000 },
  ],
  extContext: [
    async ({}, use) => {
      const { context, cleanup } = await launchChromiumWithLens();
      await use(context);
      await cleanup();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  extensionId: [async ({ extContext }, use) => use(await extensionIdOf(extContext)), { scope: 'worker' }],
  page: async ({ extContext }, use) => {
    const page = await extContext.newPage();
    await use(page);
    await page.close();
  },
});

export { expect };

/** The `data-lens-page` value the content script sets on `<html>` once it recognised the page. */
export async function lensPage(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('data-lens-page');
}

/**
 * The runs table of an experiment. MLflow 3 opens `#/experiments/<id>` on its GenAI overview unless the
 * browser's workflow switch says "model training", so 3.x tests go to `/runs` directly.
 */
export function runsPageUrl(mlflow: MlflowServer, experimentId: string): string {
  return mlflow.version.startsWith('2.') ? `${mlflow.url}#/experiments/${experimentId}` : `${mlflow.url}#/experiments/${experimentId}/runs`;
}

/** A run's row in MLflow's runs table: the left-pinned part, which holds its checkbox and name (both lines use ag-grid). */
export function runsTableRow(page: Page, runId: string) {
  return page.locator(`.ag-pinned-left-cols-container .ag-row[row-id="${runId}"]`);
}

/** Tick runs' checkboxes in MLflow's runs table, as a user selecting rows does. */
export async function tickRuns(page: Page, runIds: readonly string[]) {
  for (const runId of runIds) await runsTableRow(page, runId).locator('input[type="checkbox"]').first().check({ force: true });
}

/** The runs table of `experimentId` with Lens's quick-search palette open on it (Ctrl+K). */
export async function openPaletteOnRunsTable(page: Page, mlflow: MlflowServer, experimentId: string) {
  await page.goto(runsPageUrl(mlflow, experimentId));
  await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'experiment-runs');
  // MLflow 3 focuses its own runs search box; Ctrl+K there is MLflow's. Leave the field first.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+k');
  const palette = page.locator('lens-quick-search').getByRole('dialog');
  return { palette, box: palette.getByRole('searchbox') };
}

/** Forgets the compare pins (and the drawer's remembered height: each test opens it at its default). */
export async function clearPins(context: BrowserContext): Promise<void> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { remove(keys: string[]): Promise<void> } } } }).chrome.storage.local.remove(['pinnedRuns', 'drawerHeightShare']));
}
