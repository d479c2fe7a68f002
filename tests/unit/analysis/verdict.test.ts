import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VERDICT_PARAMS,
  judgePair,
  judgeRun,
  pairMetrics,
  type SeriesLike,
  type VerdictParams,
} from '@/lib/analysis';
import { fallingTrain, fixtureSeries, series } from './helpers';

const OVERFIT_FILE = 'metrics-get-history-val_loss-overfitting.json';
const NAN_FILE = 'metrics-get-history-val_loss-nan.json';
const BULK_FILE = 'metrics-get-history-bulk-interval.json';
const BULK_NAN_LONG_FILE = 'metrics-get-history-bulk-interval-nan-long.json';
const OVERFIT_RUN = '090ff09d8d714e8293c94a20374793a1'; // bold-heron-17
const HEALTHY_RUN = 'ce96ccd8a3f146c5b8ac85cb1f84ba9a'; // calm-otter-88
const LONG_RUN = 'dc8292f1f2b24a7db964d1f15c32142d'; // marathon-ibis-20k, server-sampled

const of = (values: number[], key?: string): SeriesLike => series(values.length, (i) => values[i]!, undefined, key);

/** Raw-value rule: no smoothing, no noise guard, so GL is exactly what the numbers say. */
const RAW: Partial<VerdictParams> = { smoothing: 0, noiseGuard: 0 };
/** Falls to 1.0 at step 5, the smoothed best (best tracking starts at the 5th evaluation, step 4). */
const DESCENT = [2, 1.8, 1.6, 1.4, 1.2, 1.0];

