import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_VERDICT_PARAMS } from '@/lib/analysis';
import { ANALYSIS_BOUNDS, analysisSettings, DEFAULT_ANALYSIS_SETTINGS, readAnalysisSettings, storedAnalysisSettings, type AnalysisNumber } from '@/lib/settings';

const NUMBERS = Object.keys(ANALYSIS_BOUNDS) as AnalysisNumber[];

describe('readAnalysisSettings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('gives the defaults when nothing is stored: the rule’s, 15 s live refresh, no pairs', async () => {
    expect(await readAnalysisSettings()).toEqual({ ...DEFAULT_VERDICT_PARAMS, liveRefreshSeconds: 15, pairs: [] });
  });

  it('keeps what the user set and fills in the rest (the e2e tests store only liveRefreshSeconds)', async () => {
    await fakeBrowser.storage.sync.set({ analysisSettings: { liveRefreshSeconds: 2, patience: 7 } });
    expect(await readAnalysisSettings()).toEqual({ ...DEFAULT_ANALYSIS_SETTINGS, liveRefreshSeconds: 2, patience: 7 });
  });

  it.each(NUMBERS)('drops a bad %s for its default, keeping the other fields', async (key) => {
    const [min, max] = ANALYSIS_BOUNDS[key];
    for (const bad of [Number.NaN, Infinity, -Infinity, '3', null, true, min - 1, max + 1]) {
      await analysisSettings.setValue({ [key]: bad, pairs: [{ train: 'loss', validation: 'val_loss' }] } as never);
      const read = await readAnalysisSettings();
      expect(read[key], String(bad)).toBe(DEFAULT_ANALYSIS_SETTINGS[key]);
      expect(read.pairs).toEqual([{ train: 'loss', validation: 'val_loss' }]);
    }
    // Both bounds are allowed values.
    await analysisSettings.setValue({ [key]: min });
    expect((await readAnalysisSettings())[key]).toBe(min);
    await analysisSettings.setValue({ [key]: max });
    expect((await readAnalysisSettings())[key]).toBe(max);
  });

  it('drops malformed pairs one by one, and a pairs field that is no list', async () => {
    await fakeBrowser.storage.sync.set({
      analysisSettings: {
        pairs: [{ train: 'loss', validation: 'val_loss', direction: 'min' }, { train: 'a' }, { train: 'b', validation: 'c', direction: 'up' }, 'x', { train: 'acc', validation: 'val_acc', extra: 1 }],
      },
    });
    expect((await readAnalysisSettings()).pairs).toEqual([
      { train: 'loss', validation: 'val_loss', direction: 'min' },
      { train: 'acc', validation: 'val_acc' },
    ]);
    await fakeBrowser.storage.sync.set({ analysisSettings: { pairs: { train: 'loss', validation: 'val_loss' } } });
    expect((await readAnalysisSettings()).pairs).toEqual([]);
  });

  it('reads a stored value that is not an object at all as the defaults', async () => {
    for (const raw of ['fast', 12, [1, 2], null]) {
      await fakeBrowser.storage.sync.set({ analysisSettings: raw });
      expect(await readAnalysisSettings(), JSON.stringify(raw)).toEqual(DEFAULT_ANALYSIS_SETTINGS);
    }
  });
});

describe('storedAnalysisSettings (what the options page shows as set)', () => {
  it('leaves out what was not set or cannot be used, so the page shows the default there', () => {
    expect(storedAnalysisSettings({ smoothing: 0.5, warmup: 0, noiseGuard: Number.NaN, junk: 1 })).toEqual({ smoothing: 0.5 });
    expect(storedAnalysisSettings(undefined)).toEqual({});
  });
});

it('every default lies within its bounds', () => {
  for (const key of NUMBERS) {
    const [min, max] = ANALYSIS_BOUNDS[key];
    expect(DEFAULT_ANALYSIS_SETTINGS[key], key).toBeGreaterThanOrEqual(min);
    expect(DEFAULT_ANALYSIS_SETTINGS[key], key).toBeLessThanOrEqual(max);
  }
});
