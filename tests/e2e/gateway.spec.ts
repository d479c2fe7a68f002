/**
 * Lens behind a Snowflake-like ingress (tests/support/gateway.mjs) in front of the worker's real MLflow:
 * `https://lens-test-acct.snowflakecomputing.app` (a built-in host: no grant needed), a sign-in on another
 * origin, an HttpOnly session cookie, sessions that lapse, and faults on demand.
 *
 * The gateway and its Chromium are made in beforeAll (not as worker fixtures), so this file runs in the
 * same worker as the others and reuses its MLflow server.
 *
 * Faults on `runs/get` are armed once the run page has loaded, then the Model metrics tab is opened: Lens
 * starts again and asks for the run, MLflow does not (it already has it, on 2.x and 3.x alike), so only
 * Lens meets the fault and MLflow's own page stays intact around the badge.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { launchChromiumWithLens } from '../support/browser.mjs';
import { startGateway, type FaultKind, type Gateway } from '../support/gateway.mjs';
import { expect, test } from './fixtures';

const BADGE = 'lens-overfit-badge';
const REGISTER = 'lens-register';
const RUNS_GET = 'ajax-api/2.0/mlflow/runs/get';

let gateway: Gateway;
let context: BrowserContext;
let cleanupBrowser: () => Promise<void>;

test.beforeAll(async ({ mlflow }) => {
  gateway = await startGateway({ upstream: mlflow.url });
  ({ context, cleanup: cleanupBrowser } = await launchChromiumWithLens({ args: gateway.chromiumArgs }));
});

test.afterAll(async () => {
  await cleanupBrowser?.();
  await gateway?.stop();
});

test.afterEach(() => gateway.clearFaults());

type Seeded = { url: string; seed: { runs: Record<string, { run_id: string; experiment_id: string }> } | null };

function runHash(mlflow: Seeded, name: string, tab = '') {
  const run = mlflow.seed!.runs[name]!;
  return `#/experiments/${run.experiment_id}/runs/${run.run_id}${tab ? `/${tab}` : ''}`;
}

async function signIn(page: Page) {
  await expect(page).toHaveURL((u) => u.origin === gateway.loginOrigin);
  await page.getByLabel('User name').fill('lens.tester');
  await page.getByLabel('Password').fill('not-checked');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL((u) => u.origin === gateway.origin);
}

/** Opens `hash` through the gateway, signing in first when the session is missing or lapsed. */
async function open(page: Page, hash: string) {
  await page.goto(gateway.url + hash);
  if (new URL(page.url()).origin === gateway.loginOrigin) {
    await signIn(page);
    // The sign-in page posts `next` to the server, which never sees the #fragment: open the run again. From
    // about:blank, so it is a new document load: from the app's own page it would be a hash-only change, and
    // MLflow 2.22's redirect of '#/' to '#/experiments/0' could land after it (seen on a busy machine).
    await page.goto('about:blank');
    await page.goto(gateway.url + hash);
  }
}

async function verdict(page: Page) {
  const badge = page.locator(BADGE);
  await expect(badge).toHaveAttribute('data-verdict', /^(?!loading$).+/, { timeout: 20_000 });
  return badge.getAttribute('data-verdict');
}

test('sign in on the login page, then the badge judges the run with the page\'s session', async ({ mlflow }) => {
  const seed = mlflow.seed!;
  const page = await context.newPage();
  try {
    await context.clearCookies();
    await page.goto(gateway.url + runHash(mlflow, seed.overfitting_run));
    // Redirected to the sign-in page, on another origin, with the way back in `next`.
    const login = new URL(page.url());
    expect(login.origin).toBe(gateway.loginOrigin);
    expect(new URL(login.searchParams.get('next')!).origin).toBe(gateway.origin);
    await signIn(page);
    const cookie = (await context.cookies(gateway.origin)).find((c) => c.name === gateway.cookieName);
    expect(cookie).toMatchObject({ httpOnly: true, secure: true });

    gateway.requests.length = 0;
    await page.goto(gateway.url + runHash(mlflow, seed.overfitting_run));
    expect(await verdict(page)).toBe('overfitting');
    await expect(page.locator(BADGE)).toHaveAttribute('data-best-step', '12');
    // Lens's own calls went through the gateway and passed its cookie check (HttpOnly: only the browser sends it).
    const lensCalls = gateway.requests.filter((r) => r.path.includes('/metrics/get-history'));
    expect(lensCalls.length).toBeGreaterThan(0);
    expect(lensCalls.every((r) => r.status === 200)).toBe(true);
  } finally {
    await page.close();
  }
});