describe('judgePair on recorded MLflow histories', () => {
  it("bold-heron-17's val_loss (validation only) is overfitting, raw best at step 12", () => {
    const val = fixtureSeries(OVERFIT_FILE, 'val_loss');
    const j = judgePair(null, val, 'min');
    expect(j.verdict).toBe('overfitting');
    expect(j.best.step).toBe(12);
    expect(j.best.value).toBeCloseTo(0.31640314424308097, 15);
    expect(j.evaluations).toBe(40);
    expect(j.current).toMatchObject({ step: 39, value: 0.43808417861436727 });
    expect(j.generalizationLossPct).toBeGreaterThan(25);
    expect(j.evaluationsSinceBest).toBeGreaterThanOrEqual(20);
    expect(j.trainProgressPct).toBeNull();
    expect(j.divergedAtStep).toBeNull();
    expect(j.pair).toMatchObject({ name: 'loss', validation: 'val_loss', train: null });
    expect(j.reason).toMatch(
      /^val_loss, smoothed, is \d+ % above its best \(step 12\) and has not improved for \d+ evaluations\. There is no training curve to compare it with\.$/,
    );
  });

  it('the same run while it was still improving (first 10 epochs, as recorded with max_results=10) is healthy', () => {
    const j = judgePair(null, fixtureSeries('metrics-get-history-val_loss-overfitting-max10.json', 'val_loss'), 'min');
    expect(j.verdict).toBe('healthy');
    expect(j.best.step).toBe(9);
  });

  it('turns from healthy to overfitting once, as the epochs come in, and never flickers back', () => {
    const val = fixtureSeries(OVERFIT_FILE, 'val_loss');
    const verdicts: string[] = [];
    for (let k = 1; k <= 40; k++) {
      verdicts.push(judgePair(null, { steps: val.steps.subarray(0, k), values: val.values.subarray(0, k) }, 'min').verdict);
    }
    const first = verdicts.indexOf('overfitting');
    expect(verdicts.slice(0, 4).every((v) => v === 'too-early')).toBe(true);
    expect(verdicts.slice(4, first).every((v) => v === 'healthy' || v === 'watch')).toBe(true);
    expect(verdicts.slice(first).every((v) => v === 'overfitting')).toBe(true);
    // The noise-free curve of this run (seed.py) crosses GL 5 % at epoch 19; the raw values at 17.
    expect(first).toBeLessThanOrEqual(19 + 5);
  });

  it("shaky-wren-44's val_loss (NaN at 6, +inf at 10) is diverging from step 6", () => {
    const j = judgePair(null, fixtureSeries(NAN_FILE, 'val_loss'), 'min');
    expect(j.verdict).toBe('diverging');
    expect(j.divergedAtStep).toBe(6);
    expect(j.evaluations).toBe(16);
    expect(j.reason).toBe('val_loss became NaN at step 6.');
  });

  it('the same histories through get-history-bulk-interval give the same verdicts', () => {
    const overfit = fixtureSeries(BULK_FILE, 'val_loss', OVERFIT_RUN);
    expect(judgePair(null, overfit, 'min')).toMatchObject({ verdict: 'overfitting', best: { step: 12 } });
    const nan = fixtureSeries(BULK_NAN_LONG_FILE, 'val_loss', 'c838bc6593694cf986520d08a885da5d');
    expect(judgePair(null, nan, 'min')).toMatchObject({ verdict: 'diverging', divergedAtStep: 6 });
  });

  it("calm-otter-88's noisy-but-flat val_loss (≈ 3.7 % noise at its floor) is healthy at every epoch", () => {
    const val = fixtureSeries(BULK_FILE, 'val_loss', HEALTHY_RUN);
    expect(val.steps.length).toBe(30);
    for (let k = 5; k <= 30; k++) {
      const j = judgePair(null, { steps: val.steps.subarray(0, k), values: val.values.subarray(0, k) }, 'min');
      expect(j.verdict, `after ${k} epochs`).toBe('healthy');
    }
  });

  it("marathon-ibis-20k's server-sampled val_loss (still falling, ≈ 6 % noise) is never flagged", () => {
    const val = fixtureSeries(BULK_NAN_LONG_FILE, 'val_loss', LONG_RUN);
    expect(val.steps[val.steps.length - 1]).toBe(19999);
    for (let k = 5; k <= val.steps.length; k++) {
      const j = judgePair(null, { steps: val.steps.subarray(0, k), values: val.values.subarray(0, k) }, 'min');
      expect(j.verdict, `after ${k} points`).toBe('healthy');
    }
  });

  it('judgeRun on the recorded run: all its keys, only val_loss fetched → judged on validation alone', () => {
    const runKeys = ['train_loss', 'val_loss', 'train_metric_average_precision', 'val_metric_average_precision', 'learning_rate'];
    const histories = new Map([['val_loss', fixtureSeries(OVERFIT_FILE, 'val_loss')]]);
    const run = judgeRun(histories, undefined, undefined, runKeys);
    expect(run.verdict).toBe('overfitting');
    // The pair names the training key it was judged against: none was fetched, so none.
    expect(run.primary?.pair).toMatchObject({ train: null, trainCandidates: ['train_loss'], validation: 'val_loss', name: 'loss' });
    expect(run.primary?.trainProgressPct).toBeNull();
    expect(run.pairs.map((p) => p.pair.validation)).toEqual(['val_loss']); // AP history not fetched: skipped
    expect(run.primary?.best.step).toBe(12);
  });
});

