/**
 * Side-by-side parameters (or tags) of several runs: one row per key, what differs, and by how much against a
 * baseline run when both values are numbers. MLflow stores every param as a string, so numbers are recognised
 * here, strictly: a param that merely starts with digits ("12abc", a hex "0x10") is text.
 */

export interface DiffRow {
  key: string;
  /** One per run, same order as input; undefined where that run lacks the key. */
  values: (string | undefined)[];
  /** True when not every run has the same value (a missing value differs from any present one). */
  differs: boolean;
  /**
   * Per run: value − baseline value when both parse as finite numbers (strict: the whole trimmed string is a
   * number, e.g. "0.001", "1e-3", "-2"; not "", not "12abc", not "0x10"), else null. The baseline's own entry
   * is null.
   */
  deltas: (number | null)[];
}

/** Decimal literals only: no hex/octal/binary, no "Infinity", no "1_000", nothing empty. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a param value spells, or null: see `DiffRow.deltas`. */
export function parseStrictNumber(value: string | undefined): number | null {
  if (value === undefined) return null;
  const t = value.trim();
  if (!DECIMAL.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

// 'en' rather than the user's locale: the order must not change from one browser to the next.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural, case-insensitive order ("layer2" before "layer10", "LR" next to "lr"); exact ties by code unit. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Rows for the union of keys of all runs, sorted by key (natural, case-insensitive: "layer2" before "layer10").
 * A baseline outside the runs gives no deltas at all.
 */
export function diffRows(
  runs: readonly ReadonlyMap<string, string>[],
  baseline: number,
  onlyDifferences: boolean,
): DiffRow[] {
  const keys = new Set<string>();
  for (const run of runs) for (const key of run.keys()) keys.add(key);
  const base = Number.isInteger(baseline) && baseline >= 0 && baseline < runs.length ? runs[baseline]! : null;
  const rows: DiffRow[] = [];
  for (const key of [...keys].sort(naturalCompare)) {
    const values = runs.map((run) => run.get(key));
    const first = values[0];
    // A key exists in at least one run, so "all the same" with one missing means "differs".
    const differs = values.some((v) => v !== first);
    if (onlyDifferences && !differs) continue;
    const baseValue = base ? parseStrictNumber(base.get(key)) : null;
    const deltas = values.map((v, i) => {
      if (baseValue === null || i === baseline) return null;
      const n = parseStrictNumber(v);
      if (n === null) return null;
      const d = n - baseValue;
      return Number.isFinite(d) ? d : null;
    });
    rows.push({ key, values, differs, deltas });
  }
  return rows;
}
