/**
 * The MLflow REST endpoints Lens uses, on top of MlflowHttp. `max_results` is always sent (several
 * endpoints misbehave without it), pages are followed up to a bound, and metric histories come back
 * columnar. Histories of finished runs are cached in memory: they cannot change any more.
 */
import { MlflowHttp, type HttpOptions, type RequestOptions } from './http';
import { abortedError, isMlflowError, unexpectedResponse, untilAborted, type MlflowError } from './errors';
import { toSeries, type MetricSeries } from './metrics';
import * as S from './schemas';

export const HISTORY_PAGE_SIZE = 25_000; // what MLflow's UI and Python client use
export const BULK_INTERVAL_MAX_RUNS = 100;
/**
 * History reads may take long: MLflow 2.x ignores paging and sends a 200,000-step history in one answer
 * (9 s on an idle 2.22.5 with SQLite, over 20 s under load; its bulk-interval sampling of it takes 5 s).
 */
export const HISTORY_TIMEOUT_MS = 90_000;
export const BULK_INTERVAL_MAX_POINTS = 2_500;
const MAX_PAGES = 50;
const TERMINAL_STATUSES = new Set(['FINISHED', 'FAILED', 'KILLED']);

export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

export interface SearchRunsParams {
  experimentIds: readonly string[];
  filter?: string;
  orderBy?: readonly string[];
  maxResults?: number;
  pageToken?: string;
  runViewType?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
}

export class MlflowClient {
  readonly http: MlflowHttp;
  private readonly historyCache = new LruCache<string, MetricSeries>(200);
  private readonly runsInFlight = new Map<string, Promise<S.Run>>();

  constructor(options: HttpOptions | MlflowHttp) {
    this.http = options instanceof MlflowHttp ? options : new MlflowHttp(options);
  }

  /**
   * Asks made while one for the same run is in flight share its request: the badge, register and the pin
   * all want the run as a run page opens. Nothing is kept once it is answered (a run changes as it runs).
   * One caller's abort cancels its own wait, not the request the others wait for.
   */
  getRun(runId: string, opts?: RequestOptions): Promise<S.Run> {
    if (opts?.signal?.aborted) return Promise.reject(abortedError('runs/get'));
    let shared = this.runsInFlight.get(runId);
    if (!shared) {
      const request = this.http.get('runs/get', { run_id: runId }, S.GetRunResponse, { timeoutMs: opts?.timeoutMs }).then((r) => r.run);
      shared = request;
      this.runsInFlight.set(runId, request);
      const forget = () => this.runsInFlight.get(runId) === request && this.runsInFlight.delete(runId);
      request.then(forget, forget);
    }
    return untilAborted(shared, opts?.signal, 'runs/get');
  }

  async searchRuns(params: SearchRunsParams, opts?: RequestOptions): Promise<Page<S.Run>> {
    const body = {
      experiment_ids: params.experimentIds,
      filter: params.filter,
      order_by: params.orderBy,
      max_results: params.maxResults ?? 100,
      page_token: params.pageToken,
      run_view_type: params.runViewType,
    };
    const res = await this.http.post('runs/search', body, S.SearchRunsResponse, opts);
    return { items: res.runs ?? [], nextPageToken: res.next_page_token };
  }

  /** Every matching run, following pages, up to `limit` runs. */
  async searchAllRuns(params: SearchRunsParams, limit = 1_000, opts?: RequestOptions): Promise<S.Run[]> {
    return collectPages((pageToken) => this.searchRuns({ ...params, pageToken }, opts), limit);
  }

  async getExperiment(experimentId: string, opts?: RequestOptions): Promise<S.Experiment> {
    return (await this.http.get('experiments/get', { experiment_id: experimentId }, S.GetExperimentResponse, opts)).experiment;
  }

  async searchExperiments(
    params: { filter?: string; orderBy?: readonly string[]; maxResults?: number; pageToken?: string } = {},
    opts?: RequestOptions,
  ): Promise<Page<S.Experiment>> {
    const res = await this.http.get(
      'experiments/search',
      {
        filter: params.filter,
        order_by: params.orderBy,
        max_results: params.maxResults ?? 100,
        page_token: params.pageToken,
      },
      S.SearchExperimentsResponse,
      opts,
    );
    return { items: res.experiments ?? [], nextPageToken: res.next_page_token };
  }

