#!/usr/bin/env node
// Record real MLflow REST responses (per version in versions.json) into tests/unit/fixtures/<version>/*.json.
//   node tests/support/record-fixtures.mjs [<version> ...]
// Each file: { "request": { method, path, query? | body? }, "status": N, "body": <parsed JSON or raw text> }.
// seed.json holds the seed info (run names -> ids) of the server the fixtures were recorded from.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MLFLOW_VERSIONS, startMlflow } from './mlflow-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'tests', 'unit', 'fixtures');
const API = 'ajax-api/2.0/mlflow/';

/**
 * @typedef {{ method: 'GET' | 'POST', path: string, query?: Record<string, string | number | string[]>, body?: unknown }} Req
 */

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
    /* keep raw text (e.g. HTML error pages, bare NaN tokens) */
  }
  return { request: req, status: res.status, body };
}

/** @param {string} version */
async function recordVersion(version) {
  const t0 = Date.now();
  const server = await startMlflow({ version, quiet: true });
  const seed = /** @type {NonNullable<typeof server.seed>} */ (server.seed);
  const outDir = join(FIXTURES, version);
  // Overwrite our files only: other fixture files may live next to them.
  mkdirSync(outDir, { recursive: true });
  const runId = (/** @type {string} */ name) => seed.runs[name].run_id;
  const churn = seed.experiments.churn.id;
  /** @type {string[]} */
  const written = [];
  const save = (/** @type {string} */ name, /** @type {unknown} */ data) => {
    writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
    written.push(name);
  };
  const rec = async (/** @type {string} */ name, /** @type {Req} */ req) => {
    const r = await call(server.url, req);
    save(name, r);
    return r;
  };

  try {
    save('seed', seed);

    await rec('runs-get', { method: 'GET', path: `${API}runs/get`, query: { run_id: runId(seed.overfitting_run) } });

    const searchBody = { experiment_ids: [churn], max_results: 2, order_by: ['attributes.start_time DESC'] };
    const page1 = await rec('runs-search-page1', { method: 'POST', path: `${API}runs/search`, body: searchBody });
    const token = /** @type {any} */ (page1.body).next_page_token;
    if (!token) throw new Error(`runs/search page 1 has no next_page_token on ${version}`);
    await rec('runs-search-page2', {
      method: 'POST',
      path: `${API}runs/search`,
      body: { ...searchBody, page_token: token },
    });

    for (const [name, run] of [
      ['overfitting', seed.overfitting_run],
      ['nan', seed.nan_run],
    ]) {
      await rec(`metrics-get-history-val_loss-${name}`, {
        method: 'GET',
        path: `${API}metrics/get-history`,
        query: { run_id: runId(run), metric_key: 'val_loss', max_results: 25000 },
      });
    }
    // Paging behaviour (2.x ignores max_results/page_token; 3.x pages).
    await rec('metrics-get-history-val_loss-overfitting-max10', {
      method: 'GET',
      path: `${API}metrics/get-history`,
      query: { run_id: runId(seed.overfitting_run), metric_key: 'val_loss', max_results: 10 },
    });

    await rec('metrics-get-history-bulk-interval', {
      method: 'GET',
      path: `${API}metrics/get-history-bulk-interval`,
      query: { run_ids: [runId(seed.overfitting_run), runId(seed.healthy_run)], metric_key: 'val_loss', max_results: 50 },
    });
    await rec('metrics-get-history-bulk-interval-nan-long', {
      method: 'GET',
      path: `${API}metrics/get-history-bulk-interval`,
      query: { run_ids: [runId(seed.nan_run), runId(seed.long_run)], metric_key: 'val_loss', max_results: 50 },
    });

    await rec('experiments-search', { method: 'GET', path: `${API}experiments/search`, query: { max_results: 1 } });
    await rec('registered-models-search', { method: 'GET', path: `${API}registered-models/search` });
    await rec('model-versions-search', {
      method: 'GET',
      path: `${API}model-versions/search`,
      query: { filter: `run_id='${runId(seed.model_run_2x)}'` },
    });

    await rec('runs-get-missing', {
      method: 'GET',
      path: `${API}runs/get`,
      query: { run_id: '0123456789abcdef0123456789abcdef' },
    });
    await rec('registered-models-create-duplicate', {
      method: 'POST',
      path: `${API}registered-models/create`,
      body: { name: seed.registered_model.name },
    });

    if (seed.model_run_3x) {
      await rec('logged-models-search', {
        method: 'POST',
        path: `${API}logged-models/search`,
        body: { experiment_ids: [churn], filter: `source_run_id = '${runId(seed.model_run_3x)}'`, max_results: 50 },
      });
    }
  } finally {
    await server.stop();
  }
  console.log(
    `${version}: ${written.length} fixtures in ${join('tests', 'unit', 'fixtures', version)} ` +
      `(server start ${server.startMs} ms, seed ${server.seedMs} ms, total ${Date.now() - t0} ms)`,
  );
}

const versions = process.argv.slice(2).length ? process.argv.slice(2) : [...new Set(Object.values(MLFLOW_VERSIONS))];
for (const v of versions) await recordVersion(v);
