#!/usr/bin/env node
// Record the real MLflow responses the register unit tests read (lib/register), per version in versions.json,
// into tests/unit/fixtures/<version>/register-*.json. Same file format as record-fixtures.mjs:
// { "request": { method, path, query? | body? }, "status": N, "body": <parsed JSON or raw text> }.
//   node tests/support/record-register-fixtures.mjs [<version> ...]
// register-seed.json holds the seed info of the server these were recorded from (ids differ from seed.json).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MLFLOW_VERSIONS, startMlflow } from './mlflow-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'tests', 'unit', 'fixtures');
const API = 'ajax-api/2.0/mlflow/';

/** @typedef {{ method: 'GET' | 'POST', path: string, query?: Record<string, string | number>, body?: unknown }} Req */

/** @param {string} baseUrl @param {Req} req */
async function call(baseUrl, req) {
  const url = new URL(req.path, baseUrl);
  for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.append(k, String(v));
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
    /* plain text (the version endpoint) or HTML */
  }
  return { request: req, status: res.status, body };
}

/** @param {string} version */
async function recordVersion(version) {
  const server = await startMlflow({ version, quiet: true });
  const seed = /** @type {NonNullable<typeof server.seed>} */ (server.seed);
  const outDir = join(FIXTURES, version);
  mkdirSync(outDir, { recursive: true });
  const runId = (/** @type {string} */ name) => /** @type {{ run_id: string }} */ (seed.runs[name]).run_id;
  const churn = seed.experiments.churn.id;
  /** @type {string[]} */
  const written = [];
  const save = (/** @type {string} */ name, /** @type {unknown} */ data) => {
    writeFileSync(join(outDir, `register-${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
    written.push(name);
  };
  const rec = async (/** @type {string} */ name, /** @type {Req} */ req) => {
    const r = await call(server.url, req);
    if (r.status !== 200) throw new Error(`${version} ${name}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    save(name, r);
    return /** @type {any} */ (r.body);
  };
  const is3 = Number(version.split('.')[0]) >= 3;

  try {
    save('seed', seed);
    await rec('version', { method: 'GET', path: 'version' });
    await rec('experiments-get', { method: 'GET', path: `${API}experiments/get`, query: { experiment_id: churn } });
    const run2x = await rec('runs-get-2x-model', { method: 'GET', path: `${API}runs/get`, query: { run_id: runId(seed.model_run_2x) } });
    if (seed.model_run_3x) {
      await rec('runs-get-3x-model', { method: 'GET', path: `${API}runs/get`, query: { run_id: runId(seed.model_run_3x) } });
      await rec('logged-models-search', {
        method: 'POST',
        path: `${API}logged-models/search`,
        body: { experiment_ids: [churn], filter: `source_run_id = '${runId(seed.model_run_3x)}'`, max_results: 100 },
      });
    }
    const runIds = Object.values(seed.runs)
      .filter((r) => r.experiment_id === churn)
      .map((r) => `'${r.run_id}'`);
    await rec('model-versions-search-experiment', {
      method: 'GET',
      path: `${API}model-versions/search`,
      query: { filter: `run_id IN (${runIds.join(',')})`, max_results: 1000 },
    });

    // Register the 2.x-way model of crawling-mole-592 with the source the server's own UI sends, and on 3.x the
    // logged model too: the versions as the server stores them (findExistingVersion reads these).
    const artifactUri = run2x.run.info.artifact_uri;
    await rec('registered-models-create', { method: 'POST', path: `${API}registered-models/create`, body: { name: 'LensFixture' } });
    await rec('model-versions-create-run-artifact', {
      method: 'POST',
      path: `${API}model-versions/create`,
      body: {
        name: 'LensFixture',
        source: is3 ? `runs:/${runId(seed.model_run_2x)}/model` : `${artifactUri}/model`,
        run_id: runId(seed.model_run_2x),
      },
    });
    if (seed.logged_model_id && seed.model_run_3x) {
      await rec('model-versions-create-logged-model', {
        method: 'POST',
        path: `${API}model-versions/create`,
        body: {
          name: 'LensFixture',
          source: `models:/${seed.logged_model_id}`,
          model_id: seed.logged_model_id,
          run_id: runId(seed.model_run_3x),
        },
      });
    }
    await rec('model-versions-search-run-2x-model', {
      method: 'GET',
      path: `${API}model-versions/search`,
      query: { filter: `run_id='${runId(seed.model_run_2x)}'`, max_results: 1000 },
    });
    if (seed.model_run_3x) {
      await rec('model-versions-search-run-3x-model', {
        method: 'GET',
        path: `${API}model-versions/search`,
        query: { filter: `run_id='${runId(seed.model_run_3x)}'`, max_results: 1000 },
      });
    }
  } finally {
    await server.stop();
  }
  console.log(`${version}: ${written.length} register fixtures in ${join('tests', 'unit', 'fixtures', version)}`);
}

const versions = process.argv.slice(2).length ? process.argv.slice(2) : [MLFLOW_VERSIONS.latest, MLFLOW_VERSIONS.v2];
for (const v of versions) await recordVersion(v);
