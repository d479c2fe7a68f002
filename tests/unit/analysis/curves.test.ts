/**
 * Calibration of DEFAULT_VERDICT_PARAMS over generated curve shapes (seeded, deterministic).
 *
 * Each curve is judged the way a live run is seen: after every evaluation (every prefix), not only at the end.
 * "Delay" is counted from the evaluation where the noise-free curve's GL first exceeds overfitThreshold
 * (Prechelt's GL on the true curve), to the first 'overfitting'.
 *
 * Set LENS_CALIBRATION_REPORT=1 to print the tables.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_VERDICT_PARAMS, judgePair, type SeriesLike, type Verdict, type VerdictParams } from '@/lib/analysis';
import { fallingTrain, gaussian, prefix, prng, series } from './helpers';

const report: Record<string, Record<string, string | number>> = {};
afterAll(() => {
  if (process.env.LENS_CALIBRATION_REPORT) console.table(report);
});

const FLOOR = 0.3;
const NOISE_LEVELS = [0.01, 0.02, 0.03];
const FLAT_SEEDS = 60;
const FLAT_LENGTH = 200;

/** Verdicts after each evaluation from the 1st to the last. */
function verdictsOverTime(train: SeriesLike | null, val: SeriesLike, dir: 'min' | 'max', params?: Partial<VerdictParams>): Verdict[] {
  const out: Verdict[] = [];
  for (let k = 1; k <= val.steps.length; k++) {
    const t = train ? prefix(train, Math.min(k, train.steps.length)) : null;
    out.push(judgePair(t, prefix(val, k), dir, params).verdict);
  }
  return out;
}

/** Noisy-flat curves. `flat`: noise around a constant from the first evaluation; `decay-flat`: a realistic
 * exponential descent onto a noisy floor. Noise is relative to the floor. */
function noisyFlat(shape: 'flat' | 'decay-flat', sigma: number, seed: number, n = FLAT_LENGTH): SeriesLike {
  const g = gaussian(prng(seed * 7919 + Math.round(sigma * 1e4)));
  const base = (i: number) => (shape === 'flat' ? FLOOR : FLOOR + 0.4 * Math.exp(-i / 8));
  return series(n, (i) => base(i) + FLOOR * sigma * g(), undefined, 'val_loss');
}

/** A descent onto the floor, then a linear turn-up of `slope` (fraction of the floor per evaluation) at t0. */
function turnUp(t0: number, tau: number, slope: number, sigma: number, seed: number, extra = 60) {
  const n = t0 + extra;
  const clean = Array.from({ length: n }, (_, i) => FLOOR + 0.4 * Math.exp(-i / tau) + FLOOR * slope * Math.max(0, i - t0));
  const g = gaussian(prng(seed * 104729 + t0 * 31 + Math.round(slope * 1e4) + Math.round(sigma * 1e6)));
  const noisy = clean.map((c) => c + FLOOR * sigma * g());
  return { clean, val: series(n, (i) => noisy[i]!, undefined, 'val_loss') };
}

/** First evaluation where the noise-free curve is more than `alpha` % worse than its best so far. */
function trueCrossing(clean: readonly number[], alpha: number, dir: 'min' | 'max' = 'min'): number {
  let best = dir === 'min' ? Infinity : -Infinity;
  for (let i = 0; i < clean.length; i++) {
    const y = clean[i]!;
    best = dir === 'min' ? Math.min(best, y) : Math.max(best, y);
    const worse = dir === 'min' ? y - best : best - y;
    if ((100 * worse) / Math.abs(best) > alpha) return i;
  }
  return -1;
}

const count = (vs: readonly Verdict[], v: Verdict) => vs.filter((x) => x === v).length;

describe('noisy-but-flat validation curves are not flagged (every prefix, 200 evaluations)', () => {
  for (const shape of ['flat', 'decay-flat'] as const) {
    for (const sigma of NOISE_LEVELS) {
      it(`${shape}, ${sigma * 100} % noise, ${FLAT_SEEDS} seeds: no 'overfitting', no 'watch'`, () => {
        let overfitting = 0;
        let watch = 0;
        const train = fallingTrain(FLAT_LENGTH); // training still improving: only validation protects
        for (let seed = 1; seed <= FLAT_SEEDS; seed++) {
          const vs = verdictsOverTime(train, noisyFlat(shape, sigma, seed), 'min');
          overfitting += count(vs, 'overfitting');
          watch += count(vs, 'watch');
          expect(vs.slice(0, DEFAULT_VERDICT_PARAMS.warmup - 1).every((v) => v === 'too-early')).toBe(true);
        }
        report[`${shape} ${sigma * 100}%`] = { judged: FLAT_SEEDS * FLAT_LENGTH, overfitting, watch };
        expect(overfitting).toBe(0);
        expect(watch).toBe(0);
      });
    }
  }

  it('without the noise guard (plain GL thresholds) the same curves are flagged: why the guard exists', () => {
    const flagged: Record<string, number> = {};
    for (const sigma of NOISE_LEVELS) {
      let runs = 0;
      for (let seed = 1; seed <= 20; seed++) {
        const vs = verdictsOverTime(fallingTrain(FLAT_LENGTH), noisyFlat('decay-flat', sigma, seed), 'min', { noiseGuard: 0 });
        if (vs.includes('overfitting')) runs++;
      }
      flagged[`${sigma * 100} %`] = runs;
    }
    report['guard off: decay-flat runs flagged /20'] = flagged;
    expect(flagged['2 %']).toBeGreaterThanOrEqual(5);
    expect(flagged['3 %']).toBeGreaterThanOrEqual(15);
  });
});

