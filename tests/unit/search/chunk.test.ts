import { describe, expect, it } from 'vitest';
import { chunk, experimentIdChunks, MAX_RUNS_SEARCH_CHUNKS, RUNS_SEARCH_CHUNK_SIZE } from '@/lib/search/chunk';

describe('chunk', () => {
  it('splits into slices of at most size, keeping order', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([1, 2, 3, 4], 2)).toEqual([[1, 2], [3, 4]]);
    expect(chunk([1], 10)).toEqual([[1]]);
    expect(chunk([], 3)).toEqual([]);
  });

  it('refuses sizes that are not positive integers', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
    expect(() => chunk([1], -1)).toThrow(RangeError);
    expect(() => chunk([1], 1.5)).toThrow(RangeError);
    expect(() => chunk([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('experimentIdChunks', () => {
  it('puts the most recently updated experiments first (numbers or int64 strings), stable on ties', () => {
    const experiments = [
      { experiment_id: '1', last_update_time: 100 },
      { experiment_id: '2', last_update_time: '300' },
      { experiment_id: '3' },
      { experiment_id: '4', last_update_time: 200 },
      { experiment_id: '5', last_update_time: 200 },
      { experiment_id: '6', creation_time: 250 },
    ];
    expect(experimentIdChunks(experiments, { size: 2 })).toEqual([
      ['2', '6'],
      ['4', '5'],
      ['1', '3'],
    ]);
  });

  it('drops duplicate ids and bounds the number of chunks', () => {
    const experiments = Array.from({ length: 2_500 }, (_, i) => ({ experiment_id: String(i % 2_000), last_update_time: 5_000 - i }));
    const chunks = experimentIdChunks(experiments);
    expect(chunks.length).toBe(MAX_RUNS_SEARCH_CHUNKS);
    expect(chunks.every((c) => c.length === RUNS_SEARCH_CHUNK_SIZE)).toBe(true);
    const all = chunks.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all[0]).toBe('0');
    expect(experimentIdChunks(experiments, { size: 1_000, maxChunks: 0 })).toEqual([]);
  });

  it('keeps chunks far below the bound-parameter limits of SQLite (999) and SQL Server (2,100)', () => {
    expect(RUNS_SEARCH_CHUNK_SIZE).toBeLessThanOrEqual(500);
    expect(RUNS_SEARCH_CHUNK_SIZE * MAX_RUNS_SEARCH_CHUNKS).toBeGreaterThanOrEqual(1_000);
  });
});
