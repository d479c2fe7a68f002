/**
 * Loads a leaderboard: every active run of the experiments (`runs/search`, page by page, deleted runs left out),
 * then each run's verdict and best values from MLflow's server-sampled histories (`get-history-bulk-interval`, the
 * runs table's calls: one per metric key for a batch of runs), a few batches at a time, and the champion. Each
 * answer is reported as it comes (`onChange`), so the list shows as soon as the first page is in and fills in.
 * A failure (a lapsed session, a 5xx) stops the loading and is reported; what was loaded stays, and `retry`
 * goes on from there.
 */
import { judgeRun, type PairOverride } from '../analysis';
import type { MlflowClient } from '../mlflow/client';
import { NEWEST_RUNS_FIRST } from '../mlflow/filters';
import { isMlflowError } from '../mlflow/errors';
import type { MetricSeries } from '../mlflow/metrics';
import { loadSampledHistories } from '../mlflow/sampled';
import { DEFAULT_TARGET_MAX_RUNS, defaultTarget, FAILED_REGISTRATION, searchVersionsOfRuns } from '../register';
import type { AnalysisSettings } from '../settings';
import { metricCell, type MetricCell } from './cell';
import { championVersion } from './champion';
import type { Champion, CellsByRun } from './rows';
import { keysFor, leaderboardRun, type LeaderboardRun } from './runs';

/** Runs per `runs/search` page: the first page shows at once, 2,000 runs take four. */
export const RUNS_PAGE_SIZE = 500;
/** Beyond this many runs the list stops (and says so): a leaderboard of more is not read by a person. */
export const MAX_LEADERBOARD_RUNS = 10_000;
/** Runs judged per batch: one bulk-interval call per metric key (≤ 70 run ids fit MLflow 2.x's URL limit). */
export const JUDGE_BATCH_RUNS = 60;
/** Batches in flight: each is a few calls, and the browser has six connections to MLflow, which its own page shares. */
export const JUDGE_CONCURRENCY = 2;
/** Work between two yields to the page: well under a frame, so MLflow's page stays responsive while the list fills. */
const SLICE_MS = 8;

export interface LeaderboardState {
  runs: readonly LeaderboardRun[];
  /** Every page of runs is in. */
  listed: boolean;
  /** More runs than MAX_LEADERBOARD_RUNS: the first ones (newest) are listed. */
  truncated: boolean;
  cells: CellsByRun;
  /** undefined while it is looked up; null when the experiment's model has no version (or there is no model). */
  champion: Champion | null | undefined;
  championError: string | null;
  /** What stopped the loading, in MlflowError's words; null while all is well. */
  error: string | null;
  /** Requests are in flight. */
  busy: boolean;
}

export interface LeaderboardLoadOptions {
  client: MlflowClient;
  experimentIds: readonly string[];
  settings: Partial<AnalysisSettings>;
  signal: AbortSignal;
  onChange(state: LeaderboardState): void;
  /** Gives the page a turn; a macrotask by default. */
  yieldToPage?: () => Promise<void>;
}

type Job = { metric: string; runs: LeaderboardRun[] };

export class LeaderboardLoader {
  private state: LeaderboardState = { runs: [], listed: false, truncated: false, cells: new Map(), champion: undefined, championError: null, error: null, busy: false };
  private readonly cells = new Map<string, Map<string, MetricCell | null>>();
  private readonly inFlight = new Set<string>();
  private wanted: readonly string[] = [];
  private pageToken: string | undefined;
  private listing: Promise<void> | undefined;
  private workers = 0;
  private readonly overrides: readonly PairOverride[];
  private readonly yieldToPage: () => Promise<void>;

  constructor(private readonly options: LeaderboardLoadOptions) {
    this.overrides = options.settings.pairs ?? [];
    this.yieldToPage = options.yieldToPage ?? (() => new Promise((resolve) => setTimeout(resolve, 0)));
  }

  get current(): LeaderboardState {
    return this.state;
  }

  /** Lists the runs, then judges them for `metrics` (the chosen metric first, then the extra columns'). */
  start(metrics: readonly string[] = []): void {
    this.wanted = metrics;
    this.list();
  }

  /** The metrics to judge every run for changed (another metric chosen, a column added): only what is missing is read. */
  want(metrics: readonly string[]): void {
    this.wanted = metrics;
    this.pump();
  }

  /** After a failure: goes on where it stopped. */
  retry(): void {
    this.update({ error: null });
    if (!this.state.listed) this.list();
    else this.pump();
    if (this.state.championError && !this.championAsked) this.lookUpChampion();
  }

  private list(): void {
    this.listing ??= this.readPages().finally(() => {
      this.listing = undefined;
      this.settle();
    });
  }

  private async readPages(): Promise<void> {
    const { client, experimentIds, signal } = this.options;
    this.update({ busy: true });
    try {
      while (!signal.aborted && !this.state.error) {
        const page = await client.searchRuns(
          { experimentIds, orderBy: [NEWEST_RUNS_FIRST], maxResults: RUNS_PAGE_SIZE, pageToken: this.pageToken, runViewType: 'ACTIVE_ONLY' },
          { signal },
        );
        const known = new Set(this.state.runs.map((r) => r.runId));
        const runs = [...this.state.runs, ...page.items.map(leaderboardRun).filter((r) => !known.has(r.runId))];
        const more = page.nextPageToken !== undefined && page.nextPageToken !== this.pageToken && page.items.length > 0;
        const truncated = more && runs.length >= MAX_LEADERBOARD_RUNS;
        this.pageToken = more ? page.nextPageToken : undefined;
        this.update({ runs: runs.slice(0, MAX_LEADERBOARD_RUNS), listed: !more || truncated, truncated });
        if (!this.championAsked && (this.state.champion === undefined || this.state.championError)) this.lookUpChampion();
        this.pump();
        if (!more || truncated) break;
      }
    } catch (error) {
      this.fail(error);
    }
  }

