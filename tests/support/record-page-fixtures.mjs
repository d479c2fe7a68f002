#!/usr/bin/env node
// Record, from one real MLflow per version (versions.json), what Lens's features ask of it on a run page (the badge
// and one-click register of crawling-mole-592, whose model was logged the 2.x way) and in the compare drawer (two
// pinned runs, one missing), into tests/unit/fixtures/<version>/page-*.json, for the feature tests
// (tests/unit/features/). Same file format as record-fixtures.mjs:
// { "request": { method, path, query? | body? }, "status": N, "body": <parsed JSON or raw text> }.
//   node tests/support/record-page-fixtures.mjs [<version> ...]
// page-seed.json holds the seed info of the server these were recorded from (ids differ from the other sets).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MLFLOW_VERSIONS, startMlflow } from './mlflow-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'tests', 'unit', 'fixtures');
const API = 'ajax-api/2.0/mlflow/';
/** What lib/mlflow/client.ts asks for: a history page, a bulk-interval sample, the one-click target's runs. */
const HISTORY_PAGE_SIZE = 25_000;
const BULK_INTERVAL_MAX_POINTS = 2_500;
const DEFAULT_TARGET_MAX_RUNS = 200;

/** @typedef {{ method: 'GET' | 'POST', path: string, query?: Record<string, string | number | string[]>, body?: unknown }} Req */

/** @param {string} baseUrl @param {Req} req */
async function call(baseUrl, req) {
  const url = new URL(req.path, baseUrl);
  for (const [k, v] of Object.entries(req.query ?? {})) {
    for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(item));
  }
  const res = await fetch(url, {
    method: req.method,
    headers: { 'Content-Type': 'application/json' },
    body: req.body === undefined ? undefined : JSON.stringify(req.body),
  });
  const text = await res.text();
  /** @type {unknown} */
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* plain text (the version endpoint) */
  }
  return { request: req, status: res.status, body };
}

/** The metric keys of a `runs/get` answer. @param {any} answer @returns {string[]} */
const metricKeys = (answer) => [...new Set((answer.run.data?.metrics ?? []).map((/** @type {{ key: string }} */ m) => m.key))];

/** @param {string} version */
async function recordVersion(version) {
  const server = await startMlflow({ version, quiet: true });
  const seed = /** @type {NonNullable<typeof server.seed>} */ (server.seed);
  const outDir = join(FIXTURES, version);
  mkdirSync(outDir, { recursive: true });
  const runId = (/** @type {string} */ name) => /** @type {{ run_id: string }} */ (seed.runs[name]).run_id;
  const churn = seed.experiments.churn.id;
  const is3 = Number(version.split('.')[0]) >= 3;
  /** @type {string[]} */
  const written = [];
  const save = (/** @type {string} */ name, /** @type {unknown} */ data) => {
    writeFileSync(join(outDir, `page-${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
    written.push(name);
  };
  const rec = async (/** @type {string} */ name, /** @type {Req} */ req, expected = 200) => {
    const r = await call(server.url, req);
    if (r.status !== expected) throw new Error(`${version} ${name}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    save(name, r);
    return /** @type {any} */ (r.body);
  };
  const history = (/** @type {string} */ run, /** @type {string} */ key) =>
    rec(`metrics-get-history-${key}-${run}`, {
      method: 'GET',
      path: `${API}metrics/get-history`,
      query: { run_id: runId(run), metric_key: key, max_results: HISTORY_PAGE_SIZE },
    });

  try {
    save('seed', seed);
    // The run page of crawling-mole-592: the badge (run, full histories) and one-click register.
    const model = seed.model_run_2x;
    const modelRun = await rec(`runs-get-${model}`, { method: 'GET', path: `${API}runs/get`, query: { run_id: runId(model) } });
    for (const key of metricKeys(modelRun)) await history(model, key);
    await rec('version', { method: 'GET', path: 'version' });
    if (is3) {
      await rec('logged-models-search', {
        method: 'POST',
        path: `${API}logged-models/search`,
        body: { experiment_ids: [churn], filter: `source_run_id = '${runId(model)}'`, max_results: 100 },
      });
    }
    await rec('experiments-get', { method: 'GET', path: `${API}experiments/get`, query: { experiment_id: churn } });
    const runs = await rec('runs-search-target', {
      method: 'POST',
      path: `${API}runs/search`,
      body: { experiment_ids: [churn], order_by: ['attributes.start_time DESC'], max_results: DEFAULT_TARGET_MAX_RUNS },
    });
    const ids = (runs.runs ?? []).map((/** @type {any} */ r) => `'${r.info.run_id}'`);
    await rec('model-versions-search-experiment', {
      method: 'GET',
      path: `${API}model-versions/search`,
      query: { filter: `run_id IN (${ids.join(',')})`, max_results: 1000 },
    });
    await rec('registered-models-get', { method: 'GET', path: `${API}registered-models/get`, query: { name: seed.registered_model.name } });
    await rec('model-versions-search-run', {
      method: 'GET',
      path: `${API}model-versions/search`,
      query: { filter: `run_id='${runId(model)}'`, max_results: 1000 },
    });

    // The compare drawer with the overfitting and the healthy run pinned, and a run this server does not have.
    const pinned = [seed.overfitting_run, seed.healthy_run];
    /** @type {Set<string>} */
    const keys = new Set();
    for (const run of pinned) {
      const answer = await rec(`runs-get-${run}`, { method: 'GET', path: `${API}runs/get`, query: { run_id: runId(run) } });
      for (const key of metricKeys(answer)) keys.add(key), await history(run, key);
    }
    await rec('runs-get-missing', { method: 'GET', path: `${API}runs/get`, query: { run_id: '0123456789abcdef0123456789abcdef' } }, 404);
    // Both runs in one call, and each alone (the other failed, or already had it).
    for (const key of keys) {
      for (const runs of [pinned, ...pinned.map((run) => [run])]) {
        await rec(`metrics-get-history-bulk-interval-${key}${runs.length === 1 ? `-${runs[0]}` : ''}`, {
          method: 'GET',
          path: `${API}metrics/get-history-bulk-interval`,
          query: { run_ids: runs.map(runId), metric_key: key, max_results: BULK_INTERVAL_MAX_POINTS },
        });
      }
    }
  } finally {
    await server.stop();
  }
  console.log(`${version}: ${written.length} page fixtures in ${join('tests', 'unit', 'fixtures', version)}`);
}

const versions = process.argv.slice(2).length ? process.argv.slice(2) : [MLFLOW_VERSIONS.latest, MLFLOW_VERSIONS.v2];
for (const v of versions) await recordVersion(v);
