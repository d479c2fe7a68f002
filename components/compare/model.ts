/**
 * The compare drawer's state and loading, as signals the views read. Lazily loads what the open drawer
 * shows: the pinned runs (params, tags, metric keys), server-sampled histories of the charted metrics, and
 * full histories for exact best values and verdicts. Each (run, metric) is asked for once per page view;
 * a run that fails shows its error while the others render.
 */
import { batch, computed, signal } from '@preact/signals';
import { judgeRun, metricDirection, pairMetrics, type Direction, type RunJudgement } from '@/lib/analysis';
import { runColours, type Pin, type XAxis } from '@/lib/compare';
import { BULK_INTERVAL_MAX_POINTS, isRunFinished, type MlflowClient } from '@/lib/mlflow/client';
import { isMlflowError } from '@/lib/mlflow/errors';
import type { MetricSeries } from '@/lib/mlflow/metrics';
import { planSampledCalls } from '@/lib/mlflow/sampled';
import type { Run } from '@/lib/mlflow/schemas';
import { metricKeys, neededKeys } from '@/lib/overfit';
import type { AnalysisSettings } from '@/lib/settings';

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

export interface ChartOptions {
  /** Chart MLflow's server-side sample (≤ 2,500 points a run) or every logged point. */
  fullResolution: boolean;
  smoothing: number;
  xAxis: XAxis;
  logY: boolean;
  ignoreOutliers: boolean;
}

/** Charts shown by default: the primary train/validation pair, then shared metrics, up to this many. */
export const DEFAULT_CHART_COUNT = 6;

type SeriesByRun = ReadonlyMap<string, ReadonlyMap<string, MetricSeries>>;

export class CompareModel {
  readonly pins = signal<readonly Pin[]>([]);
  readonly runs = signal<ReadonlyMap<string, RunState>>(new Map());
  /** Chart data: run id → metric key → server-sampled series. */
  readonly sampled = signal<SeriesByRun>(new Map());
  /** Summary data: run id → metric key → full history. */
  readonly full = signal<SeriesByRun>(new Map());
  readonly judgements = signal<ReadonlyMap<string, RunJudgement>>(new Map());
  /** Errors of chart data by metric key, and of summary data by run id. */
  readonly chartErrors = signal<ReadonlyMap<string, string>>(new Map());
  readonly summaryErrors = signal<ReadonlyMap<string, string>>(new Map());
  readonly chosen = signal<readonly string[] | null>(null);
  readonly chart = signal<ChartOptions>({ fullResolution: false, smoothing: 0.6, xAxis: 'step', logY: false, ignoreOutliers: false });
  readonly onlyDifferences = signal(true);
  readonly showTags = signal(false);
  readonly baseline = signal<string | null>(null);
  readonly pending = signal(0);
  /**
   * Full histories are big (a 20,000-step metric is ~2.5 MB of JSON): fetched only once something shows exact
   * values — the Summary or Differences tab, a summary CSV, full-resolution charts.
   */
  readonly needsFull = signal(false);

  /** Run id → the colour MLflow's runs table showed for it (handed in by the content script, which reads the page). */
  readonly pageColours = signal<ReadonlyMap<string, string>>(new Map());
  /** One colour per run that stays while it is pinned: MLflow's where the page showed one, else Lens's palette. */
  readonly colours = computed(() => runColours(this.pins.value, this.pageColours.value));
  /** Pins whose run loaded, in pin order. */
  readonly readyRuns = computed(() =>
    this.pins.value.flatMap((pin) => {
      const state = this.runs.value.get(pin.runId);
      return state?.status === 'ready' ? [{ pin, state }] : [];
    }),
  );
  readonly loadedCount = computed(() => this.pins.value.filter((p) => this.runs.value.get(p.runId)?.status !== 'loading' && this.runs.value.has(p.runId)).length);
  readonly availableKeys = computed(() => {
    const keys = new Set<string>();
    for (const { state } of this.readyRuns.value) for (const key of state.keys) keys.add(key);
    return [...keys].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' }));
  });
  readonly defaultKeys = computed(() => {
    const ready = this.readyRuns.value;
    const all = this.availableKeys.value;
    const { primary } = pairMetrics(all, this.settings.pairs ?? []);
    const out: string[] = [];
    if (primary) out.push(...(primary.train === null ? [] : [primary.train]), primary.validation);
    const shared = all.filter((key) => ready.length > 0 && ready.every(({ state }) => state.keys.includes(key)));
    for (const key of shared) if (out.length < DEFAULT_CHART_COUNT && !out.includes(key)) out.push(key);
    return out;
  });
  readonly metrics = computed(() => (this.chosen.value ?? this.defaultKeys.value).filter((k) => this.availableKeys.value.includes(k)));
  readonly baselineId = computed(() => {
    const ids = this.readyRuns.value.map(({ pin }) => pin.runId);
    const chosen = this.baseline.value;
    return chosen && ids.includes(chosen) ? chosen : (ids[0] ?? null);
  });

  private readonly asked = new Set<string>();

  constructor(
    private readonly client: MlflowClient,
    private readonly settings: Partial<AnalysisSettings>,
    private readonly lifetime: AbortSignal,
  ) {}

  direction(key: string): Direction | null {
    const d = metricDirection(key, Object.fromEntries((this.settings.pairs ?? []).flatMap((p) => (p.direction ? [[p.train, p.direction], [p.validation, p.direction]] : []))));
    return d === 'unknown' ? null : d;
  }

