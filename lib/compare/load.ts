/**
 * The compare drawer's loading, with the page's MLflow client handed in: the pinned runs (params, tags, metric
 * keys), server-sampled histories of the charted metrics, and full histories for exact best values and verdicts
 * (judged as the run page judges them, lib/run-verdicts.ts). Each (run, metric) is asked for once per page view; what
 * failed is asked for again by the next sync; a run that fails shows its error while the others render. The
 * results are signals the drawer's views read; the views never see the client.
 *
 * Not in `lib/compare/index.ts`: only the lazily loaded bundle (entrypoints/lens-extras.tsx) loads, and the
 * views import the pure helpers from there without pulling the client in.
 */
import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { RunJudgement } from '@/lib/analysis';
import { BULK_INTERVAL_MAX_POINTS, type MlflowClient } from '@/lib/mlflow/client';
import { isMlflowError } from '@/lib/mlflow/errors';
import type { MetricSeries } from '@/lib/mlflow/metrics';
import { planSampledCalls } from '@/lib/mlflow/sampled';
import type { Run } from '@/lib/mlflow/schemas';
import { judgeHistories, loadFullHistories, metricKeys, neededKeys } from '@/lib/run-verdicts';
import type { AnalysisSettings } from '@/lib/settings';
import type { Pin } from './pins';

export type RunState =
  | { status: 'loading' }
  | {
      status: 'ready';
      run: Run;
      params: ReadonlyMap<string, string>;
      tags: ReadonlyMap<string, string>;
      keys: readonly string[];
      deleted: boolean;
    }
  | { status: 'error'; message: string };

/** Run id → metric key → series. */
export type SeriesByRun = ReadonlyMap<string, ReadonlyMap<string, MetricSeries>>;

/** What the drawer shows at the moment of a sync. */
export interface CompareWants {
  pins: readonly Pin[];
  /** The charted metric keys. */
  metrics: readonly string[];
  /** Charts draw MLflow's server-side sample (not every logged point). */
  sampled: boolean;
  /** Something shows exact values: the Summary or Differences tab, a summary CSV, full-resolution charts. */
  full: boolean;
}

/** The loaded data as the drawer's views read it, and how they ask for what they now show. */
export interface CompareData {
  readonly runs: ReadonlySignal<ReadonlyMap<string, RunState>>;
  /** Chart data: server-sampled series. */
  readonly sampled: ReadonlySignal<SeriesByRun>;
  /** Summary data: full histories. */
  readonly full: ReadonlySignal<SeriesByRun>;
  readonly judgements: ReadonlySignal<ReadonlyMap<string, RunJudgement>>;
  /** Errors of chart data by metric key, and of summary data by run id. */
  readonly chartErrors: ReadonlySignal<ReadonlyMap<string, string>>;
  readonly summaryErrors: ReadonlySignal<ReadonlyMap<string, string>>;
  /** Requests in flight. */
  readonly pending: ReadonlySignal<number>;
  /**
   * Loads whatever `wants` still lacks; safe to call often. `wants` is read again once new pins' runs have loaded:
   * the charted metrics depend on their keys.
   */
  sync(wants: () => CompareWants): Promise<void>;
  /** Resolves once every request started so far has settled (for exports that must be complete). */
  settled(): Promise<void>;
}

export class CompareLoader implements CompareData {
  readonly runs = signal<ReadonlyMap<string, RunState>>(new Map());
  readonly sampled = signal<SeriesByRun>(new Map());
  readonly full = signal<SeriesByRun>(new Map());
  readonly judgements = signal<ReadonlyMap<string, RunJudgement>>(new Map());
  readonly chartErrors = signal<ReadonlyMap<string, string>>(new Map());
  readonly summaryErrors = signal<ReadonlyMap<string, string>>(new Map());
  readonly pending = signal(0);