test('a lapsed session: the badge says to sign in again, the page is not broken by Lens', async ({ mlflow }) => {
  const seed = mlflow.seed!;
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  const warnings: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e));
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  try {
    // Both runs visited while signed in: MLflow then still has them when the session has lapsed, so it
    // renders the run header (where the badge lives) without a request of its own.
    await open(page, runHash(mlflow, seed.healthy_run));
    expect(await verdict(page)).toBe('healthy');
    await page.evaluate((h) => (location.hash = h), runHash(mlflow, seed.overfitting_run));
    expect(await verdict(page)).toBe('overfitting');

    gateway.expireSessions();
    gateway.requests.length = 0;
    await page.evaluate((h) => (location.hash = h), runHash(mlflow, seed.healthy_run));
    await expect(page.locator('[data-lens-anchor="run-title"]')).toHaveText(seed.healthy_run);
    const badge = page.locator(BADGE);
    await expect(badge).toHaveAttribute('data-run-id', seed.runs[seed.healthy_run]!.run_id);
    await expect(badge).toHaveAttribute('data-verdict', 'error', { timeout: 20_000 });
    await expect(badge.getByRole('alert')).toContainText(/session has expired.*sign in again/i);
    await expect(badge.getByRole('button', { name: 'Retry' })).toBeVisible();
    // The API calls were really turned away with the sign-in redirect.
    expect(gateway.requests.some((r) => r.path.includes('/runs/get') && r.status === 302)).toBe(true);

    await page.waitForTimeout(1_000); // let late failures surface
    // Lens's code is served from chrome-extension://…; its log lines start "Lens for MLflow" (lib/features.ts).
    // (Not /lens/i: the host name, lens-test-acct…, is in MLflow's own failed-fetch messages.)
    const lensErrors = pageErrors.filter((e) => /chrome-extension:\/\//.test(e.stack ?? '') || /Lens for MLflow/.test(e.message));
    expect(lensErrors.map((e) => e.stack ?? e.message)).toEqual([]);
    expect(warnings.filter((w) => /Lens for MLflow/.test(w)).length).toBeLessThanOrEqual(1);
    // MLflow's page is still there and still navigable.
    await expect(page.locator('[data-lens-anchor="run-title"]')).toBeVisible();
    if (pageErrors.length) test.info().annotations.push({ type: 'MLflow page errors (not Lens)', description: pageErrors.map((e) => e.message).join(' | ') });
  } finally {
    await page.close();
  }
});

const BADGE_FAULTS: { kind: FaultKind; message: RegExp }[] = [
  { kind: 500, message: /MLflow answered with an error \(HTTP 500\) for runs get\. Try again/ },
  { kind: 502, message: /MLflow answered with an error \(HTTP 502\) for runs get\. Try again/ },
  { kind: 'slow', message: /MLflow did not answer runs get within 20 s/ },
  { kind: 'wrong-shape', message: /MLflow sent an unexpected response to runs get/ },
  { kind: 'truncated-json', message: /unexpected response to runs get: .*not valid JSON/ },
  { kind: 401, message: /session has expired.*sign in again/i },
  { kind: 'login-redirect', message: /session has expired.*sign in again/i },
  { kind: 403, message: /MLflow denied permission for runs get/ },
  { kind: 'drop', message: /Could not reach MLflow at https:\/\/lens-test-acct\.snowflakecomputing\.app/ },
];

for (const { kind, message } of BADGE_FAULTS) {
  test(`a ${kind} fault on runs/get: the badge's message, then Retry recovers`, async ({ mlflow }) => {
    if (kind === 'slow') test.setTimeout(90_000);
    const seed = mlflow.seed!;
    const page = await context.newPage();
    try {
      await open(page, runHash(mlflow, seed.overfitting_run));
      expect(await verdict(page)).toBe('overfitting');
      gateway.fault({ method: 'GET', path: RUNS_GET, kind });
      const started = Date.now();
      await page.locator('[data-lens-anchor="model-metrics-tab"]').click();
      const badge = page.locator(BADGE);
      await expect(badge).toHaveAttribute('data-verdict', 'error', { timeout: kind === 'slow' ? 40_000 : 20_000 });
      await expect(badge.getByRole('alert')).toContainText(message);
      test.info().annotations.push({ type: `${kind}`, description: `${await badge.getByRole('alert').innerText()} (after ${Date.now() - started} ms)` });
      expect(gateway.requests.some((r) => r.fault === kind && r.path.includes('/runs/get'))).toBe(true);
      // MLflow's own page is untouched around the badge.
      await expect(page.locator('[data-lens-anchor="run-title"]')).toHaveText(seed.overfitting_run);
      gateway.clearFaults();
      await badge.getByRole('button', { name: 'Retry' }).click();
      expect(await verdict(page)).toBe('overfitting');
    } finally {
      await page.close();
    }
  });
}

