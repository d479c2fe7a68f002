/**
 * Server-sampled histories of many runs (`get-history-bulk-interval`), as the runs table and the compare
 * drawer need them: at most 100 runs and 2,500 points per run a call.
 */
import { BULK_INTERVAL_MAX_POINTS, type MlflowClient } from './client';
import type { MetricSeries } from './metrics';
import type { Run } from './schemas';

export interface SampledRequest {
  run: Run;
  /** The metric keys wanted for this run. */
  keys: readonly string[];
}

/**
 * One call per key for the runs whose history of it is short, and one call per long history.
 * MLflow 2.x samples the steps of all runs of one call together: a 20,000-step run in a batch would thin
 * a 40-step run to a couple of points. Short histories (< 2,500 steps, known from the run's latest
 * metric step) share calls and come back whole; each long one is sampled on its own.
 */
export function planSampledCalls(requests: readonly SampledRequest[]): [key: string, runIds: string[]][] {
  const runsByKey = new Map<string, string[]>();
  const lastStep = new Map<string, number>();
  for (const { run, keys } of requests) {
    const id = run.info.run_id;
    for (const m of run.data?.metrics ?? []) lastStep.set(`${id}\u0000${m.key}`, Number(m.step ?? 0));
    for (const key of keys) {
      const list = runsByKey.get(key) ?? [];
      if (!list.includes(id)) list.push(id);
      runsByKey.set(key, list);
    }
  }
  const calls: [string, string[]][] = [];
  for (const [key, ids] of runsByKey) {
    const short = ids.filter((id) => (lastStep.get(`${id}\u0000${key}`) ?? 0) < BULK_INTERVAL_MAX_POINTS);
    if (short.length) calls.push([key, short]);
    for (const id of ids) if (!short.includes(id)) calls.push([key, [id]]);
  }
  return calls;
}

/** Sampled histories by run id, then metric key. Runs with no points for a key have no entry for it. */
export async function loadSampledHistories(
  client: MlflowClient,
  requests: readonly SampledRequest[],
  signal: AbortSignal,
): Promise<Map<string, Map<string, MetricSeries>>> {
  const out = new Map<string, Map<string, MetricSeries>>();
  await Promise.all(
    planSampledCalls(requests).map(async ([key, ids]) => {
      const byRun = await client.getMetricHistoryBulkInterval(ids, key, { signal, maxResults: BULK_INTERVAL_MAX_POINTS });
      for (const [runId, series] of byRun) {
        const map = out.get(runId) ?? new Map<string, MetricSeries>();
        map.set(key, series);
        out.set(runId, map);
      }
    }),
  );
  return out;
}
