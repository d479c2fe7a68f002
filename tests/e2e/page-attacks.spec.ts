/**
 * Issue #15: what a page on a host Lens runs on can try against it, each attack run for real in Chromium.
 * - #15.2: a page that is not MLflow must not learn that Lens is installed (WXT posted
 *   `{type: "<id>:mlflow:wxt:content-script-started"}` to it with postMessage "*", and dispatched that event).
 * - #15.3: a page script must not switch Lens off (a CustomEvent of that name did).
 * - #15.4: a `<base href>` elsewhere must not take Lens's requests — and the session's headers — off the origin.
 * - #15.6: an element with the id of Lens's chart bundle must not stop the bundle (DOM clobbering).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from '@playwright/test';
import { clearPins, expect, runsPageUrl, test } from './fixtures';

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

async function close(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The names of the JavaScript worlds Chromium runs in the page's main frame (Lens's is named after it). */
async function worldsOf(page: Page, load: () => Promise<unknown>): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const names: string[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => names.push(String(context.name)));
  await cdp.send('Runtime.enable');
  await load();
  await page.waitForTimeout(1_500); // the content script runs at document_idle
  await cdp.detach();
  return names;
}


test.describe('attacks from the page', () => {
  test('#15.2 a page that is not MLflow sees nothing of Lens: no message, no event, no mark', async ({ page, extensionId }) => {
    // Another app on localhost, listening for everything WXT's context used to send (before Lens runs).
    const names = ['content-script-started', 'locationchange'].map((what) => `${extensionId}:mlflow:wxt:${what}`);
    const { server, port } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><html><head><title>Another app</title><script>
        window.__seen = [];
        window.addEventListener('message', (e) => window.__seen.push('message ' + JSON.stringify(e.data)));
        for (const name of ${JSON.stringify(names)}) {
          for (const target of [window, document]) target.addEventListener(name, (e) => window.__seen.push('event ' + e.type), true);
        }
        // From the end of parsing on (Lens runs after it, at document_idle): any change to the document.
        document.addEventListener('DOMContentLoaded', () => {
          new MutationObserver((records) => { for (const r of records) window.__seen.push('mutation ' + r.type + ' ' + (r.attributeName || '')); })
            .observe(document, { subtree: true, childList: true, attributes: true });
        });
      </script></head><body><div id="root">Not MLflow</div></body></html>`);
    });
    try {
      const url = `http://localhost:${port}/#/experiments/1/runs/0123456789abcdef0123456789abcdef`;
      const worlds = await worldsOf(page, () => page.goto(url));
      // Lens did run here (Chromium names a content script's world after its extension)…
      expect(worlds).toContain('Lens for MLflow');
      // …and the page saw none of it, before or after an SPA navigation.
      await page.evaluate(() => history.pushState(null, '', '#/experiments/2'));
      await page.evaluate(() => { location.hash = '#/experiments/3'; });
      await page.waitForTimeout(1_000);
      expect(await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).toEqual([]);
      expect(await page.locator('html').getAttribute('data-lens-page')).toBeNull();
    } finally {
      await close(server);
    }
  });

  test('#15.3 a page script cannot switch Lens off with WXT\'s event', async ({ page, mlflow, extensionId }) => {
    const seed = mlflow.seed!;
    const run = seed.runs[seed.overfitting_run]!;
    await page.goto(`${mlflow.url}#/experiments/${run.experiment_id}/runs/${run.run_id}`);
    const badge = page.locator('lens-overfit-badge');
    await expect(badge).toHaveAttribute('data-verdict', 'overfitting', { timeout: 20_000 });
    await expect(page.locator('lens-pin-run')).toHaveCount(1);

    await page.evaluate((id) => {
      const type = `${id}:mlflow:wxt:content-script-started`;
      const detail = { contentScriptName: 'mlflow', messageId: 'made-up' };
      document.dispatchEvent(new CustomEvent(type, { detail }));
      window.dispatchEvent(new CustomEvent(type, { detail }));
      window.postMessage({ type, ...detail }, '*');
      // And a forged SPA navigation: Lens only follows the browser's own.
      (globalThis as unknown as { navigation?: EventTarget }).navigation?.dispatchEvent(new Event('navigate'));
    }, extensionId);
    await page.waitForTimeout(1_000);
    await expect(badge).toHaveCount(1);
    await expect(badge).toHaveAttribute('data-verdict', 'overfitting');
    await expect(page.locator('lens-pin-run')).toHaveCount(1);
    // Still at work: an SPA navigation to the runs table gets its chips.
    await page.evaluate((hash) => { location.hash = hash; }, new URL(runsPageUrl(mlflow, run.experiment_id)).hash);
    await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'experiment-runs');
    await expect(page.locator(`lens-overfit-chip[data-run-id="${run.run_id}"]`)).toHaveAttribute('data-verdict', 'overfitting', { timeout: 20_000 });
  });

  test('#15.4 a <base href> on another origin gets no request from Lens, and no session header', async ({ page }) => {
    const elsewhere: { method: string; url: string; authorization?: string }[] = [];
    const other = await serve((req, res) => {
      elsewhere.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
      // A host that wants the requests: it allows them across origins.
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200, {
        'access-control-allow-origin': String(req.headers.origin ?? '*'),
        'access-control-allow-credentials': 'true',
        'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? '*'),
        'access-control-allow-methods': 'GET, POST',
        'content-type': 'application/json',
      });
      res.end(req.method === 'OPTIONS' ? undefined : '{}');
    });
    const ownRequests: string[] = [];
    const own = await serve((req, res) => {
      ownRequests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/html' });
      // Looks like MLflow's index.html to Lens; its session header cookie is the one MLflow's UI forwards.
      res.end(`<!doctype html><html><head><title>MLflow</title><base href="http://127.0.0.1:${other.port}/">
        <script>document.cookie = 'mlflow-request-header-Authorization=Basic%20c2VjcmV0; path=/';</script>
        </head><body><div id="root"></div></body></html>`);
    });
    try {
      await page.goto(`http://localhost:${own.port}/#/experiments`);
      await expect(page.locator('html')).toHaveAttribute('data-lens-page', 'experiment-list');
      // Quick search sends requests on its own, on any MLflow page.
      await page.keyboard.press('Control+k');
      const palette = page.locator('lens-quick-search').getByRole('dialog');
      await palette.getByRole('searchbox').fill('churn');
      await page.waitForTimeout(2_500); // the search's debounce and requests, had it sent any
      expect(elsewhere.filter((r) => r.url.includes('ajax-api') || r.authorization)).toEqual([]);
      expect(ownRequests.filter((r) => r.includes('ajax-api'))).toEqual([]);
      // Lens says why it sends nothing.
      await expect(palette.getByRole('alert')).toContainText('base address points to http://127.0.0.1');
    } finally {
      await close(own.server);
      await close(other.server);
    }
  });

  test('#15.6 an element named like Lens\'s chart bundle does not stop the compare drawer', async ({ page, mlflow, extContext }) => {
    await clearPins(extContext);
    const seed = mlflow.seed!;
    const run = seed.runs[seed.overfitting_run]!;
    await page.goto(`${mlflow.url}#/experiments/${run.experiment_id}/runs/${run.run_id}`);
    await page.evaluate(() => {
      const clobber = document.createElement('div');
      clobber.id = '__lensForMlflowExtras';
      document.body.append(clobber);
    });
    try {
      await page.locator('lens-pin-run').getByRole("button", { name: `Add to compare for ${seed.overfitting_run} (Lens)` }).click();
      await page.locator('lens-compare').getByTestId('lens-compare-tray').getByTestId('lens-compare-open').click();
      const drawer = page.locator('lens-compare').getByTestId('lens-compare-drawer');
      await expect(drawer).toBeVisible({ timeout: 15_000 });
      await expect(drawer.locator('figure.chart[data-metric="val_loss"] canvas').first()).toBeVisible();
      await expect(page.locator('lens-compare').getByText('Loading the comparison…')).toHaveCount(0);
      await page.keyboard.press('Escape');
    } finally {
      await clearPins(extContext);
    }
  });
});
