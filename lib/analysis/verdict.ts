/**
 * The overfitting verdict for a training/validation metric pair, and for a whole run.
 *
 * ── The rule ────────────────────────────────────────────────────────────────────────────────────────────
 * Both series are cleaned (ordered by step, one value per step: ./series.ts) and smoothed with TensorBoard's
 * debiased EMA (./smoothing.ts, weight `smoothing`). The smoothed validation best is tracked as Keras and
 * Lightning's EarlyStopping track theirs: it moves only on an improvement of more than `minDelta` (relative),
 * and the warm-up evaluations are ignored for it (Keras' `start_from_epoch`: the first smoothed values rest on
 * one or two points and would make a noise dip the best). Then, in this order:
 *
 *  1. diverging   — a NaN or ±Infinity anywhere in the validation or training series (Lightning's
 *                   `check_finite`); `divergedAtStep` is the first step where one appears.
 *  2. too-early   — fewer than `warmup` finite validation evaluations.
 *  3. not-judged  — the metric's direction is unknown: shown, not judged, until the user sets it.
 *  4. diverging   — training got worse by more than `divergenceThreshold` % over the window since the validation
 *                   best (smoothed train at the best's step → at the current step): Lightning's
 *                   `divergence_threshold`, made relative and put on the training curve.
 *  5. overfitting — all of:
 *                   · generalization loss GL > `overfitThreshold`, where GL is Prechelt's
 *                     GL(t) = 100·(E_va(t)/E_opt(t) − 1) (Prechelt, "Early Stopping — But When?", 1998,
 *                     criterion GL_α) on the smoothed validation curve, made direction-aware and sign-safe:
 *                     100·(how much worse than the best)/max(|best|, ε);
 *                   · at least `patience` evaluations since the smoothed best — Keras/Lightning EarlyStopping's
 *                     `patience`, counted in validation checks as Lightning does;
 *                   · training still improving over that window by at least `trainProgressFloor` % (or no
 *                     training series): Prechelt's PQ idea (GL weighed against training progress P_k) reduced
 *                     to a floor — validation getting worse *while training keeps getting better*.
 *  6. watch       — GL > `watchThreshold`, or GL > `overfitThreshold` with the patience or training
 *                   condition not (yet) met.
 *  7. healthy     — otherwise.
 *
 * The noise guard (`noiseGuard`, 1 by default, 0 = off): both thresholds are raised to `noiseFloorPct`, the
 * GL that the validation curve's own noise explains (see `noiseFloorPct` below). Prechelt's curves were
 * smooth; real validation curves often are not, and GL measured from the lowest point of a noisy plateau
 * grows with the plateau's length. Without the guard, at the default smoothing, a flat curve with 2–3 % noise
 * is called 'overfitting' at some point of its first 200 evaluations in most cases; with it, flat noisy
 * curves stay healthy while a clear turn-up (rising faster than the noise) is still flagged within a few
 * evaluations — the calibration is in tests/unit/analysis/curves.test.ts.
 *
 * Evidence (PairJudgement) reports the raw best (argmin/argmax of finite raw values), the smoothed best the
 * rule measures from, the current (last finite) evaluation, GL, evaluations since the best, the training
 * progress, the noise floor and one plain sentence.
 *
 * Cost: O(n) in the points of both series (O(n log n) only if a series comes unsorted), no allocation per
 * point: the smoothed series live in module-level Float64Array scratch buffers reused across calls.
 */
import { metricBaseName, type MetricDirection } from './direction';
import { epochKey, formatAt, STEP_AXIS, stepAxis, type StepAxis } from './epochs';
import { byPriority, pairMetrics, type MetricPair, type PairOverride } from './pairing';
import type { Direction } from './direction';
import { cleanColumns, lastAtOrBefore } from './series';
import { clampSmoothingWeight, debiasedEma } from './smoothing';

export type Verdict = 'overfitting' | 'watch' | 'healthy' | 'diverging' | 'too-early' | 'no-validation' | 'not-judged';

/** A metric history; a MetricSeries is one. Without timestamps, a repeated step keeps its last point. */
export interface SeriesLike {
  steps: Float64Array;
  values: Float64Array;
  timestamps?: Float64Array | undefined;
  key?: string;
}

