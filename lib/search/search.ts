/**
 * Quick search over one MLflow host: experiments and registered models by name, runs by run name across
 * experiments (chunks of experiment ids, most recently updated first), an exact lookup when the query is a
 * run or logged model id (or a pasted URL naming one), and logged models by name on MLflow 3.
 *
 * Independent requests run in parallel (MlflowHttp bounds them per host). A failing group reports its error
 * in `errors` while the others still return. `signal` aborts every request; an aborted search rejects with
 * MlflowError kind "aborted", so a newer keystroke can simply abort the older one and ignore it.
 */
import * as z from 'zod/mini';
import type { MlflowClient } from '../mlflow/client';
import { abortedError, isMlflowError, MlflowError, untilAborted } from '../mlflow/errors';
import * as S from '../mlflow/schemas';
import { experimentIdChunks, MAX_RUNS_SEARCH_CHUNKS, RUNS_SEARCH_CHUNK_SIZE, toMillis } from './chunk';
import { nameContains, NEWEST_RUNS_FIRST, RECENTLY_UPDATED_FIRST, runNameContains, type LikeQuery } from '../mlflow/filters';
import {
  rankResults,
  type ExperimentItem,
  type GroupedResults,
  type LoggedModelItem,
  type RegisteredModelItem,
  type ResultKind,
  type RunItem,
  type SearchItem,
} from './rank';
import { parseIdQuery } from '../mlflow/routes';

export interface SearchLimits {
  /** `max_results` of the experiments/search by name. */
  experiments: number;
  /** `max_results` of each runs/search chunk. */
  runsPerChunk: number;
  /** `max_results` of registered-models/search (the server allows ≤ 1,000). */
  registeredModels: number;
  /** `max_results` of logged-models/search. */
  loggedModels: number;
  /** Experiments listed (most recently updated first) to search runs in. */
  experimentScan: number;
  /** Experiment ids per runs/search request. */
  runChunkSize: number;
  /** runs/search requests per query. */
  maxRunChunks: number;
  /** Results kept per group after ranking. */
  caps: Partial<Record<ResultKind, number>>;
}

export const DEFAULT_SEARCH_LIMITS: Readonly<SearchLimits> = Object.freeze({
  experiments: 50,
  runsPerChunk: 50,
  registeredModels: 50,
  loggedModels: 50,
  experimentScan: 1_000,
  runChunkSize: RUNS_SEARCH_CHUNK_SIZE,
  maxRunChunks: MAX_RUNS_SEARCH_CHUNKS,
  caps: {},
});

/** How long the experiment list used to chunk runs/search is reused across keystrokes. */
export const EXPERIMENT_LIST_TTL_MS = 30_000;

export type SearchGroup = 'experiments' | 'runs' | 'registeredModels' | 'loggedModels' | 'id';

export interface SearchFailure {
  group: SearchGroup;
  error: MlflowError;
}

export interface QuickSearchResult extends GroupedResults {
  /** The trimmed query the results are for. */
  query: string;
  errors: SearchFailure[];
}

export interface QuickSearchOptions {
  signal?: AbortSignal;
  limits?: Partial<SearchLimits>;
  /** Search logged models (MLflow 3). Default true; on 2.x the endpoint is missing and the group stays empty. */
  loggedModels?: boolean;
  /**
   * Only GET requests: skips the run-name and logged-model searches (POSTs). For searching from the extension
   * itself, whose POSTs MLflow ≥ 3.5 rejects as cross-origin; run ids are still looked up (GET runs/get).
   */
  getOnly?: boolean;
  /** Results of earlier queries; a hit skips every request, and only error-free results are stored. */
  cache?: SearchCache<QuickSearchResult>;
}

const LoggedModelResponse = z.object({ model: S.LoggedModel });

