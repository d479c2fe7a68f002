/**
 * Numbers as the comparison drawer shows them: 4 significant digits, typographic minus (U+2212), no exponent
 * in the range people read at a glance.
 */

const MINUS = '\u2212';

/**
 * |x| to 4 significant digits, no sign. Plain decimals when |x| is in [1e-4, 1e6) (999,999 rounds to
 * "1000000", still plain), else a short exponent form: "1.235e7", "1e-5". Trailing zeros go.
 */
function magnitude(abs: number): string {
  const r = Number(abs.toPrecision(4));
  if (r === 0) return '0';
  // String() never uses an exponent inside [1e-6, 1e21), and r has at most 4 significant digits.
  if (abs >= 1e-4 && abs < 1e6) return String(r);
  const [mantissa = '', exponent = ''] = r.toExponential(3).split('e');
  const m = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return `${m}e${exponent.replace('+', '')}`;
}

/** A value for display: 4 significant digits, "—" for null, "NaN"/"∞"/"−∞" for non-finite, U+2212 minus. */
export function formatValue(n: number | null): string {
  if (n === null) return '—';
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '∞';
  if (n === -Infinity) return `${MINUS}∞`;
  const m = magnitude(Math.abs(n));
  return n < 0 && m !== '0' ? MINUS + m : m;
}

/**
 * Formats a delta for display: "+0.0012", "−3" (U+2212 minus), "±0"; at most 4 significant digits, no
 * exponent for |d| in [1e-4, 1e6).
 */
export function formatDelta(delta: number): string {
  if (Number.isNaN(delta)) return 'NaN';
  if (delta === 0) return '±0';
  if (delta === Infinity) return '+∞';
  if (delta === -Infinity) return `${MINUS}∞`;
  return (delta > 0 ? '+' : MINUS) + magnitude(Math.abs(delta));
}
