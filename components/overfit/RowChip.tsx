import type { Signal } from '@preact/signals';
import type { RunJudgement } from '@/lib/analysis';
import { VERDICT_META } from './verdicts';
import { pillText } from './OverfitBadge';

export type ChipState = { status: 'ready'; judgement: RunJudgement } | { status: 'error'; message: string };

/** The verdict chip beside a run's name in the runs table. */
export function RowChip({ runId, verdicts }: { runId: Signal<string>; verdicts: Signal<ReadonlyMap<string, ChipState>> }) {
  const state = verdicts.value.get(runId.value);
  if (!state) return <span class="chip tone-neutral" aria-label="Lens: checking for overfitting">…</span>;
  if (state.status === 'error') {
    return (
      <span class="chip tone-error" title={state.message} aria-label={`Lens: ${state.message}`}>
        !
      </span>
    );
  }
  const meta = VERDICT_META[state.judgement.verdict];
  const text = pillText(state.judgement);
  return (
    <span class={`chip tone-${meta.tone}`} title={text} aria-label={`Lens: ${text}`}>
      <span aria-hidden="true">{meta.icon}</span> {meta.short}
    </span>
  );
}