export interface VerdictParams {
  /** EMA weight for both curves (TensorBoard's smoothing slider, [0, 1)). */
  smoothing: number;
  /** Finite validation evaluations needed before judging. */
  warmup: number;
  /** GL (%) above which, with patience and training progress, the pair is overfitting. */
  overfitThreshold: number;
  /** GL (%) above which the pair is worth watching. */
  watchThreshold: number;
  /** Validation evaluations since the smoothed best needed before 'overfitting'. */
  patience: number;
  /** Relative change (fraction of |best|) a smoothed validation value must beat the best by to become the best. */
  minDelta: number;
  /** Minimum training improvement (%) over the window since the best for 'overfitting'. */
  trainProgressFloor: number;
  /** Training getting worse by more than this (%) over the window since the best → 'diverging'. */
  divergenceThreshold: number;
  /**
   * Scales the noise guard: GL must also exceed the gap the validation curve's own noise explains
   * (`noiseFloorPct`). 1 = as calibrated, 0 = off (the plain thresholds).
   */
  noiseGuard: number;
}

export const DEFAULT_VERDICT_PARAMS: Readonly<VerdictParams> = Object.freeze({
  smoothing: 0.6,
  warmup: 5,
  overfitThreshold: 5,
  watchThreshold: 2,
  patience: 3,
  minDelta: 0.001,
  trainProgressFloor: 1,
  divergenceThreshold: 10,
  noiseGuard: 1,
});

export interface PairJudgement {
  pair: MetricPair;
  verdict: Verdict;
  /** Finite validation evaluations (after de-duplication of steps). */
  evaluations: number;
  /**
   * `step`/`value`: the raw best (argmin/argmax of the finite raw values); `smoothedStep`/`smoothedValue`: the
   * smoothed best the rule measures from. All null when there is no finite value or the direction is unknown.
   */
  best: { step: number | null; value: number | null; smoothedStep: number | null; smoothedValue: number | null };
  /** The last finite validation evaluation; all null when there is none. */
  current: { step: number | null; value: number | null; smoothedValue: number | null };
  /** How far the smoothed validation is worse than its smoothed best, in % of max(|best|, ε); ≥ 0 (0 when not computable). */
  generalizationLossPct: number;
  /** Evaluations since the smoothed best (0 when not computable). */
  evaluationsSinceBest: number;
  /** Smoothed training improvement over the window since the best, in % (positive = improving); null without training. */
  trainProgressPct: number | null;
  /** First step with a non-finite value in validation or training; null when all are finite. */
  divergedAtStep: number | null;
  /** The GL (%) the validation curve's own noise explains; both thresholds are raised to it (0 when off). */
  noiseFloorPct: number;
  /** How this run's steps read (epoch or step): `formatAt(axis, best.step)` → "epoch 12". */
  axis: StepAxis;
  reason: string;
}

export interface RunJudgement {
  primary: PairJudgement | null;
  /** Judged pairs, primary first, then by priority (a loss before an error before a score). */
  pairs: PairJudgement[];
  /** How the run's steps read: epochs when it logs an `epoch` metric or its autologging logs per epoch. */
  axis: StepAxis;
  verdict: Verdict;
  lookedFor: string[];
  /** Validation keys with no training counterpart. */
  unpaired: string[];
}

/** Relative changes are taken against max(|reference|, EPSILON), so values at or near 0 stay finite. */
const EPSILON = 1e-12;

/** Scratch buffers for the smoothed curves, grown on demand and reused across calls (judging is synchronous). */
let scratchVal = new Float64Array(0);
let scratchTrain = new Float64Array(0);
let scratchD2 = new Float64Array(0);

function d2Buffer(n: number): Float64Array {
  if (scratchD2.length < n) scratchD2 = new Float64Array(Math.max(n, scratchD2.length * 2));
  return scratchD2.subarray(0, n);
}

function valBuffer(n: number): Float64Array {
  if (scratchVal.length < n) scratchVal = new Float64Array(Math.max(n, scratchVal.length * 2));
  return scratchVal.subarray(0, n);
}

function trainBuffer(n: number): Float64Array {
  if (scratchTrain.length < n) scratchTrain = new Float64Array(Math.max(n, scratchTrain.length * 2));
  return scratchTrain.subarray(0, n);
}

