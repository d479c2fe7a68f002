// Real-MLflow test harness: start a throwaway MLflow server (2.x or 3.x) from a cached venv, optionally
// seeded with deterministic demo data (tests/support/seed.py). Plain ESM + JSDoc so Node scripts and
// Playwright TS tests can both import it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** @type {{ latest: string, v2: string, v3_6: string, supported: { oldest: string, newest: string }, compat: string[] }} */
export const MLFLOW_VERSIONS = JSON.parse(readFileSync(join(HERE, 'versions.json'), 'utf8'));

/**
 * `a` compared with `b` as release numbers ("3.10.1" > "3.6.0"): negative, 0 or positive.
 * @param {string} a @param {string} b
 */
export function compareVersions(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Server flags that only some MLflow versions know: `--allowed-hosts` arrived in 3.5 (with the Host-header
 * check it relaxes); 3.1 refuses to start with it, and 2.x never checks the Host header.
 * @param {string} version @param {{ allowedHosts?: string[] }} opts
 */
export function versionFlags(version, { allowedHosts = [] }) {
  return allowedHosts.length && compareVersions(version, '3.5.0') >= 0 ? ['--allowed-hosts', allowedHosts.join(',')] : [];
}

/**
 * Admin credentials of basic-auth servers started here. MLflow >= 3.x refuses the old default
 * `password1234` (and requires >= 12 characters), so both versions get this one via the auth ini.
 */
export const ADMIN_USER = 'admin';
export const ADMIN_PASSWORD = 'lens-admin-password-1234';

/**
 * @typedef {{ run_id: string, experiment_id: string, status: string }} SeedRun
 * @typedef {{
 *   mlflow_version: string,
 *   experiments: { churn: { id: string, name: string }, sales: { id: string, name: string } },
 *   runs: Record<string, SeedRun>,
 *   normal_run: string,
 *   overfitting_run: string,
 *   healthy_run: string,
 *   running_run: string,
 *   nan_run: string,
 *   long_run: string,
 *   model_run_2x: string,
 *   model_run_3x: string | null,
 *   logged_model_id: string | null,
 *   registered_model: { name: string, version: string, source: string, run: string },
 * }} SeedInfo
 *
 * @typedef {{
 *   version: string,
 *   port?: number,
 *   staticPrefix?: string,
 *   basicAuth?: boolean,
 *   seed?: boolean,
 *   quiet?: boolean,
 *   extraArgs?: string[],
 *   env?: Record<string, string>,
 *   healthTimeoutMs?: number,
 * }} StartOptions
 *
 * @typedef {{
 *   url: string,
 *   apiUrl: string,
 *   origin: string,
 *   port: number,
 *   version: string,
 *   venv: string,
 *   dataDir: string,
 *   seed: SeedInfo | null,
 *   auth: { username: string, password: string } | null,
 *   startMs: number,
 *   seedMs: number,
 *   stop: () => Promise<void>,
 * }} MlflowServer
 */

/** @type {Map<number, { pid: number, dataDir: string }>} */
const live = new Map();
let cleanupInstalled = false;

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

function cleanupAllSync() {
  for (const { pid, dataDir } of live.values()) {
    killGroup(pid, 'SIGKILL');
    try {
      rmSync(dataDir, { recursive: true, force: true });
    } catch {
      /* best effort */
    }
  }
  live.clear();
}

function installCleanup() {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', cleanupAllSync);
  for (const [sig, code] of /** @type {const} */ ([['SIGINT', 130], ['SIGTERM', 143]])) {
    const handler = () => {
      cleanupAllSync();
      // Only take over the default "terminate" behaviour when nobody else (e.g. a test runner) handles it.
      if (process.listenerCount(sig) <= 1) process.exit(code);
    };
    process.on(sig, handler);
  }
}

/**
 * Ensure the cached venv for `version` exists (tests/support/mlflow-venv.sh) and return its path.
 * @param {string} version
 * @returns {Promise<string>}
 */
export function ensureVenv(version) {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(HERE, 'mlflow-venv.sh'), version], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const venv = out.trim().split('\n').pop() ?? '';
      if (code === 0 && venv) resolve(venv);
      else reject(new Error(`mlflow-venv.sh ${version} failed with exit code ${code}`));
    });
  });
}