describe('judgePair: the rule, edge by edge (raw values: smoothing 0, noise guard off)', () => {
  const val = (...tail: number[]) => of([...DESCENT, 1.0, 1.0, ...tail], 'val_loss');

  it('GL just below / just above overfitThreshold (5 %)', () => {
    expect(judgePair(null, val(1.0499), 'min', RAW)).toMatchObject({ verdict: 'watch', evaluationsSinceBest: 3 });
    const j = judgePair(null, val(1.0501), 'min', RAW);
    expect(j.verdict).toBe('overfitting');
    expect(j.generalizationLossPct).toBeCloseTo(5.01, 6);
    expect(j.best).toMatchObject({ step: 5, value: 1, smoothedStep: 5, smoothedValue: 1 });
    expect(j.current).toMatchObject({ step: 8, value: 1.0501, smoothedValue: 1.0501 });
  });

  it('GL just below / just above watchThreshold (2 %)', () => {
    expect(judgePair(null, val(1.0199), 'min', RAW).verdict).toBe('healthy');
    expect(judgePair(null, val(1.0201), 'min', RAW).verdict).toBe('watch');
  });

  it('patience: GL above the threshold for 2 evaluations is watch, for 3 overfitting', () => {
    const two = judgePair(null, of([...DESCENT, 1.1, 1.1], 'val_loss'), 'min', RAW);
    expect(two).toMatchObject({ verdict: 'watch', evaluationsSinceBest: 2 });
    expect(two.reason).toBe(
      'val_loss, smoothed, is 10 % above its best (step 5), for 2 evaluations so far. There is no training curve to compare it with.',
    );
    expect(judgePair(null, of([...DESCENT, 1.1, 1.1, 1.1]), 'min', RAW).verdict).toBe('overfitting');
    expect(judgePair(null, of([...DESCENT, 1.1, 1.1, 1.1]), 'min', { ...RAW, patience: 4 }).verdict).toBe('watch');
  });

  it('training progress just below / just above trainProgressFloor (1 %)', () => {
    const v = val(1.1);
    const train = (end: number) => of([3, 2.5, 2, 1.5, 1.2, 1.0, 1.0, 1.0, end], 'train_loss');
    const below = judgePair(train(0.991), v, 'min', RAW);
    expect(below.verdict).toBe('watch');
    expect(below.trainProgressPct).toBeCloseTo(0.9, 6);
    expect(below.reason).toBe(
      'val_loss, smoothed, is 10 % above its best (step 5) and has not improved for 3 evaluations, but train_loss improved only 0.9 % since then.',
    );
    const above = judgePair(train(0.989), v, 'min', RAW);
    expect(above.verdict).toBe('overfitting');
    expect(above.trainProgressPct).toBeCloseTo(1.1, 6);
    expect(above.reason).toBe(
      'val_loss, smoothed, is 10 % above its best (step 5) and has not improved for 3 evaluations, while train_loss fell 1.1 %.',
    );
  });

  it('training worse by just below / just above divergenceThreshold (10 %) over the window since the best', () => {
    const v = val(1.1);
    const train = (end: number) => of([3, 2.5, 2, 1.5, 1.2, 1.0, 1.0, 1.0, end], 'train_loss');
    const worse = judgePair(train(1.099), v, 'min', RAW);
    expect(worse.verdict).toBe('watch');
    expect(worse.reason).toBe(
      'val_loss, smoothed, is 10 % above its best (step 5) and has not improved for 3 evaluations, but train_loss got 9.9 % worse since then.',
    );
    const j = judgePair(train(1.101), v, 'min', RAW);
    expect(j.verdict).toBe('diverging');
    expect(j.divergedAtStep).toBeNull();
    expect(j.trainProgressPct).toBeCloseTo(-10.1, 6);
    expect(j.reason).toBe("train_loss rose 10 % since val_loss's best (step 5): training is getting worse.");
  });

  it('minDelta: a smaller improvement does not make a new best (Keras/Lightning min_delta)', () => {
    const small = judgePair(null, of([...DESCENT, 0.9995, 0.9992, 0.9991]), 'min', RAW);
    expect(small.best.smoothedStep).toBe(5);
    expect(small.evaluationsSinceBest).toBe(3);
    expect(small.generalizationLossPct).toBe(0);
    expect(small.verdict).toBe('healthy');
    const real = judgePair(null, of([...DESCENT, 0.9995, 0.998]), 'min', RAW);
    expect(real.best.smoothedStep).toBe(7);
    expect(real.evaluationsSinceBest).toBe(0);
    expect(judgePair(null, of([...DESCENT, 0.9995]), 'min', { ...RAW, minDelta: 0 }).best.smoothedStep).toBe(6);
  });

  it('warm-up edge: warmup − 1 evaluations are too early, warmup are judged', () => {
    const four = judgePair(null, of([1, 0.9, 0.8, 0.7], 'val_loss'), 'min');
    expect(four.verdict).toBe('too-early');
    expect(four.reason).toBe('Only 4 evaluations of val_loss so far; Lens judges from 5.');
    expect(four.best.step).toBe(3); // evidence is still there
    expect(judgePair(null, of([1, 0.9, 0.8, 0.7, 0.6]), 'min').verdict).toBe('healthy');
    expect(judgePair(null, of([1, 0.9]), 'min', { warmup: 2 }).verdict).toBe('healthy');
    expect(judgePair(null, of([]), 'min').verdict).toBe('too-early');
    expect(judgePair(null, of([]), 'min', { warmup: 0 }).verdict).toBe('too-early');
  });

  it('the warm-up is ignored for the smoothed best (Keras start_from_epoch), not for the raw best', () => {
    const j = judgePair(null, of([0.5, 1, 1, 1, 1, 1, 1, 1]), 'min', RAW);
    expect(j.best.step).toBe(0);
    expect(j.best.smoothedStep).toBe(4);
    expect(j.verdict).toBe('healthy');
  });

  it('not-judged: an unknown direction is shown, not judged', () => {
    const j = judgePair(null, of([...DESCENT, 1.1, 1.1, 1.1], 'val_widgets'), 'unknown', RAW);
    expect(j.verdict).toBe('not-judged');
    expect(j.best).toEqual({ step: null, value: null, smoothedStep: null, smoothedValue: null });
    expect(j.current.step).toBe(8);
    expect(j.reason).toBe("Lens can't tell whether val_widgets should go up or down; set its direction to judge it.");
    expect(judgePair(null, of([1, 2]), 'unknown').verdict).toBe('too-early');
  });

  it('a max-direction metric falling from its peak is overfitting; the sentence says "below"', () => {
    const ap = of([0.5, 0.6, 0.7, 0.8, 0.9, 0.9, 0.9, 0.9, 0.85], 'val_metric_average_precision');
    const j = judgePair(of([0.5, 0.6, 0.7, 0.8, 0.9, 0.92, 0.94, 0.96, 0.98]), ap, 'max', RAW);
    expect(j.verdict).toBe('overfitting');
    expect(j.generalizationLossPct).toBeCloseTo((100 * 0.05) / 0.9, 6);
    expect(j.trainProgressPct).toBeCloseTo((100 * 0.08) / 0.9, 6);
    expect(j.reason).toBe(
      'val_metric_average_precision, smoothed, is 5.6 % below its best (step 4) and has not improved for 4 evaluations, while training rose 8.9 %.',
    );
    // The same numbers read as a loss are improving.
    expect(judgePair(null, ap, 'min', RAW).verdict).toBe('healthy');
  });

  it('values ≤ 0: GL relative to |best| (negative log-likelihood, r², a best of exactly 0)', () => {
    const nll = judgePair(null, of([-1, -1.5, -1.8, -1.9, -2, -2, -2, -2, -1.8]), 'min', RAW);
    expect(nll.verdict).toBe('overfitting');
    expect(nll.generalizationLossPct).toBeCloseTo(10, 6);
    const r2 = judgePair(null, of([-1, -0.6, -0.4, -0.3, -0.2, -0.2, -0.2, -0.2, -0.3]), 'max', RAW);
    expect(r2.verdict).toBe('overfitting');
    expect(r2.generalizationLossPct).toBeCloseTo(50, 6);
    const better = judgePair(null, of([-1, -0.6, -0.4, -0.3, -0.2, -0.1, 0.1, 0.2]), 'max', RAW);
    expect(better.verdict).toBe('healthy');
    const zero = judgePair(null, of([1, 0.5, 0.2, 0.1, 0, 0, 0, 0, 0.01]), 'min', RAW);
    expect(Number.isFinite(zero.generalizationLossPct)).toBe(true);
    expect(zero.verdict).toBe('overfitting');
  });
});

