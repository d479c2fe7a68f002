import type { Signal } from '@preact/signals';
import type { BadgeState } from './OverfitBadge';
import { formatAt } from '@/lib/analysis';
import { VERDICT_META } from './verdicts';

/** The small verdict marker on a Model metrics chart card: that pair's verdict and best step. */
export function CardMarker({ state, metricKey }: { state: Signal<BadgeState>; metricKey: string }) {
  const s = state.value;
  if (s.status !== 'ready') return null;
  const pair = s.result.judgement.pairs.find((p) => p.pair.train === metricKey || p.pair.validation === metricKey);
  if (!pair) return null;
  const meta = VERDICT_META[pair.verdict];
  const best = pair.best.step !== null ? formatAt(pair.axis, pair.best.step) : null;
  return (
    <span class={`marker tone-${meta.tone}`} title={pair.reason} aria-label={`Lens: ${pair.pair.validation} ${meta.label}${best ? `, best at ${best}` : ''}`}>
      <span aria-hidden="true">{meta.icon}</span> {meta.short}
      {best && ` · best ${best}`}
    </span>
  );
}
