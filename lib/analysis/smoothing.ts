/**
 * The one smoothing function of Lens: TensorBoard's classic debiased exponential moving average
 * (tensorflow/tensorboard, line_chart_v2/lib/data_transformer.ts `classicSmoothing`; W&B's EMA follows it).
 * Charts, badges and the overfitting verdict all call this, so what the user sees smoothed is what is judged.
 */

/** Weights at or above 1 are brought down to this (TensorBoard's slider stops at 0.999; w = 1 would flatten to 0). */
export const MAX_SMOOTHING_WEIGHT = 0.999;

/** Clamps an EMA weight to [0, 1): non-finite → 0, negative → 0, ≥ 1 → MAX_SMOOTHING_WEIGHT. */
export function clampSmoothingWeight(weight: number): number {
  if (!Number.isFinite(weight) || weight <= 0) return 0;
  return weight >= 1 ? MAX_SMOOTHING_WEIGHT : weight;
}

/**
 * Debiased EMA, index-based (x spacing is ignored), exactly as TensorBoard's classicSmoothing:
 *   last = 0, n = 0; for each y: if y is not finite → output y unchanged (n does not advance);
 *   else last = last·w + (1 − w)·y, n += 1, output last / (1 − wⁿ).
 * A series whose values are all equal (`==` to the first) is returned unchanged. `weight` is clamped to
 * [0, 1) (non-finite → 0), so weight 0 returns the values as they are.
 *
 * Writes into `out` when given (it may be `values` itself, or longer than it; the first `values.length`
 * entries are written and that many are returned as a view), else into a new Float64Array. O(n), no other
 * allocation.
 */
export function debiasedEma(values: Float64Array, weight: number, out?: Float64Array): Float64Array {
  const n = values.length;
  let res: Float64Array;
  if (out) {
    if (out.length < n) throw new RangeError(`debiasedEma: out has ${out.length} slots for ${n} values`);
    res = out.length === n ? out : out.subarray(0, n);
  } else {
    res = new Float64Array(n);
  }
  if (n === 0) return res;
  const w = clampSmoothingWeight(weight);
  const first = values[0]!;
  let constant = true;
  for (let i = 1; i < n; i++) {
    // `==` as TensorBoard: a NaN anywhere (first included) makes the series non-constant.
    if (values[i] !== first) {
      constant = false;
      break;
    }
  }
  if (constant && first === first) {
    if (res !== values) res.set(values);
    return res;
  }
  if (w === 0) {
    if (res !== values) res.set(values);
    return res;
  }
  const oneMinusW = 1 - w;
  let last = 0;
  // wⁿ kept as a running product instead of Math.pow per point.
  let wPowN = 1;
  for (let i = 0; i < n; i++) {
    const y = values[i]!;
    if (y - y !== 0) {
      // NaN or ±Infinity (y − y is NaN for both): passes through and does not advance n.
      res[i] = y;
      continue;
    }
    last = last * w + oneMinusW * y;
    wPowN *= w;
    res[i] = last / (1 - wPowN);
  }
  return res;
}