/** The rule's one merge of defaults: a parameter that is not a finite number is the default (stored settings come bounded). */
function resolveParams(params?: Partial<VerdictParams>): VerdictParams {
  const p: VerdictParams = { ...DEFAULT_VERDICT_PARAMS };
  if (params) {
    for (const k of Object.keys(p) as (keyof VerdictParams)[]) {
      const v = params[k];
      if (typeof v === 'number' && Number.isFinite(v)) p[k] = v;
    }
  }
  return p;
}

/** First step whose value is not finite, or null. */
function firstNonFiniteStep(steps: Float64Array, values: Float64Array): number | null {
  for (let i = 0; i < values.length; i++) {
    const y = values[i]!;
    if (y - y !== 0) return steps[i]!;
  }
  return null;
}

/** Index of the last point with step ≤ target whose smoothed value is finite; else the first finite one; else −1. */
function finiteAtOrBefore(steps: Float64Array, smoothed: Float64Array, target: number): number {
  const at = lastAtOrBefore(steps, target);
  for (let i = at; i >= 0; i--) {
    const y = smoothed[i]!;
    if (y - y === 0) return i;
  }
  for (let i = at + 1; i < smoothed.length; i++) {
    const y = smoothed[i]!;
    if (y - y === 0) return i;
  }
  return -1;
}

/**
 * Judges one pair. `train` may be null (validation only: no training condition). `pair` names the keys in
 * the evidence; without it, it is made from the series' `key`s.
 */
