/**
 * How the drawer's chart axes read: their titles, the x value under the cursor, and log-scale tick labels.
 */
import type { XAxis } from './align';
import { formatValue } from './format';

/** Axis titles, as the x-axis picker names them (the PNG export writes them on the chart). */
export const X_TITLES: Readonly<Record<XAxis, string>> = { step: 'step', wall: 'wall time', relative: 'relative time' };

/** Seconds as `m:ss` or `h:mm:ss` (relative time), rounded to the second; negative as `−m:ss`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return formatValue(seconds);
  const s = Math.round(Math.abs(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const sign = seconds < 0 && s > 0 ? '\u2212' : '';
  return sign + (h ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch seconds as local `YYYY-MM-DD HH:MM:SS`: sortable, and the same in every browser locale. */
export function formatWallTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  if (Number.isNaN(d.getTime())) return formatValue(seconds);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * The x value under the cursor, named: "step 12", "wall time 2024-05-01 12:00:03", "relative time 1:05".
 * Steps are whole numbers and shown exactly (a step is an identifier people look up, not a magnitude).
 */
export function formatX(axis: XAxis, x: number): string {
  const value = axis === 'step' ? (Number.isFinite(x) ? String(x) : formatValue(x)) : axis === 'wall' ? formatWallTime(x) : formatDuration(x);
  return `${X_TITLES[axis]} ${value}`;
}

/**
 * Labels for a log scale's ticks. uPlot's default formatter (Intl, 3 decimals) turns 0.0001 and below into "0",
 * a value a log axis cannot hold; these keep 4 significant digits and switch to "1e-5" below 1e-4. A tick uPlot
 * has thinned out (null), or one that is not positive, gets no label.
 */
export function logTickLabels(splits: readonly (number | null)[]): string[] {
  return splits.map((v) => (v !== null && v > 0 && Number.isFinite(v) ? formatValue(v) : ''));
}
