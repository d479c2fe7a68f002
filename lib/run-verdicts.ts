/**
 * Fetches what the overfitting verdict needs from MLflow and judges it: exact full histories for one
 * run (the run page), server-sampled histories in batches for many runs (the runs table).
 */
import { byPriority, epochKey, judgeRun, pairMetrics, positionOf, type PairJudgement, type RunJudgement } from './analysis';
import { BULK_INTERVAL_MAX_POINTS, isRunFinished, type MlflowClient } from './mlflow/client';
import { untilAborted } from './mlflow/errors';
import { loadSampledHistories } from './mlflow/sampled';
import type { MetricSeries } from './mlflow/metrics';
import type { Run } from './mlflow/schemas';
import type { AnalysisSettings } from './settings';
import { runsWithIds } from './mlflow/filters';

export interface RunVerdict {
  runId: string;
  runName: string;
  status: string;
  finished: boolean;
  judgement: RunJudgement;
  /** The run's metric keys, for the "looked for" message of `no-validation`. */
  keys: string[];
  /** Pairs not judged (beyond MAX_JUDGED_PAIRS). */
  pairsSkipped: number;
  /** Judged on MLflow's sample of a long history; the exact verdict follows. */
  sampled: boolean;
  histories: ReadonlyMap<string, MetricSeries>;
}

export function metricKeys(run: Run): string[] {
  return [...new Set((run.data?.metrics ?? []).map((m) => m.key))];
}

/** The autologging flavour that made the run (`mlflow.autologging` tag), which tells whether a step is an epoch. */
export function autologFlavour(run: Run): string | null {
  return (run.data?.tags ?? []).find((t) => t.key === 'mlflow.autologging')?.value ?? null;
}

/**
 * The `data-best-step` / `data-best-epoch` attributes of Lens's elements, for the user's own automation: the
 * raw best's MLflow step, and its epoch where the run says its epochs.
 */
export function bestAttributes(pair: PairJudgement | null | undefined): { bestStep?: string; bestEpoch?: string } {
  const step = pair?.best.step;
  if (step === null || step === undefined) return {};
  return pair!.axis.unit === 'epoch' ? { bestStep: String(step), bestEpoch: String(positionOf(pair!.axis, step)) } : { bestStep: String(step) };
}

/**
 * The verdict of `run` from the histories fetched for it. Every surface (the run page, the runs table, the compare
 * drawer) judges through here, so one run gets one verdict wherever it is shown: the same pairs, thresholds and epochs.
 */
export function judgeHistories(run: Run, histories: ReadonlyMap<string, MetricSeries>, settings: Partial<AnalysisSettings>): RunJudgement {
  return judgeRun(histories, settings, settings.pairs ?? [], metricKeys(run), undefined, { autologFlavour: autologFlavour(run) });
}

/** Exact full histories of `keys` for `run`; the client keeps them for the page's life once the run is over. */
export async function loadFullHistories(client: MlflowClient, run: Run, keys: readonly string[], signal: AbortSignal): Promise<Map<string, MetricSeries>> {
  const finished = isRunFinished(run);
  const entries = await Promise.all(keys.map(async (key) => [key, await client.getMetricHistory(run.info.run_id, key, { signal, finished })] as const));
  return new Map(entries);
}

/** Pairs the run page judges: a run with 250 pairs would otherwise cost 500 history requests. */
export const MAX_JUDGED_PAIRS = 12;

/**
 * Keys whose histories the verdict needs: the primary pair's validation key and its training candidates, then
 * the other pairs', up to `maxPairs` pairs (the runs table and the compare drawer need the primary pair only:
 * `maxPairs` 1), and the run's `epoch` metric, which says which epoch a step is.
 */
export function neededKeys(keys: readonly string[], settings: Partial<AnalysisSettings>, maxPairs = Number.POSITIVE_INFINITY): string[] {
  const { pairs, primary } = pairMetrics(keys, settings.pairs ?? []);
  const ordered = primary ? [primary, ...byPriority(pairs.filter((p) => p !== primary))] : [];
  const epoch = epochKey(keys);
  return [
    ...new Set([
      ...ordered.slice(0, Math.max(0, maxPairs)).flatMap((p) => [p.validation, ...p.trainCandidates.slice(0, MAX_TRAIN_CANDIDATES)]),
      ...(epoch && ordered.length > 0 ? [epoch] : []),
    ]),
  ];
}

/** Training keys tried per pair: the Trainer's `train_loss` (one value) then `loss` is the longest chain seen. */
const MAX_TRAIN_CANDIDATES = 3;

/** How many pairs the run has beyond those judged. */
export function pairsBeyond(keys: readonly string[], settings: Partial<AnalysisSettings>, maxPairs: number): number {
  return Math.max(0, pairMetrics(keys, settings.pairs ?? []).pairs.length - maxPairs);
}