export function judgePair(
  train: SeriesLike | null,
  validation: SeriesLike,
  direction: MetricDirection,
  params?: Partial<VerdictParams>,
  pair?: MetricPair,
  axis: StepAxis = STEP_AXIS,
): PairJudgement {
  const p = resolveParams(params);
  const thePair: MetricPair = pair ?? {
    name: metricBaseName(validation.key ?? 'validation'),
    train: train?.key ?? null,
    validation: validation.key ?? '',
    direction,
    source: 'convention',
    trainCandidates: train?.key ? [train.key] : [],
  };
  const valName = thePair.validation || 'validation';
  const trainName = thePair.train || 'training';

  const v = cleanColumns(validation.steps, validation.timestamps, validation.values);
  const n = v.values.length;
  const w = clampSmoothingWeight(p.smoothing);
  const vs = debiasedEma(v.values, w, valBuffer(n));
  const t = train ? cleanColumns(train.steps, train.timestamps, train.values) : null;

  // One pass over validation: count, raw best, smoothed best (Keras-style: moves only on an improvement of
  // more than minDelta, ignores the warm-up), current, and each point's |second difference| for the noise.
  const sign = direction === 'max' ? -1 : 1; // compare sign·value: lower is better
  const known = direction !== 'unknown';
  const minDelta = Math.max(0, p.minDelta);
  const bestFrom = Math.max(1, Math.floor(p.warmup));
  let evaluations = 0;
  let rawBestI = -1;
  let rawBest = Infinity;
  let bestI = -1;
  let best = Infinity;
  let bar = Infinity;
  let sinceBest = 0;
  let lastI = -1;
  let prev1 = NaN;
  let prev2 = NaN;
  const d2 = d2Buffer(n);
  let firstBadI = -1;
  for (let i = 0; i < n; i++) {
    const y = v.values[i]!;
    if (y - y !== 0) {
      if (firstBadI < 0) firstBadI = i;
      d2[i] = NaN;
      continue;
    }
    evaluations++;
    lastI = i;
    d2[i] = evaluations >= 3 ? Math.abs(y - 2 * prev1 + prev2) : NaN;
    prev2 = prev1;
    prev1 = y;
    const sy = sign * y;
    if (sy < rawBest) {
      rawBest = sy;
      rawBestI = i;
    }
    if (evaluations < bestFrom) continue;
    const ss = sign * vs[i]!;
    if (ss < bar) {
      best = ss;
      bar = best - minDelta * Math.max(Math.abs(best), EPSILON); // what the next best must beat
      bestI = i;
      sinceBest = 0;
    } else {
      sinceBest++;
    }
  }
  let divergedAtStep: number | null = firstBadI >= 0 ? v.steps[firstBadI]! : null;
  let divergedInTrain = false;
  if (t) {
    const ts = firstNonFiniteStep(t.steps, t.values);
    if (ts !== null && (divergedAtStep === null || ts < divergedAtStep)) {
      divergedAtStep = ts;
      divergedInTrain = true;
    }
  }
  // Too few evaluations to pass the warm-up: the best so far is taken over all of them (evidence only).
  if (bestI < 0 && lastI >= 0) {
    for (let i = 0; i <= lastI; i++) {
      const y = vs[i]!;
      if (y - y !== 0) continue;
      if (bestI < 0 || sign * y < best) {
        best = sign * y;
        bestI = i;
      }
    }
    sinceBest = 0;
    for (let i = bestI + 1; i <= lastI; i++) if (vs[i]! - vs[i]! === 0) sinceBest++;
  }

  const current: PairJudgement['current'] =
    lastI >= 0
      ? { step: v.steps[lastI]!, value: v.values[lastI]!, smoothedValue: vs[lastI]! }
      : { step: null, value: null, smoothedValue: null };
  let bestEvidence: PairJudgement['best'] | null = null;
  let gl: number | null = null;
  let since: number | null = null;
  let noiseFloor = 0;
  let level: { gl: number; floor: number; count: number } | null = null;
  let trainProgress: number | null = null;
  if (known && bestI >= 0 && lastI >= 0) {
    const bestSmoothed = vs[bestI]!;
    const scale = Math.max(Math.abs(bestSmoothed), EPSILON);
    bestEvidence = {
      step: v.steps[rawBestI]!,
      value: v.values[rawBestI]!,
      smoothedStep: v.steps[bestI]!,
      smoothedValue: bestSmoothed,
    };
    gl = Math.max(0, (100 * sign * (vs[lastI]! - bestSmoothed)) / scale);
    since = sinceBest;
    const noise = noiseNearBest(d2, bestI, lastI);
    noiseFloor = noiseFloorPct(noise.sum, noise.count, evaluations, w, scale, p.noiseGuard);
    level = recentLevel(v.values, bestI, lastI, sign, bestSmoothed, scale, noise, evaluations, w, p.noiseGuard);
    if (t && t.values.length > 0) {
      const tsm = debiasedEma(t.values, w, trainBuffer(t.values.length));
      const a = finiteAtOrBefore(t.steps, tsm, v.steps[bestI]!);
      const b = finiteAtOrBefore(t.steps, tsm, v.steps[lastI]!);
      if (a >= 0 && b >= 0) {
        const from = tsm[a]!;
        trainProgress = (100 * sign * (from - tsm[b]!)) / Math.max(Math.abs(from), EPSILON);
      }
    }
  }

  const judgement: PairJudgement = {
    pair: thePair,
    verdict: 'healthy',
    evaluations,
    best: bestEvidence ?? { step: null, value: null, smoothedStep: null, smoothedValue: null },
    current,
    generalizationLossPct: gl ?? 0,
    evaluationsSinceBest: since ?? 0,
    trainProgressPct: trainProgress,
    divergedAtStep,
    noiseFloorPct: noiseFloor,
    axis,
    reason: '',
  };

  const worseWord = direction === 'max' ? 'below' : 'above';
  const trainMove = (pct: number): string =>
    `${trainName} ${(direction === 'max') === pct >= 0 ? 'rose' : 'fell'} ${fmtPct(Math.abs(pct))}`;
  const noTrain = train === null ? ` There is no training curve to compare it with.` : '';

  if (divergedAtStep !== null) {
    const series = divergedInTrain ? t! : v;
    const at = indexOfStep(series.steps, divergedAtStep);
    const what = at >= 0 ? describeNonFinite(series.values[at]!) : 'not finite';
    const name = divergedInTrain ? trainName : valName;
    return done(judgement, 'diverging', `${name} became ${what} at ${formatAt(axis, divergedAtStep)}.`);
  }
  if (n <= 1 && validation.values.length > 1) {
    return done(
      judgement,
      'too-early',
      `All ${validation.values.length} values of ${valName} are logged at one step: that is not a curve to judge.`,
    );
  }
  if (evaluations < Math.max(1, p.warmup)) {
    return done(
      judgement,
      'too-early',
      `Only ${evaluations} evaluation${evaluations === 1 ? '' : 's'} of ${valName} so far; Lens judges from ${Math.max(1, p.warmup)}.`,
    );
  }
  if (!known || gl === null || since === null || bestEvidence === null) {
    return done(
      judgement,
      'not-judged',
      `Lens can't tell whether ${valName} should go up or down; set its direction to judge it.`,
    );
  }
  // One best in every sentence: the raw best's place, as the pill and the chart show it; GL is measured on
  // the smoothed curve, and the sentence says so.
  const bestAt = formatAt(axis, bestEvidence.step!);
  const smoothedIs = `${valName}, smoothed, is`;
  if (trainProgress !== null && trainProgress < -p.divergenceThreshold) {
    return done(
      judgement,
      'diverging',
      `${trainMove(trainProgress)} since ${valName}'s best (${bestAt}): training is getting worse.`,
    );
  }
  const overfitAt = Math.max(p.overfitThreshold, noiseFloor);
  const watchAt = Math.max(p.watchThreshold, noiseFloor);
  const trainOk = trainProgress === null || trainProgress >= p.trainProgressFloor;
  const evals = `${since} evaluation${since === 1 ? '' : 's'}`;
  const tail = trainProgress === null ? '' : `, while ${trainMove(trainProgress)}`;
  if (gl > overfitAt && since >= p.patience && trainOk) {
    return done(
      judgement,
      'overfitting',
      `${smoothedIs} ${fmtPct(gl)} ${worseWord} its best (${bestAt}) and has not improved for ${evals}${tail}.${noTrain}`,
    );
  }
  // A noisy curve that keeps rising: no single point clears the noise, but the level of its last evaluations does.
  if (level && level.gl > Math.max(p.overfitThreshold, level.floor) && since >= Math.max(p.patience, MIN_LEVEL_POINTS) && trainOk) {
    return done(
      judgement,
      'overfitting',
      `${valName}'s last ${level.count} evaluations average ${fmtPct(level.gl)} ${worseWord} its best (${bestAt}), more than its noise explains (${fmtPct(level.floor)}), and it has not improved for ${evals}${tail}.${noTrain}`,
    );
  }
  if (gl > overfitAt) {
    const why =
      since < p.patience
        ? `, for ${evals} so far`
        : ` and has not improved for ${evals}, but ${trainName} ${stalled(trainProgress ?? 0)} since then`;
    return done(judgement, 'watch', `${smoothedIs} ${fmtPct(gl)} ${worseWord} its best (${bestAt})${why}.${noTrain}`);
  }
  if (gl > watchAt) {
    return done(judgement, 'watch', `${smoothedIs} ${fmtPct(gl)} ${worseWord} its best (${bestAt}).${noTrain}`);
  }
  if (gl > p.watchThreshold) {
    return done(
      judgement,
      'healthy',
      `${smoothedIs} ${fmtPct(gl)} ${worseWord} its best (${bestAt}), within its noise (${fmtPct(noiseFloor)}).${noTrain}`,
    );
  }
  if (since === 0) return done(judgement, 'healthy', `${valName} is at its best (${bestAt}).${noTrain}`);
  return done(judgement, 'healthy', `${smoothedIs} within ${fmtPct(Math.max(gl, 0.1))} of its best (${bestAt}).${noTrain}`);
}

