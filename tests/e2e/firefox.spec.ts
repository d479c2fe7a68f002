/**
 * The Firefox build on a real MLflow page (both lines): Firefox ESR driven by puppeteer-core over WebDriver BiDi
 * (Playwright cannot load extensions into Firefox), extension installed as a temporary add-on. The core features —
 * overfitting badge, one-click register, Ctrl+K quick search — as the Chromium specs check them.
 *
 * One Firefox per describe (launch + install takes a few seconds; each test gets its own tab). Lens's overlays live
 * in open shadow roots and Firefox content scripts run in an isolated world, so the tests read the DOM (attributes,
 * text, `shadowRoot`) from the page, never Lens's JS globals.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { expect, runsPageUrl, test } from './fixtures';
import { OUTPUT_DIR } from '../support/browser.mjs';
import { compareVersions } from '../support/mlflow-server.mjs';

const FIREFOX_BUILD = resolve(OUTPUT_DIR, 'firefox-mv3');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const GECKO_ID = 'lens-for-mlflow@lens-for-mlflow.org';
const UUID = '5c1e2f4a-8b7d-4c3e-9a61-7f0d2b3c4e5f';

/** Firefox ESR with the Firefox build installed as a temporary add-on. */
async function launchFirefoxWithLens(): Promise<Browser> {
  expect(existsSync(resolve(FIREFOX_BUILD, 'manifest.json')), 'run "npm run build:firefox" first').toBe(true);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // Puppeteer's default 30 s is what an idle machine needs; on a busy one (CI, a laptop compiling) Firefox
    // took longer to open its WebDriver BiDi socket (#13).
    timeout: 120_000,
    protocolTimeout: 120_000,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
      'datareporting.policy.dataSubmissionEnabled': false,
    },
  });
  try {
    expect(await browser.installExtension(FIREFOX_BUILD)).toBe(GECKO_ID);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return browser;
}

type Seeded = { url: string; seed: { runs: Record<string, { run_id: string; experiment_id: string }> } | null };

function runUrl(mlflow: Seeded, name: string, tab = ''): string {
  const run = mlflow.seed!.runs[name]!;
  return `${mlflow.url}#/experiments/${run.experiment_id}/runs/${run.run_id}${tab ? `/${tab}` : ''}`;
}

/** Waits until `fn` (run in the page) returns something truthy, and returns it. */
async function waitIn<A extends unknown[], R>(page: Page, fn: (...args: A) => R, timeout: number, ...args: A): Promise<NonNullable<Awaited<R>>> {
  const handle = await page.waitForFunction(fn as (...a: unknown[]) => R, { timeout, polling: 100 }, ...args);
  const value = (await handle.jsonValue()) as NonNullable<Awaited<R>>;
  await handle.dispose();
  return value;
}

interface Version { name: string; version: string; source: string; run_id?: string; status?: string }

async function versionsOf(baseUrl: string, runId: string): Promise<Version[]> {
  const url = `${baseUrl}ajax-api/2.0/mlflow/model-versions/search?filter=${encodeURIComponent(`run_id='${runId}'`)}&max_results=100`;
  return (((await fetch(url).then((r) => r.json())) as { model_versions?: Version[] }).model_versions ?? []);
}

