/** On a matched host that is not MLflow, Lens does nothing and sends no request. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Whether Lens's content script ran in the tab at `url`: read from the extension's isolated world (where the
 * content script set its boot flag), through the service worker; the page itself cannot see it.
 */
async function lensBootedIn(context: BrowserContext, url: string): Promise<boolean | null> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return worker.evaluate(async (pageUrl) => {
    const api = (globalThis as unknown as { chrome: any }).chrome;
    const [tab] = await api.tabs.query({ url: pageUrl.replace(/#.*$/, '') + '*' });
    if (!tab?.id) return null;
    const [result] = await api.scripting.executeScript({
      target: { tabId: tab.id },
      func: () => (globalThis as Record<symbol, unknown>)[Symbol.for('lens-for-mlflow.booted')] === true,
    });
    return result?.result ?? null;
  }, url);
}

let server: Server;
let requests: string[] = [];

test.beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><html><head><title>Another app</title></head><body><div id="root">Not MLflow</div><a href="#/experiments/1/runs/0123456789abcdef0123456789abcdef">link</a></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('another app on localhost: Lens is there, and leaves no marks and sends no requests', async ({ page, extContext, mlflow }) => {
  requests = [];
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}/#/experiments/1/runs/0123456789abcdef0123456789abcdef`;
  await page.goto(url);
  await page.evaluate(() => { location.hash = '#/experiments/1'; });
  // Lens ran in this tab (so what follows is Lens holding back, not Lens missing)…
  await expect.poll(() => lensBootedIn(extContext, url)).toBe(true);
  await page.waitForTimeout(1_500);
  expect(await page.locator('html').getAttribute('data-lens-page')).toBeNull();
  expect(await page.locator('[data-lens-anchor], [data-lens-seen]').count()).toBe(0);
  expect(requests.filter((r) => r !== '/' && r !== '/favicon.ico')).toEqual([]);
  expect(await page.locator('style').count()).toBe(0);

  // …and the same check on a real MLflow page sees Lens at work there.
  await page.goto(mlflow.url);
  await expect(page.locator('html')).toHaveAttribute('data-lens-page', /.+/);
  expect(await lensBootedIn(extContext, mlflow.url)).toBe(true);
});