/**
 * The noise estimate's window: the |second differences| from the smoothed best on (the curve around and after
 * it), widened back to at least MIN_NOISE_POINTS of them. A learning curve's own early descent has large second
 * differences (1.58 → 0.70 → 0.38 is curvature, not noise); measured over the whole curve it read as 21 % noise
 * on a curve whose noise after the descent is under 2 %, and hid a 20 % rise.
 */
function noiseNearBest(d2: Float64Array, bestI: number, lastI: number): { sum: number; count: number } {
  let sum = 0;
  let count = 0;
  let i = lastI;
  for (; i >= 0 && (i > bestI || count < MIN_NOISE_POINTS); i--) {
    const x = d2[i]!;
    if (x - x !== 0) continue;
    sum += x;
    count++;
  }
  return { sum, count };
}

/** Evaluations after the best the level test averages at most, and needs at least. */
const MAX_LEVEL_POINTS = 20;
const MIN_LEVEL_POINTS = 8;

/**
 * The level test, for noisy curves: the mean of the last L ≤ 20 raw evaluations after the best, against the
 * smoothed best. A single smoothed point wanders by the extreme-value bound of the noise (`noiseFloorPct`,
 * ≈ 4.7 σ at the defaults: a Lightning run with 7 % noise needed a 33 % rise); a mean of L points wanders by
 * σ/√L. What remains is the smoothed best's own luck (it is the lowest of the smoothed values, about
 * √(2 ln m)·σₛ below the truth), so the floor is ((√(2 ln m) + 1)·σₛ + 3σ/√L), widened as `noiseFloorPct` is for a
 * short noise estimate. Null when fewer than MIN_LEVEL_POINTS evaluations follow the best or the guard is off.
 */
