/**
 * The compare drawer's work on the main thread before uPlot draws: aligning every pinned run's series on
 * one x axis and smoothing them. Run: npx vitest bench --run -c vitest.bench.config.ts bench/compare.bench.ts
 * Goals (issue #5): 20 runs × 4 metrics × 2,500 points prepared within a frame (16 ms); 10 runs with
 * 100,000-step histories at full resolution without freezing the page (no task over 100 ms).
 */
import { bench, describe } from 'vitest';
import { cleanSeries, debiasedEma } from '@/lib/analysis';
import { alignSeries, decimateMinMax, summariseMetric } from '@/lib/compare';
import type { SeriesColumns } from '@/lib/analysis';

function run(points: number, seed: number, stepEvery = 1): SeriesColumns {
  const steps = new Float64Array(points);
  const timestamps = new Float64Array(points);
  const values = new Float64Array(points);
  let a = seed;
  for (let i = 0; i < points; i++) {
    a = (a * 1664525 + 1013904223) % 4294967296;
    steps[i] = i * stepEvery;
    timestamps[i] = 1.7e12 + seed * 1e6 + i * 500;
    values[i] = 0.3 + 0.5 * Math.exp(-i / (points / 5)) + 0.02 * (a / 4294967296 - 0.5);
  }
  return { steps, timestamps, values };
}

// What get-history-bulk-interval gives the drawer: ≤ 2,500 points a run; runs logged at different rates.
const sampled = Array.from({ length: 4 }, (_, m) => Array.from({ length: 20 }, (_, r) => run(2_500, m * 100 + r, 1 + (r % 3))));
const long = Array.from({ length: 10 }, (_, r) => run(100_000, 1_000 + r));

/** What CompareChart does before uPlot: clean, smooth the whole history, thin for drawing, align raw and smoothed. */
function prepare(runs: SeriesColumns[], smoothing: number): number {
  const cleaned = runs.map(cleanSeries);
  const raw = alignSeries(cleaned.map((s) => decimateMinMax(s, 2_000)), 'step');
  const smooth = alignSeries(cleaned.map((s) => decimateMinMax({ ...s, values: debiasedEma(s.values, smoothing) }, 2_000)), 'step');
  return raw.x.length + smooth.x.length;
}

describe('compare drawer: chart data', () => {
  bench('20 runs × 4 metrics × 2,500 points: smooth + align every chart', () => {
    for (const metric of sampled) prepare(metric, 0.6);
  }, { time: 2000, warmupIterations: 3 });

  bench('10 runs × 100,000 steps, full resolution: smooth + thin + align one chart', () => {
    prepare(long, 0.6);
  }, { time: 3000, warmupIterations: 2 });

  bench('10 runs × 100,000 steps: exact best and last (summary)', () => {
    for (const series of long) summariseMetric(series, 'min');
  }, { time: 1000, warmupIterations: 3 });
});
