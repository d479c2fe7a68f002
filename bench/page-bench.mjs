// Page-level benchmarks of Lens on a real MLflow (the `latest` version of tests/support/versions.json) in
// Debian's Chromium, with the built extension (.output/chrome-mv3) and without it:
//   1. the overfitting verdict vs MLflow's own charts of the 20,000-step run;
//   2. the compare drawer (MLflow's sampling, full resolution) vs MLflow's chart view of the same runs;
//   3. what Lens costs the page: load time, long tasks, JS heap, content script size;
//   4. the requests Lens adds to a page view and the drawer's, and each feature's alone (the others switched off).
// MLflow runs with its default 4 workers, as `mlflow server` is deployed.
// Every figure is a median of `repeats` page views (the machine is noisy); with/without views alternate.
// The seed has 7 runs in its Churn experiment: 3 more (40 epochs, the same five metrics) are added, so the
// drawer and MLflow's chart view (one experiment at a time) compare the same 10 runs. MLflow 3.17 draws its
// charts with plotly as SVG (two traces per run: `.js-plotly-plot .scatterlayer .trace path.js-line`).
// LENS_BENCH_DEBUG=1 logs each step.
//
//   node bench/page-bench.mjs [--repeats N]      prints the figures as a table
//   import { runPageBenchmarks } from './page-bench.mjs'   (bench/run.mjs)
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CHROMIUM, EXTENSION_DIR, launchChromiumWithLens } from '../tests/support/browser.mjs';
import { MLFLOW_VERSIONS, startMlflow } from '../tests/support/mlflow-server.mjs';

const CONTENT_SCRIPT = join(EXTENSION_DIR, 'content-scripts', 'mlflow.js');
/** The lazily injected bundle (uPlot, the compare drawer): loaded on the first chart, not with every page. */
const LAZY_BUNDLE = join(EXTENSION_DIR, 'lens-extras.js');
const CONTENT_SCRIPT_BUDGET_KB = 60;
const LONG_RUN = 'marathon-ibis-20k';
const PINS_WANTED = 10;
/** The drawer charts the primary train/validation pair and shared metrics, up to this many (components/compare/model.ts). */
const DRAWER_MAX_CHARTS = 6;
const QUIET_MS = 1_000;
/** The drawer is complete when no chart has been drawn for this long (and every chart has all its runs). */
const DRAWER_SETTLE_MS = 700;
const VIEW_TIMEOUT_MS = 60_000;
/** The content script's features (ids of entrypoints/mlflow.content/features), for requests per feature. */
const PAGE_FEATURES = ['overfit-badge', 'overfit-table-chips', 'one-click-register', 'compare-drawer', 'quick-search', 'run-watch', 'page-marker'];

/**
 * @typedef {{ id: string, label: string, value: number, unit: 'ms' | 'KB' | 'MB' | 'count' | 'ratio', better: 'lower' | 'higher', samples?: number[] }} Figure
 * @typedef {import('@playwright/test').BrowserContext} BrowserContext
 * @typedef {import('@playwright/test').Page} Page
 * @typedef {{ name: string, kind: 'visible' | 'verdict' | 'verdictExact' | 'plotly', selector?: string, minCards?: number, minTraces?: number }} Condition
 */

/**
 * @param {{ repeats?: number, log?: (...args: unknown[]) => void }} [options]
 * @returns {Promise<Figure[]>}
 */
