/**
 * Ordering and de-duplication of one metric's history.
 *
 * MLflow returns a metric's points in storage order: usually by step, but not always (resumed runs, several
 * writers, paged bulk reads), and a step may be logged more than once. Every analysis works on the cleaned
 * form: ordered by step, one value per step. Pure and allocation-light: no per-point objects, typed arrays only.
 */

/** The columns of a metric history (a `MetricSeries` from lib/mlflow/metrics.ts is one). */
export interface SeriesColumns {
  steps: Float64Array;
  timestamps: Float64Array;
  values: Float64Array;
}

/**
 * Orders a history by step, keeping one value per step: the one with the latest timestamp, and on equal
 * timestamps the one that came later in the input. Non-finite values (NaN, ±Infinity) are kept as they are;
 * points whose step is NaN are dropped (they cannot be placed on an axis).
 *
 * Cost: one O(n) pass when the input is already strictly increasing in step — then the input arrays are
 * returned as they are, without a copy; O(n) too when it is ordered but has duplicated steps; otherwise an
 * O(n log n) sort of point indices, never of per-point objects: when the steps are integers (MLflow's are),
 * (step, index) packed into one Float64Array sorted natively; else a merge sort of a Uint32Array of indices.
 * Outputs are exact-size.
 */
export function cleanSeries(s: SeriesColumns): SeriesColumns {
  const out = cleanColumns(s.steps, s.timestamps, s.values);
  return { steps: out.steps, timestamps: out.timestamps ?? s.timestamps, values: out.values };
}

/** `cleanSeries` for columns whose timestamps may be missing (the analysis takes such series too). */
export function cleanColumns(
  steps: Float64Array,
  timestamps: Float64Array | undefined,
  values: Float64Array,
): { steps: Float64Array; timestamps: Float64Array | undefined; values: Float64Array } {
  const n = Math.min(steps.length, values.length, timestamps ? timestamps.length : Infinity);
  const ts = timestamps;
  if (n === steps.length && n === values.length && (!ts || n === ts.length)) {
    // Fast path: strictly increasing steps (NaN fails every comparison, so it leaves the fast path).
    let i = 1;
    if (n > 0 && steps[0] === steps[0]) {
      let prev = steps[0]!;
      for (; i < n; i++) {
        const s = steps[i]!;
        if (!(s > prev)) break;
        prev = s;
      }
    } else if (n > 0) {
      i = 0;
    }
    if (i >= n) return { steps, timestamps, values };
    // Non-decreasing with duplicates: still O(n), no sort.
    let ordered = i > 0;
    if (ordered) {
      let prev = steps[i - 1]!;
      for (; i < n; i++) {
        const s = steps[i]!;
        if (!(s >= prev)) {
          ordered = false;
          break;
        }
        prev = s;
      }
    }
    if (ordered) return pickFromOrder(steps, ts, values, null, n);
  }
  // Integer steps (MLflow's are int64): one native numeric sort of packed (step, index) keys.
  const packed = sortPacked(steps, n);
  if (packed) return pickPacked(packed, ts, values);
  // General case: stable sort of indices by (step, timestamp); NaN steps dropped.
  let m = 0;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) if (steps[i] === steps[i]) idx[m++] = i;
  const order = sortIndices(steps, ts, m === n ? idx : idx.subarray(0, m));
  return pickFromOrder(steps, ts, values, order, m);
}

interface Packed {
  /** (step − min)·shift + index, sorted ascending. */
  keys: Float64Array;
  min: number;
  shift: number;
}

/**
 * When every step is an integer and (max − min step + 1)·2^k stays within 2^53 (k = bits of n), packs each
 * point as (step − min)·2^k + index into a Float64Array and sorts it natively (no comparator: V8 sorts the raw
 * doubles). Points of one step end up together, in input order. Null when the steps do not allow it.
 */
function sortPacked(steps: Float64Array, n: number): Packed | null {
  if (n === 0 || n > 0xffffffff) return null;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const s = steps[i]!;
    if (!Number.isInteger(s)) return null;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const shift = 2 ** Math.max(1, Math.ceil(Math.log2(n)));
  if ((max - min + 1) * shift > Number.MAX_SAFE_INTEGER) return null;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (steps[i]! - min) * shift + i;
  keys.sort();
  return { keys, min, shift };
}

/**
 * `pickFromOrder` for packed keys: steps come from the keys (sequential reads only). When the timestamps never
 * decrease in input order (the usual case) or are absent, the winner of a step is its last point, so only the
 * winners' values are read out of order.
 */
