import { describe, expect, it } from 'vitest';
import { debiasedEma, type SeriesColumns } from '@/lib/analysis';
import { alignSeries } from '@/lib/compare';

const f64 = (xs: number[]) => Float64Array.from(xs);
const run = (steps: number[], values: number[], timestamps?: number[]): SeriesColumns => ({
  steps: f64(steps),
  values: f64(values),
  timestamps: f64(timestamps ?? steps.map((s) => 1_700_000_000_000 + s * 1000)),
});

describe('alignSeries on the step axis', () => {
  it('puts runs logged at different steps on the union of their steps, with gaps as null', () => {
    const a = run([0, 2, 4], [1, 2, 3]);
    const b = run([1, 2, 3], [10, 20, 30]);
    const { x, ys } = alignSeries([a, b], 'step');
    expect([...x]).toEqual([0, 1, 2, 3, 4]);
    expect(ys).toEqual([
      [1, null, 2, null, 3],
      [null, 10, 20, 30, null],
    ]);
  });

  it('orders unordered input and keeps one value per step (the latest logged)', () => {
    const a = run([3, 1, 2, 1], [30, 10, 20, 11], [4, 1, 3, 2]);
    const { x, ys } = alignSeries([a], 'step');
    expect([...x]).toEqual([1, 2, 3]);
    expect(ys[0]).toEqual([11, 20, 30]);
  });

  it('turns NaN and ±Infinity into gaps but keeps their x', () => {
    const { x, ys } = alignSeries([run([0, 1, 2, 3], [NaN, 1, Infinity, -Infinity])], 'step');
    expect([...x]).toEqual([0, 1, 2, 3]);
    expect(ys[0]).toEqual([null, 1, null, null]);
  });

  it('gives an undefined run an all-null row, in its place', () => {
    const { x, ys } = alignSeries([undefined, run([5, 6], [1, 2]), undefined], 'step');
    expect([...x]).toEqual([5, 6]);
    expect(ys).toEqual([[null, null], [1, 2], [null, null]]);
  });

  it('returns empty x and rows for no data at all', () => {
    expect(alignSeries([], 'step')).toEqual({ x: new Float64Array(0), ys: [] });
    const r = alignSeries([undefined, run([], [])], 'wall');
    expect(r.x.length).toBe(0);
    expect(r.ys).toEqual([[], []]);
  });

  it('applies the transform to each cleaned run before aligning', () => {
    const a = run([2, 0, 1], [3, 1, 2]);
    const seen: number[][] = [];
    const { ys } = alignSeries([a], 'step', (v) => {
      seen.push([...v]);
      return v.map((y) => y * 10);
    });
    expect(seen).toEqual([[1, 2, 3]]); // cleaned (step order) values
    expect(ys[0]).toEqual([10, 20, 30]);
  });

  it('smoothing follows step order and never writes into the caller’s arrays', () => {
    const a = run([0, 1, 2, 3], [4, 0, 4, 0]);
    const before = [...a.values];
    const { ys } = alignSeries([a], 'step', (v) => debiasedEma(v, 0.5, v));
    expect([...a.values]).toEqual(before);
    expect(ys[0]).toEqual([...debiasedEma(f64(before), 0.5)]);
    expect(ys[0]![1]).not.toBe(0);
  });

  it('rejects a transform that changes the number of values', () => {
    expect(() => alignSeries([run([0, 1], [1, 2])], 'step', (v) => v.subarray(0, 1))).toThrow(RangeError);
  });

  it('does not hand out the caller’s steps array as x', () => {
    const a = run([0, 1, 2], [1, 2, 3]);
    const { x } = alignSeries([a], 'step');
    expect(x).not.toBe(a.steps);
    x[0] = 99;
    expect(a.steps[0]).toBe(0);
  });

  it('leaves out infinite steps (they cannot be placed)', () => {
    const { x, ys } = alignSeries([run([0, 1, Infinity], [1, 2, 3], [1, 2, 3])], 'step');
    expect([...x]).toEqual([0, 1]);
    expect(ys[0]).toEqual([1, 2]);
  });
});