describe('judgePair: divergence, ordering and alignment', () => {
  it('NaN or ±Infinity anywhere is diverging, from the first such step, before anything else', () => {
    expect(judgePair(null, of([1, NaN]), 'min')).toMatchObject({ verdict: 'diverging', divergedAtStep: 1 });
    expect(judgePair(null, of([Infinity]), 'unknown')).toMatchObject({ verdict: 'diverging', divergedAtStep: 0 });
    const inf = judgePair(null, of([1, 0.9, 0.8, 0.7, 0.6, -Infinity, 0.5], 'val_loss'), 'min');
    expect(inf).toMatchObject({ verdict: 'diverging', divergedAtStep: 5, evaluations: 6 });
    expect(inf.reason).toBe('val_loss became −Infinity at step 5.');
  });

  it('a non-finite training value counts too, and the earlier of the two wins', () => {
    const val = of([1, 0.9, 0.8, 0.7, 0.6, 0.5, NaN], 'val_loss');
    const train = of([1, 0.9, 0.8, Infinity, 0.6, 0.5, 0.4], 'train_loss');
    const j = judgePair(train, val, 'min');
    expect(j).toMatchObject({ verdict: 'diverging', divergedAtStep: 3 });
    expect(j.reason).toBe('train_loss became Infinity at step 3.');
    expect(judgePair(of([1, 1, 1, 1, 1, 1, NaN]), of([1, 0.9, 0.8, NaN]), 'min').divergedAtStep).toBe(3);
  });

  it('a non-finite value replaced by a later log of the same step does not count', () => {
    const val: SeriesLike = {
      steps: Float64Array.from([0, 1, 2, 3, 4, 5, 3]),
      timestamps: Float64Array.from([0, 1, 2, 3, 4, 5, 6]),
      values: Float64Array.from([1, 0.9, 0.8, NaN, 0.6, 0.5, 0.7]),
    };
    expect(judgePair(null, val, 'min')).toMatchObject({ verdict: 'healthy', divergedAtStep: null, evaluations: 6 });
  });

  it('unsorted input with duplicated steps is judged as its clean form', () => {
    const clean = fixtureSeries(OVERFIT_FILE, 'val_loss');
    const n = clean.steps.length;
    const order = Array.from({ length: n }, (_, i) => (i * 17) % n); // a permutation (17 ⟂ 40)
    const steps: number[] = [];
    const ts: number[] = [];
    const values: number[] = [];
    for (const i of order) {
      steps.push(clean.steps[i]!, clean.steps[i]!);
      ts.push(clean.timestamps[i]! - 1, clean.timestamps[i]!); // an older duplicate that must lose
      values.push(99, clean.values[i]!);
    }
    const messy = { key: 'val_loss', steps: Float64Array.from(steps), timestamps: Float64Array.from(ts), values: Float64Array.from(values) };
    expect(judgePair(null, messy, 'min')).toEqual(judgePair(null, clean, 'min'));
  });

  it('gaps in steps change nothing: the EMA is index-based, steps only name the points', () => {
    const val = fixtureSeries(OVERFIT_FILE, 'val_loss');
    const gapped = { ...val, steps: val.steps.map((s) => s * 100 + (s > 20 ? 5000 : 0)) };
    const a = judgePair(null, val, 'min');
    const b = judgePair(null, gapped, 'min');
    expect(b.verdict).toBe(a.verdict);
    expect(b.generalizationLossPct).toBe(a.generalizationLossPct);
    expect(b.best.step).toBe(1200);
  });

  it('aligns a denser training series by step (train every step, validation every 10)', () => {
    const valValues = [...DESCENT, 1.0, 1.0, 1.1];
    const val = series(valValues.length, (i) => valValues[i]!, (i) => i * 10, 'val_loss');
    // Train falls linearly from 2.0 at step 0 by 0.01 per step: 1.5 at step 50, 1.2 at step 80.
    const train = series(90, (s) => 2 - 0.01 * s, undefined, 'train_loss');
    const j = judgePair(train, val, 'min', RAW);
    expect(j.best.smoothedStep).toBe(50);
    expect(j.trainProgressPct).toBeCloseTo((100 * 0.3) / 1.5, 6);
    expect(j.verdict).toBe('overfitting');
  });

  it('takes series without timestamps and does not modify its inputs', () => {
    const val = of([1, 0.8, 0.7, 0.65, 0.6, 0.61, 0.7, 0.8, 0.9]);
    const before = [...val.values];
    const j = judgePair(fallingTrain(9), val, 'min');
    expect(j.evaluations).toBe(9);
    expect([...val.values]).toEqual(before);
  });

  it('keeps the verdicts of earlier calls intact (scratch buffers are not exposed)', () => {
    const a = judgePair(null, fixtureSeries(OVERFIT_FILE, 'val_loss'), 'min');
    const snapshot = structuredClone(a);
    judgePair(fallingTrain(5000), series(5000, (i) => 1 + Math.sin(i)), 'min');
    expect(a).toEqual(snapshot);
  });

  it('reads parameters from partial input, ignoring NaN', () => {
    const v = of([...DESCENT, 1.0, 1.0, 1.06]);
    expect(judgePair(null, v, 'min', { ...RAW, overfitThreshold: NaN }).verdict).toBe('overfitting');
    expect(judgePair(null, v, 'min', { ...RAW, overfitThreshold: 7 }).verdict).toBe('watch');
    expect(Object.isFrozen(DEFAULT_VERDICT_PARAMS)).toBe(true);
  });
});

