#!/usr/bin/env node
// Record the corpus of REAL framework runs: each framework's own MLflow integration logs small, seeded models
// into a throwaway MLflow server, and every run is written, as the server returned it over REST, to
// tests/unit/fixtures/frameworks/<framework>/<run-name>.json.
//
//   node tests/support/frameworks/record.mjs [--only xgboost,lightgbm,...] [--plots DIR]
//   (npm run record:frameworks)
//
// Heavy: builds (once, cached outside the repo) a venv with torch + mlflow + the frameworks pinned in
// requirements.txt beside this file. Not part of `npm test`: the fixtures are committed.
//
// Each fixture: { framework, integration, script, recorded: { mlflow, <framework pkgs>, python, date },
//   expected (from expected.json beside this file: what a person reads off the curves),
//   run: <raw GET api/2.0/mlflow/runs/get>, histories: { <key>: <raw GET api/2.0/mlflow/metrics/get-history> } }
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMlflow } from '../mlflow-server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..', '..');
const OUT = join(ROOT, 'tests', 'unit', 'fixtures', 'frameworks');
const MLFLOW_VERSION = '3.17.2';
const TORCH = 'torch==2.13.0';

/** Script per framework, and the packages whose versions its fixtures record. */
const FRAMEWORKS = {
  xgboost: { script: 'xgboost_runs.py', packages: ['xgboost', 'scikit-learn'] },
  lightgbm: { script: 'lightgbm_runs.py', packages: ['lightgbm', 'scikit-learn'] },
  catboost: { script: 'catboost_runs.py', packages: ['catboost', 'scikit-learn'] },
  lightning: { script: 'lightning_runs.py', packages: ['lightning', 'torch', 'scikit-learn'] },
  transformers: { script: 'transformers_runs.py', packages: ['transformers', 'accelerate', 'torch', 'scikit-learn'] },
  keras: { script: 'keras_runs.py', packages: ['keras', 'torch', 'scikit-learn'] },
};

function parseArgs(argv) {
  /** @type {{ only: string[], plots: string | null }} */
  const opts = { only: Object.keys(FRAMEWORKS), plots: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') opts.only = argv[++i].split(',').map((s) => s.trim()).filter(Boolean);
    else if (argv[i] === '--plots') opts.plots = argv[++i];
    else throw new Error(`unknown argument ${argv[i]} (usage: record.mjs [--only a,b] [--plots DIR])`);
  }
  for (const f of opts.only) if (!(f in FRAMEWORKS)) throw new Error(`unknown framework ${f}`);
  return opts;
}

/** @param {string} cmd @param {string[]} args @param {import('node:child_process').SpawnSyncOptions} [o] */
function run(cmd, args, o = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...o });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
  return r;
}

/**
 * Run a training script WITHOUT blocking the event loop: the MLflow server's stdout/stderr pipes are read by
 * this process, and a server whose pipe is not drained blocks on its next log line (so would every request).
 * @param {string} cmd @param {string[]} args @param {import('node:child_process').SpawnOptions} o
 */
function runAsync(cmd, args, o) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...o });
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0 ? resolve(undefined) : reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code ?? signal})`)),
    );
  });
}

/** The cached frameworks venv, keyed by the install recipe (torch pin + requirements.txt). */
function ensureFrameworksVenv() {
  const reqs = join(HERE, 'requirements.txt');
  const recipe = createHash('sha256').update(`${TORCH}\n${readFileSync(reqs, 'utf8')}`).digest('hex').slice(0, 10);
  const root = process.env.LENS_MLFLOW_CACHE ?? join(homedir(), '.cache', 'lens-for-mlflow');
  const venv = join(root, `frameworks-${recipe}`);
  const ready = join(venv, '.ready');
  if (existsSync(ready) && readFileSync(ready, 'utf8').trim() === recipe) return venv;
  process.stderr.write(`[frameworks] building ${venv} (torch, mlflow ${MLFLOW_VERSION}, frameworks; a few minutes)\n`);
  rmSync(venv, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  run('python3', ['-m', 'venv', venv]);
  const pip = [join(venv, 'bin', 'python'), '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check'];
  // torch first, alone: the CPU wheel on this machine's disk; installed later, another package could pull a CUDA build.
  run(pip[0], [...pip.slice(1), TORCH]);
  run(pip[0], [...pip.slice(1), TORCH, '-r', reqs]);
  writeFileSync(ready, `${recipe}\n`);
  return venv;
}

/** @param {string} venv @param {string[]} packages */
function versions(venv, packages) {
  const code = `import json, sys
from importlib.metadata import version
print(json.dumps({"pkgs": {p: version(p) for p in sys.argv[1:]}, "python": sys.version.split()[0]}))`;
  const r = spawnSync(join(venv, 'bin', 'python'), ['-c', code, 'mlflow', ...packages], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`version probe failed: ${r.stderr}`);
  return /** @type {{ pkgs: Record<string, string>, python: string }} */ (JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}'));
}

/** GET a REST path; returns the parsed body exactly as the server sent it (no reshaping). */
async function getJson(apiUrl, path, query) {
  const url = new URL(path, apiUrl);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  /** @type {Response | undefined} */
  let res;
  for (let attempt = 1; ; attempt++) {
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      break;
    } catch (err) {
      if (attempt >= 4) throw new Error(`GET ${url} failed: ${/** @type {any} */ (err)?.cause ?? err}`);
      await new Promise((r) => setTimeout(r, 1_000 * attempt));
    }
  }
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url} -> HTTP ${res.status}: ${text.slice(0, 300)}`);
  // A bare NaN/Infinity token would not parse: such a run has to be trained so that it logs finite values.
  return JSON.parse(text);
}