/**
 * The run page's verdict from full histories (exact best step and values). When a needed history is long
 * (≥ 2,500 steps: a 20,000-step pair is ~5 MB of JSON), `onSampled` first gets a verdict judged on MLflow's
 * server-side sample of ≤ 2,500 points a metric (`sampled: true`): one small request per metric, so the
 * user sees an answer before MLflow has drawn its own charts. The full histories are asked for only once
 * the promise `onSampled` returns has settled: fetched together, the megabytes queued ahead of the sample
 * on the browser's six connections and the server's workers, and the first answer came no sooner than the
 * exact one (2,910 vs 2,960 ms on the bench's 20,000-step run). The caller picks when (the badge: when the
 * page is idle), so the download does not compete with MLflow's own requests either.
 */
export async function loadRunVerdict(
  client: MlflowClient,
  runId: string,
  settings: Partial<AnalysisSettings>,
  signal: AbortSignal,
  onSampled?: (verdict: RunVerdict) => void | Promise<void>,
): Promise<RunVerdict> {
  const run = await client.getRun(runId, { signal });
  const keys = metricKeys(run);
  const finished = isRunFinished(run);
  const needed = neededKeys(keys, settings, MAX_JUDGED_PAIRS);
  const lastStep = new Map((run.data?.metrics ?? []).map((m) => [m.key, Number(m.step ?? 0)]));
  const long = needed.some((key) => (lastStep.get(key) ?? 0) >= BULK_INTERVAL_MAX_POINTS);
  const verdictOf = (histories: Map<string, MetricSeries>, sampled: boolean): RunVerdict => ({
    runId,
    runName: run.info.run_name ?? runId,
    status: run.info.status ?? 'UNKNOWN',
    finished,
    keys,
    pairsSkipped: pairsBeyond(keys, settings, MAX_JUDGED_PAIRS),
    histories,
    sampled,
    judgement: judgeHistories(run, histories, settings),
  });
  if (long && onSampled) {
    const sampled = await Promise.all(
      needed.map(async (key) => [key, (await client.getMetricHistoryBulkInterval([runId], key, { signal, maxResults: BULK_INTERVAL_MAX_POINTS })).get(runId)] as const),
    ).catch(() => null); // the exact verdict still comes; its error, if any, is the one to show
    if (sampled && !signal.aborted) {
      // A caller's failure to wait must not cost the exact verdict.
      await Promise.resolve(onSampled(verdictOf(new Map(sampled.filter((e): e is readonly [string, MetricSeries] => e[1] !== undefined)), true))).catch(() => undefined);
    }
  }
  signal.throwIfAborted();
  return verdictOf(await loadFullHistories(client, run, needed, signal), false);
}

/**
 * Verdicts for the runs of one experiment's table: one `runs/search` for their metric keys, then one
 * `get-history-bulk-interval` per metric key for all of them (≤ 100 runs a call, ≤ 2,500 points a run).
 */
export async function loadTableVerdicts(
  client: MlflowClient,
  experimentId: string,
  runIds: readonly string[],
  settings: Partial<AnalysisSettings>,
  signal: AbortSignal,
): Promise<Map<string, RunJudgement>> {
  const out = new Map<string, RunJudgement>();
  if (!runIds.length) return out;
  const filter = runsWithIds(runIds);
  const runs = await client.searchAllRuns({ experimentIds: [experimentId], filter, maxResults: runIds.length }, runIds.length, { signal });
  const historiesByRun = await loadSampledHistories(
    client,
    // A chip shows the primary pair's verdict: only its histories (and the epoch metric) are fetched.
    runs.map((run) => ({ run, keys: neededKeys(metricKeys(run), settings, 1) })),
    signal,
  );
  for (const run of runs) out.set(run.info.run_id, judgeHistories(run, historiesByRun.get(run.info.run_id) ?? new Map(), settings));
  return out;
}

/** One page's verdicts, shared by its features (lib/features.ts hands them out as `context.verdicts`). */
export interface PageVerdicts {
  /**
   * The run page's verdict (`loadRunVerdict`) of `runId` under `settings`: the badge and one-click register of one
   * run page share one set of history requests. `fresh` starts a new load that later askers share (a RUNNING run's
   * refresh); a load that failed is forgotten, so the next ask tries again. `onSampled` reaches the asker that
   * started the load only. `signal` ends this asker's wait, not the load others may share.
   */
  get(
    runId: string,
    settings: Partial<AnalysisSettings>,
    signal: AbortSignal,
    options?: { fresh?: boolean; onSampled?: (verdict: RunVerdict) => void | Promise<void> },
  ): Promise<RunVerdict>;
}

/** Verdicts for one page: loads run until `pageSignal` aborts (the user leaves the page). */
export function pageVerdicts(client: () => MlflowClient, pageSignal: AbortSignal): PageVerdicts {
  const loads = new Map<string, Promise<RunVerdict>>();
  return {
    get(runId, settings, signal, options = {}) {
      const key = `${runId}\u0000${JSON.stringify(settings)}`;
      let load = options.fresh ? undefined : loads.get(key);
      if (!load) {
        const started = loadRunVerdict(client(), runId, settings, pageSignal, options.onSampled);
        loads.set(key, (load = started));
        started.catch(() => loads.get(key) === started && loads.delete(key));
      }
      return untilAborted(load, signal, 'verdict');
    },
  };
}
