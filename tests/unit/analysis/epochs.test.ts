import { describe, expect, it } from 'vitest';
import { formatAt, judgeRun, positionOf, STEP_AXIS, stepAxis, type SeriesLike } from '@/lib/analysis';
import { series } from './helpers';

const of = (values: number[], steps?: number[], key?: string): SeriesLike =>
  series(values.length, (i) => values[i]!, steps ? (i) => steps[i]! : undefined, key);

describe('stepAxis', () => {
  it("maps a step to the run's epoch metric (Lightning: 0-based epochs at global steps)", () => {
    // 10 batches an epoch: the epoch metric is logged at steps 9, 19, 29 … with values 0, 1, 2 …
    const epoch = of([0, 1, 2, 3], [9, 19, 29, 39], 'epoch');
    const axis = stepAxis(epoch);
    expect(axis).toMatchObject({ unit: 'epoch', source: 'epoch-metric' });
    expect([9, 15, 19, 29, 39, 100].map((s) => positionOf(axis, s))).toEqual([0, 0, 1, 2, 3, 3]);
    expect(positionOf(axis, 2)).toBe(0); // before the first epoch log: the first epoch
    expect(formatAt(axis, 29)).toBe('epoch 2');
  });

  it('says fractional epochs as they are (Transformers logs epoch 2.5 between evaluations)', () => {
    const axis = stepAxis(of([0.5, 1, 1.5, 2], [5, 10, 15, 20], 'epoch'));
    expect(formatAt(axis, 15)).toBe('epoch 1.5');
    expect(formatAt(axis, 10)).toBe('epoch 1');
  });

  it('a per-epoch autologging flavour reads its steps as epochs; anything else is a step', () => {
    expect(formatAt(stepAxis(null, 'keras'), 12)).toBe('epoch 12');
    expect(formatAt(stepAxis(null, 'pytorch'), 12)).toBe('epoch 12');
    expect(formatAt(stepAxis(null, 'xgboost'), 65)).toBe('step 65');
    expect(formatAt(stepAxis(null, null), 65)).toBe('step 65');
    expect(stepAxis(undefined)).toBe(STEP_AXIS);
  });

  it('an epoch metric that never moves says nothing (a single summary value)', () => {
    expect(stepAxis(of([3], [120], 'epoch')).unit).toBe('step');
    expect(stepAxis(of([3, 3], [120, 121], 'epoch')).unit).toBe('step');
    expect(stepAxis(of([3, 3], [120, 121], 'epoch'), 'keras').source).toBe('step-is-epoch');
  });
});

describe('judgeRun on real frameworks’ shapes', () => {
  const falling = (n: number, steps?: number[]) => of(Array.from({ length: n }, (_, i) => 0.7 * Math.exp(-i / 6) + 0.1), steps);
  const turnUp = (n: number, steps?: number[]) =>
    of(Array.from({ length: n }, (_, i) => 0.3 + 0.5 * Math.exp(-i / 2) + 0.02 * Math.max(0, i - 8)), steps);

  it('the Trainer: eval_loss is judged against the loss curve, not the one-value train_loss, and its best is an epoch', () => {
    const evalSteps = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    const histories = new Map<string, SeriesLike>([
      ['eval_loss', turnUp(20, evalSteps)],
      ['loss', falling(40, Array.from({ length: 40 }, (_, i) => (i + 1) * 5))],
      ['train_loss', of([0.2], [200])],
      ['epoch', of(evalSteps.map((_, i) => i + 1), evalSteps)],
    ]);
    const run = judgeRun(histories, undefined, undefined, [...histories.keys(), 'eval_runtime', 'train_runtime', 'total_flos']);
    expect(run.verdict).toBe('overfitting');
    expect(run.primary?.pair).toMatchObject({ validation: 'eval_loss', train: 'loss' });
    expect(run.primary?.trainProgressPct).toBeGreaterThan(1);
    expect(run.pairs).toHaveLength(1); // runtime keys are not pairs
    expect(formatAt(run.axis, run.primary!.best.step!)).toBe('epoch 9');
    expect(run.primary?.reason).toContain('its best (epoch 9)');
  });

  it('with train_loss as the only candidate and it one value, the curve is judged on its own and says so', () => {
    const histories = new Map<string, SeriesLike>([
      ['eval_loss', turnUp(20)],
      ['train_loss', of([0.2], [19])],
    ]);
    const run = judgeRun(histories);
    expect(run.primary?.pair.train).toBeNull();
    expect(run.primary?.reason).toMatch(/There is no training curve to compare it with\.$/);
  });

  it("Keras autolog on MLflow 3: validation_* at step 0 is not a curve and is shown once, under val_*", () => {
    const atZero = (n: number) => of(Array.from({ length: n }, (_, i) => 0.5 - i * 0.01), Array(n).fill(0));
    const histories = new Map<string, SeriesLike>([
      ['loss', falling(30)],
      ['val_loss', turnUp(30)],
      ['validation_loss', atZero(30)],
      ['accuracy', of(Array.from({ length: 30 }, (_, i) => 0.6 + i * 0.01))],
      ['val_accuracy', of(Array.from({ length: 30 }, (_, i) => 0.6 + Math.min(i, 10) * 0.01))],
      ['validation_accuracy', atZero(30)],
    ]);
    const run = judgeRun(histories, undefined, undefined, undefined, undefined, { autologFlavour: 'keras' });
    expect(run.pairs.map((p) => p.pair.validation)).toEqual(['val_loss', 'val_accuracy']);
    expect(run.verdict).toBe('overfitting');
    expect(formatAt(run.axis, run.primary!.best.step!)).toMatch(/^epoch \d+$/);
  });

  it('a lone series at one step is "too early", and says why', () => {
    const run = judgeRun(new Map([['validation_loss', of([0.5, 0.4, 0.3], [0, 0, 0])], ['loss', falling(3)]]));
    expect(run.verdict).toBe('too-early');
    expect(run.primary?.reason).toBe('All 3 values of validation_loss are logged at one step: that is not a curve to judge.');
  });
});