/** Raw min (or max, for a maximised metric) of a recorded history: [step, value]. */
function rawBest(history, maximise) {
  let best = null;
  for (const m of history.metrics ?? []) {
    if (best === null || (maximise ? m.value > best.value : m.value < best.value)) best = m;
  }
  return best;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const venv = ensureFrameworksVenv();
  const expectedAll = JSON.parse(readFileSync(join(HERE, 'expected.json'), 'utf8'));
  const work = mkdtempSync(join(tmpdir(), 'lens-frameworks-'));
  const manifest = join(work, 'manifest.jsonl');
  const server = await startMlflow({ version: MLFLOW_VERSION, seed: false, quiet: true });
  const apiUrl = server.apiUrl;
  const date = new Date().toISOString().slice(0, 10);
  /** @type {string[]} */
  const problems = [];
  let written = 0;
  try {
    for (const fw of opts.only) {
      const { script, packages } = FRAMEWORKS[/** @type {keyof typeof FRAMEWORKS} */ (fw)];
      const t1 = Date.now();
      process.stderr.write(`[frameworks] ${fw}: python ${script}\n`);
      await runAsync(join(venv, 'bin', 'python'), [join(HERE, script)], {
        cwd: HERE,
        env: {
          ...process.env,
          MLFLOW_TRACKING_URI: apiUrl.replace(/\/$/, ''),
          LENS_FW_MANIFEST: manifest,
          MLFLOW_DISABLE_TELEMETRY: 'true',
          DO_NOT_TRACK: 'true',
          KERAS_BACKEND: 'torch',
          HF_HUB_OFFLINE: '1',
          TRANSFORMERS_OFFLINE: '1',
          HF_HUB_DISABLE_TELEMETRY: '1',
          TOKENIZERS_PARALLELISM: 'false',
          PYTHONHASHSEED: '0',
          OMP_NUM_THREADS: '1',
          MKL_NUM_THREADS: '1',
          CUDA_VISIBLE_DEVICES: '',
          PYTHONUNBUFFERED: '1',
          NO_PROXY: '127.0.0.1,localhost',
          no_proxy: '127.0.0.1,localhost',
        },
      });
      process.stderr.write(`[frameworks] ${fw}: trained in ${((Date.now() - t1) / 1000).toFixed(0)} s\n`);
      const { pkgs, python } = versions(venv, packages);
      const entries = readFileSync(manifest, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
        .filter((e) => e.framework === fw);
      const dir = join(OUT, fw);
      // This framework's fixtures are re-made whole: a renamed run leaves no stale file behind.
      if (existsSync(dir)) for (const f of readdirSync(dir)) if (f.endsWith('.json')) rmSync(join(dir, f));
      mkdirSync(dir, { recursive: true });
      for (const e of entries) {
        const runJson = await getJson(apiUrl, 'api/2.0/mlflow/runs/get', { run_id: e.run_id });
        const keys = [...new Set((runJson.run?.data?.metrics ?? []).map((/** @type {any} */ m) => m.key))].sort();
        /** @type {Record<string, unknown>} */
        const histories = {};
        for (const key of keys) {
          const h = await getJson(apiUrl, 'api/2.0/mlflow/metrics/get-history', { run_id: e.run_id, metric_key: key });
          if (h.next_page_token) problems.push(`${fw}/${e.run_name}: ${key} has more than one page: train fewer steps`);
          histories[key] = h;
        }
        const expected = expectedAll[fw]?.[e.run_name] ?? null;
        if (!expected) problems.push(`${fw}/${e.run_name}: no entry in expected.json (plot it and write one)`);
        else {
          const vh = /** @type {any} */ (histories[expected.validation]);
          if (expected.validation !== null && !vh) problems.push(`${fw}/${e.run_name}: validation key ${expected.validation} not logged`);
          if (expected.train !== null && !histories[expected.train]) problems.push(`${fw}/${e.run_name}: train key ${expected.train} not logged`);
          if (vh) {
            const best = rawBest(vh, !!expected.maximise);
            if (best && best.step !== expected.bestStep) {
              problems.push(`${fw}/${e.run_name}: raw best of ${expected.validation} is at step ${best.step} (${best.value}), expected.json says ${expected.bestStep}: the curve changed, look again`);
            }
          }
        }
        const fixture = {
          framework: fw,
          integration: e.integration,
          script: e.script,
          recorded: { mlflow: pkgs.mlflow, ...Object.fromEntries(packages.map((p) => [p, pkgs[p]])), python, date },
          expected,
          run: runJson,
          histories,
        };
        writeFileSync(join(dir, `${e.run_name}.json`), `${JSON.stringify(fixture, null, 1)}\n`);
        written++;
      }
      process.stderr.write(`[frameworks] ${fw}: ${entries.length} runs recorded\n`);
    }
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
  if (opts.plots) {
    run(join(venv, 'bin', 'python'), [join(HERE, 'plot_fixtures.py'), OUT, opts.plots, ...opts.only]);
  }
  process.stderr.write(`[frameworks] wrote ${written} fixtures in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  if (problems.length) {
    process.stderr.write(`[frameworks] ${problems.length} problem(s):\n  ${problems.join('\n  ')}\n`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
