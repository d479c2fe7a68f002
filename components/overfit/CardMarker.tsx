import type { Signal } from '@preact/signals';
import type { BadgeState } from './OverfitBadge';
import { formatAt } from '@/lib/analysis';
import { VERDICT_META } from './verdicts';

export interface CardMarkerProps {
  state: Signal<BadgeState>;
  /** The chart card's metric: the validation or the training side of a pair. */
  metricKey: string;
  /** Opens the badge's details (the same popover as a click on the badge). */
  onOpen(): void;
}

/**
 * The small verdict marker on a Model metrics chart card: that pair's verdict and its validation metric's best.
 * On the training card it names the validation metric, so "best at epoch 12" is never read as train_loss's best.
 */
export function CardMarker({ state, metricKey, onOpen }: CardMarkerProps) {
  const s = state.value;
  if (s.status !== 'ready') return null;
  const pair = s.result.judgement.pairs.find((p) => p.pair.train === metricKey || p.pair.validation === metricKey);
  if (!pair) return null;
  const meta = VERDICT_META[pair.verdict];
  const best = pair.best.step !== null ? formatAt(pair.axis, pair.best.step) : null;
  const whose = pair.pair.validation === metricKey ? '' : `${pair.pair.validation} `;
  const text = `${meta.short}${best ? ` · ${whose}best at ${best}` : ''}`;
  return (
    <button
      type="button"
      class={`marker tone-${meta.tone}`}
      title={pair.reason}
      aria-haspopup="dialog"
      onClick={onOpen}
    >
      {/* The name starts with the visible words (WCAG 2.5.3) and says whose marker it is and what it opens. */}
      <span aria-hidden="true">{meta.icon}</span> {text}
      <span class="sr-only">{` (Lens overfitting check of ${pair.pair.validation}: ${meta.label}; shows details)`}</span>
    </button>
  );
}