  /**
   * A metric's full history as typed arrays, following MLflow 3's pagination. Pass `finished` when the
   * run is known to be over (FINISHED/FAILED/KILLED) so the answer is cached for this page's life.
   */
  async getMetricHistory(
    runId: string,
    key: string,
    opts: RequestOptions & { finished?: boolean; pageSize?: number } = {},
  ): Promise<MetricSeries> {
    const cacheKey = `${runId}\u0000${key}`;
    const cached = this.historyCache.get(cacheKey);
    if (cached) return cached;
    const points: S.MetricPoint[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES * 10; page++) {
      const res = await this.http.get(
        'metrics/get-history',
        { run_id: runId, metric_key: key, max_results: opts.pageSize ?? HISTORY_PAGE_SIZE, page_token: pageToken },
        S.MetricHistoryResponse,
        { timeoutMs: HISTORY_TIMEOUT_MS, ...opts },
      );
      for (const m of res.metrics ?? []) points.push(m);
      // 2.x ignores paging; some 3.x releases return a token that never advances when a page is empty.
      if (!res.next_page_token || res.next_page_token === pageToken || !res.metrics?.length) break;
      pageToken = res.next_page_token;
    }
    const series = toSeries(key, points);
    if (opts.finished) this.historyCache.set(cacheKey, series);
    return series;
  }

  /**
   * Server-sampled histories of up to 100 runs in one call (`max_results` = points per run, ≤ 2,500),
   * as one columnar series per run id. Runs with no points for the key are absent from the map.
   */
  async getMetricHistoryBulkInterval(
    runIds: readonly string[],
    key: string,
    opts: RequestOptions & { maxResults?: number; startStep?: number; endStep?: number } = {},
  ): Promise<Map<string, MetricSeries>> {
    const out = new Map<string, MetricSeries>();
    for (const chunk of bulkIntervalChunks(runIds)) {
      const res = await this.http.get(
        'metrics/get-history-bulk-interval',
        {
          run_ids: chunk,
          metric_key: key,
          max_results: Math.min(opts.maxResults ?? 320, BULK_INTERVAL_MAX_POINTS),
          start_step: opts.startStep,
          end_step: opts.endStep,
        },
        S.BulkIntervalResponse,
        { timeoutMs: HISTORY_TIMEOUT_MS, ...opts },
      );
      const byRun = new Map<string, S.MetricPoint[]>();
      for (const m of res.metrics ?? []) {
        let list = byRun.get(m.run_id);
        if (!list) byRun.set(m.run_id, (list = []));
        list.push(m);
      }
      for (const [runId, points] of byRun) out.set(runId, toSeries(key, points));
    }
    return out;
  }

  async searchRegisteredModels(
    params: { filter?: string; maxResults?: number; pageToken?: string; orderBy?: readonly string[] } = {},
    opts?: RequestOptions,
  ): Promise<Page<S.RegisteredModel>> {
    const res = await this.http.get(
      'registered-models/search',
      { filter: params.filter, max_results: params.maxResults ?? 100, page_token: params.pageToken, order_by: params.orderBy },
      S.SearchRegisteredModelsResponse,
      opts,
    );
    return { items: res.registered_models ?? [], nextPageToken: res.next_page_token };
  }

  async createRegisteredModel(
    body: { name: string; description?: string; tags?: { key: string; value: string }[] },
    opts?: RequestOptions,
  ): Promise<S.RegisteredModel> {
    return (await this.http.post('registered-models/create', body, S.RegisteredModelResponse, opts)).registered_model;
  }

  async searchModelVersions(
    params: { filter?: string; maxResults?: number; pageToken?: string } = {},
    opts?: RequestOptions,
  ): Promise<Page<S.ModelVersion>> {
    const res = await this.http.get(
      'model-versions/search',
      { filter: params.filter, max_results: params.maxResults ?? 1_000, page_token: params.pageToken },
      S.SearchModelVersionsResponse,
      opts,
    );
    return { items: res.model_versions ?? [], nextPageToken: res.next_page_token };
  }

  async createModelVersion(
    body: {
      name: string;
      source: string;
      run_id?: string;
      model_id?: string;
      run_link?: string;
      description?: string;
      tags?: { key: string; value: string }[];
    },
    opts?: RequestOptions,
  ): Promise<S.ModelVersion> {
    return (await this.http.post('model-versions/create', body, S.ModelVersionResponse, opts)).model_version;
  }