export async function runPageBenchmarks({ repeats = 5, log = console.error } = {}) {
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`runPageBenchmarks: repeats must be a positive integer, got ${repeats}`);
  checkBuild();
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  const began = Date.now();
  const elapsed = () => `${((Date.now() - began) / 1000).toFixed(0)} s`;
  /** Step by step, with LENS_BENCH_DEBUG=1. */
  const debug = process.env.LENS_BENCH_DEBUG ? (/** @type {string} */ what) => log(`[page-bench]   ${what} (${((Date.now() - began) / 1000).toFixed(1)} s)`) : () => {};

  /** @type {Figure[]} */
  const figures = [];
  figures.push(...contentScriptFigures());

  log(`[page-bench] starting MLflow ${MLFLOW_VERSIONS.latest} (seeded)…`);
  // MLflow as `mlflow server` runs by default (4 workers), not the tests' single worker: Lens's requests and
  // MLflow's own then share the server as they do in a real deployment.
  const server = await startMlflow({ version: MLFLOW_VERSIONS.latest, quiet: true, workers: 'default' });
  /** @type {Awaited<ReturnType<typeof launch>>[]} */
  const browsers = [];
  try {
    log(`[page-bench] MLflow up in ${server.startMs} ms, seeded in ${server.seedMs} ms (${elapsed()})`);
    const setup = await prepareData(server, log);
    const lens = await launch({ extension: true });
    browsers.push(lens);
    const bare = await launch({ extension: false });
    browsers.push(bare);
    await serviceWorkerOf(lens.context);
    await clearPins(lens.context);

    const urls = {
      run: `${server.url}#/experiments/${setup.longRun.experiment_id}/runs/${setup.longRun.run_id}`,
      modelMetrics: `${server.url}#/experiments/${setup.longRun.experiment_id}/runs/${setup.longRun.run_id}/model-metrics`,
      runs: `${server.url}#/experiments/${setup.experimentId}/runs?compareRunsMode=TABLE`,
      chartView: `${server.url}#/experiments/${setup.experimentId}/runs?compareRunsMode=CHART`,
    };
    /** @type {{ runTitle: Condition, rows: Condition, verdict: Condition, verdictExact: Condition, modelCharts: Condition, chartView: Condition }} */
    const cond = {
      runTitle: { name: 'main', kind: 'visible', selector: '[data-testid="runs-header"]' },
      rows: { name: 'main', kind: 'visible', selector: '.ag-row' },
      verdict: { name: 'verdict', kind: 'verdict', selector: 'lens-overfit-badge' },
      verdictExact: { name: 'verdictExact', kind: 'verdictExact', selector: 'lens-overfit-badge' },
      modelCharts: { name: 'charts', kind: 'plotly', minCards: setup.longRunKeys.length, minTraces: 1 },
      chartView: { name: 'charts', kind: 'plotly', minCards: setup.experimentKeys.length, minTraces: setup.minRunsPerKey },
    };

    // Warm-up (not recorded): MLflow's bundles into the HTTP cache, first-visit UI state (the assistant
    // panel opens itself once) in localStorage, SQLite pages in the OS cache.
    log(`[page-bench] warm-up (${elapsed()})`);
    const warmUp = async (/** @type {BrowserContext} */ context, /** @type {string} */ url, /** @type {Condition} */ c) => {
      const v = await pageView(context, url, { conditions: [c], origin: server.origin, quiet: false });
      await v.page.close();
    };
    for (const b of [bare, lens]) {
      await warmUp(b.context, urls.run, cond.runTitle);
      await warmUp(b.context, urls.runs, cond.rows);
    }
    await warmUp(bare.context, urls.modelMetrics, cond.modelCharts);
    await warmUp(bare.context, urls.chartView, cond.chartView);

    /** @type {Record<string, number[]>} */
    const s = {};
    const add = (/** @type {string} */ key, /** @type {number} */ value) => (s[key] ??= []).push(value);
    let fullResSampledRequests = 0;

    for (let i = 0; i < repeats; i++) {
      log(`[page-bench] repeat ${i + 1}/${repeats} (${elapsed()})`);
      // Alternate which browser goes first, so drift on a shared machine does not favour one side.
      const order = i % 2 === 0 ? /** @type {const} */ (['bare', 'lens']) : /** @type {const} */ (['lens', 'bare']);

      // Run page of the long run: load cost both ways; Lens's verdict.
      for (const side of order) {
        debug(`run page, ${side}`);
        const v = await pageView(side === 'lens' ? lens.context : bare.context, urls.run, {
          conditions: side === 'lens' ? [cond.runTitle, cond.verdict, cond.verdictExact] : [cond.runTitle],
          origin: server.origin,
        });
        recordCost(add, `run.${side}`, v);
        if (side === 'lens') {
          const verdict = await v.page.locator('lens-overfit-badge').getAttribute('data-verdict');
          if (verdict === 'error') throw new Error(`Lens's badge on ${urls.run} shows an error, not a verdict: no timing to report`);
          add('verdict', v.times.verdict);
          add('verdictExact', v.times.verdictExact);
        }
        await v.page.close();
      }

      // MLflow's own charts of the long run (no extension: MLflow as it is).
      {
        debug('model metrics tab, bare');
        const v = await pageView(bare.context, urls.modelMetrics, { conditions: [cond.modelCharts], origin: server.origin, quiet: false });
        add('mlflowModelCharts', v.times.charts);
        await v.page.close();
      }

      // Runs table: load cost both ways; then MLflow's chart view (bare) and Lens's drawer (lens) from it.
      for (const side of order) {
        if (side === 'bare') {
          debug('runs page, bare');
          const v = await pageView(bare.context, urls.runs, { conditions: [cond.rows], origin: server.origin });
          recordCost(add, 'runs.bare', v);
          debug('chart view switch');
          v.net.phase = 'switch';
          const sw = await switchToChartView(v.page, cond.chartView);
          add('mlflowChartSwitch', sw.ms);
          debug(`chart view switch: ${Math.round(sw.ms)} ms; ${sw.cards.join('; ')}`);
          await waitQuiet(v.net);
          v.net.phase = 'after';
          const r = await requestsOf(v.net, 'switch');
          add('mlflowChartSwitch.requests', r.count);
          add('mlflowChartSwitch.kb', r.bytes / 1024);
          await v.page.close();
        } else {
          debug('runs page, lens');
          const v = await pageView(lens.context, urls.runs, { conditions: [cond.rows], origin: server.origin });
          debug('drawer, sampled');
          recordCost(add, 'runs.lens', v);
          const d = await openDrawer(v, lens.context, setup, { fullResolution: false });
          add('drawerSampled', d.ms);
          debug(`drawer, sampled: ${Math.round(d.ms)} ms; ${d.charts.join('; ')}`);
          add('drawerSampled.requests', d.requests.count);
          add('drawerSampled.kb', d.requests.bytes / 1024);
          await v.page.close();
          await clearPins(lens.context);
        }
      }

      // The drawer at full resolution: a fresh page (the drawer keeps its data for the tab's life).
      {
        debug('runs page, lens (for the full-resolution drawer)');
        const v = await pageView(lens.context, urls.runs, { conditions: [cond.rows], origin: server.origin });
        debug('drawer, full resolution');
        const d = await openDrawer(v, lens.context, setup, { fullResolution: true });
        add('drawerFull', d.ms);
        debug(`drawer, full resolution: ${Math.round(d.ms)} ms; ${d.charts.join('; ')}`);
        add('drawerFull.requests', d.requests.count);
        add('drawerFull.kb', d.requests.bytes / 1024);
        fullResSampledRequests += d.sampledRequests;
        await v.page.close();
        await clearPins(lens.context);
      }

      // MLflow's chart view, opened by its URL.
      {
        debug('chart view by URL, bare');
        const v = await pageView(bare.context, urls.chartView, { conditions: [cond.chartView], origin: server.origin, quiet: false });
        add('mlflowChartLoad', v.times.charts);
        await v.page.close();
      }
    }
    // 5. Requests per feature: each feature alone (the others switched off in Lens's settings), up to 3 views a
    // page (medians: MLflow's own requests vary by one now and then).
    log(`[page-bench] requests per feature (${elapsed()})`);
    for (const feature of PAGE_FEATURES) {
      await setDisabledFeatures(lens.context, PAGE_FEATURES.filter((f) => f !== feature));
      for (let view = 0; view < Math.min(3, repeats); view++) for (const [page, url, condition] of /** @type {const} */ ([['run', urls.run, cond.runTitle], ['runs', urls.runs, cond.rows]])) {
        debug(`requests of ${feature} alone, ${page} page`);
        // The badge's exact histories wait for an idle page: the view must wait for them, not just for quiet.
        const conditions = feature === 'overfit-badge' && page === 'run' ? [condition, cond.verdictExact] : [condition];
        const v = await pageView(lens.context, url, { conditions, origin: server.origin });
        add(`feature.${feature}.${page}.requests`, v.requests.count);
        add(`feature.${feature}.${page}.kb`, v.requests.bytes / 1024);
        await v.page.close();
      }
    }
    await setDisabledFeatures(lens.context, []);
    if (fullResSampledRequests) {
      log(`[page-bench] note: ${fullResSampledRequests} sampled-history request(s) went out in full-resolution runs (the checkbox was ticked late)`);
    }
    log(`[page-bench] done (${elapsed()})`);
    figures.push(...buildFigures(s, setup, repeats));
    return figures;
  } finally {
    for (const b of browsers) await b.close();
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------------
// Setup
// ---------------------------------------------------------------------------------------------------

function checkBuild() {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')) || !existsSync(CONTENT_SCRIPT) || !existsSync(LAZY_BUNDLE)) {
    throw new Error(`No built Chrome extension in ${EXTENSION_DIR} (manifest.json, content-scripts/mlflow.js, lens-extras.js): run "npm run build" first.`);
  }
  if (!readFileSync(LAZY_BUNDLE, 'utf8').includes('data-drawn')) {
    throw new Error(`The build in ${EXTENSION_DIR} predates the compare charts' data-drawn attribute the drawer timing needs: run "npm run build" again.`);
  }
}

