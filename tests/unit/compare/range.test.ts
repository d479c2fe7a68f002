import { describe, expect, it } from 'vitest';
import { quantileRange } from '@/lib/compare';

describe('quantileRange', () => {
  it('linear interpolation between ranks (NumPy default), across all arrays', () => {
    const values = Array.from({ length: 101 }, (_, i) => i); // 0…100
    expect(quantileRange([values.slice(0, 50), values.slice(50)])).toEqual([5, 95]);
    expect(quantileRange([[1, 2, 3, 4]], 0.5, 0.5)).toEqual([2.5, 2.5]);
    // numpy.quantile([10, 20, 30], [0.05, 0.95]) → [11, 29]
    const r = quantileRange([[30, 10, 20]])!;
    expect(r[0]).toBeCloseTo(11, 12);
    expect(r[1]).toBeCloseTo(29, 12);
  });

  it('ignores null and non-finite values', () => {
    expect(quantileRange([[null, 1, NaN, 3, Infinity, -Infinity, null]], 0, 1)).toEqual([1, 3]);
  });

  it('cuts off outliers with the default levels', () => {
    const values = [...Array.from({ length: 98 }, () => 1), 1e9, -1e9];
    expect(quantileRange([values])).toEqual([1, 1]);
  });

  it('null when there is no finite value', () => {
    expect(quantileRange([])).toBeNull();
    expect(quantileRange([[null, NaN], []])).toBeNull();
    expect(quantileRange([[-1, 0]], 0, 1, true)).toBeNull();
  });

  it('positiveOnly ignores values <= 0 (log scales)', () => {
    expect(quantileRange([[-5, 0, 2, 4]], 0, 1, true)).toEqual([2, 4]);
    expect(quantileRange([[-5, 0, 2, 4]], 0, 1)).toEqual([-5, 4]);
  });

  it('a single value is its own range; levels are clamped and ordered', () => {
    expect(quantileRange([[7]])).toEqual([7, 7]);
    expect(quantileRange([[1, 2, 3]], -1, 2)).toEqual([1, 3]);
    expect(quantileRange([[1, 2, 3]], 1, 0)).toEqual([1, 3]);
  });

  it('does not reorder the caller’s arrays', () => {
    const a = [3, 1, 2];
    quantileRange([a]);
    expect(a).toEqual([3, 1, 2]);
  });
});
