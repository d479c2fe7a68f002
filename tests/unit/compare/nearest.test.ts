import { describe, expect, it } from 'vitest';
import { alignSeries, nearestLookup } from '@/lib/compare';

const series = (timestamps: number[], values: number[]) => ({
  steps: Float64Array.from(timestamps.map((_, i) => i)),
  timestamps: Float64Array.from(timestamps),
  values: Float64Array.from(values),
});

describe('nearestLookup', () => {
  it('on a relative-time axis every run has a value at any x inside its own range, though runs never share an x', () => {
    // Two runs logged at different moments (relative time counts from each run's own start): the union x holds
    // each point once, and the other run is null there.
    const a = series([0, 1000, 2000, 3000], [1, 2, 3, 4]);
    const b = series([500, 1700, 2800, 3900], [10, 20, 30, 40]);
    const aligned = alignSeries([a, b], 'relative');
    expect([...aligned.x]).toEqual([0, 1, 1.2, 2, 2.3, 3, 3.4]);
    expect(aligned.ys[1]![3]).toBeNull();
    const nearest = nearestLookup(aligned.x, aligned.ys);
    const valueAt = (row: number, idx: number) => {
      const i = nearest.indexAt(row, idx);
      return i < 0 ? null : aligned.ys[row]![i];
    };
    expect(valueAt(0, 3)).toBe(3); // a's own point
    expect(valueAt(1, 3)).toBe(30); // x = 2: b's 2.3 is nearer than its 1.2
    expect(valueAt(1, 1)).toBe(20); // x = 1: b's 1.2 is nearer than its 0
    expect(valueAt(0, 2)).toBe(2); // x = 1.2: a's 1 is nearer than its 2
    // Every x inside both runs' ranges has a value for both; past a's last point (x = 3.4) a has none.
    for (let idx = 0; idx <= 5; idx++) for (const row of [0, 1]) expect(valueAt(row, idx), `${row}@${idx}`).not.toBeNull();
    expect(valueAt(0, 6)).toBeNull();
    expect(valueAt(1, 6)).toBe(40);
  });

  it('outside a run’s own range there is no value (its line is not drawn there)', () => {
    const ys = [
      [null, 1, null, 2, null, null],
      [5, null, null, null, null, 6],
      [null, null, null, null, null, null],
    ];
    const nearest = nearestLookup([0, 1, 2, 3, 4, 5], ys);
    expect(nearest.indexAt(0, 0)).toBe(-1);
    expect(nearest.indexAt(0, 4)).toBe(-1);
    expect(nearest.indexAt(0, 2)).toBe(1); // a tie goes to the earlier point
    expect(nearest.indexAt(1, 2)).toBe(0);
    expect(nearest.indexAt(1, 3)).toBe(5);
    expect(nearest.indexAt(2, 2)).toBe(-1);
    expect(nearest.indexAt(5, 2)).toBe(-1); // no such row
    expect(nearest.indexAt(0, NaN)).toBe(-1);
  });
});
