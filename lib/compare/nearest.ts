/**
 * The value of each run "at" the cursor on aligned data. The shared x axis is the union of every run's x, so on
 * time axes a run rarely has a point at exactly the cursor's x (runs log at different moments): its value there
 * is its nearest point's. Outside a run's own first..last x it has none ("—"), as its line is not drawn there.
 */

export interface NearestLookup {
  /** Index (into the aligned x) of row `row`'s point nearest to `idx`, or -1 when `idx` is outside its range or it has no point. */
  indexAt(row: number, idx: number): number;
}

/**
 * Precomputes each row's first and last point, so one look-up walks only the gap around `idx` (a handful of
 * cells on a time axis), never to the end of a run that stopped early. Ties go to the earlier point.
 */
export function nearestLookup(x: ArrayLike<number>, ys: readonly (readonly (number | null)[])[]): NearestLookup {
  const bounds = ys.map((row) => {
    let first = 0;
    while (first < row.length && row[first] === null) first++;
    if (first === row.length) return null;
    let last = row.length - 1;
    while (row[last] === null) last--;
    return [first, last] as const;
  });
  return {
    indexAt(r, idx) {
      const row = ys[r];
      const b = bounds[r];
      if (!row || !b || !(idx >= b[0] && idx <= b[1])) return -1;
      if (row[idx] !== null) return idx;
      let lo = idx - 1;
      while (row[lo] === null) lo--; // stops at b[0] at the latest
      let hi = idx + 1;
      while (row[hi] === null) hi++; // stops at b[1] at the latest
      const at = x[idx]!;
      return at - x[lo]! <= x[hi]! - at ? lo : hi;
    },
  };
}