  private championAsked = false;
  private championPending = false;

  /** Asked once, with the first page: the newest runs say which registered model is the experiment's. */
  private lookUpChampion(): void {
    this.championAsked = true;
    const { client, signal } = this.options;
    const ids = this.state.runs.slice(0, DEFAULT_TARGET_MAX_RUNS).map((r) => r.runId);
    this.championPending = true;
    loadChampion(client, ids, signal)
      .then(
        (champion) => this.update({ champion, championError: null }),
        (error: unknown) => {
          if (signal.aborted) return;
          this.championAsked = false; // a retry after a lapsed session asks again
          this.update({ champion: null, championError: messageOf(error) });
        },
      )
      .finally(() => {
        this.championPending = false;
        this.settle();
      });
  }

  private nextJob(): Job | undefined {
    for (const metric of this.wanted) {
      const runs: LeaderboardRun[] = [];
      for (const run of this.state.runs) {
        if (this.cells.get(run.runId)?.has(metric) || this.inFlight.has(`${metric}\u0000${run.runId}`)) continue;
        runs.push(run);
        if (runs.length >= JUDGE_BATCH_RUNS) break;
      }
      if (runs.length) return { metric, runs };
    }
    return undefined;
  }

  /** Starts workers up to the bound; each takes batches until there is nothing left (or a failure). */
  private pump(): void {
    if (this.options.signal.aborted) return;
    while (this.workers < JUDGE_CONCURRENCY && !this.state.error && this.peekJob()) {
      this.workers++;
      this.update({ busy: true });
      void this.work().finally(() => {
        this.workers--;
        this.settle();
      });
    }
  }

  private peekJob(): boolean {
    return this.wanted.some((metric) => this.state.runs.some((run) => !this.cells.get(run.runId)?.has(metric) && !this.inFlight.has(`${metric}\u0000${run.runId}`)));
  }

  private async work(): Promise<void> {
    const { signal } = this.options;
    for (let job = this.nextJob(); job && !signal.aborted && !this.state.error; job = this.nextJob()) {
      const ids = job.runs.map((r) => `${job.metric}\u0000${r.runId}`);
      for (const id of ids) this.inFlight.add(id);
      try {
        await this.judge(job);
      } catch (error) {
        this.fail(error);
      } finally {
        for (const id of ids) this.inFlight.delete(id);
      }
    }
  }

  private async judge({ metric, runs }: Job): Promise<void> {
    const { client, settings, signal } = this.options;
    const requests = runs.map((run) => ({ run: run.run, keys: keysFor(run, metric, this.overrides) }));
    const histories = await loadSampledHistories(client, requests.filter((r) => r.keys.length > 0), signal);
    const params = settings; // judgeRun resolves the rule's parameters (lib/analysis/verdict.ts)
    let sliceStart = performance.now();
    for (const [i, run] of runs.entries()) {
      if (performance.now() - sliceStart > SLICE_MS) {
        this.publish();
        await this.yieldToPage();
        if (signal.aborted) return;
        sliceStart = performance.now();
      }
      const keys = requests[i]!.keys;
      const own = histories.get(run.runId) ?? new Map<string, MetricSeries>();
      const cell = keys.length && own.has(metric)
        ? metricCell(judgeRun(own, params, this.overrides, run.keys, undefined, { autologFlavour: run.autologFlavour }), own, metric)
        : null;
      this.setCell(run.runId, metric, cell);
    }
    this.publish();
  }

  private setCell(runId: string, metric: string, cell: MetricCell | null): void {
    const next = new Map(this.cells.get(runId));
    next.set(metric, cell);
    this.cells.set(runId, next);
  }

  private publish(): void {
    this.update({ cells: new Map(this.cells) });
  }

  private fail(error: unknown): void {
    if (this.options.signal.aborted || isMlflowError(error, 'aborted')) return;
    this.update({ error: messageOf(error) });
  }

  private settle(): void {
    const busy = this.listing !== undefined || this.workers > 0 || this.championPending;
    if (busy !== this.state.busy) this.update({ busy });
  }

  private update(patch: Partial<LeaderboardState>): void {
    if (this.options.signal.aborted) return;
    this.state = { ...this.state, ...patch };
    this.options.onChange(this.state);
  }
}

/**
 * The champion among the versions made from `runIds` (the experiment's newest runs): their registered model's
 * `champion` alias, or else its latest version. null when none of the runs was ever registered.
 */
export async function loadChampion(client: MlflowClient, runIds: readonly string[], signal: AbortSignal): Promise<Champion | null> {
  if (!runIds.length) return null;
  const versions = (await searchVersionsOfRuns(client, runIds, signal)).filter((v) => v.status !== FAILED_REGISTRATION);
  if (!versions.length) return null;
  const { name } = defaultTarget(versions, '');
  const model = await client.getRegisteredModel(name, { signal });
  const pick = championVersion(model);
  if (!pick) return null;
  const version =
    versions.find((v) => v.name === name && v.version === pick.version) ??
    (model.latest_versions ?? []).find((v) => v.version === pick.version) ??
    (await client.getModelVersion(name, pick.version, { signal }));
  return version.run_id ? { runId: version.run_id, modelName: name, version: pick.version, alias: pick.alias } : null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