function recentLevel(
  values: Float64Array,
  bestI: number,
  lastI: number,
  sign: number,
  bestSmoothed: number,
  scale: number,
  noise: { sum: number; count: number },
  n: number,
  w: number,
  guard: number,
): { gl: number; floor: number; count: number } | null {
  if (!(guard > 0) || noise.count === 0) return null;
  let sum = 0;
  let count = 0;
  for (let i = lastI; i > bestI && count < MAX_LEVEL_POINTS; i--) {
    const y = values[i]!;
    if (y - y !== 0) continue;
    sum += y;
    count++;
  }
  if (count < MIN_LEVEL_POINTS) return null;
  const sigma = noise.sum / noise.count / MEAN_ABS_D2_PER_SIGMA;
  const f = Math.sqrt((1 - w) / (1 + w));
  const m = Math.max(Math.E, n * f * f);
  const widen = 1 + 1 / Math.sqrt(noise.count) + 2 / noise.count;
  const floor = (guard * 100 * sigma * ((Math.sqrt(2 * Math.log(m)) + 2) * f + 3 / Math.sqrt(count)) * widen) / scale;
  return { gl: Math.max(0, (100 * sign * (sum / count - bestSmoothed)) / scale), floor, count };
}

/** Second differences the noise estimate needs at least (fewer only while the run has fewer). */
const MIN_NOISE_POINTS = 10;

/**
 * The noise guard: the largest gap between the smoothed best and the current smoothed value that the curve's
 * own noise explains, in % of |best|. Pure noise of standard deviation σ, smoothed by the EMA, wanders with
 * σₛ = σ·√((1−w)/(1+w)) over m ≈ n·(1−w)/(1+w) independent values; its minimum and its latest maximum each
 * reach about √(2 ln m)·σₛ from the middle (extreme-value bound), so the gap stays below
 * (2√(2 ln m) + 3)·σₛ — the +3 a margin. σ is estimated from the mean absolute second difference of the raw
 * values around and after the smoothed best (`noiseNearBest`; E|Δ²y| = σ·√6·√(2/π) ≈ 1.954σ for white noise; a
 * linear trend adds nothing, the curvature of an early descent would, hence the window), widened by
 * (1 + 1/√k + 2/k) while only k differences are there to estimate it. `guard` scales the result (0 = off).
 */
function noiseFloorPct(d2Sum: number, d2Count: number, n: number, w: number, scale: number, guard: number): number {
  if (!(guard > 0) || d2Count === 0) return 0;
  const sigma = d2Sum / d2Count / MEAN_ABS_D2_PER_SIGMA;
  const f = Math.sqrt((1 - w) / (1 + w));
  const m = Math.max(Math.E, n * f * f);
  const spread = 2 * Math.sqrt(2 * Math.log(m)) + 3;
  return (guard * 100 * sigma * f * spread * (1 + 1 / Math.sqrt(d2Count) + 2 / d2Count)) / scale;
}

/** E|y₀ − 2y₁ + y₂| / σ for white Gaussian noise: √6·√(2/π). */
const MEAN_ABS_D2_PER_SIGMA = Math.sqrt(6) * Math.sqrt(2 / Math.PI);

function done(j: PairJudgement, verdict: Verdict, reason: string): PairJudgement {
  j.verdict = verdict;
  j.reason = reason;
  return j;
}

function indexOfStep(steps: Float64Array, step: number): number {
  for (let i = 0; i < steps.length; i++) if (steps[i] === step) return i;
  return -1;
}

function describeNonFinite(y: number): string {
  if (y === Infinity) return 'Infinity';
  if (y === -Infinity) return '−Infinity';
  return 'NaN';
}

