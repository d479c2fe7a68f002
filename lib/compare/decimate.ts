/**
 * Thinning a long history for drawing without changing the picture: per bucket of consecutive points keep the
 * first, the last, the lowest and the highest (the M4 idea: Jugel et al., "M4: A Visualization-Oriented Time
 * Series Data Aggregation", VLDB 2014). With at least one bucket per pixel column the line drawn is the same.
 * A non-finite value in a bucket is kept too, so a gap stays a gap.
 */
import type { SeriesColumns } from '../analysis';

/** `series` must be cleaned (ascending steps). Returns it as is when it has ≤ 4 points per bucket. */
export function decimateMinMax(series: SeriesColumns, buckets: number): SeriesColumns {
  const { steps, timestamps, values } = series;
  const n = Math.min(steps.length, values.length);
  const b = Math.max(1, Math.floor(buckets));
  if (n <= b * 4) return series;
  const keep = new Uint32Array(b * 5);
  let kept = 0;
  for (let bucket = 0; bucket < b; bucket++) {
    const lo = Math.floor((bucket * n) / b);
    const hi = Math.floor(((bucket + 1) * n) / b);
    if (hi <= lo) continue;
    let min = -1;
    let max = -1;
    let gap = -1;
    for (let i = lo; i < hi; i++) {
      const v = values[i]!;
      if (v - v !== 0) {
        if (gap < 0) gap = i;
        continue;
      }
      if (min < 0 || v < values[min]!) min = i;
      if (max < 0 || v > values[max]!) max = i;
    }
    // Indices in ascending order, each once.
    const picks = [lo, min, max, gap, hi - 1].filter((i) => i >= 0).sort((x, y) => x - y);
    for (let k = 0; k < picks.length; k++) if (k === 0 || picks[k] !== picks[k - 1]) keep[kept++] = picks[k]!;
  }
  const outSteps = new Float64Array(kept);
  const outTimes = new Float64Array(kept);
  const outValues = new Float64Array(kept);
  for (let k = 0; k < kept; k++) {
    const i = keep[k]!;
    outSteps[k] = steps[i]!;
    outTimes[k] = timestamps[i] ?? Number.NaN;
    outValues[k] = values[i]!;
  }
  return { steps: outSteps, timestamps: outTimes, values: outValues };
}
