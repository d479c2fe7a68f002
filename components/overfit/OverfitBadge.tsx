import { useRef, useState } from 'preact/hooks';
import { useDismiss } from '../use-dismiss';
import { formatAt, type PairJudgement, type RunJudgement } from '@/lib/analysis';
import type { RunVerdict } from '@/lib/run-verdicts';
import { MiniChart, type MiniChartProps } from './MiniChart';
import { formatPct, formatValue, VERDICT_META } from './verdicts';

export type BadgeState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; result: RunVerdict };

export interface WatchControl {
  watching: boolean;
  onToggle(on: boolean): void;
}

export interface OverfitBadgeProps {
  state: BadgeState;
  smoothing: number;
  onRetry(): void;
  onOpenSettings(): void;
  /** Loads the chart code (uPlot) when the details first open. */
  loadCharts: MiniChartProps['load'];
  /** Offered while the run is still running. */
  watch?: WatchControl;
  /** Whether the details are open, when the page opens them too (a Model metrics marker); else the badge keeps it. */
  open?: boolean;
  onOpenChange?(open: boolean): void;
}

/** One line that says it all, e.g. "Overfitting · best at epoch 12 · val_loss +38 %". */
export function pillText(judgement: RunJudgement): string {
  const p = judgement.primary;
  const meta = VERDICT_META[judgement.verdict];
  if (!p) return meta.label;
  const at = (step: number | null) => (step === null ? '' : formatAt(p.axis, step));
  switch (judgement.verdict) {
    case 'overfitting':
    case 'watch':
      return `${meta.label} · best at ${at(p.best.step)} · ${p.pair.validation} ${formatPct(changeFromBest(p))}`;
    case 'healthy':
      return `${meta.label} · best at ${at(p.best.step)}`;
    case 'diverging':
      return p.divergedAtStep !== null ? `${meta.label} · from ${at(p.divergedAtStep)}` : `${meta.label} · ${p.pair.train ?? 'training'} getting worse`;
    case 'too-early':
      return `${meta.label} · ${p.evaluations} evaluation${p.evaluations === 1 ? '' : 's'}`;
    case 'not-judged':
      return `${meta.label} · direction of ${p.pair.name} unknown`;
    default:
      return meta.label;
  }
}

/**
 * The validation metric's change since its best, signed the way the metric moved: a loss 12 % above its best is
 * "+12 %", an accuracy 2.5 % below its best "−2.5 %".
 */
export function changeFromBest(p: PairJudgement): number {
  return p.pair.direction === 'max' ? -p.generalizationLossPct : p.generalizationLossPct;
}

export function OverfitBadge({ state, smoothing, onRetry, onOpenSettings, loadCharts, watch, ...control }: OverfitBadgeProps) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = control.open ?? ownOpen;
  const setOpen = control.onOpenChange ?? setOwnOpen;
  const wrapper = useRef<HTMLSpanElement>(null);

  useDismiss(open, wrapper, () => setOpen(false));

  if (state.status === 'loading') {
    return (
      <span class="pill tone-neutral" role="status" aria-label="Lens: checking this run for overfitting">
        <span class="icon" aria-hidden="true">◌</span> Checking…
      </span>
    );
  }
  if (state.status === 'error') {
    return (
      <span class="pill tone-error" role="alert">
        <span class="icon" aria-hidden="true">!</span>
        <span class="error-text">{state.message}</span>
        <button type="button" class="link" onClick={onRetry}>
          Retry
        </button>
      </span>
    );
  }
  const { judgement } = state.result;
  const meta = VERDICT_META[judgement.verdict];
  const text = pillText(judgement);
  return (
    <span class="wrapper" ref={wrapper}>
      <button
        type="button"
        class={`pill tone-${meta.tone}`}
        aria-label={`Lens overfitting check: ${text}.${watch?.watching ? ' Followed: Lens notifies you of changes.' : ''} Show details`}
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen(!open)}
      >
        <span class="icon" aria-hidden="true">{meta.icon}</span> {text}
        {/* Seen without opening the details: this run is followed (the words are in the accessible name). */}
        {watch?.watching && (
          <span class="followed" aria-hidden="true" data-testid="lens-followed">
            · Followed
          </span>
        )}
      </button>
      {open && <Details result={state.result} smoothing={smoothing} onOpenSettings={onOpenSettings} loadCharts={loadCharts} watch={watch} />}
    </span>
  );
}

