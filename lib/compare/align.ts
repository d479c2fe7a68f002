/**
 * Several runs' histories of one metric on one shared x axis, in the shape uPlot draws (one x array, one y
 * array per run, null for "no point here"). Runs are logged at different steps and times, so the shared axis
 * is the union of every run's x values.
 */
import { cleanSeries, type SeriesColumns } from '../analysis';

export type XAxis = 'step' | 'wall' | 'relative';

export interface AlignedSeries {
  /**
   * Sorted ascending union of every run's x values. step: the step; wall: timestamp in SECONDS since epoch
   * (uPlot time scale); relative: seconds since that run's first timestamp.
   */
  x: Float64Array;
  /**
   * One array per input run, same order, same length as x; null where that run has no point at that x, or
   * where its value is not finite (NaN/±Infinity become gaps).
   */
  ys: (number | null)[][];
}

/** One run's points ordered by x, one per x: `values[order[k]]` sits at `xs[k]`. */
interface RunPoints {
  xs: Float64Array;
  values: Float64Array;
  /** Null when the points already are in x order (index k is point k). */
  order: Uint32Array | null;
}

const EMPTY = new Float64Array(0);

/**
 * Aligns runs on the chosen axis. Each run is cleaned first (`cleanSeries`: by step, one value per step), then
 * `transform` (e.g. smoothing) runs on its values, so smoothing follows the step order whatever the axis.
 * `transform` gets a copy whenever the cleaned values are the caller's own array, so it may write in place; it
 * must return as many values as it was given.
 *
 * MLflow timestamps are milliseconds; wall and relative x are seconds. On those axes a run can have two points
 * at one x (logged in the same millisecond): the one with the higher step wins. Points whose x is not finite
 * (a NaN timestamp, an infinite step) are left out: they cannot be placed.
 *
 * Cost: per run one O(n) pass (plus an index sort when its timestamps go backwards); the union is a pairwise
 * merge of the sorted per-run arrays, O(total points · log runs); filling the rows is O(runs · union length),
 * the size of the output. No per-point objects. On the step axis runs mostly share steps and the union stays
 * small; on time axes it holds nearly every point, so 20 runs × 2,500 points make 20 rows of 50,000 cells.
 */
export function alignSeries(
  runs: readonly (SeriesColumns | undefined)[],
  axis: XAxis,
  transform?: (values: Float64Array) => Float64Array,
): AlignedSeries {
  const points: (RunPoints | null)[] = runs.map((run) => (run ? runPoints(run, axis, transform) : null));
  const x = unionOf(points.map((p) => (p ? p.xs : EMPTY)));
  const n = x.length;
  // Copying one all-null row beats filling a fresh one per run (the rows are most of the cost on time axes,
  // where runs rarely share an x and the union holds every point).
  const empty: (number | null)[] = new Array<number | null>(n).fill(null);
  const ys = points.map((p) => {
    const row = empty.slice();
    if (!p) return row;
    const { xs, values, order } = p;
    // Both xs and x ascend and x holds every xs value: one forward walk places each point.
    let j = 0;
    for (let k = 0; k < xs.length; k++) {
      const xk = xs[k]!;
      while (x[j]! < xk) j++;
      const v = values[order ? order[k]! : k]!;
      row[j] = v - v === 0 ? v : null; // v − v is NaN for NaN and ±Infinity
    }
    return row;
  });
  return { x, ys };
}

function runPoints(
  run: SeriesColumns,
  axis: XAxis,
  transform: ((values: Float64Array) => Float64Array) | undefined,
): RunPoints {
  const clean = cleanSeries(run);
  let values = clean.values;
  if (transform) {
    const input = values === run.values ? values.slice() : values;
    values = transform(input);
    if (values.length !== input.length) {
      throw new RangeError(`alignSeries: transform returned ${values.length} values for ${input.length}`);
    }
  }
  if (axis === 'step') return finiteOnly(clean.steps, values);

  const ts = clean.timestamps;
  const n = Math.min(ts.length, clean.steps.length);
  let origin = 0;
  if (axis === 'relative') {
    origin = Infinity;
    for (let i = 0; i < n; i++) if (ts[i]! < origin) origin = ts[i]!; // NaN never compares less
    if (origin === Infinity) return { xs: EMPTY, values, order: null };
  }
  const xs = new Float64Array(n);
  let finite = 0;
  let ascending = true; // strictly, among finite x
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    const xi = (ts[i]! - origin) / 1000;
    xs[i] = xi;
    if (xi - xi === 0) {
      finite++;
      if (!(xi > prev)) ascending = false;
      prev = xi;
    }
  }
  if (ascending && finite === n) return { xs, values, order: null };
  // Timestamps out of step order, repeated or missing: order the finite points by (x, step index), then keep
  // the last point of each x, i.e. the highest step.
  const idx = new Uint32Array(finite);
  for (let i = 0, m = 0; i < n; i++) if (xs[i]! - xs[i]! === 0) idx[m++] = i;
  if (!ascending) idx.sort((a, b) => xs[a]! - xs[b]! || a - b);
  let kept = 0;
  for (let k = 0; k < finite; k++) {
    if (k + 1 < finite && xs[idx[k + 1]!] === xs[idx[k]!]) continue;
    idx[kept++] = idx[k]!;
  }
  const order = idx.subarray(0, kept);
  const sortedXs = new Float64Array(kept);
  for (let k = 0; k < kept; k++) sortedXs[k] = xs[order[k]!]!;
  return { xs: sortedXs, values, order };
}

/** Cleaned steps are ascending and distinct; only non-finite ones (±Infinity) may need leaving out. */
function finiteOnly(steps: Float64Array, values: Float64Array): RunPoints {
  const n = Math.min(steps.length, values.length);
  let finite = 0;
  for (let i = 0; i < n; i++) if (steps[i]! - steps[i]! === 0) finite++;
  if (finite === n) return { xs: n === steps.length ? steps : steps.subarray(0, n), values, order: null };
  const order = new Uint32Array(finite);
  const xs = new Float64Array(finite);
  for (let i = 0, m = 0; i < n; i++) {
    if (steps[i]! - steps[i]! !== 0) continue;
    order[m] = i;
    xs[m++] = steps[i]!;
  }
  return { xs, values, order };
}

/** Union of ascending, duplicate-free arrays: merged two by two, so each value is copied log₂(arrays) times. */
function unionOf(arrays: Float64Array[]): Float64Array {
  let level = arrays.filter((a) => a.length > 0);
  if (level.length === 0) return new Float64Array(0);
  while (level.length > 1) {
    const next: Float64Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(i + 1 < level.length ? mergeUnique(level[i]!, level[i + 1]!) : level[i]!);
    }
    level = next;
  }
  // Always a fresh array: the single-run case would otherwise hand out the caller's steps.
  const only = level[0]!;
  return arrays.includes(only) ? only.slice() : only;
}

function mergeUnique(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const va = a[i]!;
    const vb = b[j]!;
    if (va < vb) {
      out[k++] = va;
      i++;
    } else if (vb < va) {
      out[k++] = vb;
      j++;
    } else {
      out[k++] = va;
      i++;
      j++;
    }
  }
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return k === out.length ? out : out.slice(0, k);
}