/** @returns {Figure[]} */
function contentScriptFigures() {
  const raw = readFileSync(CONTENT_SCRIPT);
  const gz = gzipSync(raw);
  return [
    { id: 'content-script-raw-kb', label: 'Content script content-scripts/mlflow.js, raw', value: round(raw.length / 1024, 1), unit: 'KB', better: 'lower' },
    { id: 'content-script-gzip-kb', label: `Content script content-scripts/mlflow.js, gzipped (zlib, level 6); budget ${CONTENT_SCRIPT_BUDGET_KB} KB`, value: round(gz.length / 1024, 1), unit: 'KB', better: 'lower' },
    { id: 'content-script-gzip-budget-ratio', label: `Content script gzipped ÷ ${CONTENT_SCRIPT_BUDGET_KB} KB budget (goal ≤ 1)`, value: round(gz.length / 1024 / CONTENT_SCRIPT_BUDGET_KB, 3), unit: 'ratio', better: 'lower' },
    { id: 'lazy-bundle-gzip-kb', label: 'Lazy bundle lens-extras.js (uPlot, drawer; injected on the first chart), gzipped', value: round(gzipSync(readFileSync(LAZY_BUNDLE)).length / 1024, 1), unit: 'KB', better: 'lower' },
  ];
}

/**
 * The seed has 7 runs in Churn and 2 in Sales, and MLflow's chart view shows one experiment: adds runs to
 * Churn until it has PINS_WANTED, so the drawer and MLflow's chart view compare the same runs. Then reads
 * what the pages will show (metric keys, runs per metric) so the waits know when a chart is complete.
 * @param {Awaited<ReturnType<typeof startMlflow>>} server
 * @param {(...args: unknown[]) => void} log
 */
