import { describe, expect, it } from 'vitest';
import { formatDuration, formatWallTime, formatX, logTickLabels } from '@/lib/compare';

describe('logTickLabels', () => {
  it('never labels a log tick "0": small ticks keep their digits or go to a short exponent', () => {
    // What uPlot's log splits give for a metric falling from 0.3 to 3e-6 (thinned ticks are null).
    const splits = [0.000001, null, 0.00001, null, 0.0001, 0.0002, 0.001, 0.01, 0.1, 0.3];
    const labels = logTickLabels(splits);
    expect(labels).toEqual(['1e-6', '', '1e-5', '', '0.0001', '0.0002', '0.001', '0.01', '0.1', '0.3']);
    expect(labels).not.toContain('0');
  });

  it('leaves non-positive and non-finite ticks unlabelled', () => {
    expect(logTickLabels([0, -1, NaN, Infinity, 1000, 1e7])).toEqual(['', '', '', '', '1000', '1e7']);
  });
});

describe('formatX', () => {
  it('names the axis and shows steps exactly', () => {
    expect(formatX('step', 12)).toBe('step 12');
    expect(formatX('step', 1234567)).toBe('step 1234567');
  });

  it('relative time as m:ss or h:mm:ss', () => {
    expect(formatX('relative', 65.4)).toBe('relative time 1:05');
    expect(formatX('relative', 3 * 3600 + 7)).toBe('relative time 3:00:07');
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(-61)).toBe('\u22121:01');
  });

  it('wall time as local YYYY-MM-DD HH:MM:SS', () => {
    const t = new Date(2024, 4, 1, 9, 3, 7).getTime() / 1000;
    expect(formatX('wall', t)).toBe('wall time 2024-05-01 09:03:07');
    expect(formatWallTime(NaN)).toBe('NaN');
  });
});
