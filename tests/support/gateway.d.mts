// Type declarations for gateway.mjs (so strict TS tests type-check without allowJs). Keep in sync.

/** Lens's request timeout (lib/mlflow/http.ts). */
export declare const LENS_REQUEST_TIMEOUT_MS: number;
/** How long a `slow` fault holds its answer by default: past Lens's timeout. */
export declare const DEFAULT_SLOW_MS: number;
export declare const SNOWFLAKE_APP_DOMAIN: 'snowflakecomputing.app';

/**
 * - `401`, `403`: plain-text bodies, as an ingress or auth proxy sends them;
 * - `500`, `502`: HTML error pages;
 * - `slow`: answers (from MLflow) only after `slowMs`, past Lens's timeout;
 * - `truncated-json`: MLflow's real answer (the request really happens), cut off half way;
 * - `wrong-shape`: 200 with valid JSON that is not what the endpoint returns (an array);
 * - `drop`: the connection is destroyed without an answer;
 * - `login-redirect`: the 302 to the sign-in page an expired session gets (the session stays valid).
 */
export type FaultKind = 401 | 403 | 500 | 502 | 'slow' | 'truncated-json' | 'wrong-shape' | 'drop' | 'login-redirect';

export interface FaultRule {
  /** Any method when absent. */
  method?: string;
  /**
   * A string matches a path (without its query) equal to it or ending with `/<path>`, e.g.
   * `ajax-api/2.0/mlflow/runs/get` or `runs/get`. A RegExp is tested against the path with its query.
   */
  path: string | RegExp;
  kind: FaultKind;
  /** How many matching requests get it; default: all until `clearFaults()`. */
  times?: number;
}

export interface LoggedRequest {
  method: string;
  /** Path with query, as the browser sent it (including the prefix). */
  path: string;
  /** The status sent; 0 while pending, or when the connection was dropped or closed before an answer. */
  status: number;
  fault?: FaultKind;
  /** ms since epoch */
  at: number;
}

export interface GatewayOptions {
  /** The MLflow to front: its `url` (http://127.0.0.1:PORT/ or …/mlflow/). Its path is the gateway's prefix. */
  upstream: string;
  /** Endpoint id; the host is `<id>-<account>.snowflakecomputing.app`, the cookie `sfc-ss-ingress-auth-v1-<id>`. Default `lens-test`. */
  id?: string;
  /** Default `acct`; the sign-in page is at `login-<account>.snowflakecomputing.app`. */
  account?: string;
  /**
   * `translate` (default): the gateway's own Host, and its own Origin, are mapped to the upstream's, so a shared
   * MLflow needs no flags for it; foreign Origins pass as is and MLflow still refuses their writes.
   * `preserve`: forwarded untouched; a 3.x MLflow then needs `--allowed-hosts <host>:*` and
   * `--cors-allowed-origins <origin>`.
   */
  hostHeader?: 'translate' | 'preserve';
  /** How long a `slow` fault waits; default DEFAULT_SLOW_MS. */
  slowMs?: number;
  /** Default one hour. */
  sessionTtlMs?: number;
  /** Sent to MLflow as `Sf-Context-Current-User`. Default `LENS_TEST_USER`. */
  user?: string;
}

export interface Gateway {
  /** The MLflow page URL through the gateway, with the prefix, ending in '/': https://lens-test-acct.snowflakecomputing.app:PORT/ */
  url: string;
  /** https://lens-test-acct.snowflakecomputing.app:PORT */
  origin: string;
  host: string;
  port: number;
  /** '' or e.g. '/mlflow' */
  prefix: string;
  /** The sign-in page, on another origin: https://login-acct.snowflakecomputing.app:PORT2/login */
  loginUrl: string;
  loginOrigin: string;
  /** `sfc-ss-ingress-auth-v1-<id>` */
  cookieName: string;
  /** Every request the gateway received (not the sign-in page's), in order; clear it with `requests.length = 0`. */
  requests: LoggedRequest[];
  /** For launchChromiumWithLens({ args }): map both host names to 127.0.0.1, accept the self-signed certificate. */
  chromiumArgs: string[];
  /** The self-signed certificate (PEM), for Node clients that want to verify it. */
  cert: string;
  /** Faults apply to signed-in requests, first matching rule first. */
  fault(rule: FaultRule): void;
  clearFaults(): void;
  /** Every session cookie handed out so far stops being valid (the browser keeps sending it). */
  expireSessions(): void;
  stop(): Promise<void>;
}

export declare function testCertificate(): Promise<{ key: string; cert: string }>;
export declare function startGateway(options: GatewayOptions): Promise<Gateway>;