describe('alignSeries on time axes', () => {
  const T0 = 1_700_000_000_000;

  it('wall: x is the timestamp in seconds since epoch, shared across runs', () => {
    const a = run([0, 1], [1, 2], [T0, T0 + 2000]);
    const b = run([0, 1], [5, 6], [T0 + 1000, T0 + 2000]);
    const { x, ys } = alignSeries([a, b], 'wall');
    expect([...x]).toEqual([T0 / 1000, T0 / 1000 + 1, T0 / 1000 + 2]);
    expect(ys).toEqual([
      [1, null, 2],
      [null, 5, 6],
    ]);
  });

  it('relative: x counts seconds from each run’s own first timestamp', () => {
    const a = run([0, 1, 2], [1, 2, 3], [T0, T0 + 1500, T0 + 3000]);
    const b = run([0, 1], [7, 8], [T0 + 86_400_000, T0 + 86_401_500]);
    const { x, ys } = alignSeries([a, b], 'relative');
    expect([...x]).toEqual([0, 1.5, 3]);
    expect(ys).toEqual([
      [1, 2, 3],
      [7, 8, null],
    ]);
  });

  it('relative: the origin is the earliest timestamp even when it is not the first step', () => {
    const a = run([0, 1, 2], [1, 2, 3], [T0 + 1000, T0, T0 + 2000]);
    const { x, ys } = alignSeries([a], 'relative');
    expect([...x]).toEqual([0, 1, 2]);
    expect(ys[0]).toEqual([2, 1, 3]); // step 1 came first in time
  });

  it('two points of one run at the same time: the later (higher step) one wins', () => {
    const a = run([0, 1, 2, 3], [10, 11, 12, 13], [T0, T0 + 1000, T0 + 1000, T0 + 2000]);
    const { x, ys } = alignSeries([a], 'wall');
    expect(x.length).toBe(3);
    expect(ys[0]).toEqual([10, 12, 13]);
    // Also when the timestamps run backwards and force a sort.
    const b = run([0, 1, 2, 3], [10, 11, 12, 13], [T0 + 3000, T0 + 1000, T0 + 1000, T0]);
    expect(alignSeries([b], 'relative').ys[0]).toEqual([13, 12, 10]);
    expect([...alignSeries([b], 'relative').x]).toEqual([0, 1, 3]);
  });

  it('drops points whose timestamp is NaN', () => {
    const a = run([0, 1, 2], [1, 2, 3], [T0, NaN, T0 + 1000]);
    const { x, ys } = alignSeries([a], 'relative');
    expect([...x]).toEqual([0, 1]);
    expect(ys[0]).toEqual([1, 3]);
  });

  it('the step and time axes of one run differ when it was resumed (timestamps not in step order)', () => {
    const a = run([0, 1, 2], [1, 2, 3], [T0 + 5000, T0 + 6000, T0]);
    expect(alignSeries([a], 'step').ys[0]).toEqual([1, 2, 3]);
    expect(alignSeries([a], 'wall').ys[0]).toEqual([3, 1, 2]);
  });
});

describe('alignSeries cost', () => {
  it('aligns 20 runs × 2,500 points at offset steps quickly and correctly', () => {
    const runs = Array.from({ length: 20 }, (_, r) =>
      run(
        Array.from({ length: 2500 }, (_, i) => i * 2 + (r % 2)),
        Array.from({ length: 2500 }, (_, i) => r + i / 2500),
      ),
    );
    alignSeries(runs, 'step'); // warm-up (JIT)
    const t = performance.now();
    const { x, ys } = alignSeries(runs, 'step');
    const ms = performance.now() - t;
    expect(x.length).toBe(5000);
    expect(ys[0]![0]).toBe(0);
    expect(ys[0]![1]).toBeNull();
    expect(ys[1]![1]).toBe(1);
    expect(ms).toBeLessThan(50); // the budget is 10 ms; headroom for slow CI machines
  });
});