describe('noise guard', () => {
  it('is reported as noiseFloorPct, 0 when off or when the curve has no noise', () => {
    const noisy = fixtureSeries(BULK_FILE, 'val_loss', HEALTHY_RUN);
    expect(judgePair(null, noisy, 'min').noiseFloorPct).toBeGreaterThan(5);
    expect(judgePair(null, noisy, 'min', { noiseGuard: 0 }).noiseFloorPct).toBe(0);
    const smooth = series(50, (i) => 0.3 + 0.5 * Math.exp(-i / 10));
    expect(judgePair(null, smooth, 'min').noiseFloorPct).toBeLessThan(1);
  });

  it('raises both thresholds: the same drift is healthy in a noisy curve, flagged in a clean one', () => {
    const noisy = fixtureSeries(BULK_FILE, 'val_loss', HEALTHY_RUN);
    const guarded = judgePair(null, noisy, 'min');
    const unguarded = judgePair(null, noisy, 'min', { noiseGuard: 0, watchThreshold: 1 });
    expect(guarded.verdict).toBe('healthy');
    expect(unguarded.verdict).toBe('watch');
    expect(unguarded.generalizationLossPct).toBe(guarded.generalizationLossPct);
  });

  it('says so when a drift above watchThreshold is within the noise', () => {
    const noisy = fixtureSeries(BULK_FILE, 'val_loss', HEALTHY_RUN);
    const j = judgePair(null, { ...noisy, steps: noisy.steps.subarray(0, 25), values: noisy.values.subarray(0, 25) }, 'min');
    expect(j.verdict).toBe('healthy');
    expect(j.generalizationLossPct).toBeGreaterThan(DEFAULT_VERDICT_PARAMS.watchThreshold);
    expect(j.reason).toMatch(/^val_loss, smoothed, is [\d.]+ % above its best \(step \d+\), within its noise \([\d.]+ %\)\. There is no training curve/);
  });
});

