/**
 * A leaderboard cell on runs that real frameworks' MLflow integrations logged (tests/unit/fixtures/frameworks): the
 * best is where a person reads it off the plotted curve (each fixture's `expected`, not Lens's output), in the unit
 * the run says (epoch where it logs them, else step), and last / train-at-best / past-best are read off the raw
 * histories here, independently of the analysis.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { epochKey, judgeRun } from '@/lib/analysis';
import { keysFor, leaderboardRun, metricCell } from '@/lib/leaderboard';
import { toSeries, type MetricSeries } from '@/lib/mlflow/metrics';
import { GetRunResponse, MetricHistoryResponse } from '@/lib/mlflow/schemas';

const ROOT = join(__dirname, '..', 'fixtures', 'frameworks');

interface Expected {
  train: string | null;
  validation: string | null;
  bestStep: number | null;
  bestEpoch?: number | null;
  unit: 'epoch' | 'step';
}

const fixtures = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(ROOT, d.name)).filter((f) => f.endsWith('.json')).map((f) => `${d.name}/${f}`))
  .sort()
  .map((file) => {
    const json = JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
    const histories = new Map<string, MetricSeries>();
    for (const [key, body] of Object.entries(json.histories as Record<string, unknown>)) histories.set(key, toSeries(key, MetricHistoryResponse.parse(body).metrics ?? []));
    return { file, expected: json.expected as Expected, run: GetRunResponse.parse(json.run).run, histories };
  })
  .filter((f) => f.expected.validation !== null && f.expected.bestStep !== null);

/** The raw points of a history, by step (the last logged value of a step wins, as MLflow's charts show it). */
function byStep(series: MetricSeries): Map<number, number> {
  const out = new Map<number, number>();
  const order = [...series.steps.keys()].sort((a, b) => series.steps[a]! - series.steps[b]! || series.timestamps[a]! - series.timestamps[b]!);
  for (const i of order) out.set(series.steps[i]!, series.values[i]!);
  return out;
}

describe('leaderboard cells of real framework runs', () => {
  it('covers every framework family', () => {
    expect(new Set(fixtures.map((f) => f.file.split('/')[0]))).toEqual(new Set(['catboost', 'keras', 'lightgbm', 'lightning', 'transformers', 'xgboost']));
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('%s: best where a person reads it, in its unit; last, train at best and past best off the raw curves', (_, fx) => {
    const run = leaderboardRun(fx.run);
    const metric = fx.expected.validation!;
    // Only the histories the loader asks for (the chosen pair and the epoch metric), as MLflow would answer them.
    const keys = keysFor(run, metric);
    expect(keys).toContain(metric);
    const histories = new Map([...fx.histories].filter(([key]) => keys.includes(key)));
    const judgement = judgeRun(histories, {}, [], run.keys, undefined, { autologFlavour: run.autologFlavour });
    const cell = metricCell(judgement, histories, metric)!;
    expect(cell.metric).toBe(metric);
    // A run that logs one step per epoch but neither an `epoch` metric nor the autologging tag (a hand-started run
    // around autolog) cannot say so: it reads "step", the same number (as in tests/unit/analysis/frameworks.test.ts).
    const says = epochKey(run.keys) !== null || run.autologFlavour !== null;
    const unit = fx.expected.unit === 'epoch' && !says ? 'step' : fx.expected.unit;
    if (unit !== fx.expected.unit) expect(fx.expected.bestEpoch).toBe(fx.expected.bestStep);
    expect(cell.unit).toBe(unit);
    expect(cell.bestStep).toBe(fx.expected.bestStep);
    expect(cell.bestAt).toBe(fx.expected.unit === 'epoch' ? fx.expected.bestEpoch : fx.expected.bestStep);

    const validation = byStep(fx.histories.get(metric)!);
    const finite = [...validation].filter(([, v]) => Number.isFinite(v));
    const [lastStep, lastValue] = finite[finite.length - 1]!;
    expect(cell.last).toBe(lastValue);
    expect(cell.lastStep).toBe(lastStep);
    expect(cell.best).toBe(validation.get(fx.expected.bestStep!));
    expect(cell.pastBest).toBeGreaterThanOrEqual(0);
    if (unit === 'step') expect(cell.pastBest).toBe(lastStep - fx.expected.bestStep!);

    if (cell.trainKey === null) {
      expect(cell.trainAtBest).toBeNull();
    } else {
      const train = [...byStep(fx.histories.get(cell.trainKey)!)].filter(([step, v]) => step <= fx.expected.bestStep! && Number.isFinite(v));
      expect(cell.trainAtBest).toBe(train.length ? train[train.length - 1]![1] : null);
    }
  });

  it('past best counts epochs on an epoch axis: a Lightning run that logs its global step', () => {
    const fx = fixtures.find((f) => f.file === 'lightning/pl-logger-overfit.json')!;
    const run = leaderboardRun(fx.run);
    const histories = new Map([...fx.histories].filter(([key]) => keysFor(run, 'val_loss').includes(key)));
    const cell = metricCell(judgeRun(histories, {}, [], run.keys), histories, 'val_loss')!;
    const epochs = byStep(fx.histories.get('epoch')!);
    const lastEpoch = epochs.get(Math.max(...[...epochs.keys()].filter((s) => s <= cell.lastStep!)))!;
    expect(cell.unit).toBe('epoch');
    expect(cell.bestAt).toBe(10);
    expect(cell.pastBest).toBe(lastEpoch - 10);
    expect(cell.pastBest).toBeGreaterThan(20); // 40 epochs, best at 10: steps (~19 an epoch) would read 500+
  });

  it('a metric the run does not log as validation has no cell, and needs no history', () => {
    const fx = fixtures.find((f) => f.file === 'xgboost/xgb-native-overfit.json')!;
    const run = leaderboardRun(fx.run);
    expect(keysFor(run, 'val_loss')).toEqual([]);
    expect(metricCell(judgeRun(fx.histories, {}, [], run.keys), fx.histories, 'val_loss')).toBeNull();
  });
});
