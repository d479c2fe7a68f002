import { describe, expect, it } from 'vitest';
import { STEP_AXIS, type PairJudgement, type RunJudgement, type StepAxis } from '@/lib/analysis';
import { formatValue, registrationDetails } from '@/lib/register';
import { run2x, V3 } from './helpers';

const EPOCHS: StepAxis = { unit: 'epoch', source: 'step-is-epoch' };

function pair(validation: string, best: { step: number | null; value: number | null }, axis: StepAxis = EPOCHS): PairJudgement {
  const train = validation.replace('val_', 'train_');
  return {
    pair: { name: validation, train, validation, direction: 'min' as never, source: 'convention', trainCandidates: [train] },
    verdict: 'healthy',
    evaluations: 30,
    best: { ...best, smoothedStep: best.step, smoothedValue: best.value },
    current: { step: 29, value: 0.4, smoothedValue: 0.4 },
    generalizationLossPct: 0,
    evaluationsSinceBest: 0,
    trainProgressPct: null,
    divergedAtStep: null,
    noiseFloorPct: 0,
    axis,
    reason: '',
  };
}

describe('registrationDetails', () => {
  const run = run2x(V3);
  const id = run.info.run_id;

  it('names the run and gives each best validation value with its epoch', () => {
    const judgement: RunJudgement = {
      primary: null,
      pairs: [pair('val_loss', { step: 12, value: 0.316412345 }), pair('val_metric_average_precision', { step: 13, value: 0.79 })],
      axis: EPOCHS,
      verdict: 'healthy',
      lookedFor: [],
      unpaired: [],
    };
    const { description, tags } = registrationDetails(run, judgement);
    expect(description).toBe(
      `Registered by Lens from run crawling-mole-592 (${id}). Best val_loss 0.3164 at epoch 12; best val_metric_average_precision 0.79 at epoch 13.`,
    );
    expect(tags).toEqual([
      { key: 'lens.source_run_id', value: id },
      { key: 'lens.source_run_name', value: 'crawling-mole-592' },
      { key: 'lens.best.val_loss', value: '0.3164@12' }, // rounded as the description says it
      { key: 'lens.best.val_metric_average_precision', value: '0.79@13' },
    ]);
  });

  it('says "step" where the run does not say its epochs', () => {
    const judgement: RunJudgement = { primary: null, pairs: [pair('val_loss', { step: 1550, value: 0.25 }, STEP_AXIS)], axis: STEP_AXIS, verdict: 'healthy', lookedFor: [], unpaired: [] };
    expect(registrationDetails(run, judgement).description).toMatch(/Best val_loss 0\.25 at step 1550\.$/);
  });

  it('without a judgement, or with no finite best: only the run', () => {
    expect(registrationDetails(run).description).toBe(`Registered by Lens from run crawling-mole-592 (${id}).`);
    const none: RunJudgement = { primary: null, pairs: [pair('val_loss', { step: null, value: null }), pair('val_x', { step: 3, value: NaN })], axis: EPOCHS, verdict: 'too-early', lookedFor: [], unpaired: [] };
    expect(registrationDetails(run, none).tags.map((t) => t.key)).toEqual(['lens.source_run_id', 'lens.source_run_name']);
    const unnamed = { ...run, info: { ...run.info, run_name: undefined } };
    expect(registrationDetails(unnamed, null)).toEqual({ description: `Registered by Lens from run ${id}.`, tags: [{ key: 'lens.source_run_id', value: id }] });
  });

  it('formats values to 4 significant digits', () => {
    expect([0.316412, 0.79, 1234.56, 0, -0.000123456, 1e-7, 12345678].map(formatValue)).toEqual(['0.3164', '0.79', '1235', '0', '-0.0001235', '1e-7', '12350000']);
  });
});