/** @returns {Promise<number>} a currently free TCP port on 127.0.0.1 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Rejects when something already listens on `port`: its /health would pass for ours, and the seed
 * would then write demo data into somebody else's MLflow.
 * @param {number} port
 */
export function assertPortFree(port) {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => reject(new Error(`port ${port} is already in use (another MLflow?): stop what runs there, or choose another port`)));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(undefined)));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Common env for server and seeding: no telemetry, no stray proxies for loopback. */
function baseEnv(extra = {}) {
  return {
    ...process.env,
    MLFLOW_DISABLE_TELEMETRY: 'true',
    DO_NOT_TRACK: 'true',
    PYTHONUNBUFFERED: '1',
    NO_PROXY: [process.env.NO_PROXY, '127.0.0.1', 'localhost'].filter(Boolean).join(','),
    no_proxy: [process.env.no_proxy, '127.0.0.1', 'localhost'].filter(Boolean).join(','),
    ...extra,
  };
}

/**
 * Start an MLflow server on 127.0.0.1 with a fresh SQLite DB + artifact store in a temp dir.
 * @param {StartOptions} opts
 * @returns {Promise<MlflowServer>}
 */
export async function startMlflow(opts) {
  const { version, staticPrefix, basicAuth = false, seed = true, quiet = false } = opts;
  if (!version) throw new Error('startMlflow: version is required');
  if (staticPrefix && (!staticPrefix.startsWith('/') || staticPrefix.endsWith('/'))) {
    throw new Error(`startMlflow: staticPrefix must start with "/" and not end with "/": ${staticPrefix}`);
  }
  const venv = await ensureVenv(version);
  if (opts.port) await assertPortFree(opts.port);
  const port = opts.port ?? (await freePort());
  const major = Number(version.split('.')[0]);
  const dataDir = mkdtempSync(join(tmpdir(), `lens-mlflow-${version}-`));
  const origin = `http://127.0.0.1:${port}`;
  const url = `${origin}${staticPrefix ?? ''}/`;
  const tag = `[mlflow ${version}:${port}]`;

  const args = [
    'server',
    '--backend-store-uri', `sqlite:///${join(dataDir, 'mlflow.db')}`,
    // Proxied artifact serving: artifact URIs are mlflow-artifacts:/<exp>/<run>/artifacts, the client
    // uploads through the server; works for runs:/ and models:/ registration sources on 2.x and 3.x.
    '--artifacts-destination', join(dataDir, 'artifacts'),
    '--host', '127.0.0.1',
    '--port', String(port),
  ];
  // 3.x: one uvicorn worker is plenty. 2.x with basic auth: each gunicorn worker runs the auth DB's
  // alembic migration at boot; two racing on a fresh SQLite file make one fail ("table already
  // exists"), and a worker that fails to boot halts the whole server (seen in CI as "offline").
  // `workers: 'default'` keeps MLflow's own default (4): the benchmarks measure MLflow as it is deployed.
  if (opts.workers !== 'default' && (major >= 3 || basicAuth)) args.push('--workers', '1');
  if (staticPrefix) args.push('--static-prefix', staticPrefix);
  /** @type {Record<string, string>} */
  const env = { MLFLOW_FLASK_SERVER_SECRET_KEY: `lens-test-secret-${port}` };
  if (basicAuth) {
    args.push('--app-name', 'basic-auth');
    const ini = join(dataDir, 'basic_auth.ini');
    writeFileSync(
      ini,
      [
        '[mlflow]',
        'default_permission = READ',
        `database_uri = sqlite:///${join(dataDir, 'basic_auth.db')}`,
        `admin_username = ${ADMIN_USER}`,
        `admin_password = ${ADMIN_PASSWORD}`,
        'authorization_function = mlflow.server.auth:authenticate_request_basic_auth',
        // 3.x: cache credential checks (PBKDF2 per request makes seeding ~3x slower). Ignored by 2.x.
        'auth_cache_ttl_seconds = 3600',
        '',
      ].join('\n'),
    );
    env.MLFLOW_AUTH_CONFIG_PATH = ini;
  }
  args.push(...(opts.extraArgs ?? []));

  const t0 = Date.now();
  const child = spawn(join(venv, 'bin', 'mlflow'), args, {
    cwd: dataDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: baseEnv({ ...env, ...(opts.env ?? {}) }),
  });
  if (child.pid === undefined) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${tag} failed to spawn ${join(venv, 'bin', 'mlflow')}`);
  }
  const pid = child.pid;
  live.set(pid, { pid, dataDir });
  installCleanup();

  /** @type {string[]} */
  const lastLines = [];
  /** @type {string | null} a fatal startup error seen in the output (3.x keeps running after uvicorn fails to bind) */
  let fatal = null;
  const onOutput = (/** @type {Buffer} */ d) => {
    const text = d.toString();
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      lastLines.push(line);
      if (!fatal && /address already in use|Connection in use/i.test(line)) fatal = line;
      if (lastLines.length > 40) lastLines.shift();
      if (!quiet) process.stderr.write(`${tag} ${line}\n`);
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  /** @type {{ code: number | null, signal: string | null } | null} */
  let exited = null;
  const exitPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      live.delete(pid);
      resolve(undefined);
    }),
  );

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      // Throwaway data: a short grace period is enough (3.x's uvicorn + job runner take ~4 s to exit cleanly).
      killGroup(pid, 'SIGTERM');
      const done = await Promise.race([exitPromise.then(() => true), sleep(2_000).then(() => false)]);
      if (!done) killGroup(pid, 'SIGKILL');
      await Promise.race([exitPromise, sleep(2_000)]);
    }
    // uvicorn/gunicorn workers share the process group: make sure none survive the parent.
    killGroup(pid, 'SIGKILL');
    live.delete(pid);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth({ url, origin, timeoutMs: opts.healthTimeoutMs ?? 90_000, isExited: () => exited, getFatal: () => fatal, lastLines, tag });
    const startMs = Date.now() - t0;
    if (!quiet) process.stderr.write(`${tag} healthy after ${startMs} ms at ${url}\n`);
    const apiUrl = await findApiBase(url, origin, basicAuth);
    let seedInfo = null;
    let seedMs = 0;
    if (seed) {
      const t1 = Date.now();
      seedInfo = await runSeed({ venv, url: apiUrl, basicAuth, quiet, tag });
      seedMs = Date.now() - t1;
      if (!quiet) process.stderr.write(`${tag} seeded in ${seedMs} ms\n`);
    }
    return {
      url,
      apiUrl,
      origin,
      port,
      version,
      venv,
      dataDir,
      seed: seedInfo,
      auth: basicAuth ? { username: ADMIN_USER, password: ADMIN_PASSWORD } : null,
      startMs,
      seedMs,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** @param {boolean} basicAuth */
function adminHeaders(basicAuth = true) {
  /** @type {Record<string, string>} */
  const h = { 'Content-Type': 'application/json' };
  if (basicAuth) h.Authorization = `Basic ${Buffer.from(`${ADMIN_USER}:${ADMIN_PASSWORD}`).toString('base64')}`;
  return h;
}

/**
 * Base URL (ending in '/') under which `api/2.0/...` (the Python client's REST paths) lives.
 * MLflow 2.x only prefixes `ajax-api/` routes with --static-prefix, never `api/`; 3.x prefixes both.
 * @param {string} url @param {string} origin @param {boolean} basicAuth
 */
async function findApiBase(url, origin, basicAuth) {
  if (url === `${origin}/`) return url;
  const res = await fetch(`${url}api/2.0/mlflow/experiments/search?max_results=1`, { headers: adminHeaders(basicAuth) });
  return res.status === 404 ? `${origin}/` : url;
}

/**
 * Poll GET /health until 200. 2.x serves it unprefixed; 3.x serves it under --static-prefix.
 * @param {{ url: string, origin: string, timeoutMs: number, isExited: () => any, getFatal: () => string | null, lastLines: string[], tag: string }} o
 */
async function waitForHealth({ url, origin, timeoutMs, isExited, getFatal, lastLines, tag }) {
  const candidates = [...new Set([`${url}health`, `${origin}/health`])];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ex = isExited();
    if (ex) {
      throw new Error(
        `${tag} server exited (code ${ex.code}, signal ${ex.signal}) before becoming healthy:\n${lastLines.join('\n')}`,
      );
    }
    if (getFatal()) throw new Error(`${tag} server failed to start (${getFatal()}):\n${lastLines.join('\n')}`);
    for (const u of candidates) {
      try {
        const res = await fetch(u, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) return;
      } catch {
        /* not up yet */
      }
    }
    await sleep(250);
  }
  throw new Error(`${tag} /health not OK after ${timeoutMs} ms:\n${lastLines.join('\n')}`);
}

/**
 * Run tests/support/seed.py with the venv's python against the server; parse its SEED_JSON line.
 * @param {{ venv: string, url: string, basicAuth: boolean, quiet: boolean, tag: string }} o
 * @returns {Promise<SeedInfo>}
 */
function runSeed({ venv, url, basicAuth, quiet, tag }) {
  /** @type {Record<string, string>} */
  const env = { MLFLOW_TRACKING_URI: url.replace(/\/$/, '') };
  if (basicAuth) {
    env.MLFLOW_TRACKING_USERNAME = ADMIN_USER;
    env.MLFLOW_TRACKING_PASSWORD = ADMIN_PASSWORD;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(join(venv, 'bin', 'python'), [join(HERE, 'seed.py')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: baseEnv(env),
    });
    let out = '';
    /** @type {string[]} */
    const errLines = [];
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => {
      for (const line of d.toString().split('\n')) {
        if (!line.trim()) continue;
        errLines.push(line);
        if (errLines.length > 60) errLines.shift();
        if (!quiet) process.stderr.write(`${tag} ${line}\n`);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').reverse().find((l) => l.startsWith('SEED_JSON '));
      if (code === 0 && line) {
        try {
          resolve(JSON.parse(line.slice('SEED_JSON '.length)));
        } catch (e) {
          reject(new Error(`${tag} could not parse seed JSON: ${e}\n${line}`));
        }
      } else {
        reject(new Error(`${tag} seed.py failed (exit ${code}):\n${errLines.join('\n')}\n${out}`));
      }
    });
  });
}

/**
 * Create a user on a basic-auth server (as admin). New users get the default permission (READ).
 * @param {string} serverUrl  the `url` returned by startMlflow (ends with '/')
 * @param {string} username
 * @param {string} password   MLflow 3.x requires >= 12 characters
 * @returns {Promise<any>} the parsed `{ user: {...} }` response
 */
export async function createUser(serverUrl, username, password) {
  const base = serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`;
  const post = (/** @type {string} */ b) =>
    fetch(`${b}api/2.0/mlflow/users/create`, {
      method: 'POST',
      headers: adminHeaders(true),
      body: JSON.stringify({ username, password }),
    });
  let res = await post(base);
  // 2.x never prefixes `api/` routes (see findApiBase): retry at the origin.
  if (res.status === 404) res = await post(`${new URL(base).origin}/`);
  const text = await res.text();
  if (!res.ok) throw new Error(`createUser(${username}) failed: HTTP ${res.status} ${text}`);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
