/** One number per run and metric for the comparison table: where it ended and the best it got. */
import { cleanSeries, type Direction, type SeriesColumns } from '../analysis';

export interface MetricSummary {
  /** Last finite value (by step) and its step; null when there is none. */
  last: number | null;
  lastStep: number | null;
  /**
   * Min (direction 'min') or max ('max') over finite values, and the FIRST step reaching it; null when
   * direction is null or no finite value.
   */
  best: number | null;
  bestStep: number | null;
  /** Number of distinct steps after cleaning. */
  points: number;
}

const NOTHING: MetricSummary = { last: null, lastStep: null, best: null, bestStep: null, points: 0 };

/**
 * Summarises one run's history of a metric. The last value skips trailing non-finite points (a run that
 * diverged to NaN at the end still shows where it was), and the best step is the first to reach the best
 * value: that is when the run got there, later equal values add nothing.
 */
export function summariseMetric(series: SeriesColumns | undefined, direction: Direction | null): MetricSummary {
  if (!series) return { ...NOTHING };
  const { steps, values } = cleanSeries(series);
  const n = steps.length;
  let last: number | null = null;
  let lastStep: number | null = null;
  for (let i = n - 1; i >= 0; i--) {
    const v = values[i]!;
    if (v - v === 0) {
      last = v;
      lastStep = steps[i]!;
      break;
    }
  }
  let best: number | null = null;
  let bestStep: number | null = null;
  if (direction !== null && last !== null) {
    const sign = direction === 'min' ? 1 : -1;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      // Strictly better only, so ties keep the first step.
      if (v - v === 0 && (best === null || sign * v < sign * best)) {
        best = v;
        bestStep = steps[i]!;
      }
    }
  }
  return { last, lastStep, best, bestStep, points: n };
}

/**
 * Indices (into `summaries`) of the run(s) with the best value for this metric: by `best` when direction is
 * set; empty when direction is null or nobody has a value. Ties all win.
 */
export function bestRunIndices(
  summaries: readonly (MetricSummary | undefined)[],
  direction: Direction | null,
): number[] {
  if (direction === null) return [];
  const sign = direction === 'min' ? 1 : -1;
  let top: number | null = null;
  for (const s of summaries) {
    const b = s?.best;
    if (b == null || b - b !== 0) continue;
    if (top === null || sign * b < sign * top) top = b;
  }
  if (top === null) return [];
  const winners: number[] = [];
  summaries.forEach((s, i) => {
    if (s?.best === top) winners.push(i);
  });
  return winners;
}