/** "14 %", "2.5 %", "0.3 %". */
function fmtPct(x: number): string {
  const r = x >= 10 ? Math.round(x) : Math.round(x * 10) / 10;
  return `${r} %`;
}

/** "improved only 0.4 %" / "got 3 % worse" / "did not change". */
function stalled(progressPct: number): string {
  if (progressPct > 0) return `improved only ${fmtPct(progressPct)}`;
  if (progressPct < 0) return `got ${fmtPct(-progressPct)} worse`;
  return 'did not change';
}

/** Options of `judgeRun` beyond the rule's parameters. */
export interface JudgeRunOptions {
  /** The run's `mlflow.autologging` tag: Keras' and PyTorch's autologging log one step per epoch. */
  autologFlavour?: string | null;
}

/**
 * Judges every pair of a run and names the run's verdict: its primary pair's, or 'no-validation' when the run
 * has no validation metric. Pairs are made (`pairMetrics`) from `keys` — all the run's metric keys, so
 * `lookedFor`/`unpaired` speak of the whole run even when only the paired histories were fetched — or from the
 * keys of `histories` when `keys` is not given. A pair whose validation history is missing from `histories` is
 * skipped. Its training side is the first of its `trainCandidates` whose history is a curve (two steps or more:
 * the Trainer's one-value `train_loss` is not); with none, it is judged validation-only. A pair whose validation
 * is not a curve (Keras autolog's `validation_loss`, every value at step 0) is dropped when another pair of the
 * same name is one. Directions come from the pair overrides, else from `directions` (by full key or base name),
 * else from the metric's name. Steps read as epochs where the run logs an `epoch` metric (./epochs.ts).
 */
export function judgeRun(
  histories: ReadonlyMap<string, SeriesLike>,
  params?: Partial<VerdictParams>,
  overrides?: readonly PairOverride[],
  keys?: readonly string[],
  directions?: Readonly<Record<string, Direction>>,
  options?: JudgeRunOptions,
): RunJudgement {
  const allKeys = keys ?? [...histories.keys()];
  const pairing = pairMetrics(allKeys, overrides, directions);
  const eKey = epochKey(allKeys);
  const axis = stepAxis(eKey ? histories.get(eKey) : null, options?.autologFlavour);
  const ordered = pairing.primary ? [pairing.primary, ...byPriority(pairing.pairs.filter((p) => p !== pairing.primary))] : [];
  const resolved: { pair: MetricPair; validation: SeriesLike; train: SeriesLike | null }[] = [];
  for (const pair of ordered) {
    const validation = histories.get(pair.validation);
    if (!validation) continue;
    let train: SeriesLike | null = null;
    let trainKey: string | null = null;
    for (const candidate of pair.trainCandidates) {
      const h = histories.get(candidate);
      if (h && distinctSteps(h, 2) >= 2) {
        train = h;
        trainKey = candidate;
        break;
      }
    }
    resolved.push({ pair: trainKey === pair.train ? pair : { ...pair, train: trainKey }, validation, train });
  }
  const isCurve = (s: SeriesLike) => distinctSteps(s, 2) >= 2;
  const kept = resolved.filter(
    (r) =>
      isCurve(r.validation) ||
      !resolved.some((o) => o !== r && o.pair.name.toLowerCase() === r.pair.name.toLowerCase() && isCurve(o.validation)),
  );
  const pairs = kept.map((r) => judgePair(r.train, r.validation, r.pair.direction, params, r.pair, axis));
  const primary = pairs[0] ?? null;
  return {
    primary,
    pairs,
    axis,
    verdict: primary ? primary.verdict : 'no-validation',
    lookedFor: pairing.lookedFor,
    unpaired: pairing.unpaired,
  };
}

/** How many distinct steps a series has, counting up to `enough`. */
function distinctSteps(s: SeriesLike, enough: number): number {
  let count = 0;
  let seen = NaN;
  let second = NaN;
  for (let i = 0; i < s.steps.length && count < enough; i++) {
    const x = s.steps[i]!;
    if (x !== x) continue;
    if (count === 0) {
      seen = x;
      count = 1;
    } else if (x !== seen && x !== second) {
      second = x;
      count++;
    }
  }
  return count;
}