async function prepareData(server, log) {
  const seed = server.seed;
  if (!seed) throw new Error('MLflow was started without seed data');
  const longRun = seed.runs[LONG_RUN];
  if (!longRun) throw new Error(`The seed has no run ${LONG_RUN}`);
  const experimentId = longRun.experiment_id;
  const api = async (/** @type {string} */ path, /** @type {unknown} */ body) => {
    const res = await fetch(`${server.apiUrl}api/2.0/mlflow/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`MLflow ${path}: HTTP ${res.status} ${await res.text()}`);
    return /** @type {Promise<any>} */ (res.json());
  };
  const search = async () => (await api('runs/search', { experiment_ids: [experimentId], max_results: 1000 })).runs ?? [];

  let runs = await search();
  const extra = Math.max(0, PINS_WANTED - runs.length);
  for (let k = 0; k < extra; k++) await createExtraRun(api, experimentId, k);
  if (extra) runs = await search();
  log(`[page-bench] ${runs.length} runs in experiment ${experimentId} (${runs.length - extra} seeded + ${extra} added for the comparison)`);

  const pinned = runs.slice(0, PINS_WANTED);
  /** @type {Map<string, number>} runs having each key */
  const runsPerKey = new Map();
  for (const run of pinned) {
    for (const { key } of run.data?.metrics ?? []) {
      runsPerKey.set(key, (runsPerKey.get(key) ?? 0) + 1);
    }
  }
  const experimentKeys = [...runsPerKey.keys()];
  const shared = experimentKeys.filter((k) => runsPerKey.get(k) === pinned.length);
  const longRunKeys = (runs.find((/** @type {any} */ r) => r.info.run_id === longRun.run_id)?.data?.metrics ?? []).map((/** @type {{ key: string }} */ m) => m.key);
  return {
    experimentId,
    longRun,
    longRunKeys,
    experimentKeys,
    /** the fewest runs any metric of the experiment has: each MLflow chart card draws at least that many */
    minRunsPerKey: Math.min(...runsPerKey.values()),
    pins: pinned.map((/** @type {any} */ r, /** @type {number} */ i) => ({ runId: r.info.run_id, runName: r.info.run_name, experimentId, pinnedAt: Date.now() + i })),
    added: extra,
    /** the drawer's default charts: the train/validation pair and shared metrics, up to DRAWER_MAX_CHARTS */
    minCharts: Math.min(DRAWER_MAX_CHARTS, Math.max(2, shared.length)),
    runsPerKey: Object.fromEntries(runsPerKey),
  };
}

/** A 40-epoch run with the seed's five metrics (deterministic curves), finished. */
async function createExtraRun(/** @type {(path: string, body?: unknown) => Promise<any>} */ api, /** @type {string} */ experimentId, /** @type {number} */ k) {
  const start = Date.now() - (8 - k) * 3_600_000;
  const { run } = await api('runs/create', { experiment_id: experimentId, run_name: `bench-extra-${k + 1}`, start_time: start });
  const runId = run.info.run_id;
  let state = 12345 + k * 7919;
  const noise = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 0.02;
  const metrics = [];
  const epochs = 40;
  for (let e = 0; e < epochs; e++) {
    const t = start + (e + 1) * 60_000;
    const tau = 6 + k * 2;
    metrics.push(
      { key: 'train_loss', value: 0.2 + 0.5 * Math.exp(-e / tau) + noise(), timestamp: t, step: e },
      { key: 'val_loss', value: 0.26 + 0.45 * Math.exp(-e / (tau + 1)) + noise(), timestamp: t, step: e },
      { key: 'train_metric_average_precision', value: 0.55 + 0.35 * (1 - Math.exp(-e / tau)) + noise(), timestamp: t, step: e },
      { key: 'val_metric_average_precision', value: 0.52 + 0.3 * (1 - Math.exp(-e / (tau + 1))) + noise(), timestamp: t, step: e },
      { key: 'learning_rate', value: 0.001 * (0.1 + 0.45 * (1 + Math.cos((Math.PI * e) / (epochs - 1)))), timestamp: t, step: e },
    );
  }
  await api('runs/log-batch', { run_id: runId, metrics, params: [{ key: 'learning_rate', value: '0.001' }, { key: 'hidden_channels', value: String(64 << k) }], tags: [{ key: 'seeded_by', value: 'lens-page-bench' }] });
  await api('runs/update', { run_id: runId, status: 'FINISHED', end_time: start + (epochs + 1) * 60_000 });
}

// ---------------------------------------------------------------------------------------------------
// Browsers
// ---------------------------------------------------------------------------------------------------

/**
 * Debian's Chromium, with the built extension or without any; both with the same flags (browser.mjs's,
 * plus precise heap figures and an exposed gc()).
 * @param {{ extension: boolean }} o
 */
async function launch({ extension }) {
  const browser = await launchChromiumWithLens({
    extension,
    // performance.memory is otherwise bucketed and refreshed every 20 minutes.
    args: ['--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  // Interrupted (Ctrl-C, a timeout): tests/support/mlflow-server.mjs exits the process; leave no profile behind.
  const removeProfile = () => rmSync(browser.profile, { recursive: true, force: true });
  process.once('exit', removeProfile);
  return {
    context: browser.context,
    close: async () => {
      process.off('exit', removeProfile);
      await browser.cleanup();
    },
  };
}

/** @param {BrowserContext} context */
async function serviceWorkerOf(context) {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
}

/** Runs `fn` in the extension's service worker (found again if Chromium restarted it). */
async function inWorker(/** @type {BrowserContext} */ context, /** @type {(arg: any) => unknown} */ fn, /** @type {unknown} */ arg) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await (await serviceWorkerOf(context)).evaluate(fn, arg);
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
}

async function setPins(/** @type {BrowserContext} */ context, /** @type {string} */ base, /** @type {unknown[]} */ pins) {
  await inWorker(context, (v) => /** @type {any} */ (globalThis).chrome.storage.local.set({ pinnedRuns: v }), { [base]: pins });
}

/** Lens's own setting (sync:disabledFeatures in lib/settings.ts): content scripts follow it at once. */
async function setDisabledFeatures(/** @type {BrowserContext} */ context, /** @type {string[]} */ ids) {
  await inWorker(context, (v) => /** @type {any} */ (globalThis).chrome.storage.sync.set({ disabledFeatures: v }), ids);
}

async function clearPins(/** @type {BrowserContext} */ context) {
  await inWorker(context, () => /** @type {any} */ (globalThis).chrome.storage.local.remove('pinnedRuns'), undefined);
}

// ---------------------------------------------------------------------------------------------------
// Page views
// ---------------------------------------------------------------------------------------------------

/**
 * Installed before any page script: long tasks, and a check on every animation frame that records when each
 * condition first holds (ms since navigation start, i.e. the frame that shows it). Self-contained: serialised.
 * @param {{ conditions: Condition[] }} cfg
 */
function benchInit(cfg) {
  /** Next animation frame, or 100 ms when frames do not come (a hidden page). */
  const next = (/** @type {() => void} */ fn) => {
    let done = false;
    const once = () => (done ? undefined : ((done = true), fn()));
    requestAnimationFrame(once);
    setTimeout(once, 100);
  };
  const bench = {
    longtasks: /** @type {{ start: number, duration: number }[]} */ ([]),
    times: /** @type {Record<string, number>} */ ({}),
    observer: /** @type {PerformanceObserver | null} */ (null),
    next,
    plotlyDrawn: (/** @type {number} */ minCards, /** @type {number} */ minTraces) => false,
    /** What each MLflow chart card holds: traces and points per trace. */
    plotlyCards: () =>
      [...document.querySelectorAll('[data-testid="experiment-view-compare-runs-card"]')].map((card) => {
        const data = /** @type {any} */ (card.querySelector('.js-plotly-plot'))?.data ?? [];
        return `${data.length} traces of ${data.map((/** @type {any} */ t) => t?.x?.length ?? 0).join('/')} points`;
      }),
  };
  /** @type {any} */ (window).__lensBench = bench;
  try {
    bench.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longtasks.push({ start: e.startTime, duration: e.duration });
    });
    bench.observer.observe({ type: 'longtask', buffered: true });
  } catch {
    /* no long task API */
  }
  /** MLflow's plotly chart cards drawn: at least `minCards`, each with at least `minTraces` traces of ≥ 2 points on screen. */
  bench.plotlyDrawn = (minCards, minTraces) => {
    const cards = document.querySelectorAll('[data-testid="experiment-view-compare-runs-card"]');
    if (cards.length < minCards) return false;
    for (const card of cards) {
      const gd = /** @type {any} */ (card.querySelector('.js-plotly-plot'));
      if (!gd) return false;
      const withData = (gd.data ?? []).filter((/** @type {any} */ t) => (t?.x?.length ?? 0) >= 2).length;
      let drawn = 0;
      for (const trace of card.querySelectorAll('.scatterlayer .trace')) {
        const d = trace.querySelector('path.js-line')?.getAttribute('d') ?? '';
        if (d.length > 1 || trace.querySelector('.points path')) drawn++;
      }
      if (withData < minTraces || drawn < minTraces) return false;
    }
    return true;
  };
  /** @type {{ [kind in Condition['kind']]: (c: Condition) => boolean }} */
  const checks = {
    visible: (c) => {
      for (const el of document.querySelectorAll(/** @type {string} */ (c.selector))) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) return true;
      }
      return false;
    },
    verdict: (c) => {
      const v = document.querySelector(/** @type {string} */ (c.selector))?.getAttribute('data-verdict');
      return !!v && v !== 'loading';
    },
    // The exact verdict, from full histories (a first one may be judged on MLflow's sample: data-provisional).
    verdictExact: (c) => {
      const el = document.querySelector(/** @type {string} */ (c.selector));
      const v = el?.getAttribute('data-verdict');
      return !!v && v !== 'loading' && !el?.hasAttribute('data-provisional');
    },
    plotly: (c) => bench.plotlyDrawn(c.minCards ?? 1, c.minTraces ?? 1),
  };
  const pending = [...cfg.conditions];
  const tick = () => {
    const now = performance.now();
    for (let i = pending.length - 1; i >= 0; i--) {
      const c = /** @type {Condition} */ (pending[i]);
      let ok = false;
      try {
        ok = checks[c.kind](c);
      } catch {
        /* the document is still being built */
      }
      if (ok) {
        bench.times[c.name] = now;
        pending.splice(i, 1);
      }
    }
    if (pending.length && now < 120_000) next(tick);
  };
  next(tick);
}

/**
 * Requests to the MLflow origin, and the last time any request started or ended (for "network quiet").
 * @param {Page} page @param {string} origin
 */
function trackNetwork(page, origin) {
  const net = {
    phase: 'load',
    lastActivity: Date.now(),
    /** @type {Promise<{ phase: string, url: string, bytes: number }>[]} */
    finished: [],
  };
  page.on('request', () => (net.lastActivity = Date.now()));
  page.on('requestfailed', () => (net.lastActivity = Date.now()));
  page.on('requestfinished', (request) => {
    net.lastActivity = Date.now();
    if (!request.url().startsWith(`${origin}/`)) return;
    const phase = net.phase;
    net.finished.push(
      request.sizes().then(
        (s) => ({ phase, url: request.url(), bytes: s.requestHeadersSize + s.requestBodySize + s.responseHeadersSize + s.responseBodySize }),
        () => ({ phase, url: request.url(), bytes: 0 }),
      ),
    );
  });
  return net;
}

/** Waits until no request started or ended for QUIET_MS (at most `maxMs`). */
async function waitQuiet(/** @type {ReturnType<typeof trackNetwork>} */ net, maxMs = 20_000) {
  const deadline = Date.now() + maxMs;
  while (Date.now() - net.lastActivity < QUIET_MS && Date.now() < deadline) await sleep(100);
}

async function requestsOf(/** @type {ReturnType<typeof trackNetwork>} */ net, /** @type {string} */ phase) {
  const all = (await Promise.all(net.finished)).filter((r) => r.phase === phase);
  return { count: all.length, bytes: all.reduce((sum, r) => sum + r.bytes, 0), urls: all.map((r) => r.url) };
}

/**
 * Opens `url` in a new tab and waits for every condition; with `quiet` (default), also for the network to
 * settle, then reads long tasks, the JS heap after a full GC, and the requests of the view.
 * @param {BrowserContext} context @param {string} url
 * @param {{ conditions: Condition[], origin: string, quiet?: boolean }} o
 */
async function pageView(context, url, { conditions, origin, quiet = true }) {
  const page = await context.newPage();
  await page.addInitScript(benchInit, { conditions });
  const net = trackNetwork(page, origin);
  await page.goto(url, { waitUntil: 'commit' });
  const names = conditions.map((c) => c.name);
  try {
    await page.waitForFunction((n) => n.every((name) => /** @type {any} */ (window).__lensBench?.times[name] !== undefined), names, { timeout: VIEW_TIMEOUT_MS, polling: 50 });
  } catch (error) {
    const times = await page.evaluate(() => /** @type {any} */ (window).__lensBench?.times).catch(() => null);
    await page.close().catch(() => {});
    throw new Error(`${url}: not all of ${names.join(', ')} within ${VIEW_TIMEOUT_MS} ms (got ${JSON.stringify(times)}): ${error instanceof Error ? error.message : error}`);
  }
  if (!quiet) return { page, net, times: await readTimes(page), longtasks: { count: 0, ms: 0 }, heapMb: 0, requests: { count: 0, bytes: 0, urls: [] } };
  await waitQuiet(net);
  const m = await page.evaluate(() => {
    const bench = /** @type {any} */ (window).__lensBench;
    for (const e of bench.observer?.takeRecords() ?? []) bench.longtasks.push({ start: e.startTime, duration: e.duration });
    const longtasks = { count: bench.longtasks.length, ms: bench.longtasks.reduce((/** @type {number} */ s, /** @type {{ duration: number }} */ t) => s + t.duration, 0) };
    const gc = /** @type {any} */ (window).gc;
    if (gc) (gc(), gc());
    const heap = /** @type {any} */ (performance).memory?.usedJSHeapSize ?? 0;
    return { times: bench.times, longtasks, heap };
  });
  net.phase = 'after';
  const requests = await requestsOf(net, 'load');
  return { page, net, times: m.times, longtasks: m.longtasks, heapMb: m.heap / 1024 / 1024, requests };
}

async function readTimes(/** @type {Page} */ page) {
  return /** @type {Record<string, number>} */ (await page.evaluate(() => /** @type {any} */ (window).__lensBench.times));
}

function recordCost(/** @type {(k: string, v: number) => void} */ add, /** @type {string} */ key, /** @type {Awaited<ReturnType<typeof pageView>>} */ v) {
  add(`${key}.load`, v.times.main);
  add(`${key}.longtasks`, v.longtasks.count);
  add(`${key}.longtaskMs`, v.longtasks.ms);
  add(`${key}.heap`, v.heapMb);
  add(`${key}.requests`, v.requests.count);
  add(`${key}.kb`, v.requests.bytes / 1024);
}

/**
 * On a loaded runs table: clicks MLflow's "Chart" view switch; ms until every chart card is drawn.
 * @param {Page} page @param {Condition} c
 */
async function switchToChartView(page, c) {
  return /** @type {Promise<{ ms: number, cards: string[] }>} */ (page.evaluate(async ({ minCards, minTraces, timeoutMs }) => {
    const bench = /** @type {any} */ (window).__lensBench;
    const radio = /** @type {HTMLInputElement | null} */ (document.querySelector('input[type="radio"][value="CHART"]'));
    if (!radio) throw new Error('no "Chart" view switch (input[value=CHART]) on the runs page');
    const t0 = performance.now();
    radio.click();
    return new Promise((resolve, reject) => {
      const tick = () => {
        const now = performance.now();
        if (bench.plotlyDrawn(minCards, minTraces)) resolve({ ms: now - t0, cards: bench.plotlyCards() });
        else if (now - t0 > timeoutMs) reject(new Error(`MLflow's chart view not drawn after ${timeoutMs} ms: ${bench.plotlyCards().join('; ')}`));
        else bench.next(tick);
      };
      bench.next(tick);
    });
  }, { minCards: c.minCards ?? 1, minTraces: c.minTraces ?? 1, timeoutMs: VIEW_TIMEOUT_MS }));
}