describe('monotone and plateauing curves stay healthy', () => {
  it('monotone decrease, clean and with 1 % noise', () => {
    for (const sigma of [0, 0.01]) {
      for (let seed = 1; seed <= 10; seed++) {
        const g = gaussian(prng(seed));
        const val = series(150, (i) => FLOOR + 0.5 * Math.exp(-i / 40) + FLOOR * sigma * g());
        const vs = verdictsOverTime(fallingTrain(150), val, 'min');
        expect(vs.slice(4).every((v) => v === 'healthy')).toBe(true);
      }
    }
  });

  it('a clean plateau (exponential onto a constant) stays healthy for 300 evaluations', () => {
    const val = series(300, (i) => FLOOR + 0.5 * Math.exp(-i / 5));
    expect(verdictsOverTime(fallingTrain(300), val, 'min').slice(4).every((v) => v === 'healthy')).toBe(true);
  });

  it('a slowly improving max-direction metric (average precision) stays healthy', () => {
    const g = gaussian(prng(3));
    const ap = series(120, (i) => 0.52 + 0.3 * (1 - Math.exp(-i / 30)) + 0.006 * g(), undefined, 'val_metric_average_precision');
    const train = series(120, (i) => 0.55 + 0.4 * (1 - Math.exp(-i / 25)));
    expect(verdictsOverTime(train, ap, 'max').slice(4).every((v) => v === 'healthy')).toBe(true);
  });
});

