/**
 * Where the exported PNG's legend puts each run: a swatch and the run's name, left to right, wrapping onto new
 * rows, in run order. Pure (the caller measures text), so the layout can be tested without a canvas.
 */

export interface LegendLayoutOptions {
  /** Width available for the legend's rows. */
  width: number;
  /** Height of one row. */
  rowHeight: number;
  /** Swatch width plus the gap to its name. */
  swatch: number;
  /** Space between two entries on a row. */
  gap: number;
  /** The widest an entry's name may be drawn; longer names are ellipsised to fit. */
  maxName: number;
}

export interface LegendEntry {
  /** The name as drawn (ellipsised when too wide). */
  text: string;
  x: number;
  y: number;
}

export interface LegendLayout {
  entries: LegendEntry[];
  /** Total height of the rows (0 without entries). */
  height: number;
}

/**
 * Cuts `text` to the longest prefix that, with "…", measures ≤ `maxWidth` (binary search on the prefix length, by
 * code point so a surrogate pair is never split). Text that fits is returned as is.
 */
export function ellipsise(text: string, maxWidth: number, measure: (s: string) => number): string {
  if (measure(text) <= maxWidth) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(chars.slice(0, mid).join('') + '…') <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('') + '…';
}

export function layoutLegend(names: readonly string[], options: LegendLayoutOptions, measure: (s: string) => number): LegendLayout {
  const { width, rowHeight, swatch, gap, maxName } = options;
  const entries: LegendEntry[] = [];
  let x = 0;
  let row = 0;
  for (const name of names) {
    const text = ellipsise(name, Math.max(0, Math.min(maxName, width - swatch)), measure);
    const w = swatch + measure(text);
    if (x > 0 && x + w > width) {
      row++;
      x = 0;
    }
    entries.push({ text, x, y: row * rowHeight });
    x += w + gap;
  }
  return { entries, height: entries.length ? (row + 1) * rowHeight : 0 };
}