  /** What was asked for and not failed: `run␀id`, `sampled␀id␀key`, `full␀id␀key`. */
  private readonly asked = new Set<string>();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly client: MlflowClient,
    private readonly settings: Partial<AnalysisSettings>,
    /** The page's: the data outlives the drawer, not the tab. */
    private readonly lifetime: AbortSignal,
  ) {}

  async sync(wants: () => CompareWants): Promise<void> {
    const newRuns = wants().pins.filter((p) => !this.asked.has(`run\u0000${p.runId}`));
    await Promise.all(newRuns.map((pin) => this.loadRun(pin.runId)));
    if (this.lifetime.aborted) return;
    // Read after the runs loaded: pins removed meanwhile get no histories, new keys may be charted.
    const now = wants();
    const ready = this.readyRuns(now.pins);
    await Promise.all([now.sampled ? this.loadSampled(ready, now.metrics) : undefined, now.full ? this.loadFull(ready, now.metrics) : undefined]);
  }

  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private readyRuns(pins: readonly Pin[]): Extract<RunState, { status: 'ready' }>[] {
    return pins.flatMap((pin) => {
      const state = this.runs.value.get(pin.runId);
      return state?.status === 'ready' ? [state] : [];
    });
  }

  private async track<T>(work: Promise<T>): Promise<T> {
    this.pending.value++;
    this.inFlight.add(work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(work);
      this.pending.value--;
    }
  }

  private setRun(runId: string, state: RunState): void {
    this.runs.value = withEntry(this.runs.value, runId, state);
  }

  private async loadRun(runId: string): Promise<void> {
    this.asked.add(`run\u0000${runId}`);
    this.setRun(runId, { status: 'loading' });
    try {
      const run = await this.track(this.client.getRun(runId, { signal: this.lifetime }));
      this.setRun(runId, {
        status: 'ready',
        run,
        params: new Map((run.data?.params ?? []).map((p) => [p.key, p.value ?? ''])),
        tags: new Map((run.data?.tags ?? []).map((t) => [t.key, t.value ?? ''])),
        keys: metricKeys(run),
        deleted: run.info.lifecycle_stage === 'deleted',
      });
    } catch (error) {
      if (this.lifetime.aborted) return;
      this.asked.delete(`run\u0000${runId}`); // a later sync (re-opening the drawer) tries again
      this.setRun(runId, { status: 'error', message: runErrorMessage(error) });
    }
  }

  private async loadSampled(ready: readonly Extract<RunState, { status: 'ready' }>[], metrics: readonly string[]): Promise<void> {
    const requests = ready.flatMap(({ run, keys: runKeys }) => {
      const keys = metrics.filter((key) => runKeys.includes(key) && !this.asked.has(`sampled\u0000${run.info.run_id}\u0000${key}`));
      for (const key of keys) this.asked.add(`sampled\u0000${run.info.run_id}\u0000${key}`);
      return keys.length ? [{ run, keys }] : [];
    });
    if (!requests.length) return;
    // One call per key (and per long run): a failing call marks its own metric only.
    await Promise.all(
      planSampledCalls(requests).map(async ([key, ids]) => {
        try {
          const byRun = await this.track(this.client.getMetricHistoryBulkInterval(ids, key, { signal: this.lifetime, maxResults: BULK_INTERVAL_MAX_POINTS }));
          batch(() => {
            let next = this.sampled.value;
            for (const [runId, series] of byRun) next = withEntry(next, runId, withEntry(next.get(runId) ?? new Map(), key, series));
            this.sampled.value = next;
            if (this.chartErrors.value.has(key)) this.chartErrors.value = withoutEntry(this.chartErrors.value, key);
          });
        } catch (error) {
          if (this.lifetime.aborted) return;
          for (const id of ids) this.asked.delete(`sampled\u0000${id}\u0000${key}`); // the next sync tries again
          this.chartErrors.value = withEntry(this.chartErrors.value, key, messageOf(error));
        }
      }),
    );
  }

  /** Full histories of the charted metrics and of each run's primary train/validation pair (its verdict). */
  private async loadFull(ready: readonly Extract<RunState, { status: 'ready' }>[], metrics: readonly string[]): Promise<void> {
    await Promise.all(
      ready.map(async ({ run, keys: runKeys }) => {
        const runId = run.info.run_id;
        const pairKeys = neededKeys(runKeys, this.settings, 1);
        const wanted = [...new Set([...metrics.filter((k) => runKeys.includes(k)), ...pairKeys])];
        const keys = wanted.filter((key) => !this.asked.has(`full\u0000${runId}\u0000${key}`));
        if (!keys.length) return;
        for (const key of keys) this.asked.add(`full\u0000${runId}\u0000${key}`);
        try {
          const histories = await this.track(loadFullHistories(this.client, run, keys, this.lifetime));
          if (this.lifetime.aborted) return;
          batch(() => {
            const byKey = new Map([...(this.full.value.get(runId) ?? []), ...histories]);
            this.full.value = withEntry(this.full.value, runId, byKey);
            if (this.summaryErrors.value.has(runId)) this.summaryErrors.value = withoutEntry(this.summaryErrors.value, runId);
            if (pairKeys.every((k) => byKey.has(k))) this.judgements.value = withEntry(this.judgements.value, runId, judgeHistories(run, byKey, this.settings));
          });
        } catch (error) {
          if (this.lifetime.aborted) return;
          for (const key of keys) this.asked.delete(`full\u0000${runId}\u0000${key}`);
          this.summaryErrors.value = withEntry(this.summaryErrors.value, runId, messageOf(error));
        }
      }),
    );
  }
}

/** A copy with one entry set: signals change by identity. */
function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): Map<K, V> {
  return new Map(map).set(key, value);
}

function withoutEntry<K, V>(map: ReadonlyMap<K, V>, key: K): Map<K, V> {
  const next = new Map(map);
  next.delete(key);
  return next;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function runErrorMessage(error: unknown): string {
  if (isMlflowError(error) && error.kind === 'not-found') return 'This run no longer exists on this MLflow (deleted for good, or pinned from another server). Unpin it.';
  return messageOf(error);
}
