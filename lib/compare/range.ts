/**
 * A y range that ignores outliers: one diverged run or a first-step loss of 1e4 would otherwise flatten every
 * other curve against the axis.
 */

/** A quantile level in [0, 1]; anything that is not a number falls back to the default. */
function level(p: number | undefined, fallback: number): number {
  if (p === undefined || Number.isNaN(p)) return fallback;
  return Math.min(1, Math.max(0, p));
}

/** Linear interpolation between closest ranks (R's type 7, NumPy's default) over sorted values. */
function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

/**
 * [lo, hi] quantiles (default 0.05 and 0.95, linear interpolation) over every finite non-null value of all
 * arrays; null when there is no finite value. For log scales pass positiveOnly to ignore values <= 0.
 * Levels are clamped to [0, 1] and swapped when lo > hi. Two passes (count, then copy) so the only
 * allocation is one exact-size Float64Array, sorted natively.
 */
export function quantileRange(
  arrays: readonly (readonly (number | null)[])[],
  lo?: number,
  hi?: number,
  positiveOnly = false,
): [number, number] | null {
  let pLo = level(lo, 0.05);
  let pHi = level(hi, 0.95);
  if (pLo > pHi) [pLo, pHi] = [pHi, pLo];
  const keep = (v: number | null): v is number => v !== null && v - v === 0 && (!positiveOnly || v > 0);
  let count = 0;
  for (const arr of arrays) for (let i = 0; i < arr.length; i++) if (keep(arr[i] as number | null)) count++;
  if (count === 0) return null;
  const all = new Float64Array(count);
  let k = 0;
  for (const arr of arrays) {
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i] as number | null;
      if (keep(v)) all[k++] = v;
    }
  }
  all.sort();
  return [quantileSorted(all, pLo), quantileSorted(all, pHi)];
}