async function versionsOf(baseUrl: string, runId: string): Promise<{ name: string; version: string }[]> {
  const url = `${baseUrl}ajax-api/2.0/mlflow/model-versions/search?filter=${encodeURIComponent(`run_id='${runId}'`)}&max_results=100`;
  return ((await (await fetch(url)).json()) as { model_versions?: { name: string; version: string }[] }).model_versions ?? [];
}

async function mainButton(page: Page) {
  const button = page.locator(REGISTER).getByRole('group', { name: "Register this run's model" }).getByRole('button').first();
  await expect(button).toBeEnabled({ timeout: 20_000 });
  return button;
}

test('register under a sign-in redirect on model-versions/create: "sign in again", nothing registered', async ({ mlflow }) => {
  const seed = mlflow.seed!;
  const run = seed.runs[seed.model_run_2x]!;
  const before = await versionsOf(mlflow.url, run.run_id);
  const page = await context.newPage();
  try {
    await open(page, runHash(mlflow, seed.model_run_2x));
    const button = await mainButton(page);
    await expect(button).toHaveText(new RegExp(`^Register as ${seed.registered_model.name}`));
    gateway.fault({ method: 'POST', path: 'ajax-api/2.0/mlflow/model-versions/create', kind: 'login-redirect' });
    await button.click();
    const alert = page.locator(REGISTER).getByRole('alert');
    await expect(alert).toContainText(/sign in again/i, { timeout: 20_000 });
    await expect(alert).toContainText('Nothing was registered');
    test.info().annotations.push({ type: 'register login-redirect', description: await alert.innerText() });
    expect(gateway.requests.some((r) => r.method === 'POST' && r.path.endsWith('/model-versions/create') && r.status === 302)).toBe(true);
    // Asked past the gateway: no new version.
    expect(await versionsOf(mlflow.url, run.run_id)).toEqual(before);
  } finally {
    await page.close();
  }
});

// Was a Lens bug (fixed): "the model was created, but its version was not … Nothing was registered."
test('register to a new model, sign-in redirect on model-versions/create: says the model was made, no version', async ({ mlflow }) => {
  const seed = mlflow.seed!;
  const run = seed.runs[seed.model_run_2x]!;
  const name = `LensGatewayOrphan-${Date.now()}`;
  const page = await context.newPage();
  try {
    await open(page, runHash(mlflow, seed.model_run_2x));
    await mainButton(page);
    await page.locator(REGISTER).getByRole('button', { name: 'Registration options' }).click();
    const menu = page.locator(REGISTER).getByRole('dialog', { name: 'Register options' });
    await menu.locator('input[name="model-name"]').fill(name);
    gateway.fault({ method: 'POST', path: 'ajax-api/2.0/mlflow/model-versions/create', kind: 'login-redirect' });
    await menu.getByRole('button', { name: 'Register', exact: true }).click();
    const alert = page.locator(REGISTER).getByRole('alert');
    await expect(alert).toContainText(/sign in again/i, { timeout: 20_000 });
    test.info().annotations.push({ type: 'register new model, login-redirect on version', description: await alert.innerText() });
    // registered-models/create went through (the gateway's Origin mapped for MLflow 3's CORS check); the version did not.
    expect(gateway.requests.some((r) => r.method === 'POST' && r.path.endsWith('/registered-models/create') && r.status === 200)).toBe(true);
    const model = await fetch(`${mlflow.url}ajax-api/2.0/mlflow/registered-models/get?name=${encodeURIComponent(name)}`);
    expect(model.status).toBe(200);
    expect(await versionsOf(mlflow.url, run.run_id)).toEqual([]);
    // The message must tell what was left: the model exists, without a version — not "Nothing was registered".
    await expect(alert).toContainText(`"${name}" was created`);
    await expect(alert).not.toContainText('Nothing was registered');
  } finally {
    await page.close();
    await fetch(`${mlflow.url}ajax-api/2.0/mlflow/registered-models/delete`, {
      method: 'DELETE',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name }),
    }).catch(() => undefined);
  }
});

