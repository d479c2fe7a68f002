// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { miniChartData } from '@/components/overfit/mini-chart-plot';
import type { ChartSeries } from '@/components/overfit/mini-chart-data';

function series(label: string, n: number, value: (step: number) => number): ChartSeries {
  const steps = Float64Array.from({ length: n }, (_, i) => i);
  return { label, steps, values: steps.map(value), color: '#000' };
}

describe('miniChartData (the badge popover chart)', () => {
  it('a 100,000-step history is thinned to a drawable size and keeps a one-step spike', () => {
    const val = series('val_loss', 100_000, (s) => (s === 54_321 ? 10 : 1 + Math.sin(s / 500) * 0.1));
    const train = series('train_loss', 100_000, (s) => 0.5 + Math.cos(s / 700) * 0.1);
    const [x, valRaw, valSmooth, trainRaw, trainSmooth] = miniChartData([val, train], 0.6);
    expect(x.length).toBeLessThanOrEqual(4 * 1_500);
    expect(x.length).toBeGreaterThan(375); // at least one point a bucket
    expect([...valRaw!].filter((v) => v === 10)).toHaveLength(1);
    expect(x[(valRaw as (number | null | undefined)[]).indexOf(10)]).toBe(54_321);
    // Every column is aligned on x; a line has values only where it kept a point.
    for (const col of [valRaw, valSmooth, trainRaw, trainSmooth]) expect(col!.length).toBe(x.length);
    expect(x[0]).toBe(0);
    expect(x[x.length - 1]).toBe(99_999);
  });

  it('a short history is drawn whole; NaN breaks the line (null), another line\'s step does not (undefined)', () => {
    const val = series('val_loss', 40, (s) => (s === 7 ? Number.NaN : 1 / (s + 1)));
    const train = { ...series('train_loss', 20, (s) => 2 / (s + 1)), steps: Float64Array.from({ length: 20 }, (_, i) => i * 2 + 0.5) };
    const [x, valRaw, , trainRaw] = miniChartData([val, train], 0);
    expect(x.length).toBe(60);
    const at = (step: number) => (x as number[]).indexOf(step);
    expect(valRaw![at(7)]).toBeNull();
    expect(valRaw![at(8)]).toBeCloseTo(1 / 9);
    expect(valRaw![at(0.5)]).toBeUndefined();
    expect(trainRaw![at(0.5)]).toBeCloseTo(2);
    expect(trainRaw![at(3)]).toBeUndefined();
  });

  it('unsorted and repeated steps are put in order first (MLflow returns them as logged)', () => {
    const s: ChartSeries = { label: 'val_loss', steps: Float64Array.from([2, 0, 1, 1]), values: Float64Array.from([3, 1, 5, 2]), color: '#000' };
    const [x, raw] = miniChartData([s], 0);
    expect([...x]).toEqual([0, 1, 2]);
    expect([...raw!]).toEqual([1, 2, 3]); // step 1: the later of the two
  });
});
