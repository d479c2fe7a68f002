import { describe, expect, it } from 'vitest';
import type { SeriesColumns } from '@/lib/analysis';
import { bestRunIndices, summariseMetric, type MetricSummary } from '@/lib/compare';

const run = (steps: number[], values: number[], timestamps?: number[]): SeriesColumns => ({
  steps: Float64Array.from(steps),
  values: Float64Array.from(values),
  timestamps: Float64Array.from(timestamps ?? steps),
});

describe('summariseMetric', () => {
  it('finds the minimum for a minimised metric, the maximum for a maximised one', () => {
    const s = run([0, 1, 2, 3], [0.9, 0.3, 0.5, 0.4]);
    expect(summariseMetric(s, 'min')).toEqual({ last: 0.4, lastStep: 3, best: 0.3, bestStep: 1, points: 4 });
    expect(summariseMetric(s, 'max')).toMatchObject({ best: 0.9, bestStep: 0 });
  });

  it('reports the FIRST step that reaches the best value', () => {
    const s = run([0, 5, 10, 15], [3, 1, 2, 1]);
    expect(summariseMetric(s, 'min')).toMatchObject({ best: 1, bestStep: 5 });
  });

  it('last is the last finite value by step, skipping trailing NaN/Infinity', () => {
    const s = run([0, 1, 2, 3], [1, 2, NaN, Infinity]);
    expect(summariseMetric(s, null)).toMatchObject({ last: 2, lastStep: 1, best: null, bestStep: null });
  });

  it('ignores non-finite values for the best (a diverged -Infinity is not a best loss)', () => {
    const s = run([0, 1, 2], [0.5, -Infinity, 0.7]);
    expect(summariseMetric(s, 'min')).toMatchObject({ best: 0.5, bestStep: 0, last: 0.7 });
    expect(summariseMetric(run([0, 1], [Infinity, 1]), 'max')).toMatchObject({ best: 1, bestStep: 1 });
  });

  it('orders by step and de-duplicates before summarising', () => {
    const s = run([2, 0, 1, 1], [5, 9, 8, 1], [3, 1, 2, 4]);
    expect(summariseMetric(s, 'min')).toEqual({ last: 5, lastStep: 2, best: 1, bestStep: 1, points: 3 });
  });

  it('all NaN: counts the points, no values', () => {
    expect(summariseMetric(run([0, 1], [NaN, NaN]), 'min')).toEqual({
      last: null,
      lastStep: null,
      best: null,
      bestStep: null,
      points: 2,
    });
  });

  it('undefined or empty series: nothing, zero points', () => {
    const none = { last: null, lastStep: null, best: null, bestStep: null, points: 0 };
    expect(summariseMetric(undefined, 'max')).toEqual(none);
    expect(summariseMetric(run([], []), 'max')).toEqual(none);
  });

  it('no direction: no best, but last and points still set', () => {
    expect(summariseMetric(run([0, 1], [1, 2]), null)).toEqual({ last: 2, lastStep: 1, best: null, bestStep: null, points: 2 });
  });
});

describe('bestRunIndices', () => {
  const sum = (best: number | null): MetricSummary => ({ last: best, lastStep: 0, best, bestStep: best === null ? null : 0, points: 1 });

  it('picks the lowest best for min, the highest for max', () => {
    const s = [sum(0.3), sum(0.1), sum(0.2)];
    expect(bestRunIndices(s, 'min')).toEqual([1]);
    expect(bestRunIndices(s, 'max')).toEqual([0]);
  });

  it('all tied runs win', () => {
    expect(bestRunIndices([sum(1), sum(2), sum(1), sum(3)], 'min')).toEqual([0, 2]);
  });

  it('skips runs without a value or a summary', () => {
    expect(bestRunIndices([undefined, sum(null), sum(5), sum(4)], 'max')).toEqual([2]);
  });

  it('empty when there is no direction or nobody has a value', () => {
    expect(bestRunIndices([sum(1), sum(2)], null)).toEqual([]);
    expect(bestRunIndices([sum(null), undefined], 'min')).toEqual([]);
    expect(bestRunIndices([], 'min')).toEqual([]);
  });

  it('works on real summaries', () => {
    const a = summariseMetric(run([0, 1], [0.8, 0.5]), 'min');
    const b = summariseMetric(run([0, 1, 2], [0.9, 0.4, 0.6]), 'min');
    expect(bestRunIndices([a, b], 'min')).toEqual([1]);
  });
});
