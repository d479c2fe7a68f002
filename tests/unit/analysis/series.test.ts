import { describe, expect, it } from 'vitest';
import { cleanColumns, cleanSeries } from '@/lib/analysis';
import { prng } from './helpers';

const f64 = (xs: number[]) => Float64Array.from(xs);
const cols = (steps: number[], timestamps: number[], values: number[]) => ({
  steps: f64(steps),
  timestamps: f64(timestamps),
  values: f64(values),
});

describe('cleanSeries', () => {
  it('returns the very same arrays when steps already increase strictly (no copy)', () => {
    const s = cols([0, 1, 2, 5], [10, 11, 12, 13], [1, NaN, Infinity, 0.5]);
    const c = cleanSeries(s);
    expect(c.steps).toBe(s.steps);
    expect(c.timestamps).toBe(s.timestamps);
    expect(c.values).toBe(s.values);
  });

  it('handles empty and single-point series', () => {
    expect(cleanSeries(cols([], [], [])).steps.length).toBe(0);
    const one = cols([3], [1], [0.2]);
    expect(cleanSeries(one).values).toBe(one.values);
  });

  it('orders by step', () => {
    const c = cleanSeries(cols([3, 1, 2, 0], [4, 2, 3, 1], [30, 10, 20, 0]));
    expect([...c.steps]).toEqual([0, 1, 2, 3]);
    expect([...c.values]).toEqual([0, 10, 20, 30]);
    expect([...c.timestamps]).toEqual([1, 2, 3, 4]);
  });

  it('keeps one value per step: the latest timestamp wins', () => {
    const c = cleanSeries(cols([0, 1, 1, 2], [1, 9, 5, 3], [0, 11, 10, 2]));
    expect([...c.steps]).toEqual([0, 1, 2]);
    expect([...c.values]).toEqual([0, 11, 2]);
    expect([...c.timestamps]).toEqual([1, 9, 3]);
  });

  it('on equal timestamps the later point in input order wins (ordered and unordered input)', () => {
    const ordered = cleanSeries(cols([0, 1, 1, 1, 2], [1, 5, 5, 5, 6], [0, 10, 11, 12, 2]));
    expect([...ordered.values]).toEqual([0, 12, 2]);
    const unordered = cleanSeries(cols([2, 1, 0, 1, 1], [6, 5, 1, 5, 5], [2, 10, 0, 11, 12]));
    expect([...unordered.steps]).toEqual([0, 1, 2]);
    expect([...unordered.values]).toEqual([0, 12, 2]);
  });

  it('keeps non-finite values as they are, and a later duplicate can replace one', () => {
    const c = cleanSeries(cols([1, 0, 2, 2], [2, 1, 3, 4], [NaN, -Infinity, Infinity, 7]));
    expect(c.values[0]).toBe(-Infinity);
    expect(c.values[1]).toBeNaN();
    expect(c.values[2]).toBe(7);
  });

  it('a duplicate logged earlier (older timestamp) does not replace the newer value', () => {
    const c = cleanSeries(cols([0, 1, 2, 1], [1, 8, 9, 2], [0, 1, 2, 99]));
    expect([...c.values]).toEqual([0, 1, 2]);
  });

  it('drops points whose step is NaN and sorts negative and non-integer steps', () => {
    const c = cleanSeries(cols([NaN, 0.5, -3, 2.25, NaN], [1, 2, 3, 4, 5], [9, 1, 0, 2, 9]));
    expect([...c.steps]).toEqual([-3, 0.5, 2.25]);
    expect([...c.values]).toEqual([0, 1, 2]);
  });

  it('treats a NaN timestamp as older than any real one', () => {
    const c = cleanSeries(cols([1, 1, 0], [5, NaN, 1], [10, 11, 0]));
    expect([...c.values]).toEqual([0, 10]);
  });

  it('takes series without timestamps (the last point of a step wins)', () => {
    const c = cleanColumns(f64([2, 0, 2, 1]), undefined, f64([20, 0, 21, 10]));
    expect([...c.steps]).toEqual([0, 1, 2]);
    expect([...c.values]).toEqual([0, 10, 21]);
    expect(c.timestamps).toBeUndefined();
  });

  it('agrees with a reference implementation on random input (integer and fractional steps)', () => {
    for (const fractional of [false, true]) {
      for (let seed = 1; seed <= 20; seed++) {
        const rand = prng(seed);
        const n = 1 + Math.floor(rand() * 300);
        const steps: number[] = [];
        const ts: number[] = [];
        const values: number[] = [];
        for (let i = 0; i < n; i++) {
          const s = Math.floor(rand() * n * 0.6);
          steps.push(fractional ? s / 4 : s);
          ts.push(Math.floor(rand() * 5)); // many equal timestamps
          values.push(i);
        }
        const ref = new Map<number, { t: number; i: number }>();
        steps.forEach((s, i) => {
          const cur = ref.get(s);
          if (!cur || ts[i]! > cur.t || (ts[i]! === cur.t && i > cur.i)) ref.set(s, { t: ts[i]!, i });
        });
        const expected = [...ref.entries()].sort((a, b) => a[0] - b[0]);
        const c = cleanSeries(cols(steps, ts, values));
        expect([...c.steps]).toEqual(expected.map((e) => e[0]));
        expect([...c.values]).toEqual(expected.map((e) => e[1].i));
        expect([...c.timestamps]).toEqual(expected.map((e) => e[1].t));
      }
    }
  });

  it('does not modify its input', () => {
    const s = cols([2, 0, 1, 1], [4, 1, 2, 3], [2, 0, 1, 1.5]);
    const copy = { steps: [...s.steps], timestamps: [...s.timestamps], values: [...s.values] };
    cleanSeries(s);
    expect({ steps: [...s.steps], timestamps: [...s.timestamps], values: [...s.values] }).toEqual(copy);
  });
});
