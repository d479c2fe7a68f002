// Type declarations for mlflow-server.mjs (so strict TS tests type-check without allowJs). Keep in sync.

export declare const MLFLOW_VERSIONS: { latest: string; v2: string; v3_6: string; supported: { oldest: string; newest: string }; compat: string[] };

/** `a` compared with `b` as release numbers ("3.10.1" > "3.6.0"): negative, 0 or positive. */
export declare function compareVersions(a: string, b: string): number;

/** Server flags that only some MLflow versions know (`--allowed-hosts` from 3.5), for `hosts` and `origins`. */
export declare function versionFlags(version: string, opts: { allowedHosts?: string[] }): string[];

/** Admin of basic-auth servers (3.x refuses the legacy `password1234`, so both versions use this one). */
export declare const ADMIN_USER: 'admin';
export declare const ADMIN_PASSWORD: string;

export interface SeedRun {
  run_id: string;
  experiment_id: string;
  status: 'RUNNING' | 'FINISHED' | 'FAILED' | 'KILLED' | 'SCHEDULED';
}

export interface SeedInfo {
  mlflow_version: string;
  experiments: { churn: { id: string; name: string }; sales: { id: string; name: string } };
  /** keyed by run name */
  runs: Record<string, SeedRun>;
  normal_run: string;
  overfitting_run: string;
  healthy_run: string;
  running_run: string;
  nan_run: string;
  long_run: string;
  model_run_2x: string;
  /** null on 2.x */
  model_run_3x: string | null;
  /** A second 2.x-way model, in the Sales experiment. */
  model_run_2x_other: string;
  /** `m-…` on 3.x, null on 2.x */
  logged_model_id: string | null;
  registered_model: { name: string; version: string; source: string; run: string };
}

export interface StartOptions {
  version: string;
  /** default: a free port (bind 0 on 127.0.0.1) */
  port?: number;
  /** e.g. '/mlflow' (must start with '/', must not end with '/') */
  staticPrefix?: string;
  basicAuth?: boolean;
  /** default true */
  seed?: boolean;
  /** default false: server + seed output is echoed to stderr */
  quiet?: boolean;
  /** extra `mlflow server` CLI args, e.g. ['--cors-allowed-origins', '*'] */
  extraArgs?: string[];
  /** extra env for the server process */
  env?: Record<string, string>;
  /** default 90 000 */
  healthTimeoutMs?: number;
  /** 'default': MLflow's own number of workers (4), not the tests' single worker on 3.x */
  workers?: 'default';
}

export interface MlflowServer {
  /** UI/ajax base, always ends with '/': http://127.0.0.1:PORT/ or http://127.0.0.1:PORT/mlflow/ */
  url: string;
  /** base for `api/2.0/...` (Python-client) routes; 2.x never prefixes them, so with a prefix this is the origin + '/' */
  apiUrl: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  version: string;
  venv: string;
  dataDir: string;
  seed: SeedInfo | null;
  /** admin credentials when basicAuth, else null */
  auth: { username: string; password: string } | null;
  /** ms from spawn to healthy */
  startMs: number;
  /** ms spent in seed.py (0 when seed: false) */
  seedMs: number;
  stop(): Promise<void>;
}

export declare function ensureVenv(version: string): Promise<string>;
export declare function freePort(): Promise<number>;
export declare function startMlflow(opts: StartOptions): Promise<MlflowServer>;
/** Create a user (default permission READ) on a basic-auth server, as admin. 3.x requires passwords of >= 12 chars. */
export declare function createUser(serverUrl: string, username: string, password: string): Promise<any>;
export function assertPortFree(port: number): Promise<void>;
