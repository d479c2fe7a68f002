/** The summary table's rows, shared by the table and its CSV so both always say the same. */
import { bestRunIndices, summariseMetric, toCsv, type CsvCell, type MetricSummary, type Pin } from '@/lib/compare';
import type { CompareModel } from './model';

export interface SummaryRow {
  pin: Pin;
  colour: string;
  status: string;
  verdict: string | null;
  error: string | null;
  /** Per charted metric, same order as `metrics`; undefined until the full history arrives. */
  cells: (MetricSummary | undefined)[];
}

export interface SummaryData {
  metrics: string[];
  rows: SummaryRow[];
  /** Per metric: the run ids holding its best value. */
  best: Set<string>[];
}

export function summaryData(model: CompareModel): SummaryData {
  const metrics = [...model.metrics.value];
  const rows = model.pins.value.map((pin): SummaryRow => {
    const state = model.runs.value.get(pin.runId);
    const full = model.full.value.get(pin.runId);
    return {
      pin,
      colour: model.colours.value.get(pin.runId) ?? 'gray',
      status: state?.status === 'ready' ? (state.deleted ? 'DELETED' : (state.run.info.status ?? 'UNKNOWN')) : (state?.status ?? 'loading'),
      verdict: model.judgements.value.get(pin.runId)?.verdict ?? null,
      error: state?.status === 'error' ? state.message : (model.summaryErrors.value.get(pin.runId) ?? null),
      cells: metrics.map((key) => {
        const series = full?.get(key);
        if (series) return summariseMetric(series, model.direction(key));
        return state?.status === 'ready' && full && !state.keys.includes(key) ? summariseMetric(undefined, null) : undefined;
      }),
    };
  });
  const best = metrics.map((key, m) => {
    const indices = bestRunIndices(rows.map((r) => r.cells[m]), model.direction(key));
    return new Set(indices.map((i) => rows[i]!.pin.runId));
  });
  return { metrics, rows, best };
}

export function summaryCsv(data: SummaryData): string {
  const header: CsvCell[] = ['run_name', 'run_id', 'experiment_id', 'status', 'verdict'];
  for (const key of data.metrics) header.push(`${key} last`, `${key} last_step`, `${key} best`, `${key} best_step`);
  const rows: CsvCell[][] = [header];
  for (const row of data.rows) {
    const cells: CsvCell[] = [row.pin.runName, row.pin.runId, row.pin.experimentId, row.status, row.verdict ?? ''];
    for (const c of row.cells) cells.push(c?.last, c?.lastStep, c?.best, c?.bestStep);
    rows.push(cells);
  }
  return toCsv(rows);
}