  /** Loads whatever the current pins and chosen metrics still lack. Safe to call often. */
  async sync(): Promise<void> {
    const pins = this.pins.value;
    const newRuns = pins.filter((p) => !this.asked.has(`run\u0000${p.runId}`));
    await Promise.all(newRuns.map((pin) => this.loadRun(pin)));
    if (this.lifetime.aborted) return;
    await Promise.all([this.loadSampled(), this.needsFull.value || this.chart.value.fullResolution ? this.loadFull() : undefined]);
  }

  private readonly inFlight = new Set<Promise<unknown>>();

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

  /** Resolves once every request started so far has settled (for exports that must be complete). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private setRun(runId: string, state: RunState): void {
    const next = new Map(this.runs.value);
    next.set(runId, state);
    this.runs.value = next;
  }

  private async loadRun(pin: Pin): Promise<void> {
    this.asked.add(`run\u0000${pin.runId}`);
    this.setRun(pin.runId, { status: 'loading' });
    try {
      const run = await this.track(this.client.getRun(pin.runId, { signal: this.lifetime }));
      this.setRun(pin.runId, {
        status: 'ready',
        run,
        params: new Map((run.data?.params ?? []).map((p) => [p.key, p.value ?? ''])),
        tags: new Map((run.data?.tags ?? []).map((t) => [t.key, t.value ?? ''])),
        keys: metricKeys(run),
        deleted: run.info.lifecycle_stage === 'deleted',
      });
    } catch (error) {
      if (this.lifetime.aborted) return;
      this.asked.delete(`run\u0000${pin.runId}`); // a later sync (re-opening the drawer) tries again
      this.setRun(pin.runId, { status: 'error', message: runErrorMessage(error) });
    }
  }

  private async loadSampled(): Promise<void> {
    if (this.chart.value.fullResolution) return; // the full histories (loaded for the summary) are charted
    const requests = this.readyRuns.value.flatMap(({ pin, state }) => {
      const keys = this.metrics.value.filter((key) => state.keys.includes(key) && !this.asked.has(`sampled\u0000${pin.runId}\u0000${key}`));
      for (const key of keys) this.asked.add(`sampled\u0000${pin.runId}\u0000${key}`);
      return keys.length ? [{ run: state.run, keys }] : [];
    });
    if (!requests.length) return;
    // One call per key (and per long run): a failing call marks its own metric only.
    await Promise.all(
      planSampledCalls(requests).map(async ([key, ids]) => {
        try {
          const byRun = await this.track(
            this.client.getMetricHistoryBulkInterval(ids, key, { signal: this.lifetime, maxResults: BULK_INTERVAL_MAX_POINTS }),
          );
          const next = new Map(this.sampled.value);
          for (const [runId, series] of byRun) next.set(runId, new Map([...(next.get(runId) ?? []), [key, series]]));
          this.sampled.value = next;
          if (this.chartErrors.value.has(key)) {
            const errors = new Map(this.chartErrors.value);
            errors.delete(key);
            this.chartErrors.value = errors;
          }
        } catch (error) {
          if (this.lifetime.aborted) return;
          for (const id of ids) this.asked.delete(`sampled\u0000${id}\u0000${key}`); // the next sync tries again
          const errors = new Map(this.chartErrors.value);
          errors.set(key, error instanceof Error ? error.message : String(error));
          this.chartErrors.value = errors;
        }
      }),
    );
  }

  /** Full histories of the charted metrics and of each run's train/validation pairs (its verdict). */
  private async loadFull(): Promise<void> {
    await Promise.all(
      this.readyRuns.value.map(async ({ pin, state }) => {
        const wanted = [...new Set([...this.metrics.value.filter((k) => state.keys.includes(k)), ...neededKeys(state.keys, this.settings, 1)])];
        const keys = wanted.filter((key) => !this.asked.has(`full\u0000${pin.runId}\u0000${key}`));
        if (!keys.length) return;
        for (const key of keys) this.asked.add(`full\u0000${pin.runId}\u0000${key}`);
        const finished = isRunFinished(state.run);
        try {
          const entries = await this.track(
            Promise.all(keys.map(async (key) => [key, await this.client.getMetricHistory(pin.runId, key, { signal: this.lifetime, finished })] as const)),
          );
          if (this.lifetime.aborted) return;
          batch(() => {
            const next = new Map(this.full.value);
            const byKey = new Map([...(next.get(pin.runId) ?? []), ...entries]);
            next.set(pin.runId, byKey);
            this.full.value = next;
            const pairKeys = neededKeys(state.keys, this.settings, 1);
            if (pairKeys.every((k) => byKey.has(k))) {
              const judgements = new Map(this.judgements.value);
              judgements.set(pin.runId, judgeRun(byKey, this.settings, this.settings.pairs ?? [], state.keys));
              this.judgements.value = judgements;
            }
          });
        } catch (error) {
          if (this.lifetime.aborted) return;
          for (const key of keys) this.asked.delete(`full\u0000${pin.runId}\u0000${key}`);
          const errors = new Map(this.summaryErrors.value);
          errors.set(pin.runId, error instanceof Error ? error.message : String(error));
          this.summaryErrors.value = errors;
        }
      }),
    );
  }
}

function runErrorMessage(error: unknown): string {
  if (isMlflowError(error) && error.kind === 'not-found') return 'This run no longer exists on this MLflow (deleted for good, or pinned from another server). Unpin it.';
  return error instanceof Error ? error.message : String(error);
}
