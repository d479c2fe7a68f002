import type { Signal } from '@preact/signals';
import type { BadgeState } from './OverfitBadge';
import { stepWord, VERDICT_META } from './verdicts';

/** The small verdict marker on a Model metrics chart card: that pair's verdict and best step. */
export function CardMarker({ state, metricKey }: { state: Signal<BadgeState>; metricKey: string }) {
  const s = state.value;
  if (s.status !== 'ready') return null;
  const pair = s.result.judgement.pairs.find((p) => p.pair.train === metricKey || p.pair.validation === metricKey);
  if (!pair) return null;
  const meta = VERDICT_META[pair.verdict];
  const best = pair.best.step !== null ? ` at ${stepWord(pair.current.step ?? 0)} ${pair.best.step}` : '';
  return (
    <span class={`marker tone-${meta.tone}`} title={pair.reason} aria-label={`Lens: ${pair.pair.name} ${meta.label}, best${best}`}>
      <span aria-hidden="true">{meta.icon}</span> {meta.short}
      {pair.best.step !== null && ` · best ${pair.best.step}`}
    </span>
  );
}
