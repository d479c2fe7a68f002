/** How each verdict reads: words first (readable without colour), an icon, and a tone for colour. */
export type Verdict = 'overfitting' | 'watch' | 'healthy' | 'diverging' | 'too-early' | 'no-validation' | 'not-judged';

/** `short` fits the narrow places: chart card titles and runs-table cells. */
export const VERDICT_META: Record<Verdict, { label: string; short: string; icon: string; tone: 'bad' | 'warn' | 'good' | 'neutral' }> = {
  overfitting: { label: 'Overfitting', short: 'Overfit', icon: '▲', tone: 'bad' },
  diverging: { label: 'Diverging', short: 'Diverging', icon: '✕', tone: 'bad' },
  watch: { label: 'Watch', short: 'Watch', icon: '◐', tone: 'warn' },
  healthy: { label: 'Healthy', short: 'Healthy', icon: '✓', tone: 'good' },
  'too-early': { label: 'Too early', short: 'Too early', icon: '◷', tone: 'neutral' },
  'no-validation': { label: 'No validation metric', short: 'No val.', icon: '?', tone: 'neutral' },
  'not-judged': { label: 'Not judged', short: 'Not judged', icon: '?', tone: 'neutral' },
};

export function formatPct(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 10 ? 0 : 1;
  return `${value >= 0 ? '+' : '−'}${abs.toFixed(digits)} %`;
}

export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(3);
  return Number(value.toPrecision(4)).toString();
}
