/**
 * Splitting experiment ids for `runs/search`, most recently updated experiments first.
 *
 * Neither MLflow 2.22.5 nor 3.17.2 caps `experiment_ids` in `runs/search`: both servers (SQLite backend)
 * answered 100, 1,000, 20,000 and even 100,000 ids in one request. The real ceilings are the database's
 * bound-parameter limits (SQLite before 3.32: 999; SQL Server: 2,100) and the cost of one huge `IN (…)`.
 * So Lens sends RUNS_SEARCH_CHUNK_SIZE ids per request — well under 999 with room for the filter's own
 * parameters — and at most MAX_RUNS_SEARCH_CHUNKS requests (1,000 experiments) per keystroke.
 */

export const RUNS_SEARCH_CHUNK_SIZE = 200;
export const MAX_RUNS_SEARCH_CHUNKS = 5;

/** `items` in consecutive slices of at most `size` (the last may be shorter). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface ExperimentLike {
  experiment_id: string;
  last_update_time?: number | string;
  creation_time?: number | string;
}

/** Experiment ids, most recently updated first (stable; duplicates dropped), in chunks for `runs/search`. */
export function experimentIdChunks(
  experiments: readonly ExperimentLike[],
  options: { size?: number; maxChunks?: number } = {},
): string[][] {
  const size = options.size ?? RUNS_SEARCH_CHUNK_SIZE;
  const maxChunks = options.maxChunks ?? MAX_RUNS_SEARCH_CHUNKS;
  const seen = new Set<string>();
  const ordered = experiments
    .map((e, index) => ({ id: e.experiment_id, time: toMillis(e.last_update_time ?? e.creation_time), index }))
    .sort((a, b) => b.time - a.time || a.index - b.index)
    .map((e) => e.id)
    .filter((id) => !seen.has(id) && (seen.add(id), true));
  return chunk(ordered, size).slice(0, Math.max(0, maxChunks));
}

/** MLflow's int64 timestamps come as numbers or strings; missing or invalid ones sort last. */
export function toMillis(value: number | string | undefined): number {
  if (value === undefined) return -Infinity;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : -Infinity;
}
