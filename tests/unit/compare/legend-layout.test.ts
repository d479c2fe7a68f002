import { describe, expect, it } from 'vitest';
import { ellipsise, layoutLegend } from '@/lib/compare';

/** Every character 10 px wide. */
const measure = (s: string) => [...s].length * 10;
const options = { width: 300, rowHeight: 20, swatch: 20, gap: 16, maxName: 200 };

describe('layoutLegend', () => {
  it('puts entries left to right and wraps when the next would pass the width', () => {
    const { entries, height } = layoutLegend(['alpha', 'beta', 'gamma', 'delta'], options, measure);
    // alpha: 20 + 50 = 70, next at 86; beta: 20 + 40 = 60, next at 162; gamma: 70 → ends at 232; delta: 248 + 70 > 300.
    expect(entries).toEqual([
      { text: 'alpha', x: 0, y: 0 },
      { text: 'beta', x: 86, y: 0 },
      { text: 'gamma', x: 162, y: 0 },
      { text: 'delta', x: 0, y: 20 },
    ]);
    expect(height).toBe(40);
  });

  it('ellipsises a name longer than maxName, and one row holds an entry wider than the whole width', () => {
    const long = 'x'.repeat(40);
    const { entries, height } = layoutLegend([long, 'b'], { ...options, width: 120, maxName: 500 }, measure);
    expect(entries[0]!.text).toBe('x'.repeat(9) + '…'); // 10 chars = 100 px = width − swatch
    expect(entries[1]).toEqual({ text: 'b', x: 0, y: 20 });
    expect(height).toBe(40);
  });

  it('no entries, no height', () => {
    expect(layoutLegend([], options, measure)).toEqual({ entries: [], height: 0 });
  });
});

describe('ellipsise', () => {
  it('keeps text that fits and never splits a surrogate pair', () => {
    expect(ellipsise('short', 50, measure)).toBe('short');
    expect(ellipsise('😀😀😀😀', 30, measure)).toBe('😀😀…');
    expect(ellipsise('abc', 5, measure)).toBe('…');
  });
});