  async searchLoggedModels(
    params: { experimentIds: readonly string[]; filter?: string; maxResults?: number; pageToken?: string },
    opts?: RequestOptions,
  ): Promise<Page<S.LoggedModel>> {
    const res = await this.http.post(
      'logged-models/search',
      {
        experiment_ids: params.experimentIds,
        filter: params.filter,
        max_results: params.maxResults ?? 100,
        page_token: params.pageToken,
      },
      S.SearchLoggedModelsResponse,
      opts,
    );
    return { items: res.models ?? [], nextPageToken: res.next_page_token };
  }

  async getRegisteredModel(name: string, opts?: RequestOptions): Promise<S.RegisteredModel> {
    return (await this.http.get('registered-models/get', { name }, S.RegisteredModelResponse, opts)).registered_model;
  }

  async getModelVersion(name: string, version: string, opts?: RequestOptions): Promise<S.ModelVersion> {
    return (await this.http.get('model-versions/get', { name, version }, S.ModelVersionResponse, opts)).model_version;
  }

  /** Points `alias` of the registered model at `version` (moving it if another version had it). MLflow answers `{}`. */
  async setRegisteredModelAlias(name: string, alias: string, version: string, opts?: RequestOptions): Promise<void> {
    await this.http.post('registered-models/alias', { name, alias, version }, S.EmptyResponse, opts);
  }

  /** The version `alias` points at; "not-found" when the alias is not set. */
  async getModelVersionByAlias(name: string, alias: string, opts?: RequestOptions): Promise<S.ModelVersion> {
    return (await this.http.get('registered-models/alias', { name, alias }, S.ModelVersionResponse, opts)).model_version;
  }

  /**
   * The server's MLflow version, e.g. `3.17.2`, from its plain-text `version` endpoint: first under the page's
   * base (3.7+ serve it under `--static-prefix`), then at the origin root (2.x up to 3.6 never prefix it).
   * Errors other than "not there" (session expired, offline, …) are thrown as they come.
   */
  async getServerVersion(opts?: RequestOptions): Promise<string> {
    const candidates = ['version', '/version'];
    const tried = new Set<string>();
    let lastError: MlflowError | undefined;
    for (const path of candidates) {
      const url = new URL(path, this.http.baseUrl).href;
      if (tried.has(url)) continue;
      tried.add(url);
      try {
        const text = (await this.http.getText(path, opts)).trim();
        if (VERSION_TEXT.test(text)) return text;
        lastError = unexpectedResponse(path, '', 'it is not a version number');
      } catch (error) {
        if (!isMlflowError(error, 'not-found')) throw error;
        lastError = error;
      }
    }
    throw lastError ?? unexpectedResponse('version', '', 'no version endpoint answered');
  }
}

/** `3.17.2`, `2.22.1.dev0`, `3.0.0rc1`: what MLflow's `version` endpoint answers (an HTML page is not one). */
const VERSION_TEXT = /^\d+\.\d+(\.\d+)?[0-9A-Za-z.+-]*$/;

/**
 * Run ids per bulk-interval call: ≤ 100 (MLflow's limit), and few enough that the URL stays under gunicorn's
 * 4,094-byte request line (MLflow 2.x answers a longer one with an HTML 400): ~70 ids of 32 hex digits.
 */
export function bulkIntervalChunks(runIds: readonly string[], maxQueryChars = 3_000): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let chars = 0;
  for (const id of runIds) {
    const cost = id.length + '&run_ids='.length;
    if (chunk.length && (chunk.length >= BULK_INTERVAL_MAX_RUNS || chars + cost > maxQueryChars)) {
      chunks.push(chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push(id);
    chars += cost;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

export function isRunFinished(run: S.Run): boolean {
  return TERMINAL_STATUSES.has(run.info.status ?? '');
}

/** Follows `next_page_token` until `limit` items or MAX_PAGES pages, whichever comes first. */
export async function collectPages<T>(fetchPage: (token?: string) => Promise<Page<T>>, limit: number): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES && items.length < limit; page++) {
    const res = await fetchPage(token);
    items.push(...res.items);
    if (!res.nextPageToken || res.nextPageToken === token) break;
    token = res.nextPageToken;
  }
  return items.slice(0, limit);
}

class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
}