test.describe('Firefox', () => {
  let browser: Browser;
  let page: Page;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    browser = await launchFirefoxWithLens();
  });
  test.afterAll(async () => {
    await browser?.close();
  });
  test.beforeEach(async () => {
    page = await browser.newPage();
  });
  test.afterEach(async () => {
    await page?.close().catch(() => {});
  });

  test('the Firefox build loads on a real MLflow page and detects the page kind', async ({ mlflow }) => {
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

  test('overfitting badge: the seeded overfitting run says so, best at step 12; its details open', async ({ mlflow }) => {
    const seed = mlflow.seed!;
    await page.goto(runUrl(mlflow, seed.overfitting_run));
    const verdict = await waitIn(page, () => {
      const v = document.querySelector('lens-overfit-badge')?.getAttribute('data-verdict');
      return v && v !== 'loading' ? v : null;
    }, 20_000);
    expect(verdict).toBe('overfitting');
    const badge = await page.evaluate(() => {
      const host = document.querySelector('lens-overfit-badge')!;
      const pill = host.shadowRoot?.querySelector('button.pill');
      const box = pill?.getBoundingClientRect();
      return {
        count: document.querySelectorAll('lens-overfit-badge').length,
        bestStep: host.getAttribute('data-best-step'),
        runId: host.getAttribute('data-run-id'),
        label: pill?.getAttribute('aria-label') ?? null,
        text: pill?.textContent ?? null,
        visible: !!box && box.width > 0 && box.height > 0,
      };
    });
    expect(badge).toMatchObject({ count: 1, bestStep: '12', runId: seed.runs[seed.overfitting_run]!.run_id, visible: true });
    expect(badge.label).toMatch(/^Lens overfitting check: Overfitting · best at step 12 · val_loss \+\d+/);
    expect(badge.text).toMatch(/Overfitting · best at step 12 · val_loss \+\d+/);

    // A real click opens the details (chart and reason), Escape closes them. The chart's code (uPlot) is
    // injected on this first opening by the background (lens-extras.js, scripting.executeScript).
    const pill = await page.$('lens-overfit-badge >>> button.pill');
    await pill!.click();
    const details = await waitIn(page, () => {
      const dialog = document.querySelector('lens-overfit-badge')?.shadowRoot?.querySelector('[role="dialog"][aria-label="Overfitting details"]');
      const canvases = dialog?.querySelectorAll('canvas').length ?? 0;
      return dialog && canvases ? { canvases, text: dialog.textContent ?? '' } : null;
    }, 10_000);
    expect(details.canvases).toBe(1);
    expect(details.text).toMatch(/val_loss, smoothed, is \d+(\.\d)? ?% above its best \(step 12\)/);
    await page.keyboard.press('Escape');
    await waitIn(page, () => !document.querySelector('lens-overfit-badge')?.shadowRoot?.querySelector('[role="dialog"]'), 5_000);
  });

  // Was a Firefox-only Lens bug (fixed in lib/dom/page-lock.ts): the page's Web Lock rejected a content-script
  // callback with 'Permission denied to access property "then"', so the toast never came.
  test('one-click register: a 2.x-logged model becomes exactly one version; a reload shows "Registered as"', async ({ mlflow }) => {
    // A run of its own, in an experiment of its own: the Chromium specs register the seeded runs on this same
    // server, so this test neither depends on nor changes their "already registered" states. Removed afterwards.
    const api = async (path: string, body: object) => {
      const res = await fetch(`${mlflow.url}ajax-api/2.0/mlflow/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
      return res.json() as Promise<Record<string, any>>;
    };
    const segment = `firefox-register-${Date.now().toString(36)}`;
    const kind = mlflow.version.startsWith('2.') ? [] : [{ key: 'mlflow.experimentKind', value: 'custom_model_development' }];
    const { experiment_id: experimentId } = (await api('experiments/create', { name: `Lens e2e/${segment}`, tags: kind })) as { experiment_id: string };
    let runId: string | undefined;
    try {
      const created = (await api('runs/create', { experiment_id: experimentId, run_name: 'firefox-fox-1', start_time: Date.now() })) as { run: { info: { run_id: string; artifact_uri: string } } };
      runId = created.run.info.run_id;
      // The model recorded the 2.x way: registration reads the `mlflow.log-model.history` tag.
      const history = [{ run_id: runId, artifact_path: 'model', utc_time_created: '2026-01-01 00:00:00.000000', flavors: { python_function: {} } }];
      await api('runs/set-tag', { run_id: runId, key: 'mlflow.log-model.history', value: JSON.stringify(history) });
      await api('runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });

      await page.goto(`${mlflow.url}#/experiments/${experimentId}/runs/${runId}`);
      // No model holds versions from this experiment: the default target is a new model named after it.
      const label = await waitIn(page, () => {
        const button = document.querySelector('lens-register')?.shadowRoot?.querySelector<HTMLButtonElement>('[role="group"][aria-label="Register this run\'s model"] button.reg-main');
        return button && !button.disabled ? button.textContent : null;
      }, 20_000);
      expect(label).toBe(`Register as ${segment} (new model)`);
      expect(await versionsOf(mlflow.url, runId)).toEqual([]);

      // Issue #15.7: the page replaces window.Promise (here a spy that records what it is handed); Lens must
      // take no constructor from the page, yet hold the page's Web Lock while it registers.
      await page.evaluate(() => {
        const w = window as unknown as { Promise: PromiseConstructor; __lensSpy: { exported: number; held: string[] } };
        const spy = (w.__lensSpy = { exported: 0, held: [] as string[] });
        w.Promise = new Proxy(w.Promise, {
          construct(target, args) {
            // A function exported by a content script shows as native code; MLflow's own executors don't.
            if (String(args[0]).includes('[native code]')) spy.exported++;
            return Reflect.construct(target, args);
          },
        });
        const poll = () =>
          navigator.locks.query().then((state) => {
            for (const lock of state.held ?? []) if (lock.name && !spy.held.includes(lock.name)) spy.held.push(lock.name);
            setTimeout(poll, 5);
          });
        void poll();
      });
      const button = await page.$('lens-register >>> button.reg-main');
      await button!.click();
      const outcome = await waitIn(page, () => {
        const root = document.querySelector('lens-register')?.shadowRoot;
        const status = root?.querySelector('[role="status"]')?.textContent ?? null;
        const alert = root?.querySelector('[role="alert"]')?.textContent ?? null;
        return status?.includes('Registered as') || alert ? { status, alert } : null;
      }, 30_000);
      expect(outcome.alert, 'Lens reported a failure').toBeNull();
      expect(outcome.status).toContain(`Registered as ${segment} v1`);
      const spied = await page.evaluate(() => (window as unknown as { __lensSpy: { exported: number; held: string[] } }).__lensSpy);
      expect(spied.exported, "Lens handed a callback to the page's Promise").toBe(0);
      expect(spied.held.filter((name) => name.startsWith('lens-register:') && name.endsWith(`:${runId}`)), 'the lock was held while registering').toHaveLength(1);
      const versions = await versionsOf(mlflow.url, runId);
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatchObject({ name: segment, version: '1', run_id: runId });
      // Artifact URIs before MLflow 3.6, runs:/ from then on.
      expect(versions[0]!.source).toBe(compareVersions(mlflow.version, '3.6.0') < 0 ? `${created.run.info.artifact_uri}/model` : `runs:/${runId}/model`);
      const model = (await fetch(`${mlflow.url}ajax-api/2.0/mlflow/registered-models/get?name=${encodeURIComponent(segment)}`).then((r) => r.json())) as {
        registered_model: { latest_versions?: Version[] };
      };
      expect(model.registered_model.latest_versions?.map((v) => v.version)).toEqual(['1']);

      // A second visit shows the existing version instead of registering again.
      await page.reload();
      const done = await waitIn(page, () => document.querySelector('lens-register')?.shadowRoot?.querySelector('a.reg-done')?.textContent ?? null, 20_000);
      expect(done).toBe(`✓ Registered as ${segment} v1`);
      expect(await versionsOf(mlflow.url, runId)).toHaveLength(1);
    } finally {
      // Leave the server as seeded for the specs that follow on it.
      await api('registered-models/delete', { name: segment }).catch(() => {});
      if (runId) await api('runs/delete', { run_id: runId }).catch(() => {});
      await api('experiments/delete', { experiment_id: experimentId }).catch(() => {});
    }
  });

  test('quick search: Ctrl+K opens the palette, crawling-mole finds crawling-mole-592, Enter goes there', async ({ mlflow }) => {
    const seed = mlflow.seed!;
    const target = seed.runs['crawling-mole-592']!;
    await page.goto(runUrl(mlflow, seed.overfitting_run));
    await waitIn(page, (name) => document.querySelector('[data-lens-anchor="run-title"]')?.textContent === name, 30_000, seed.overfitting_run);
    await page.keyboard.down('Control');
    await page.keyboard.press('k');
    await page.keyboard.up('Control');
    // The palette opens with its search box focused.
    await waitIn(page, () => {
      const root = document.querySelector('lens-quick-search')?.shadowRoot;
      const dialog = root?.querySelector('[role="dialog"][aria-label="Lens quick search"]');
      const box = dialog?.querySelector('input[aria-label="Search experiments, runs and models"]');
      return !!box && root!.activeElement === box;
    }, 10_000);
    await page.keyboard.type('crawling-mole');
    const option = await waitIn(page, () => {
      const runs = document.querySelector('lens-quick-search')?.shadowRoot?.querySelector('[role="group"][aria-label="Runs"]');
      const first = runs?.querySelector('[role="option"]');
      return first?.textContent?.includes('crawling-mole-592') ? { text: first.textContent, selected: first.getAttribute('aria-selected') } : null;
    }, 15_000);
    expect(option.text).toContain(seed.experiments.churn.name);
    expect(option.selected).toBe('true');
    await page.keyboard.press('Enter');
    await waitIn(page, (runId) => location.hash.includes(`/runs/${runId}`), 10_000, target.run_id);
    await waitIn(page, () => document.querySelector('[data-lens-anchor="run-title"]')?.textContent === 'crawling-mole-592', 20_000);
    expect(await page.evaluate(() => document.querySelectorAll('lens-quick-search').length)).toBe(0);
  });
});