function pickPacked(
  { keys, min, shift }: Packed,
  ts: Float64Array | undefined,
  values: Float64Array,
): { steps: Float64Array; timestamps: Float64Array | undefined; values: Float64Array } {
  const n = keys.length;
  let monotone = true;
  if (ts) {
    let prev = -Infinity;
    for (let i = 0; i < n; i++) {
      const t = ts[i]!;
      if (!(t >= prev)) {
        monotone = false;
        break;
      }
      prev = t;
    }
  }
  let groups = 0;
  let prevGroup = -1;
  for (let k = 0; k < n; k++) {
    const g = Math.floor(keys[k]! / shift);
    if (g !== prevGroup) groups++;
    prevGroup = g;
  }
  const outSteps = new Float64Array(groups);
  const outValues = new Float64Array(groups);
  const outTs = ts ? new Float64Array(groups) : undefined;
  let o = -1;
  let winner = -1;
  let winnerT = -Infinity;
  prevGroup = -1;
  for (let k = 0; k < n; k++) {
    const key = keys[k]!;
    const g = Math.floor(key / shift);
    const i = key - g * shift;
    if (g !== prevGroup) {
      if (o >= 0) {
        outValues[o] = values[winner]!;
        if (outTs) outTs[o] = ts![winner]!;
      }
      o++;
      outSteps[o] = g + min;
      prevGroup = g;
      winner = i;
      winnerT = monotone ? 0 : tsAt(ts, i);
    } else if (monotone) {
      winner = i; // indices ascend within a step: the last point wins
    } else {
      const t = tsAt(ts, i);
      if (t > winnerT || (t === winnerT && i > winner)) {
        winner = i;
        winnerT = t;
      }
    }
  }
  if (o >= 0) {
    outValues[o] = values[winner]!;
    if (outTs) outTs[o] = ts![winner]!;
  }
  return { steps: outSteps, timestamps: outTs, values: outValues };
}

/** NaN timestamps lose against any real one. */
function tsAt(ts: Float64Array | undefined, i: number): number {
  if (!ts) return 0;
  const t = ts[i]!;
  return t === t ? t : -Infinity;
}

/**
 * Walks the points in `order` (or 0…n−1), which is ordered by step, and keeps per step the point with the
 * latest timestamp (ties: the later one in input order, i.e. the higher index).
 */
function pickFromOrder(
  steps: Float64Array,
  ts: Float64Array | undefined,
  values: Float64Array,
  order: Uint32Array | null,
  n: number,
): { steps: Float64Array; timestamps: Float64Array | undefined; values: Float64Array } {
  // First pass: count distinct steps.
  let groups = 0;
  let prev = NaN;
  for (let k = 0; k < n; k++) {
    const s = steps[order ? order[k]! : k]!;
    if (k === 0 || s !== prev) groups++;
    prev = s;
  }
  const outSteps = new Float64Array(groups);
  const outValues = new Float64Array(groups);
  const outTs = ts ? new Float64Array(groups) : undefined;
  let g = -1;
  let winner = -1;
  let winnerT = -Infinity;
  for (let k = 0; k < n; k++) {
    const i = order ? order[k]! : k;
    const s = steps[i]!;
    const t = tsAt(ts, i);
    if (g < 0 || s !== outSteps[g]) {
      if (g >= 0) {
        outValues[g] = values[winner]!;
        if (outTs) outTs[g] = ts![winner]!;
      }
      g++;
      outSteps[g] = s;
      winner = i;
      winnerT = t;
    } else if (t > winnerT || (t === winnerT && i > winner)) {
      winner = i;
      winnerT = t;
    }
  }
  if (g >= 0) {
    outValues[g] = values[winner]!;
    if (outTs) outTs[g] = ts![winner]!;
  }
  return { steps: outSteps, timestamps: outTs, values: outValues };
}

const INSERTION_RUN = 32;

/**
 * Stable bottom-up merge sort of `idx` (indices in increasing input order) by (step, timestamp).
 * Sorted runs of 32 by insertion sort, then merges that are skipped when two runs are already in order,
 * so nearly-sorted input (the usual case) costs little more than a pass. Returns `idx` or its scratch twin.
 */
function sortIndices(steps: Float64Array, ts: Float64Array | undefined, idx: Uint32Array): Uint32Array {
  const n = idx.length;
  // A key lookup per comparison: step, then timestamp (NaN → −∞); ties keep input order (stability).
  for (let lo = 0; lo < n; lo += INSERTION_RUN) {
    const hi = Math.min(lo + INSERTION_RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const v = idx[i]!;
      const vs = steps[v]!;
      const vt = tsAt(ts, v);
      let j = i - 1;
      while (j >= lo) {
        const u = idx[j]!;
        const us = steps[u]!;
        if (us < vs || (us === vs && tsAt(ts, u) <= vt)) break;
        idx[j + 1] = u;
        j--;
      }
      idx[j + 1] = v;
    }
  }
  if (n <= INSERTION_RUN) return idx;
  let src: Uint32Array = idx;
  let dst: Uint32Array = new Uint32Array(n);
  for (let width = INSERTION_RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      if (mid >= hi || !after(steps, ts, src[mid - 1]!, src[mid]!)) {
        dst.set(src.subarray(lo, hi), lo);
        continue;
      }
      let a = lo;
      let b = mid;
      let k = lo;
      while (a < mid && b < hi) {
        const ia = src[a]!;
        const ib = src[b]!;
        // Take from the left unless the right one sorts strictly before it (stability).
        if (after(steps, ts, ia, ib)) {
          dst[k++] = ib;
          b++;
        } else {
          dst[k++] = ia;
          a++;
        }
      }
      while (a < mid) dst[k++] = src[a++]!;
      while (b < hi) dst[k++] = src[b++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

/** True when point `a` sorts strictly after point `b`. */
function after(steps: Float64Array, ts: Float64Array | undefined, a: number, b: number): boolean {
  const sa = steps[a]!;
  const sb = steps[b]!;
  if (sa !== sb) return sa > sb;
  return tsAt(ts, a) > tsAt(ts, b);
}

/** Index of the last of ascending `steps` that is ≤ `target` (binary search), or −1 when all are greater. */
export function lastAtOrBefore(steps: Float64Array, target: number): number {
  let lo = 0;
  let hi = steps.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid]! <= target) {
      at = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return at;
}
