/**
 * A user-added MLflow host: added in the options page, Lens runs there (run-time content script),
 * survives a browser restart, and stops when the host is removed or its permission revoked.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { extensionIdOf, launchChromiumWithLens } from '../support/browser.mjs';
import { expect, test, TEST_HOST } from './fixtures';

/** The slice of the extension API these tests call inside the service worker. */
declare const chrome: {
  scripting: { getRegisteredContentScripts(): Promise<{ matches?: string[] }[]> };
  permissions: { remove(p: { origins: string[] }): Promise<boolean> };
};

const RESOLVE = `--host-resolver-rules=MAP ${TEST_HOST} 127.0.0.1`;
const PATTERN = `http://${TEST_HOST}/*`;

async function registered(context: BrowserContext): Promise<string[]> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []));
}

async function openOptions(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${await extensionIdOf(context)}/options.html`);
  return page;
}

test('add a host in the options, use Lens there, keep it across a restart, remove it', async ({ mlflow }) => {
  test.setTimeout(120_000);
  const seed = mlflow.seed!;
  const run = seed.runs['crawling-mole-592']!;
  const runUrl = `http://${TEST_HOST}:${mlflow.port}/#/experiments/${run.experiment_id}/runs/${run.run_id}`;
  let { context, profile, cleanup } = await launchChromiumWithLens({ args: [RESOLVE], grantHosts: [PATTERN] });
  try {
    // Not added yet: MLflow works there, Lens stays out.
    const page = await context.newPage();
    await page.goto(runUrl);
    await expect(page.locator('[data-testid="runs-header"], [data-test-id="runs-header"]')).toHaveText('crawling-mole-592');
    expect(await page.locator('html').getAttribute('data-lens-page')).toBeNull();

    const options = await openOptions(context);
    await options.fill('#host-input', `http://${TEST_HOST}:${mlflow.port}/#/experiments/1`);
    await options.getByRole('button', { name: 'Add host' }).click();
    await expect(options.getByRole('status')).toContainText('Reload any tab');
    await expect(options.getByRole('list', { name: 'Your MLflow hosts' })).toContainText(`http://${TEST_HOST}:${mlflow.port}`);
    await expect.poll(() => registered(context)).toEqual([PATTERN]);

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'run');

    // Adding the same host again says so rather than duplicating it.
    await options.fill('#host-input', TEST_HOST.replace(/^/, 'http://'));
    await options.getByRole('button', { name: 'Add host' }).click();
    await expect(options.getByRole('alert')).toContainText('already in the list');

    // A browser restart keeps the host and its content script.
    await context.close();
    ({ context, cleanup } = await launchChromiumWithLens({ args: [RESOLVE], profile }));
    const again = await context.newPage();
    await again.goto(runUrl);
    await expect(again.locator('html')).toHaveAttribute('data-lens-page', 'run');

    // Removing it in the options stops Lens there.
    const options2 = await openOptions(context);
    await options2.getByRole('button', { name: `Remove http://${TEST_HOST}:${mlflow.port}` }).click();
    await expect(options2.getByText('No other hosts yet.')).toBeVisible();
    await expect.poll(() => registered(context)).toEqual([]);
    await again.reload();
    await expect(again.locator('[data-testid="runs-header"], [data-test-id="runs-header"]')).toHaveText('crawling-mole-592');
    expect(await again.locator('html').getAttribute('data-lens-page')).toBeNull();
  } finally {
    await cleanup();
    const { rmSync } = await import('node:fs');
    rmSync(profile, { recursive: true, force: true });
  }
});

test('revoking the permission in the browser removes the host from Lens', async ({ mlflow }) => {
  const { context, cleanup } = await launchChromiumWithLens({ args: [RESOLVE], grantHosts: [PATTERN] });
  try {
    const options = await openOptions(context);
    await options.fill('#host-input', `http://${TEST_HOST}:${mlflow.port}`);
    await options.getByRole('button', { name: 'Add host' }).click();
    await expect.poll(() => registered(context)).toEqual([PATTERN]);
    // What the browser's own "remove site access" does: the permission goes, permissions.onRemoved fires.
    const worker = context.serviceWorkers()[0]!;
    expect(await worker.evaluate((p) => chrome.permissions.remove({ origins: [p] }), PATTERN)).toBe(true);
    await expect.poll(() => registered(context)).toEqual([]);
    await expect(options.getByText('No other hosts yet.')).toBeVisible();
  } finally {
    await cleanup();
  }
});
