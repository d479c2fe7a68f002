import type { Signal } from '@preact/signals';
import type { RunJudgement } from '@/lib/analysis';
import { VERDICT_META } from './verdicts';
import { pillText } from './OverfitBadge';

export type ChipState = { status: 'ready'; judgement: RunJudgement } | { status: 'error'; message: string };

/** What the chip says, in its tooltip and to screen readers: that it is Lens's, the verdict, and on which metrics. */
export function chipLabel(judgement: RunJudgement): string {
  const pair = judgement.primary?.pair;
  const on = pair ? ` (${pair.validation}${pair.train ? ` vs ${pair.train}` : ', no training curve'})` : '';
  return `Lens overfitting check: ${pillText(judgement)}${on}`;
}

/**
 * The verdict beside a run's name in the runs table: one 16 px glyph, its words in the tooltip and accessible
 * name. MLflow's Run Name column is 190 px by default; a worded chip left "e…" of the names.
 */
export function RowChip({ runId, verdicts }: { runId: Signal<string>; verdicts: Signal<ReadonlyMap<string, ChipState>> }) {
  const state = verdicts.value.get(runId.value);
  if (!state) {
    return <span class="chip tone-neutral pending" role="img" title="Lens: checking this run for overfitting" aria-label="Lens: checking this run for overfitting" />;
  }
  if (state.status === 'error') {
    const label = `Lens could not check this run: ${state.message}`;
    return (
      <span class="chip tone-bad" role="img" title={label} aria-label={label}>
        !
      </span>
    );
  }
  const meta = VERDICT_META[state.judgement.verdict];
  const label = chipLabel(state.judgement);
  return (
    <span class={`chip tone-${meta.tone}`} role="img" title={label} aria-label={label}>
      {meta.icon}
    </span>
  );
}