export async function quickSearch(
  client: MlflowClient,
  rawQuery: string,
  options: QuickSearchOptions = {},
): Promise<QuickSearchResult> {
  const { signal } = options;
  const query = rawQuery.trim();
  const limits: SearchLimits = { ...DEFAULT_SEARCH_LIMITS, ...options.limits };
  throwIfAborted(signal);
  if (!query) return emptyResult(query);
  const cached = options.cache?.get(query);
  if (cached) return cached;

  const opts = { signal };
  const idQuery = parseIdQuery(query);
  const byName = idQuery?.fromUrl ? null : nameContains(query);
  const byRunName = idQuery?.fromUrl || options.getOnly ? null : runNameContains(query);
  const errors: SearchFailure[] = [];
  const items: SearchItem[] = [];

  const searchLoggedModels = options.loggedModels !== false && !options.getOnly;
  const experimentList = byRunName || idQuery || searchLoggedModels
    ? listExperiments(client, limits.experimentScan, signal)
    : Promise.resolve([]);
  // A failed listing is reported by the runs group; the others make do without it.
  experimentList.catch(() => undefined);

  const group = async (name: SearchGroup, work: () => Promise<SearchItem[]>): Promise<void> => {
    try {
      items.push(...(await work()));
    } catch (error) {
      errors.push({ group: name, error: toMlflowError(error, name) });
    }
  };

  await Promise.all([
    byName &&
      group('experiments', async () => {
        const page = await client.searchExperiments(
          { filter: byName.filter, maxResults: limits.experiments, orderBy: [RECENTLY_UPDATED_FIRST] },
          opts,
        );
        return keep(byName.like, page.items, (e) => e.name).map(experimentItem);
      }),
    byName &&
      group('registeredModels', async () => {
        const page = await client.searchRegisteredModels(
          { filter: byName.filter, maxResults: Math.min(limits.registeredModels, 1_000) },
          opts,
        );
        return keep(byName.like, page.items, (m) => m.name).map(registeredModelItem);
      }),
    byRunName &&
      group('runs', async () => {
        const experiments = await experimentList;
        const names = experimentNames(experiments);
        const chunks = experimentIdChunks(experiments, { size: limits.runChunkSize, maxChunks: limits.maxRunChunks });
        const pages = await Promise.all(
          chunks.map((experimentIds) =>
            client.searchRuns(
              {
                experimentIds,
                filter: byRunName.filter,
                maxResults: limits.runsPerChunk,
                orderBy: [NEWEST_RUNS_FIRST],
              },
              opts,
            ),
          ),
        );
        const runs = pages.flatMap((p) => p.items);
        return keep(byRunName.like, runs, (r) => r.info.run_name ?? '').map((r) => runItem(r, names));
      }),
    byName &&
      searchLoggedModels &&
      group('loggedModels', async () => {
        const experiments = await experimentList.catch(() => []);
        const names = experimentNames(experiments);
        const [firstChunk] = experimentIdChunks(experiments, { size: limits.runChunkSize, maxChunks: 1 });
        if (!firstChunk?.length) return [];
        try {
          const page = await client.searchLoggedModels(
            { experimentIds: firstChunk, filter: byName.filter, maxResults: limits.loggedModels },
            opts,
          );
          return keep(byName.like, page.items, (m) => m.info.name ?? '').map((m) => loggedModelItem(m, names));
        } catch (error) {
          if (isMlflowError(error, 'not-found')) return []; // MLflow 2.x: no logged models
          throw error;
        }
      }),
    idQuery &&
      group('id', async () => {
        const names = experimentNames(await experimentList.catch(() => []));
        try {
          if (idQuery.kind === 'run') return [runItem(await client.getRun(idQuery.id, opts), names)];
          const res = await client.http.get(`logged-models/${idQuery.id}`, {}, LoggedModelResponse, opts);
          return [loggedModelItem(res.model, names)];
        } catch (error) {
          if (isMlflowError(error, 'not-found') || isMlflowError(error, 'invalid-input')) return [];
          throw error;
        }
      }),
  ]);
  throwIfAborted(signal);

  const grouped = rankResults(query, items, limits.caps);
  const result: QuickSearchResult = { query, ...grouped, errors };
  if (errors.length === 0) options.cache?.set(query, result);
  return result;
}

function emptyResult(query: string): QuickSearchResult {
  return { query, experiments: [], runs: [], registeredModels: [], loggedModels: [], errors: [] };
}

/** What the server matched, narrowed to the literal text when the server pattern had to be loose. */
function keep<T>(like: LikeQuery, items: readonly T[], name: (item: T) => string): T[] {
  return like.loose ? items.filter((item) => like.matches(name(item))) : [...items];
}

function experimentNames(experiments: readonly S.Experiment[]): Map<string, string> {
  return new Map(experiments.map((e) => [e.experiment_id, e.name]));
}

function updated(...values: (number | string | undefined)[]): number | undefined {
  for (const v of values) {
    const ms = toMillis(v);
    if (Number.isFinite(ms)) return ms;
  }
  return undefined;
}

function experimentItem(e: S.Experiment): ExperimentItem {
  return { kind: 'experiment', id: e.experiment_id, name: e.name, updated: updated(e.last_update_time, e.creation_time) };
}