describe('a clear turn-up is flagged within a few evaluations', () => {
  const cases: [name: string, t0: number, tau: number, maxNoise: number, maxDelay: number][] = [
    ['late turn-up (best at 30)', 30, 6, 0.01, 5],
    ['late turn-up (best at 60)', 60, 10, 0.01, 5],
    ['early turn-up (best at 8)', 8, 2, 0.01, 8],
  ];
  for (const [name, t0, tau, maxNoise, maxDelay] of cases) {
    it(`${name}: slopes 1–4 %/evaluation, noise ≤ ${maxNoise * 100} % → 'overfitting' within ${maxDelay} evaluations of the true GL crossing`, () => {
      const delays: number[] = [];
      for (const slope of [0.01, 0.02, 0.04]) {
        for (const sigma of [0, 0.005, maxNoise]) {
          for (let seed = 1; seed <= 10; seed++) {
            const { clean, val } = turnUp(t0, tau, slope, sigma, seed);
            const crossing = trueCrossing(clean, DEFAULT_VERDICT_PARAMS.overfitThreshold);
            const vs = verdictsOverTime(fallingTrain(clean.length), val, 'min');
            const first = vs.indexOf('overfitting');
            expect(first, `slope ${slope}, noise ${sigma}, seed ${seed}`).toBeGreaterThanOrEqual(t0); // never before the turn
            delays.push(first - crossing);
            expect(vs.slice(first).every((v) => v === 'overfitting')).toBe(true); // and it stays
          }
        }
      }
      delays.sort((a, b) => a - b);
      report[name] = { curves: delays.length, minDelay: delays[0]!, medianDelay: delays[delays.length >> 1]!, maxDelay: delays.at(-1)! };
      expect(delays.at(-1)).toBeLessThanOrEqual(maxDelay);
    });
  }

  it("a steep descent, then a slow steady rise: the descent's curvature is not read as noise", () => {
    // What a real run looks like (seen on a Transformers run): 1.58 → 0.70 → 0.38 … over the first ~10
    // evaluations, a bottom, then +0.5 % of the floor per evaluation while training keeps falling. Measured over
    // the whole curve, the descent alone made a 21 % "noise floor" and the 20 % rise read as Healthy.
    const delays: number[] = [];
    for (const sigma of [0, 0.005, 0.01]) {
      for (let seed = 1; seed <= 10; seed++) {
        const g = gaussian(prng(seed * 7 + Math.round(sigma * 1e5)));
        const clean = Array.from({ length: 60 }, (_, i) => FLOOR + 1.3 * Math.exp(-i / 2.5) + FLOOR * 0.005 * Math.max(0, i - 12));
        const val = series(60, (i) => clean[i]! * (1 + sigma * g()), undefined, 'eval_loss');
        const vs = verdictsOverTime(fallingTrain(60, 'loss'), val, 'min');
        const first = vs.indexOf('overfitting');
        expect(first, `noise ${sigma}, seed ${seed}: ${vs.slice(-1)[0]} at the end`).toBeGreaterThanOrEqual(12);
        expect(vs.at(-1)).toBe('overfitting');
        delays.push(first - trueCrossing(clean, DEFAULT_VERDICT_PARAMS.overfitThreshold));
      }
    }
    delays.sort((a, b) => a - b);
    report['steep descent, slow rise'] = { curves: delays.length, minDelay: delays[0]!, medianDelay: delays[delays.length >> 1]!, maxDelay: delays.at(-1)! };
    expect(delays.at(-1)).toBeLessThanOrEqual(8);
  });

  it('a very noisy slow rise (7 % noise, as a Lightning run on a small validation set) is flagged by the level of its last evaluations', () => {
    // The single smoothed point must clear a floor of ~30 % here; the mean of the last 20 evaluations, much less.
    let flagged = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const g = gaussian(prng(seed * 31 + 5));
      const clean = Array.from({ length: 45 }, (_, i) => 0.7 + 1.2 * Math.exp(-i / 2) + 0.7 * 0.01 * Math.max(0, i - 10));
      const val = series(45, (i) => clean[i]! + 0.7 * 0.07 * g(), undefined, 'val_loss');
      const vs = verdictsOverTime(fallingTrain(45, 'train_loss_epoch'), val, 'min');
      const first = vs.indexOf('overfitting');
      if (first >= 0) {
        expect(first, `seed ${seed}`).toBeGreaterThanOrEqual(10 + DEFAULT_VERDICT_PARAMS.patience); // never before the turn
        flagged++;
      }
    }
    report['noisy slow rise (7 %)'] = { curves: 20, flagged };
    // 14 of 20 as calibrated (13 by the single-point guard alone; the recorded Lightning run, where it alone
    // failed, is in frameworks.test.ts).
    expect(flagged).toBeGreaterThanOrEqual(12);
  });

  it('a noisier turn-up (2 % noise) is still flagged, later: the guard waits for the rise to beat the noise', () => {
    const delays: number[] = [];
    for (const slope of [0.02, 0.04]) {
      for (let seed = 1; seed <= 10; seed++) {
        const { clean, val } = turnUp(30, 6, slope, 0.02, seed);
        const vs = verdictsOverTime(fallingTrain(clean.length), val, 'min');
        const first = vs.indexOf('overfitting');
        expect(first).toBeGreaterThanOrEqual(30);
        delays.push(first - trueCrossing(clean, 5));
      }
    }
    delays.sort((a, b) => a - b);
    report['noisy turn-up (2 %)'] = { curves: delays.length, minDelay: delays[0]!, medianDelay: delays[delays.length >> 1]!, maxDelay: delays.at(-1)! };
    expect(delays.at(-1)).toBeLessThanOrEqual(8);
  });

  it('a max-direction metric (average precision) falling after its peak is flagged the same way', () => {
    const delays: number[] = [];
    for (const sigma of [0, 0.005, 0.01]) {
      for (let seed = 1; seed <= 10; seed++) {
        const g = gaussian(prng(seed * 13 + Math.round(sigma * 1e4)));
        const clean = Array.from({ length: 70 }, (_, i) => 0.55 + 0.25 * (1 - Math.exp(-i / 5)) - 0.012 * Math.max(0, i - 25));
        const ap = series(70, (i) => clean[i]! + 0.8 * sigma * g(), undefined, 'val_metric_average_precision');
        const train = series(70, (i) => 0.55 + 0.43 * (1 - Math.exp(-i / 10)), undefined, 'train_metric_average_precision');
        const vs = verdictsOverTime(train, ap, 'max');
        const first = vs.indexOf('overfitting');
        expect(first).toBeGreaterThanOrEqual(25);
        delays.push(first - trueCrossing(clean, 5, 'max'));
      }
    }
    delays.sort((a, b) => a - b);
    report['average precision falling'] = { curves: delays.length, minDelay: delays[0]!, medianDelay: delays[delays.length >> 1]!, maxDelay: delays.at(-1)! };
    expect(delays.at(-1)).toBeLessThanOrEqual(5);
  });

  it('both directions agree: a mirrored curve gets the same verdicts', () => {
    const { val } = turnUp(30, 6, 0.02, 0.005, 1);
    const mirrored = { ...val, values: val.values.map((v) => 2 - v) };
    const train = fallingTrain(val.steps.length);
    const trainMirrored = { ...train, values: train.values.map((v) => 2 - v) };
    // GL is relative to |best|: mirror around 2 changes the scale, so compare with GL thresholds scaled to match.
    const min = verdictsOverTime(train, val, 'min', { noiseGuard: 0 });
    const max = verdictsOverTime(trainMirrored, mirrored, 'max', { noiseGuard: 0, overfitThreshold: 0.5, watchThreshold: 0.2 });
    expect(min.indexOf('overfitting')).toBeGreaterThan(0);
    expect(max.indexOf('overfitting')).toBeGreaterThan(0);
    expect(Math.abs(min.indexOf('overfitting') - max.indexOf('overfitting'))).toBeLessThanOrEqual(3);
  });
});