/**
 * On a settled runs table with Lens: pins the comparison's runs, presses Alt+Shift+C, and times from the key
 * press to the last chart draw (a `data-drawn` attribute set) that leaves every chart of the drawer drawn
 * with all its runs, nothing drawn for DRAWER_SETTLE_MS after. Full resolution: "Full resolution" is ticked
 * as soon as the drawer shows it (before any history has arrived), and the drawer must have finished
 * loading (the full histories are what it then charts). Also counts the requests from the key press until
 * the network settles.
 * @param {Awaited<ReturnType<typeof pageView>>} v @param {BrowserContext} context
 * @param {Awaited<ReturnType<typeof prepareData>>} setup @param {{ fullResolution: boolean }} o
 */
async function openDrawer(v, context, setup, { fullResolution }) {
  const { page, net } = v;
  const base = await page.evaluate(() => `${location.origin}${location.pathname}`);
  await setPins(context, base, setup.pins);
  await page.waitForFunction(
    (n) => document.querySelector('lens-compare')?.shadowRoot?.querySelector('[data-testid="lens-compare-tray"]')?.getAttribute('data-count') === String(n),
    setup.pins.length,
    { timeout: 20_000, polling: 50 },
  );
  await waitQuiet(net);
  await page.evaluate(armDrawerTimer, { fullResolution, minCharts: setup.minCharts, runsPerKey: setup.runsPerKey, settleMs: DRAWER_SETTLE_MS, timeoutMs: VIEW_TIMEOUT_MS });
  net.phase = 'drawer';
  await page.keyboard.press('Alt+Shift+C');
  const result = /** @type {{ ms: number, charts: string[] }} */ (await page.evaluate(() => /** @type {any} */ (window).__lensDrawer));
  await waitQuiet(net);
  net.phase = 'after';
  const requests = await requestsOf(net, 'drawer');
  const sampledRequests = requests.urls.filter((u) => u.includes('get-history-bulk-interval')).length;
  return { ms: result.ms, charts: result.charts, requests, sampledRequests };
}

