import { describe, expect, it } from 'vitest';
import { decimateMinMax } from '@/lib/compare';

function series(values: number[]) {
  const n = values.length;
  return {
    steps: Float64Array.from({ length: n }, (_, i) => i * 2),
    timestamps: Float64Array.from({ length: n }, (_, i) => 1000 + i),
    values: Float64Array.from(values),
  };
}

describe('decimateMinMax', () => {
  it('returns short series as they are', () => {
    const s = series([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(decimateMinMax(s, 2)).toBe(s);
  });

  it('keeps first, last, min and max of each bucket, in step order, with their steps and timestamps', () => {
    // 2 buckets of 10 points.
    const values = [5, 6, 1, 7, 9, 8, 6, 5, 4, 3, /* */ 2, 2, 2, 10, 2, 0, 2, 2, 2, 4];
    const out = decimateMinMax(series(values), 2);
    expect(Array.from(out.steps)).toEqual([0, 4, 8, 18, 20, 26, 30, 38]);
    expect(Array.from(out.values)).toEqual([5, 1, 9, 3, 2, 10, 0, 4]);
    expect(Array.from(out.timestamps)).toEqual([1000, 1002, 1004, 1009, 1010, 1013, 1015, 1019]);
  });

  it('keeps the global extremes of a long noisy series and at most 4-5 points a bucket', () => {
    const n = 100_000;
    const values = Array.from({ length: n }, (_, i) => Math.sin(i / 50) + (i === 77_777 ? 5 : 0) - (i === 12_345 ? 5 : 0));
    const out = decimateMinMax(series(values), 1_000);
    expect(out.values.length).toBeLessThanOrEqual(4_000);
    expect(Math.max(...out.values)).toBe(Math.max(...values));
    expect(Math.min(...out.values)).toBe(Math.min(...values));
    expect(out.steps[0]).toBe(0);
    expect(out.steps[out.steps.length - 1]).toBe((n - 1) * 2);
    for (let i = 1; i < out.steps.length; i++) expect(out.steps[i]! > out.steps[i - 1]!).toBe(true);
  });

  it('keeps a NaN so the gap stays visible', () => {
    const values = Array.from({ length: 40 }, (_, i) => (i === 17 ? Number.NaN : i));
    const out = decimateMinMax(series(values), 2);
    expect(Array.from(out.values).some(Number.isNaN)).toBe(true);
    expect(out.steps).toContain(34);
  });
});