function registeredModelItem(m: S.RegisteredModel): RegisteredModelItem {
  const latest = m.latest_versions?.map((v) => v.version).sort((a, b) => Number(b) - Number(a))[0];
  return {
    kind: 'registered-model',
    id: m.name,
    name: m.name,
    updated: updated(m.last_updated_timestamp, m.creation_timestamp),
    ...(latest !== undefined ? { latestVersion: latest } : {}),
  };
}

function runItem(r: S.Run, experimentNameById: Map<string, string>): RunItem {
  const experimentName = experimentNameById.get(r.info.experiment_id);
  return {
    kind: 'run',
    id: r.info.run_id,
    name: r.info.run_name ?? r.info.run_id,
    experimentId: r.info.experiment_id,
    ...(experimentName !== undefined ? { experimentName } : {}),
    ...(r.info.status !== undefined ? { status: r.info.status } : {}),
    updated: updated(r.info.end_time, r.info.start_time),
  };
}

function loggedModelItem(m: S.LoggedModel, experimentNameById: Map<string, string>): LoggedModelItem {
  const experimentName = experimentNameById.get(m.info.experiment_id);
  return {
    kind: 'logged-model',
    id: m.info.model_id,
    name: m.info.name ?? m.info.model_id,
    experimentId: m.info.experiment_id,
    ...(experimentName !== undefined ? { experimentName } : {}),
    ...(m.info.source_run_id !== undefined ? { sourceRunId: m.info.source_run_id } : {}),
    updated: updated(m.info.creation_timestamp_ms),
  };
}

function toMlflowError(error: unknown, group: SearchGroup): MlflowError {
  if (error instanceof MlflowError) return error;
  return new MlflowError({
    kind: 'unexpected-response',
    endpoint: group,
    message: `Searching ${group} failed: ${error instanceof Error ? error.message : String(error)}`,
  });
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError('search');
}

// --- The experiment list (for chunking runs/search), shared across keystrokes -----------------------------

interface ListEntry {
  at: number;
  promise: Promise<S.Experiment[]>;
}
const experimentLists = new WeakMap<MlflowClient, ListEntry>();

/**
 * Up to `limit` active experiments, most recently updated first. One listing is shared by the keystrokes of
 * EXPERIMENT_LIST_TTL_MS: it is not tied to any one search's signal (a newer keystroke would need it again);
 * each caller stops waiting when its own signal aborts. Failed listings are not kept.
 */
export function listExperiments(client: MlflowClient, limit: number, signal?: AbortSignal, now = Date.now()): Promise<S.Experiment[]> {
  let entry = experimentLists.get(client);
  if (!entry || now - entry.at > EXPERIMENT_LIST_TTL_MS) {
    const promise = fetchExperiments(client, limit);
    entry = { at: now, promise };
    experimentLists.set(client, entry);
    const current = entry;
    promise.catch(() => {
      if (experimentLists.get(client) === current) experimentLists.delete(client);
    });
  }
  return untilAborted(entry.promise, signal, 'experiments/search');
}

/** Forgets the shared experiment list of `client` (after creating an experiment, say). */
export function forgetExperimentList(client: MlflowClient): void {
  experimentLists.delete(client);
}

async function fetchExperiments(client: MlflowClient, limit: number): Promise<S.Experiment[]> {
  const out: S.Experiment[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < 20 && out.length < limit; page++) {
    const res = await client.searchExperiments({
      maxResults: Math.min(1_000, limit - out.length),
      orderBy: [RECENTLY_UPDATED_FIRST],
      pageToken,
    });
    out.push(...res.items);
    if (!res.nextPageToken || res.nextPageToken === pageToken) break;
    pageToken = res.nextPageToken;
  }
  return out.slice(0, limit);
}


// --- Result cache ------------------------------------------------------------------------------------------

export interface SearchCache<T> {
  get(query: string): T | undefined;
  set(query: string, value: T): void;
  clear(): void;
  readonly size: number;
}

/**
 * A tiny cache keyed by the trimmed query: entries live `ttlMs`, at most `max` are kept (oldest dropped first).
 * One cache per host: the key is the query alone.
 */
export function createSearchCache<T = QuickSearchResult>(
  ttlMs: number,
  options: { max?: number; now?: () => number } = {},
): SearchCache<T> {
  const max = options.max ?? 50;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { at: number; value: T }>();
  const key = (query: string) => query.trim();
  return {
    get(query) {
      const k = key(query);
      const entry = entries.get(k);
      if (!entry) return undefined;
      if (now() - entry.at >= ttlMs) {
        entries.delete(k);
        return undefined;
      }
      return entry.value;
    },
    set(query, value) {
      const k = key(query);
      entries.delete(k);
      entries.set(k, { at: now(), value });
      while (entries.size > max) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