async function setPins(base: string, pins: { runId: string; runName: string; experimentId: string }[]) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const value = { [base]: pins.map((p, i) => ({ ...p, pinnedAt: Date.now() + i })) };
  await worker.evaluate(
    (v) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ pinnedRuns: v }),
    value,
  );
}

test('compare drawer: a failing run shows its error while the other charts; failed chart data says why; a lapsed session says sign in', async ({ mlflow }) => {
  const seed = mlflow.seed!;
  const heron = seed.runs[seed.overfitting_run]!;
  const otter = seed.runs[seed.healthy_run]!;
  const page = await context.newPage();
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && /Lens/.test(m.text()) && warnings.push(m.text()));
  try {
    await open(page, runHash(mlflow, seed.overfitting_run));
    expect(await verdict(page)).toBe('overfitting');
    await setPins(gateway.url, [
      { runId: heron.run_id, runName: seed.overfitting_run, experimentId: heron.experiment_id },
      { runId: otter.run_id, runName: seed.healthy_run, experimentId: otter.experiment_id },
    ]);
    const drawer = page.locator('lens-compare').getByTestId('lens-compare-drawer');

    // One run's runs/get fails (500, an HTML page): its chip says so, the other run is charted.
    // And one metric's sampled chart data fails with a 502 page: that chart says so, the summary (full
    // histories) is unaffected.
    gateway.fault({ path: new RegExp(`runs/get\\?run_id=${otter.run_id}`), kind: 500, times: 1 });
    gateway.fault({ path: 'metrics/get-history-bulk-interval', kind: 502, times: 1 });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Alt+Shift+C');
    await expect(drawer.locator(`.pin[data-run-id="${otter.run_id}"]`)).toContainText('HTTP 500');
    await expect(drawer.locator('figure.chart .error')).toHaveCount(1);
    await expect(drawer.locator('figure.chart .error')).toContainText('HTTP 502');
    await drawer.getByRole('tab', { name: 'Summary' }).click();
    await expect(drawer.getByTestId('lens-compare-summary').locator(`tr[data-run-id="${heron.run_id}"]`)).toContainText('Overfitting');
    // Closing and opening again retries what failed.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Alt+Shift+C');
    await drawer.getByRole('tab', { name: 'Charts' }).click();
    await expect(drawer.locator('figure.chart[data-metric="val_loss"]')).toHaveAttribute('data-series-count', '2');
    await expect(drawer.locator('figure.chart .error')).toHaveCount(0);
    await page.keyboard.press('Escape');

    // The session lapses, then a third run is pinned: its chip says to sign in again.
    const wren = seed.runs['crawling-mole-592']!;
    gateway.expireSessions();
    await setPins(gateway.url, [
      { runId: heron.run_id, runName: seed.overfitting_run, experimentId: heron.experiment_id },
      { runId: otter.run_id, runName: seed.healthy_run, experimentId: otter.experiment_id },
      { runId: wren.run_id, runName: 'crawling-mole-592', experimentId: wren.experiment_id },
    ]);
    await page.keyboard.press('Alt+Shift+C');
    await expect(drawer.locator(`.pin[data-run-id="${wren.run_id}"]`)).toContainText(/session has expired.*sign in again/i);
    // The two runs loaded before the lapse stay charted.
    await expect(drawer.locator('figure.chart[data-metric="val_loss"]')).toHaveAttribute('data-series-count', '2');
    expect(warnings.length).toBeLessThanOrEqual(1);
  } finally {
    await setPins(gateway.url, []);
    await page.close();
  }
});

test('quick search: a failing search says which part is missing; a sign-in redirect says sign in again', async ({ mlflow }) => {
  const seed = mlflow.seed!;
  const page = await context.newPage();
  try {
    await open(page, runHash(mlflow, seed.overfitting_run));
    expect(await verdict(page)).toBe('overfitting');
    const palette = page.locator('lens-quick-search').getByRole('dialog');
    const box = palette.getByRole('searchbox');

    // Registered models fail with a 502 page: runs are still found, and the palette says what is missing.
    gateway.fault({ path: 'registered-models/search', kind: 502 });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+k');
    await box.fill('crawling-mole');
    await expect(palette.getByRole('group', { name: 'Runs' }).getByRole('option').first()).toContainText('crawling-mole-592');
    await expect(palette.getByRole('alert')).toContainText('HTTP 502');
    gateway.clearFaults();

    // Every search call meets the sign-in redirect: the palette says to sign in again.
    gateway.fault({ path: /\/(experiments|runs|registered-models|logged-models)\/search/, kind: 'login-redirect' });
    await box.fill('calm-otter');
    await expect(palette.getByRole('alert')).toContainText(/session has expired.*sign in again/i);
    await page.keyboard.press('Escape');
    // MLflow's page is still there underneath.
    await expect(page.locator('[data-lens-anchor="run-title"]')).toHaveText(seed.overfitting_run);
  } finally {
    await page.close();
  }
});