function Details({ result, smoothing, onOpenSettings, loadCharts, watch }: { result: RunVerdict; smoothing: number; onOpenSettings(): void; loadCharts: MiniChartProps['load']; watch?: WatchControl }) {
  const { judgement, histories } = result;
  const p = judgement.primary;
  const others = judgement.pairs.filter((x) => x !== p);
  const val = p ? histories.get(p.pair.validation) : undefined;
  const train = p && p.pair.train !== null ? histories.get(p.pair.train) : undefined;
  return (
    <div class="popover" role="dialog" aria-label="Overfitting details">
      {p && val ? (
        <>
          <MiniChart
            load={loadCharts}
            validation={{ label: p.pair.validation, steps: val.steps, values: val.values, color: '#d9480f' }}
            train={train && p.pair.train !== null ? { label: p.pair.train, steps: train.steps, values: train.values, color: '#1c7ed6' } : undefined}
            smoothing={smoothing}
            bestStep={p.best.step ?? undefined}
          />
          <p class="legend">
            <span class="swatch val" /> {p.pair.validation} {train && <><span class="swatch train" /> {p.pair.train}</>}{' '}
            <span class="muted">· faint: raw, solid: smoothed · dashed: best</span>
          </p>
          <p class="reason">{p.reason}</p>
          {p.pair.assumed && <p class="muted">{p.pair.assumed}</p>}
          {p.axis.unit === 'step' && <p class="muted">Positions are MLflow steps: this run logs no <code>epoch</code> metric.</p>}
          {result.sampled && <p class="muted">Judged on MLflow's sample of this long history (≤ 2,500 points a metric); exact values are loading…</p>}
          <Evidence p={p} />
        </>
      ) : (
        <p class="reason">
          No validation metric to compare with training.{' '}
          {judgement.lookedFor.length > 0 && <>Looked for {judgement.lookedFor.slice(0, 6).join(', ')}.</>}
        </p>
      )}
      {others.length > 0 && (
        <ul class="others" aria-label="Other metric pairs">
          {others.map((o) => (
            <li key={o.pair.validation}>
              <span class={`dot tone-${VERDICT_META[o.verdict].tone}`} aria-hidden="true" />
              <strong>{others.some((x) => x !== o && x.pair.name === o.pair.name) ? o.pair.validation : o.pair.name}</strong>: {VERDICT_META[o.verdict].label}
              {o.best.step !== null && <> · best at {formatAt(o.axis, o.best.step)}</>}
            </li>
          ))}
          {result.pairsSkipped > 0 && (
            <li class="muted">
              and {result.pairsSkipped} more {result.pairsSkipped === 1 ? 'pair' : 'pairs'}, not checked (Lens reads the first {judgement.pairs.length} of a run; set your own pairs in the options)
            </li>
          )}
        </ul>
      )}
      {watch && !result.finished && (
        <label class="watch">
          <input type="checkbox" role="switch" checked={watch.watching} onChange={(e) => watch.onToggle((e.target as HTMLInputElement).checked)} />
          Follow this run: notify me when it starts overfitting or diverges, and when it ends
        </label>
      )}
      <p class="footer">
        <button type="button" class="link" onClick={onOpenSettings}>
          Rule and metric pairs…
        </button>
      </p>
    </div>
  );
}

function Evidence({ p }: { p: PairJudgement }) {
  return (
    <dl class="evidence">
      <dt>Best</dt>
      <dd>
        {formatValue(p.best.value ?? NaN)} at {p.best.step === null ? '—' : formatAt(p.axis, p.best.step)}
      </dd>
      <dt>Now</dt>
      <dd>
        {formatValue(p.current.value ?? NaN)} at {p.current.step === null ? '—' : formatAt(p.axis, p.current.step)}
      </dd>
      <dt>From best</dt>
      <dd>{formatPct(changeFromBest(p))} (smoothed)</dd>
      <dt>Since best</dt>
      <dd>{p.evaluationsSinceBest} evaluations</dd>
      {p.trainProgressPct !== null && (
        <>
          <dt>Training</dt>
          <dd>{formatPct(p.trainProgressPct)} better</dd>
        </>
      )}
    </dl>
  );
}
