import { describe, expect, it } from 'vitest';
import { compareFigures, figuresFromVitest, parseArgs, type Figure } from '../../bench/run.mjs';

const fig = (id: string, value: number, better: 'lower' | 'higher' = 'lower'): Figure => ({ id, label: id, value, unit: 'ms', better });

describe('bench runner', () => {
  it('flags figures more than 20 % worse, in the right direction for each', () => {
    const before = [fig('time', 100), fig('rate', 100, 'higher'), fig('same', 50), fig('gone', 1)];
    const now = [fig('time', 125), fig('rate', 80, 'higher'), fig('same', 55), fig('new', 3)];
    const result = compareFigures(now, before, 0.2);
    const byId = Object.fromEntries(result.map((c) => [c.id, c]));
    expect(Object.keys(byId).sort()).toEqual(['rate', 'same', 'time']);
    expect(byId.time!.flagged).toBe(true);
    expect(byId.time!.worseBy).toBeCloseTo(0.25);
    expect(byId.rate!.flagged).toBe(true); // 100 → 80 per second is 25 % worse
    expect(byId.same!.flagged).toBe(false);
    expect(compareFigures([fig('time', 70)], before)[0]!.worseBy).toBeCloseTo(-0.3);
  });

  it('reads vitest bench JSON: one figure per benchmark, its median in ms', () => {
    const report = {
      files: [{ filepath: 'x', groups: [{ fullName: 'bench/a.bench.ts > lib/analysis', benchmarks: [{ name: 'pairMetrics, 500 keys', median: 0.7, mean: 0.8 }] }] }],
    };
    expect(figuresFromVitest(report, 'analysis')).toEqual([
      { id: 'lib-analysis-pairmetrics-500-keys', label: 'pairMetrics, 500 keys', value: 0.7, unit: 'ms', better: 'lower', section: 'analysis' },
    ]);
  });

  it('parses its arguments and refuses unknown ones', () => {
    expect(parseArgs(['--compare', 'bench/results/a.json', '--only', 'analysis,page', '--repeats', '3'])).toMatchObject({
      compare: 'bench/results/a.json',
      only: ['analysis', 'page'],
      repeats: 3,
    });
    expect(() => parseArgs(['--bogus'])).toThrow(/unknown argument/);
    expect(() => parseArgs(['--only', 'nope'])).toThrow(/unknown section/);
    expect(() => parseArgs(['--compare'])).toThrow(/needs a value/);
  });
});
