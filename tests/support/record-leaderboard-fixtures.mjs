#!/usr/bin/env node
// Record the MLflow answers the leaderboard's unit tests replay (issue #17), into
// tests/unit/fixtures/<version>/leaderboard-*.json, from a seeded server (tests/support/seed.py):
//   node tests/support/record-leaderboard-fixtures.mjs [<version> ...]        starts a throwaway server per version
//   LENS_RECORD_URL=http://127.0.0.1:5317/ node tests/support/record-leaderboard-fixtures.mjs 3.17.2
//                                                                            records from a running seeded server
// The recording registers a second version of "Churn" (from crawling-mole-592's model) and then points the
// `champion` alias at version 1: use a throwaway server. Same file format as record-fixtures.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MLFLOW_VERSIONS, startMlflow } from './mlflow-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'tests', 'unit', 'fixtures');
const API = 'ajax-api/2.0/mlflow/';
const EXPERIMENT = 'HM_Dataset/binary_classification/Churn';

async function call(baseUrl, req) {
  const url = new URL(req.path, baseUrl);
  for (const [k, v] of Object.entries(req.query ?? {})) {
    for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(item));
  }
  const res = await fetch(url, { method: req.method, headers: { 'Content-Type': 'application/json' }, body: req.body === undefined ? undefined : JSON.stringify(req.body) });
  const text = await res.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep raw text */
  }
  if (res.status >= 400) throw new Error(`${req.path}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return { request: req, status: res.status, body };
}

async function record(version, baseUrl) {
  const outDir = join(FIXTURES, version);
  mkdirSync(outDir, { recursive: true });
  const rec = async (name, req) => {
    const r = await call(baseUrl, req);
    // The 20,000-step run's samples (2,500 points) are written compactly: the same answer in two thirds of the bytes.
    writeFileSync(join(outDir, `leaderboard-${name}.json`), `${name.includes("-long") ? JSON.stringify(r) : JSON.stringify(r, null, 2)}\n`);
    return r.body;
  };
  const { experiment } = (await call(baseUrl, { method: 'GET', path: `${API}experiments/get-by-name`, query: { experiment_name: EXPERIMENT } })).body;
  // What the loader sends: every active run, newest first.
  const { runs } = await rec('runs-search', {
    method: 'POST',
    path: `${API}runs/search`,
    body: { experiment_ids: [experiment.experiment_id], order_by: ['attributes.start_time DESC'], max_results: 500, run_view_type: 'ACTIVE_ONLY' },
  });
  const lastStep = (run, key) => Number(run.data?.metrics?.find((m) => m.key === key)?.step ?? 0);
  // The primary pair (val_loss / train_loss) for every run: short histories share a call, the 20,000-step one alone.
  for (const key of ['val_loss', 'train_loss']) {
    const short = runs.filter((r) => lastStep(r, key) < 2500).map((r) => r.info.run_id);
    const long = runs.filter((r) => lastStep(r, key) >= 2500).map((r) => r.info.run_id);
    await rec(`bulk-${key}`, { method: 'GET', path: `${API}metrics/get-history-bulk-interval`, query: { run_ids: short, metric_key: key, max_results: 2500 } });
    for (const [i, id] of long.entries()) {
      await rec(`bulk-${key}-long${i || ''}`, { method: 'GET', path: `${API}metrics/get-history-bulk-interval`, query: { run_ids: [id], metric_key: key, max_results: 2500 } });
    }
  }
  const byName = Object.fromEntries(runs.map((r) => [r.info.run_name, r]));
  const ids = runs.map((r) => `'${r.info.run_id}'`).join(',');
  // A second version of Churn, from another run: the latest version is then not the champion's.
  const mole = byName['crawling-mole-592'];
  const source = version.startsWith('2.') ? `${mole.info.artifact_uri}/model` : `runs:/${mole.info.run_id}/model`;
  await call(baseUrl, { method: 'POST', path: `${API}model-versions/create`, body: { name: 'Churn', source, run_id: mole.info.run_id } });
  await rec('model-versions-search', { method: 'GET', path: `${API}model-versions/search`, query: { filter: `run_id IN (${ids})`, max_results: 1000 } });
  await rec('registered-models-get-latest', { method: 'GET', path: `${API}registered-models/get`, query: { name: 'Churn' } });
  await call(baseUrl, { method: 'POST', path: `${API}registered-models/alias`, body: { name: 'Churn', alias: 'champion', version: '1' } });
  await rec('registered-models-get-champion', { method: 'GET', path: `${API}registered-models/get`, query: { name: 'Churn' } });
  console.log(`recorded leaderboard fixtures of MLflow ${version} into ${outDir}`);
}

const versions = process.argv.slice(2).length ? process.argv.slice(2) : [MLFLOW_VERSIONS.latest, MLFLOW_VERSIONS.v2];
for (const version of versions) {
  if (process.env.LENS_RECORD_URL) {
    await record(version, process.env.LENS_RECORD_URL);
    continue;
  }
  const server = await startMlflow({ version, quiet: true });
  try {
    await record(version, server.url);
  } finally {
    await server.stop();
  }
}
