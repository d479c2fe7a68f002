/**
 * What the leaderboard shows of one run for one validation metric: the verdict of its pair, the best value and
 * where it was reached (epoch where the run says its epochs, else step: the badge's unit), the last value, the
 * training value at that best and how far the run went past it. Computed once from the run's judgement and its
 * (server-sampled) histories; the histories can then be dropped, so 2,000 runs cost a few numbers each.
 */
import { cleanColumns, lastAtOrBefore } from '../analysis/series';
import { positionOf, type MetricDirection, type PairJudgement, type RunJudgement, type SeriesLike, type Verdict } from '../analysis';

export interface MetricCell {
  /** The validation key. */
  metric: string;
  /** The training key the verdict compared it with (null: judged on its own). */
  trainKey: string | null;
  verdict: Verdict;
  direction: MetricDirection;
  /** 'epoch' where the run logs its epochs (an `epoch` metric, or an autologging flavour that logs per epoch). */
  unit: 'epoch' | 'step';
  /** The raw best (min or max by direction) and its MLflow step; null when not computable. */
  best: number | null;
  bestStep: number | null;
  /** `bestStep` on the run's axis: its epoch, or the step itself. */
  bestAt: number | null;
  /** The last finite validation value and its step. */
  last: number | null;
  lastStep: number | null;
  /** The training value logged at the best's step (or the last one before it). */
  trainAtBest: number | null;
  /** Epochs (or steps) from the best to the last evaluation, on the run's axis. */
  pastBest: number | null;
  /** The verdict's one sentence, for the row's tooltip. */
  reason: string;
}

/** The cell of `metric` (a validation key) in a judged run; null when the run's judgement has no such pair. */
export function metricCell(judgement: RunJudgement, histories: ReadonlyMap<string, SeriesLike>, metric: string): MetricCell | null {
  const pair = judgement.pairs.find((p) => p.pair.validation === metric);
  return pair ? cellOf(pair, histories) : null;
}

function cellOf(judged: PairJudgement, histories: ReadonlyMap<string, SeriesLike>): MetricCell {
  const { pair, axis, best, current } = judged;
  const at = (step: number | null) => (step === null ? null : positionOf(axis, step));
  const bestAt = at(best.step);
  const lastAt = at(current.step);
  return {
    metric: pair.validation,
    trainKey: pair.train,
    verdict: judged.verdict,
    direction: pair.direction,
    unit: axis.unit,
    best: best.value,
    bestStep: best.step,
    bestAt,
    last: current.value,
    lastStep: current.step,
    trainAtBest: pair.train === null || best.step === null ? null : valueAtOrBefore(histories.get(pair.train), best.step),
    pastBest: bestAt === null || lastAt === null ? null : Math.max(0, lastAt - bestAt),
    reason: judged.reason,
  };
}

/** The series' value at `step`, else at the latest step before it; null when it starts later or has no finite value there. */
function valueAtOrBefore(series: SeriesLike | undefined, step: number): number | null {
  if (!series) return null;
  const c = cleanColumns(series.steps, series.timestamps, series.values);
  for (let i = lastAtOrBefore(c.steps, step); i >= 0; i--) {
    const v = c.values[i]!;
    if (v - v === 0) return v;
  }
  return null;
}
