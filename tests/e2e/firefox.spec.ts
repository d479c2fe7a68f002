/**
 * The Firefox build on a real MLflow page: Firefox ESR driven by puppeteer-core over WebDriver BiDi
 * (Playwright cannot load extensions into Firefox), extension installed as a temporary add-on.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { expect, runsPageUrl, test } from './fixtures';

const FIREFOX_BUILD = resolve('.output/firefox-mv3');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const GECKO_ID = 'lens-for-mlflow@lens-for-mlflow.org';
const UUID = '5c1e2f4a-8b7d-4c3e-9a61-7f0d2b3c4e5f';

test.describe('Firefox', () => {
  let browser: Browser | undefined;
  test.afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  test('the Firefox build loads on a real MLflow page and detects the page kind', async ({ mlflow }) => {
    test.setTimeout(120_000);
    expect(existsSync(resolve(FIREFOX_BUILD, 'manifest.json')), 'run "npm run build:firefox" first').toBe(true);
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
        'datareporting.policy.dataSubmissionEnabled': false,
      },
    });
    const id = await browser.installExtension(FIREFOX_BUILD);
    expect(id).toBe(GECKO_ID);
    const page = await browser.newPage();
    const seed = mlflow.seed!;
    const run = seed.runs['crawling-mole-592']!;
    await page.goto(`${mlflow.url}#/experiments/${run.experiment_id}/runs/${run.run_id}/model-metrics`);
    const marked = await page.waitForSelector('html[data-lens-page]', { timeout: 30_000 });
    expect(await marked!.evaluate((el) => el.getAttribute('data-lens-page'))).toBe('run');
    // A hash navigation inside MLflow is followed, as in Chromium.
    const runsHash = new URL(runsPageUrl(mlflow, run.experiment_id)).hash;
    await page.evaluate((hash) => { location.hash = hash; }, runsHash);
    await page.waitForFunction(() => document.documentElement.dataset.lensPage === 'experiment-runs', { timeout: 15_000 });
  });
});
