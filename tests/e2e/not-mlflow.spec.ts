/** On a matched host that is not MLflow, Lens does nothing and sends no request. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

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

test('another app on localhost: no marks, no requests from Lens', async ({ page }) => {
  requests = [];
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}/#/experiments/1/runs/0123456789abcdef0123456789abcdef`;
  await page.goto(url);
  await page.evaluate(() => { location.hash = '#/experiments/1'; });
  await page.waitForTimeout(1_500);
  expect(await page.locator('html').getAttribute('data-lens-page')).toBeNull();
  expect(await page.locator('[data-lens-anchor], [data-lens-seen]').count()).toBe(0);
  expect(requests.filter((r) => r !== '/' && r !== '/favicon.ico')).toEqual([]);
  expect(await page.locator('style').count()).toBe(0);
});