describe('training getting worse, or not improving', () => {
  it("training rising with validation (learning rate too high) is 'diverging', never 'overfitting'", () => {
    for (let seed = 1; seed <= 10; seed++) {
      const { clean, val } = turnUp(30, 6, 0.03, 0.005, seed);
      const train = series(clean.length, (i) => 0.2 + 0.5 * Math.exp(-i / 6) + 0.2 * 0.03 * Math.max(0, i - 30));
      const vs = verdictsOverTime(train, val, 'min');
      expect(vs).not.toContain('overfitting');
      const first = vs.indexOf('diverging');
      // Training is 10 % worse than at the validation best from about 30 + 4 on (0.006 per evaluation on 0.2).
      expect(first).toBeGreaterThanOrEqual(30);
      expect(first).toBeLessThanOrEqual(30 + 4 + 4);
    }
  });

  it("validation rising while training is flat is 'watch', not 'overfitting' (train not improving)", () => {
    const { clean, val } = turnUp(30, 6, 0.02, 0, 1);
    const train = series(clean.length, (i) => 0.2 + 0.5 * Math.exp(-i / 4));
    const vs = verdictsOverTime(train, val, 'min');
    expect(vs).not.toContain('overfitting');
    expect(vs).not.toContain('diverging');
    expect(vs.at(-1)).toBe('watch');
  });
});

describe('divergence and messy logging on generated curves', () => {
  it('immediate divergence: NaN or Infinity at the first steps', () => {
    expect(judgePair(null, series(3, (i) => [NaN, 1, 1][i]!), 'min')).toMatchObject({ verdict: 'diverging', divergedAtStep: 0 });
    expect(judgePair(fallingTrain(3), series(3, (i) => [1, Infinity, 1][i]!), 'min')).toMatchObject({
      verdict: 'diverging',
      divergedAtStep: 1,
    });
  });

  it('NaN or Infinity at a later step of a healthy curve: diverging from that step', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      for (const at of [5, 37, 99]) {
        const val = series(100, (i) => (i === at ? bad : FLOOR + 0.4 * Math.exp(-i / 10)), (i) => i * 3);
        expect(judgePair(fallingTrain(100), val, 'min')).toMatchObject({ verdict: 'diverging', divergedAtStep: at * 3 });
      }
    }
  });

  it('duplicated steps, shuffled order and gaps in steps give the same verdicts as the clean curve', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const { val } = turnUp(30, 6, 0.02, 0.01, seed);
      const n = val.steps.length;
      const rand = prng(seed);
      const order = Array.from({ length: n }, (_, i) => i).sort(() => rand() - 0.5);
      const steps: number[] = [];
      const ts: number[] = [];
      const values: number[] = [];
      for (const i of order) {
        if (rand() < 0.3) {
          steps.push(val.steps[i]!);
          ts.push(i * 10 - 5);
          values.push(rand() * 10); // an earlier log of the same step, superseded
        }
        steps.push(val.steps[i]!);
        ts.push(i * 10);
        values.push(val.values[i]!);
      }
      const messy = { steps: Float64Array.from(steps), timestamps: Float64Array.from(ts), values: Float64Array.from(values) };
      const clean = judgePair(null, { ...val, timestamps: Float64Array.from({ length: n }, (_, i) => i * 10) }, 'min');
      const got = judgePair(null, messy, 'min');
      expect(got.verdict).toBe(clean.verdict);
      expect(got.generalizationLossPct).toBeCloseTo(clean.generalizationLossPct, 12);
      expect(got.best).toEqual(clean.best);
      const gapped = judgePair(null, { ...val, steps: val.steps.map((s) => s * s) }, 'min');
      expect(gapped.verdict).toBe(clean.verdict);
    }
  });
});
