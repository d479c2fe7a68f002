import { describe, expect, it } from 'vitest';
import { clampSmoothingWeight, debiasedEma, MAX_SMOOTHING_WEIGHT } from '@/lib/analysis';
import { prng } from './helpers';

/** TensorBoard's classicSmoothing, transcribed from the reference (E4), on plain arrays. */
function tensorboard(ys: number[], weight: number): number[] {
  let w = Number.isFinite(weight) ? weight : 0;
  w = Math.max(0, Math.min(w, 1));
  const first = ys[0];
  if (ys.every((y) => y == first)) return ys.slice();
  let last = 0;
  let n = 0;
  return ys.map((y) => {
    if (!Number.isFinite(y)) return y;
    last = last * w + (1 - w) * y;
    n++;
    const debias = w === 1 ? 1 : 1 - Math.pow(w, n);
    return last / debias;
  });
}

const f64 = (xs: number[]) => Float64Array.from(xs);

describe('debiasedEma', () => {
  it('matches TensorBoard classicSmoothing on random series with NaN and ±Infinity', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rand = prng(seed);
      const ys = Array.from({ length: 200 }, () => {
        const r = rand();
        if (r < 0.03) return NaN;
        if (r < 0.04) return Infinity;
        if (r < 0.05) return -Infinity;
        return (rand() - 0.3) * 10;
      });
      for (const w of [0, 0.3, 0.6, 0.9, 0.99]) {
        const ours = debiasedEma(f64(ys), w);
        const ref = tensorboard(ys, w);
        ref.forEach((r, i) => {
          if (Number.isFinite(r)) expect(ours[i]).toBeCloseTo(r, 10);
          else expect(Object.is(ours[i], r) || (Number.isNaN(ours[i]) && Number.isNaN(r))).toBe(true);
        });
      }
    }
  });

  it('debiases: the first smoothed value is the first value, a step is approached gradually', () => {
    const out = debiasedEma(f64([1, 1, 1, 2, 2]), 0.5);
    expect(out[0]).toBe(1);
    expect(out[1]).toBeCloseTo(1, 12);
    expect(out[3]).toBeCloseTo(1 + 0.5 / (1 - 0.5 ** 4), 12);
    expect(out[4]).toBeGreaterThan(out[3]!);
    expect(out[4]).toBeLessThan(2);
  });

  it('lets non-finite points through without advancing the debias count', () => {
    const out = debiasedEma(f64([NaN, 4, Infinity, 2]), 0.5);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBe(4); // first finite point: debias count 1
    expect(out[2]).toBe(Infinity);
    expect(out[3]).toBeCloseTo((0.5 * 0.5 * 4 + 0.5 * 2) / (1 - 0.25), 12); // count 2, not 3
  });

  it('returns an all-equal series unchanged', () => {
    expect([...debiasedEma(f64([0.3, 0.3, 0.3]), 0.9)]).toEqual([0.3, 0.3, 0.3]);
    expect([...debiasedEma(f64([5]), 0.6)]).toEqual([5]);
    expect(debiasedEma(f64([]), 0.6).length).toBe(0);
  });

  it('clamps the weight to [0, 1): non-finite → 0, ≥ 1 → MAX_SMOOTHING_WEIGHT', () => {
    expect(clampSmoothingWeight(NaN)).toBe(0);
    expect(clampSmoothingWeight(-Infinity)).toBe(0);
    expect(clampSmoothingWeight(-0.5)).toBe(0);
    expect(clampSmoothingWeight(0.95)).toBe(0.95);
    expect(clampSmoothingWeight(1)).toBe(MAX_SMOOTHING_WEIGHT);
    expect(clampSmoothingWeight(Infinity)).toBe(0);
    const ys = f64([1, 3, 2, 5]);
    expect([...debiasedEma(ys, NaN)]).toEqual([1, 3, 2, 5]);
    expect([...debiasedEma(ys, -1)]).toEqual([1, 3, 2, 5]);
    const heavy = debiasedEma(ys, 1);
    expect(heavy[0]).toBe(1); // not TensorBoard's w = 1 collapse to 0
    expect([...heavy]).toEqual([...debiasedEma(ys, MAX_SMOOTHING_WEIGHT)]);
  });

  it('writes into `out` (also in place, or into a longer buffer) and rejects a short one', () => {
    const ys = f64([1, 2, 3, 4]);
    const expected = [...debiasedEma(ys, 0.6)];
    const out = new Float64Array(4);
    expect(debiasedEma(ys, 0.6, out)).toBe(out);
    expect([...out]).toEqual(expected);
    const longer = new Float64Array(10);
    const view = debiasedEma(ys, 0.6, longer);
    expect(view.length).toBe(4);
    expect(view.buffer).toBe(longer.buffer);
    const inPlace = f64([1, 2, 3, 4]);
    debiasedEma(inPlace, 0.6, inPlace);
    inPlace.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
    expect(() => debiasedEma(ys, 0.6, new Float64Array(2))).toThrow(RangeError);
  });

  it('does not modify its input', () => {
    const ys = f64([3, 1, 2]);
    debiasedEma(ys, 0.8);
    expect([...ys]).toEqual([3, 1, 2]);
  });
});