describe('judgeRun', () => {
  const rising = of([...DESCENT, 1.0, 1.0, 1.1, 1.2, 1.3, 1.4]);
  const falling = of([3, 2.5, 2, 1.5, 1.2, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4]);

  it('judges every pair and takes the primary (loss) pair for the run', () => {
    const histories = new Map<string, SeriesLike>([
      ['train_loss', falling],
      ['val_loss', rising],
      ['train_acc', of([0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.92, 0.94, 0.95, 0.96, 0.97, 0.98])],
      ['val_acc', of([0.5, 0.6, 0.7, 0.8, 0.85, 0.86, 0.87, 0.87, 0.88, 0.88, 0.89, 0.89])],
      ['lr', of([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])],
    ]);
    const run = judgeRun(histories);
    expect(run.verdict).toBe('overfitting');
    expect(run.primary?.pair.validation).toBe('val_loss');
    // Primary first, then by priority (a loss before a score).
    expect(run.pairs.map((p) => [p.pair.validation, p.verdict])).toEqual([
      ['val_loss', 'overfitting'],
      ['val_acc', 'healthy'],
    ]);
    expect(run.primary?.reason).toMatch(/while train_loss fell \d+ %\.$/);
  });

  it("is 'no-validation' with what was looked for when nothing pairs", () => {
    const run = judgeRun(new Map([['train_loss', falling], ['lr', falling]]));
    expect(run).toMatchObject({ verdict: 'no-validation', primary: null, pairs: [], unpaired: [] });
    expect(run.lookedFor).toEqual(['val_loss', 'validation_loss', 'valid_loss', 'eval_loss', 'loss_val']);
    // A validation curve with no training counterpart is judged on its own: "no validation metric" would be false.
    const onlyVal = judgeRun(new Map([['val_loss', rising]]));
    expect(onlyVal).toMatchObject({ verdict: 'overfitting', unpaired: ['val_loss'] });
    expect(onlyVal.primary?.pair.train).toBeNull();
  });

  it('pairs on all the run keys when given, and uses overrides and direction overrides', () => {
    const histories = new Map<string, SeriesLike>([
      ['fit_score', falling],
      ['holdout_score', rising],
    ]);
    expect(judgeRun(histories).verdict).toBe('no-validation');
    const run = judgeRun(histories, undefined, [{ train: 'fit_score', validation: 'holdout_score', direction: 'min' }]);
    expect(run.verdict).toBe('overfitting');
    expect(run.primary?.pair.source).toBe('override');
    const widgets = new Map<string, SeriesLike>([
      ['train_widgets', falling],
      ['val_widgets', rising],
    ]);
    expect(judgeRun(widgets).verdict).toBe('not-judged');
    expect(judgeRun(widgets, undefined, undefined, undefined, { widgets: 'min' }).verdict).toBe('overfitting');
  });

  it('passes params through', () => {
    const histories = new Map<string, SeriesLike>([
      ['train_loss', falling],
      ['val_loss', rising],
    ]);
    expect(judgeRun(histories, { warmup: 50 }).verdict).toBe('too-early');
  });

  it('agrees with pairMetrics on what it pairs', () => {
    const keys = ['train_loss', 'val_loss', 'loss', 'eval_loss'];
    const histories = new Map<string, SeriesLike>(keys.map((k) => [k, falling]));
    expect(judgeRun(histories).pairs.map((p) => p.pair)).toEqual(pairMetrics(keys).pairs);
  });
});

describe('parameters', () => {
  it('a parameter that is not a finite number is the default (the one merge of defaults; stored settings come bounded)', () => {
    const val = fixtureSeries(OVERFIT_FILE, 'val_loss');
    const byDefault = judgePair(null, val, 'min');
    expect(byDefault.verdict).toBe('overfitting');
    for (const bad of [Infinity, -Infinity, Number.NaN]) {
      // Infinity as overfitThreshold would make nothing overfit, as patience it would wait for ever.
      expect(judgePair(null, val, 'min', { overfitThreshold: bad, patience: bad, warmup: bad })).toEqual(byDefault);
    }
    // A finite one is taken as given: no run of 20 evaluations is judged from 1,000.
    expect(judgePair(null, val, 'min', { warmup: 1000 }).verdict).toBe('too-early');
  });
});