/**
 * In the page, before the key press: `window.__lensDrawer` resolves with the drawer's time. Self-contained.
 * @param {{ fullResolution: boolean, minCharts: number, runsPerKey: Record<string, number>, settleMs: number, timeoutMs: number }} o
 */
function armDrawerTimer({ fullResolution, minCharts, runsPerKey, settleMs, timeoutMs }) {
  /** @type {any} */ (document.activeElement)?.blur?.();
  const next = /** @type {any} */ (window).__lensBench.next;
  const root = /** @type {ShadowRoot} */ (document.querySelector('lens-compare')?.shadowRoot);
  const w = /** @type {any} */ (window);
  w.__lensDrawer = new Promise((resolve, reject) => {
    const noKey = setTimeout(() => reject(new Error('the Alt+Shift+C keydown never reached the page')), 15_000);
    // Alt, then Shift, then C come as keydowns of their own: start at the C.
    const onKey = (/** @type {KeyboardEvent} */ event) => {
      if (!(event.altKey && event.shiftKey && event.code === 'KeyC')) return;
      window.removeEventListener('keydown', onKey, true);
      clearTimeout(noKey);
      const t0 = performance.now();
      let ticked = !fullResolution;
      let lastDraw = -1;
      const tickBox = () => {
        if (ticked) return;
        const box = /** @type {HTMLInputElement | null} */ (root.querySelector('[data-testid="lens-full-resolution"]'));
        if (box && !box.checked) (box.click(), (ticked = true));
      };
      // Each chart draw (re)sets its figure's data-drawn: the last one is when the drawer is complete.
      const mo = new MutationObserver((records) => {
        const now = performance.now();
        for (const r of records) if (r.type === 'attributes' && /** @type {Element} */ (r.target).hasAttribute('data-drawn')) lastDraw = now;
        tickBox();
      });
      mo.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn'] });
      const figures = () => [...root.querySelectorAll('figure.chart')];
      const complete = () => {
        const all = figures();
        if (all.length < minCharts) return false;
        for (const f of all) {
          if (!f.hasAttribute('data-drawn')) return false;
          if (Number(f.getAttribute('data-series-count')) < (runsPerKey[f.getAttribute('data-metric') ?? ''] ?? 1)) return false;
        }
        // At full resolution the charts are final once the drawer has loaded everything.
        return !fullResolution || (root.querySelector('.progress')?.textContent ?? '') === '';
      };
      const describe = () => figures().map((f) => `${f.getAttribute('data-metric')}: drawn=${f.getAttribute('data-drawn')} series=${f.getAttribute('data-series-count')}`);
      const tick = () => {
        tickBox();
        const now = performance.now();
        if (ticked && lastDraw > 0 && now - lastDraw >= settleMs && complete()) {
          mo.disconnect();
          resolve({ ms: lastDraw - t0, charts: describe() });
        } else if (now - t0 > timeoutMs) {
          mo.disconnect();
          reject(new Error(`drawer charts not all drawn after ${timeoutMs} ms: ${describe().join('; ')}; status "${root.querySelector('.progress')?.textContent}"`));
        } else next(tick);
      };
      next(tick);
    };
    window.addEventListener('keydown', onKey, true);
  });
  w.__lensDrawer.catch(() => {});
}