test('register under every fault on model-versions/create: never more than one version; a retry finishes it', async ({ mlflow }) => {
  test.setTimeout(240_000);
  const api = async (path: string, body: object) => {
    const res = await fetch(`${mlflow.url}ajax-api/2.0/mlflow/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return (await res.json()) as Record<string, any>;
  };
  // Its own experiment and run (a 2.x-way model recorded in the tag), so the seeded runs stay unregistered for others.
  const { experiment_id: experimentId } = await api('experiments/create', { name: `Lens e2e/gateway-faults-${Date.now()}` });
  const { run } = await api('runs/create', { experiment_id: experimentId, run_name: 'faulty-register-1', start_time: Date.now() });
  const runId = run.info.run_id as string;
  const history = [{ run_id: runId, artifact_path: 'model', utc_time_created: '2026-01-01 00:00:00.000000', flavors: { python_function: {} } }];
  await api('runs/set-tag', { run_id: runId, key: 'mlflow.log-model.history', value: JSON.stringify(history) });
  await api('runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });
  const hash = `#/experiments/${experimentId}/runs/${runId}`;
  const register = (page: Page) => page.locator(REGISTER);
  /** Waits until the register button has settled: ready to click, or showing the version already made. */
  const settled = async (page: Page): Promise<'ready' | 'registered'> => {
    // One read of the shadow DOM per poll: locator calls on an element that is being replaced (loading → ready →
    // registered) would wait for it to come back.
    const read = () =>
      page.evaluate(() => {
        const root = document.querySelector('lens-register')?.shadowRoot;
        if (root?.querySelector('a.reg-done')) return 'registered' as const;
        const button = root?.querySelector<HTMLButtonElement>('button.reg-main');
        return button && !button.disabled ? ('ready' as const) : null;
      });
    let state: 'ready' | 'registered' | null = null;
    try {
      await expect.poll(async () => (state = await read()), { timeout: 45_000 }).not.toBeNull();
    } catch (error) {
      // What the register button showed instead (its shadow root), and the page, for the report.
      const shown = await register(page).evaluateAll((hosts) => hosts.map((h) => h.shadowRoot?.textContent ?? '').join(' | ')).catch(() => '?');
      await page.screenshot({ path: test.info().outputPath('register-not-settled.png') }).catch(() => undefined);
      throw new Error(`register button never settled at ${page.url()}: "${shown.slice(-200)}"`, { cause: error });
    }
    return state!;
  };

  // Faults that never reach MLflow first; those that do (the answer is lost or late) last.
  const kinds: FaultKind[] = [401, 403, 500, 502, 'wrong-shape', 'drop', 'login-redirect', 'truncated-json', 'slow'];
  const seen: string[] = [];
  for (const kind of kinds) {
    const page = await context.newPage();
    try {
      await open(page, hash);
      if ((await settled(page)) === 'registered') {
        seen.push(`${kind}: already registered, not clicked`);
      } else {
        gateway.fault({ method: 'POST', path: 'ajax-api/2.0/mlflow/model-versions/create', kind, times: 1 });
        await (await mainButton(page)).click();
        // Either an error with a message, or (when the answer only came late) the registration.
        await expect(register(page).getByRole('alert').or(register(page).getByRole('status'))).toBeVisible({ timeout: 40_000 });
        seen.push(`${kind}: ${(await register(page).innerText()).replace(/\s+/g, ' ').slice(0, 160)}`);
      }
      expect((await versionsOf(mlflow.url, runId)).length, `after ${kind}`).toBeLessThanOrEqual(1);
    } finally {
      gateway.clearFaults();
      await page.close();
    }
  }
  test.info().annotations.push({ type: 'register under faults', description: seen.join('\n') });

  // With the faults gone, one more visit finishes it (or shows what is already there): exactly one version.
  const page = await context.newPage();
  try {
    await open(page, hash);
    if ((await settled(page)) === 'ready') await (await mainButton(page)).click();
    await expect(register(page)).toContainText(/Registered as/, { timeout: 30_000 });
    expect(await versionsOf(mlflow.url, runId)).toHaveLength(1);
  } finally {
    await page.close();
  }
});
