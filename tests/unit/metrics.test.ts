import { describe, expect, it } from 'vitest';
import { normaliseMetricValue, toSeries } from '@/lib/mlflow/metrics';

describe('normaliseMetricValue', () => {
  it('turns every MLflow spelling of a non-finite value into NaN or ±Infinity', () => {
    expect(normaliseMetricValue('NaN')).toBeNaN();
    expect(normaliseMetricValue(null)).toBeNaN();
    expect(normaliseMetricValue('Infinity')).toBe(Infinity);
    expect(normaliseMetricValue('-Infinity')).toBe(-Infinity);
    expect(normaliseMetricValue(1.7976931348623157e308)).toBe(Infinity);
    expect(normaliseMetricValue(-1.7976931348623157e308)).toBe(-Infinity);
  });
  it('keeps finite numbers, numeric strings and large-but-finite values', () => {
    expect(normaliseMetricValue(0.25)).toBe(0.25);
    expect(normaliseMetricValue('0.5')).toBe(0.5);
    expect(normaliseMetricValue(1e300)).toBe(1e300);
    expect(normaliseMetricValue('junk')).toBeNaN();
  });
});

describe('toSeries', () => {
  it('packs points into typed columns in the order given', () => {
    const s = toSeries('val_loss', [
      { key: 'val_loss', value: 1, timestamp: 10, step: 0 },
      { key: 'val_loss', value: 'NaN', timestamp: '11', step: '1' },
      { key: 'val_loss', value: 0.5, timestamp: 12 },
    ]);
    expect(s.values).toBeInstanceOf(Float64Array);
    expect([...s.steps]).toEqual([0, 1, 0]);
    expect([...s.timestamps]).toEqual([10, 11, 12]);
    expect(s.values[0]).toBe(1);
    expect(s.values[1]).toBeNaN();
  });
});