// ---------------------------------------------------------------------------------------------------
// Figures
// ---------------------------------------------------------------------------------------------------

/**
 * @param {Record<string, number[]>} s @param {Awaited<ReturnType<typeof prepareData>>} setup @param {number} repeats
 * @returns {Figure[]}
 */
function buildFigures(s, setup, repeats) {
  const runs = setup.pins.length;
  const which = setup.added ? `${runs} runs (the experiment's ${runs - setup.added} seeded + ${setup.added} added)` : `${runs} seeded runs`;
  const cards = setup.experimentKeys.length;
  /** @type {Figure[]} */
  const out = [];
  const med = (/** @type {string} */ key) => median(s[key] ?? []);
  const measured = (/** @type {string} */ id, /** @type {string} */ key, /** @type {Figure['unit']} */ unit, /** @type {string} */ label) => {
    const digits = unit === 'ms' ? 0 : unit === 'count' ? 1 : 2;
    out.push({ id, label: `${label} (median of ${repeats})`, value: round(med(key), digits), unit, better: 'lower', samples: (s[key] ?? []).map((x) => round(x, digits)) });
  };
  const ratio = (/** @type {string} */ id, /** @type {string} */ num, /** @type {string} */ den, /** @type {string} */ label) => {
    const d = med(den);
    if (!(d > 0)) return; // no meaningful ratio (e.g. no long tasks at all without Lens)
    out.push({ id, label: `${label} (ratio of medians)`, value: round(med(num) / d, 3), unit: 'ratio', better: 'lower' });
  };
  const delta = (/** @type {string} */ id, /** @type {string} */ a, /** @type {string} */ b, /** @type {Figure['unit']} */ unit, /** @type {string} */ label) => {
    out.push({ id, label: `${label} (difference of medians of ${repeats})`, value: round(med(a) - med(b), unit === 'count' ? 1 : 2), unit, better: 'lower' });
  };

  // 1. Verdict vs MLflow's charts.
  measured('overfit-verdict-ms', 'verdict', 'ms', `Lens verdict on the run page of ${LONG_RUN} (20,000 steps), from navigation start`);
  measured('mlflow-model-metrics-charts-ms', 'mlflowModelCharts', 'ms', `MLflow's own charts of ${LONG_RUN} (Model metrics tab, ${setup.longRunKeys.length} plotly cards drawn), from navigation start, no extension`);
  ratio('overfit-verdict-vs-mlflow-charts-ratio', 'verdict', 'mlflowModelCharts', `Lens verdict ÷ MLflow's charts of ${LONG_RUN}, goal < 1`);
  measured('overfit-verdict-exact-ms', 'verdictExact', 'ms', `Lens exact verdict (full histories) on ${LONG_RUN}, from navigation start`);
  ratio('overfit-verdict-exact-vs-mlflow-charts-ratio', 'verdictExact', 'mlflowModelCharts', `Lens exact verdict ÷ MLflow's charts of ${LONG_RUN}`);

  // 2. Drawer vs MLflow's chart view.
  measured('compare-drawer-sampled-ms', 'drawerSampled', 'ms', `Compare drawer, ${which}: Alt+Shift+C on the runs table → last chart drawn, MLflow's sampling`);
  measured('compare-drawer-full-ms', 'drawerFull', 'ms', `Compare drawer, same ${runs} runs, Full resolution (ticked on opening): Alt+Shift+C → last chart drawn`);
  measured('mlflow-chart-view-switch-ms', 'mlflowChartSwitch', 'ms', `MLflow's chart view of the same ${runs} runs (one experiment): "Chart" clicked on the runs table → ${cards} cards drawn, no extension`);
  measured('mlflow-chart-view-load-ms', 'mlflowChartLoad', 'ms', `MLflow's chart view of the same ${runs} runs opened by URL (?compareRunsMode=CHART): navigation start → ${cards} cards drawn, no extension`);
  ratio('compare-drawer-sampled-vs-mlflow-ratio', 'drawerSampled', 'mlflowChartSwitch', `Compare drawer (sampled) ÷ MLflow's chart view switch, ${runs} runs each, goal < 1`);
  ratio('compare-drawer-full-vs-mlflow-ratio', 'drawerFull', 'mlflowChartSwitch', `Compare drawer (full resolution) ÷ MLflow's chart view switch (sampled), ${runs} runs each, goal < 1`);

  // 3. Cost to the page, and 4. requests.
  for (const [page, name] of /** @type {const} */ ([['run', `Run page of ${LONG_RUN}`], ['runs', `Runs table (${runs} runs)`]])) {
    const main = page === 'run' ? 'run title' : 'first table row';
    measured(`${page}-page-load-ms-lens`, `${page}.lens.load`, 'ms', `${name} with Lens: navigation start → ${main} visible`);
    measured(`${page}-page-load-ms-bare`, `${page}.bare.load`, 'ms', `${name} without Lens: navigation start → ${main} visible`);
    ratio(`${page}-page-load-ratio`, `${page}.lens.load`, `${page}.bare.load`, `${name}: load time with ÷ without Lens`);
    measured(`${page}-page-longtasks-lens`, `${page}.lens.longtasks`, 'count', `${name} with Lens: long tasks until the network settles`);
    measured(`${page}-page-longtasks-bare`, `${page}.bare.longtasks`, 'count', `${name} without Lens: long tasks until the network settles`);
    measured(`${page}-page-longtask-ms-lens`, `${page}.lens.longtaskMs`, 'ms', `${name} with Lens: long tasks, total time`);
    measured(`${page}-page-longtask-ms-bare`, `${page}.bare.longtaskMs`, 'ms', `${name} without Lens: long tasks, total time`);
    ratio(`${page}-page-longtask-ms-ratio`, `${page}.lens.longtaskMs`, `${page}.bare.longtaskMs`, `${name}: long-task time with ÷ without Lens`);
    measured(`${page}-page-heap-mb-lens`, `${page}.lens.heap`, 'MB', `${name} with Lens: JS heap once settled (after a full GC)`);
    measured(`${page}-page-heap-mb-bare`, `${page}.bare.heap`, 'MB', `${name} without Lens: JS heap once settled (after a full GC)`);
    ratio(`${page}-page-heap-ratio`, `${page}.lens.heap`, `${page}.bare.heap`, `${name}: JS heap with ÷ without Lens`);
    delta(`${page}-page-extra-requests`, `${page}.lens.requests`, `${page}.bare.requests`, 'count', `${name}: requests to MLflow per page view, with − without Lens`);
    delta(`${page}-page-extra-kb`, `${page}.lens.kb`, `${page}.bare.kb`, 'KB', `${name}: bytes to and from MLflow per page view, with − without Lens`);
  }
  measured('compare-drawer-requests', 'drawerSampled.requests', 'count', `Compare drawer opening (sampled, ${runs} runs): requests to MLflow`);
  measured('compare-drawer-kb', 'drawerSampled.kb', 'KB', `Compare drawer opening (sampled, ${runs} runs): bytes to and from MLflow`);
  measured('compare-drawer-full-requests', 'drawerFull.requests', 'count', `Compare drawer opening (full resolution, ${runs} runs): requests to MLflow`);
  measured('compare-drawer-full-kb', 'drawerFull.kb', 'KB', `Compare drawer opening (full resolution, ${runs} runs): bytes to and from MLflow`);
  for (const feature of PAGE_FEATURES) {
    for (const [page, name] of /** @type {const} */ ([['run', `run page of ${LONG_RUN}`], ['runs', `runs table (${runs} runs)`]])) {
      const only = (/** @type {string} */ what) => median(s[`feature.${feature}.${page}.${what}`] ?? []) - med(`${page}.bare.${what}`);
      out.push({ id: `feature-${feature}-${page}-requests`, label: `${feature} alone, ${name}: requests to MLflow per page view, with − without Lens (medians of ${Math.min(3, repeats)} and ${repeats} views)`, value: round(only('requests'), 1), unit: 'count', better: 'lower' });
      out.push({ id: `feature-${feature}-${page}-kb`, label: `${feature} alone, ${name}: bytes to and from MLflow per page view, with − without Lens (medians of ${Math.min(3, repeats)} and ${repeats} views)`, value: round(only('kb'), 1), unit: 'KB', better: 'lower' });
    }
  }
  measured('mlflow-chart-view-requests', 'mlflowChartSwitch.requests', 'count', `For reference, MLflow's chart view switch (${runs} runs): requests to MLflow`);
  measured('mlflow-chart-view-kb', 'mlflowChartSwitch.kb', 'KB', `For reference, MLflow's chart view switch (${runs} runs): bytes to and from MLflow`);
  return out;
}

/** @param {number[]} xs */
function median(xs) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? /** @type {number} */ (v[mid]) : (/** @type {number} */ (v[mid - 1]) + /** @type {number} */ (v[mid])) / 2;
}

function round(/** @type {number} */ x, /** @type {number} */ digits) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------------

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const at = process.argv.indexOf('--repeats');
  const repeats = at > 0 ? Number(process.argv[at + 1]) : 5;
  try {
    const figures = await runPageBenchmarks({ repeats });
    const rows = figures.map((f) => [f.id, `${f.value}`, f.unit, f.label]);
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => /** @type {string} */ (r[i]).length), ['figure', 'value', 'unit'][i]?.length ?? 0));
    const line = (/** @type {string[]} */ r) => `${r[0]?.padEnd(widths[0] ?? 0)}  ${r[1]?.padStart(widths[1] ?? 0)}  ${r[2]?.padEnd(widths[2] ?? 0)}  ${r[3]}`;
    console.log(line(['figure', 'value', 'unit', 'what']));
    for (const r of rows) console.log(line(/** @type {string[]} */ (r)));
    process.exit(0);
  } catch (error) {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  }
}
