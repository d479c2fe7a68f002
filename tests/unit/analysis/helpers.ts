/** Seeded curves for the analysis tests: deterministic, no Math.random. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toSeries, type MetricSeries, type RawMetricPoint } from '@/lib/mlflow/metrics';
import type { SeriesLike } from '@/lib/analysis';

/** mulberry32: a small, well-mixed 32-bit PRNG. */
export function prng(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal from a uniform source (Box–Muller). */
export function gaussian(rand: () => number): () => number {
  return () => {
    let u = 0;
    while (u === 0) u = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
}

/** A series over steps 0…n−1 (or the given steps) with values f(i). */
export function series(n: number, f: (i: number) => number, steps?: (i: number) => number, key?: string): SeriesLike {
  return {
    ...(key === undefined ? {} : { key }),
    steps: Float64Array.from({ length: n }, (_, i) => (steps ? steps(i) : i)),
    values: Float64Array.from({ length: n }, (_, i) => f(i)),
  };
}

/** The first k points of a series (what a live run shows after k evaluations). */
export function prefix(s: SeriesLike, k: number): SeriesLike {
  return { ...s, steps: s.steps.subarray(0, k), values: s.values.subarray(0, k) };
}

/** A decreasing training loss: still improving everywhere. */
export function fallingTrain(n: number, key = 'train_loss'): SeriesLike {
  return series(n, (i) => 0.1 + 0.6 * Math.exp(-i / 25), undefined, key);
}

const FIXTURES = fileURLToPath(new URL('../fixtures/3.17.2/', import.meta.url));

/** `body.metrics` of a recorded MLflow answer. */
export function fixtureMetrics(file: string): (RawMetricPoint & { run_id?: string })[] {
  const json = JSON.parse(readFileSync(FIXTURES + file, 'utf8')) as { body: { metrics: (RawMetricPoint & { run_id?: string })[] } };
  return json.body.metrics;
}

export function fixtureSeries(file: string, key: string, runId?: string): MetricSeries {
  const points = fixtureMetrics(file).filter((m) => m.key === key && (runId === undefined || m.run_id === runId));
  return toSeries(key, points);
}
