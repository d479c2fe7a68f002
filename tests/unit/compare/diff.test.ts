import { describe, expect, it } from 'vitest';
import { diffRows, naturalCompare, parseStrictNumber } from '@/lib/compare';

const params = (o: Record<string, string>) => new Map(Object.entries(o));

describe('diffRows', () => {
  it('rows for the union of keys; undefined where a run lacks the key', () => {
    const rows = diffRows([params({ lr: '0.1', seed: '1' }), params({ lr: '0.1', depth: '4' })], 0, false);
    expect(rows.map((r) => r.key)).toEqual(['depth', 'lr', 'seed']);
    expect(rows[0]!.values).toEqual([undefined, '4']);
    expect(rows[2]!.values).toEqual(['1', undefined]);
  });

  it('differs: a missing value differs from a present one; equal values do not', () => {
    const rows = diffRows([params({ lr: '0.1', seed: '1' }), params({ lr: '0.1' }), params({ lr: '0.1', seed: '1' })], 0, false);
    expect(rows.find((r) => r.key === 'lr')!.differs).toBe(false);
    expect(rows.find((r) => r.key === 'seed')!.differs).toBe(true);
  });

  it('compares strings exactly ("0.1" and "0.10" differ, as MLflow stores them)', () => {
    const [row] = diffRows([params({ lr: '0.1' }), params({ lr: '0.10' })], 0, false);
    expect(row!.differs).toBe(true);
    expect(row!.deltas).toEqual([null, 0]);
  });

  it('onlyDifferences keeps only rows that differ', () => {
    const runs = [params({ a: '1', b: '2', c: 'x' }), params({ a: '1', b: '3' })];
    expect(diffRows(runs, 0, true).map((r) => r.key)).toEqual(['b', 'c']);
    expect(diffRows(runs, 0, false).map((r) => r.key)).toEqual(['a', 'b', 'c']);
  });

  it('numeric deltas against the baseline; the baseline’s own entry is null', () => {
    const runs = [params({ lr: '0.001' }), params({ lr: '1e-3' }), params({ lr: ' -2 ' }), params({ lr: '0.011' })];
    const [row] = diffRows(runs, 0, false);
    expect(row!.deltas[0]).toBeNull();
    expect(row!.deltas[1]).toBe(0);
    expect(row!.deltas[2]).toBeCloseTo(-2.001, 12);
    expect(row!.deltas[3]).toBeCloseTo(0.01, 12);
    const [fromTwo] = diffRows(runs, 2, false);
    expect(fromTwo!.deltas[2]).toBeNull();
    expect(fromTwo!.deltas[0]).toBeCloseTo(2.001, 12);
  });

  it('no delta for non-numeric values, missing values, or a non-numeric baseline', () => {
    const runs = [params({ a: '1', b: 'adam' }), params({ a: '12abc', b: '3' }), params({ a: '0x10' }), params({ a: '' }), params({})];
    const rows = diffRows(runs, 0, false);
    expect(rows.find((r) => r.key === 'a')!.deltas).toEqual([null, null, null, null, null]);
    expect(rows.find((r) => r.key === 'b')!.deltas).toEqual([null, null, null, null, null]);
    const [withMissingBase] = diffRows([params({}), params({ x: '2' })], 0, false);
    expect(withMissingBase!.deltas).toEqual([null, null]);
  });

  it('a baseline outside the runs gives no deltas', () => {
    const runs = [params({ a: '1' }), params({ a: '2' })];
    expect(diffRows(runs, 5, false)[0]!.deltas).toEqual([null, null]);
    expect(diffRows(runs, -1, false)[0]!.deltas).toEqual([null, null]);
  });

  it('sorts keys naturally and case-insensitively', () => {
    const runs = [params({ layer10: 'a', layer2: 'b', Beta: 'c', alpha: 'd', layer1: 'e' })];
    expect(diffRows(runs, 0, false).map((r) => r.key)).toEqual(['alpha', 'Beta', 'layer1', 'layer2', 'layer10']);
  });

  it('a single run differs nowhere; no runs give no rows', () => {
    expect(diffRows([params({ a: '1' })], 0, false)[0]!.differs).toBe(false);
    expect(diffRows([], 0, false)).toEqual([]);
  });
});

describe('parseStrictNumber', () => {
  it('accepts whole decimal literals only', () => {
    expect(parseStrictNumber('0.001')).toBe(0.001);
    expect(parseStrictNumber('1e-3')).toBe(0.001);
    expect(parseStrictNumber('-2')).toBe(-2);
    expect(parseStrictNumber(' 3 ')).toBe(3);
    expect(parseStrictNumber('.5')).toBe(0.5);
    expect(parseStrictNumber('+4E2')).toBe(400);
    for (const bad of ['', '  ', '12abc', '0x10', '0b1', 'Infinity', 'NaN', '1e400', '1_000', '1,5', 'True', '-', '.', 'e5', undefined]) {
      expect(parseStrictNumber(bad)).toBeNull();
    }
  });
});

describe('naturalCompare', () => {
  it('orders digit runs by value and ignores case, with a deterministic tie-break', () => {
    expect(naturalCompare('layer2', 'layer10')).toBeLessThan(0);
    expect(naturalCompare('B', 'a')).toBeGreaterThan(0);
    expect(naturalCompare('lr', 'LR')).not.toBe(0);
    expect(naturalCompare('lr', 'LR')).toBe(-naturalCompare('LR', 'lr'));
  });
});
