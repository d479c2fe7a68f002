import { describe, expect, it } from 'vitest';
import { pairingLookedFor, pairMetrics, type MetricPair } from '@/lib/analysis';
import { prng } from './helpers';

const brief = (p: MetricPair | null) => (p ? [p.train, p.validation, p.name, p.direction, p.source] : null);
const withTrain = (r: { pairs: MetricPair[] }) => r.pairs.filter((p) => p.train !== null);
const only = (keys: string[]) => {
  const { pairs } = pairMetrics(keys);
  expect(pairs).toHaveLength(1);
  return brief(pairs[0]!);
};

describe('pairMetrics: conventions', () => {
  it.each([
    // [keys, train, validation, name, direction]
    [['train_loss', 'val_loss'], 'train_loss', 'val_loss', 'loss', 'min'],
    [['training_loss', 'validation_loss'], 'training_loss', 'validation_loss', 'loss', 'min'],
    [['loss', 'val_loss'], 'loss', 'val_loss', 'loss', 'min'], // Keras
    [['accuracy', 'val_accuracy'], 'accuracy', 'val_accuracy', 'accuracy', 'max'], // Keras
    [['loss', 'eval_loss'], 'loss', 'eval_loss', 'loss', 'min'], // Hugging Face Trainer
    [['train/loss', 'val/loss'], 'train/loss', 'val/loss', 'loss', 'min'],
    [['train/loss', 'validation/loss'], 'train/loss', 'validation/loss', 'loss', 'min'],
    [['train.acc', 'val.acc'], 'train.acc', 'val.acc', 'acc', 'max'],
    [['train-loss', 'val-loss'], 'train-loss', 'val-loss', 'loss', 'min'],
    [['train_loss_epoch', 'val_loss'], 'train_loss_epoch', 'val_loss', 'loss', 'min'], // Lightning
    [['train_loss_epoch', 'val_loss_epoch'], 'train_loss_epoch', 'val_loss_epoch', 'loss', 'min'],
    [['train_loss_step', 'train_loss_epoch', 'val_loss'], 'train_loss_epoch', 'val_loss', 'loss', 'min'],
    [
      ['train_metric_average_precision', 'val_metric_average_precision'], // RelationalAI
      'train_metric_average_precision',
      'val_metric_average_precision',
      'average_precision',
      'max',
    ],
    [['loss_train', 'loss_val'], 'loss_train', 'loss_val', 'loss', 'min'],
    [['loss_train', 'loss_validation'], 'loss_train', 'loss_validation', 'loss', 'min'],
    [['loss_train', 'loss_valid'], 'loss_train', 'loss_valid', 'loss', 'min'],
    [['loss_train', 'loss_eval'], 'loss_train', 'loss_eval', 'loss', 'min'],
    [['train_loss', 'valid_loss'], 'train_loss', 'valid_loss', 'loss', 'min'],
    [['train_loss', 'eval_loss'], 'train_loss', 'eval_loss', 'loss', 'min'],
    [['train_loss', 'dev_loss'], 'train_loss', 'dev_loss', 'loss', 'min'],
    [['train_f1', 'val_f1'], 'train_f1', 'val_f1', 'f1', 'max'],
    [['Train_Loss', 'VAL_LOSS'], 'Train_Loss', 'VAL_LOSS', 'LOSS', 'min'], // spelling kept
    [['TRAIN/Accuracy', 'Val/Accuracy'], 'TRAIN/Accuracy', 'Val/Accuracy', 'Accuracy', 'max'],
    [['train_widgets', 'val_widgets'], 'train_widgets', 'val_widgets', 'widgets', 'unknown'],
    // XGBoost native: evals=[(dtrain, "train"), (dval, "eval")]
    [['train-logloss', 'eval-logloss'], 'train-logloss', 'eval-logloss', 'logloss', 'min'],
    // LightGBM, named sets and default names
    [['train-binary_logloss', 'valid-binary_logloss'], 'train-binary_logloss', 'valid-binary_logloss', 'binary_logloss', 'min'],
    [['training-binary_logloss', 'valid_1-binary_logloss'], 'training-binary_logloss', 'valid_1-binary_logloss', 'binary_logloss', 'min'],
    [['training-l2', 'valid_1-l2'], 'training-l2', 'valid_1-l2', 'l2', 'min'],
    // XGBoost's scikit-learn API, eval_set=[train, val]: validation_0 assumed to be the training set
    [['validation_0-logloss', 'validation_1-logloss'], 'validation_0-logloss', 'validation_1-logloss', 'logloss', 'min'],
    [['validation_0-mlogloss', 'validation_1-mlogloss'], 'validation_0-mlogloss', 'validation_1-mlogloss', 'mlogloss', 'min'],
    [['validation_0-rmse', 'validation_1-rmse'], 'validation_0-rmse', 'validation_1-rmse', 'rmse', 'min'],
    // CatBoost's evals_result_ names
    [['learn-Logloss', 'validation-Logloss'], 'learn-Logloss', 'validation-Logloss', 'Logloss', 'min'],
  ])('%j → %s / %s', (keys, train, validation, name, direction) => {
    expect(only(keys as string[])).toEqual([train, validation, name, direction, 'convention']);
  });

  it('says when the pair rests on an assumption (XGBoost eval_set order), and only then', () => {
    const r = pairMetrics(['validation_0-logloss', 'validation_1-logloss', 'validation_0-auc', 'validation_1-auc']);
    expect(r.primary).toMatchObject({ train: 'validation_0-logloss', validation: 'validation_1-logloss' });
    expect(r.primary?.assumed).toMatch(/assumed validation_0-logloss is the training set.*options/);
    expect(r.pairs.map((p) => p.validation)).toEqual(['validation_1-auc', 'validation_1-logloss']);
    expect(pairMetrics(['train-logloss', 'eval-logloss']).primary?.assumed).toBeUndefined();
    // Three sets: the first is training, the others are validation, each against it.
    const three = pairMetrics(['validation_0-rmse', 'validation_1-rmse', 'validation_2-rmse']);
    expect(three.pairs.map(brief)).toEqual([
      ['validation_0-rmse', 'validation_1-rmse', 'rmse', 'min', 'convention'],
      ['validation_0-rmse', 'validation_2-rmse', 'rmse', 'min', 'convention'],
    ]);
    expect(three.primary?.validation).toBe('validation_1-rmse');
  });

  it('a single numbered set, or LightGBM valid_<n> sets, are validation curves judged on their own', () => {
    const xgb = pairMetrics(['validation_0-logloss', 'validation_0-error']);
    expect(xgb.pairs.map(brief)).toEqual([
      [null, 'validation_0-error', 'error', 'min', 'convention'],
      [null, 'validation_0-logloss', 'logloss', 'min', 'convention'],
    ]);
    expect(xgb.primary?.validation).toBe('validation_0-logloss'); // a loss before an error
    expect(xgb.primary?.assumed).toBeUndefined();
    const lgb = pairMetrics(['valid_0-binary_logloss', 'valid_0-auc']);
    expect(lgb.primary).toMatchObject({ train: null, validation: 'valid_0-binary_logloss' });
    // LightGBM names the training set `training`: valid_0 and valid_1 are both held out.
    const two = pairMetrics(['valid_0-l2', 'valid_1-l2']);
    expect(two.pairs.map((p) => p.train)).toEqual([null, null]);
  });

  it('takes a loss ahead of a score for the primary pair, whatever sorts first (XGBoost eval_metric=["logloss", "auc"])', () => {
    expect(pairMetrics(['train-logloss', 'eval-logloss', 'train-auc', 'eval-auc']).primary?.validation).toBe('eval-logloss');
    expect(pairMetrics(['train-auc', 'eval-auc', 'train-error', 'eval-error']).primary?.validation).toBe('eval-error');
    expect(pairMetrics(['training-auc', 'valid_1-auc', 'training-binary_logloss', 'valid_1-binary_logloss']).primary?.validation).toBe(
      'valid_1-binary_logloss',
    );
    expect(pairMetrics(['train-error', 'eval-error', 'train-logloss', 'eval-logloss']).primary?.validation).toBe('eval-logloss');
    // a pair with a training curve before a lone validation curve of the same kind
    expect(pairMetrics(['val_error', 'train_mae', 'val_mae']).primary?.validation).toBe('val_mae');
    // … but a loss proper, even alone, before a paired error or score
    expect(pairMetrics(['val_loss', 'train_mae', 'val_mae']).primary?.validation).toBe('val_loss');
  });

  it('keeps every training candidate, best first (the Trainer: train_loss is one summary value, loss the curve)', () => {
    const r = pairMetrics(['loss', 'eval_loss', 'train_loss', 'epoch', 'learning_rate', 'grad_norm']);
    expect(r.primary).toMatchObject({ validation: 'eval_loss', train: 'train_loss', trainCandidates: ['train_loss', 'loss'] });
  });

  it.each([
    'eval_runtime',
    'eval_samples_per_second',
    'eval_steps_per_second',
    'train_runtime',
    'train_samples_per_second',
    'train_steps_per_second',
    'total_flos',
    'grad_norm',
    'learning_rate',
    'train/lr',
    'val/lr',
    'epoch',
    'train_loss_step',
  ])('%s describes the job, not the model: never paired', (key) => {
    const keys = ['loss', 'eval_loss', 'train_runtime', 'eval_runtime', key];
    const r = pairMetrics(keys);
    expect(r.pairs.map((p) => p.validation)).toEqual(['eval_loss']);
    expect(r.unpaired).toEqual([]);
  });

  it.each([
    [['train_loss', 'test_loss']],
    [['loss', 'test_loss']],
    [['loss_train', 'loss_test']],
    [['learning_rate', 'lr', 'epoch', 'step']],
    [['value_loss', 'loss']], // "value" is not "val"
    [['interval_loss', 'loss']],
    [['validation', 'train']],
    [['loss', 'accuracy']],
    [[]],
  ])('%j makes no pair', (keys) => {
    expect(pairMetrics(keys).pairs).toEqual([]);
    expect(pairMetrics(keys).primary).toBeNull();
  });

  it('never treats test as validation, nor offers test_X as a training metric', () => {
    const r = pairMetrics(['test_loss', 'val_loss']);
    expect(r.pairs.map(brief)).toEqual([[null, 'val_loss', 'loss', 'min', 'convention']]);
    expect(r.unpaired).toEqual(['val_loss']);
    expect(pairMetrics(['val_loss', 'val_loss']).pairs.map(brief)).toEqual([[null, 'val_loss', 'loss', 'min', 'convention']]);
    expect(pairMetrics(['train_loss', 'val_loss', 'test_loss']).pairs.map(brief)).toEqual([
      ['train_loss', 'val_loss', 'loss', 'min', 'convention'],
    ]);
  });

  it('reports validation keys with no training counterpart, and judges them on their own', () => {
    const r = pairMetrics(['val_loss', 'val_acc', 'train_acc', 'lr']);
    expect(withTrain(r).map((p) => p.validation)).toEqual(['val_acc']);
    expect(r.pairs.map((p) => [p.validation, p.train])).toEqual([
      ['val_acc', 'train_acc'],
      ['val_loss', null],
    ]);
    expect(r.unpaired).toEqual(['val_loss']);
    // A lone validation loss still speaks for the run ahead of a paired score.
    expect(r.primary?.validation).toBe('val_loss');
  });

  it('pairs a whole realistic run and ignores the rest', () => {
    const keys = [
      'train_loss',
      'val_loss',
      'train_metric_average_precision',
      'val_metric_average_precision',
      'learning_rate',
      'epoch',
      'test_loss',
    ];
    const r = pairMetrics(keys);
    expect(r.pairs.map(brief)).toEqual([
      ['train_metric_average_precision', 'val_metric_average_precision', 'average_precision', 'max', 'convention'],
      ['train_loss', 'val_loss', 'loss', 'min', 'convention'],
    ]);
    expect(brief(r.primary)).toEqual(['train_loss', 'val_loss', 'loss', 'min', 'convention']);
  });
});

describe('pairMetrics: precedence (most specific convention first)', () => {
  it.each([
    // [keys, validation key, expected training key]
    [['loss', 'train_loss', 'val_loss'], 'val_loss', 'train_loss'], // mirror beats Keras bare
    [['train_loss', 'training_loss', 'val_loss', 'validation_loss'], 'val_loss', 'train_loss'],
    [['train_loss', 'training_loss', 'val_loss', 'validation_loss'], 'validation_loss', 'training_loss'],
    [['train_loss', 'validation_loss'], 'validation_loss', 'train_loss'],
    [['train_loss_epoch', 'train_loss', 'val_loss'], 'val_loss', 'train_loss'],
    [['train_loss_epoch', 'train_loss', 'val_loss_epoch'], 'val_loss_epoch', 'train_loss_epoch'],
    [['train/loss', 'train_loss', 'val_loss'], 'val_loss', 'train_loss'], // same separator
    [['train/loss', 'loss', 'val_loss'], 'val_loss', 'train/loss'], // other separator beats bare
    [['loss_train', 'loss', 'val_loss'], 'val_loss', 'loss'], // bare beats the other position
    [['loss_train', 'val_loss'], 'val_loss', 'loss_train'],
    [['train_loss', 'loss_train', 'loss_val'], 'loss_val', 'loss_train'],
    [['train_loss_epoch', 'loss', 'val_loss'], 'val_loss', 'train_loss_epoch'], // Lightning beats bare
  ])('%j: %s ← %s', (keys, validation, train) => {
    const pair = pairMetrics(keys as string[]).pairs.find((p) => p.validation === validation);
    expect(pair?.train).toBe(train);
  });

  it('does not depend on the order of the keys', () => {
    const keys = [
      'loss',
      'train_loss',
      'val_loss',
      'eval_loss',
      'train/acc',
      'val/acc',
      'acc_train',
      'acc_val',
      'train_metric_ap',
      'val_metric_ap',
      'train_loss_epoch',
      'val_widgets',
      'train_widgets',
      'lr',
    ];
    const expected = pairMetrics(keys);
    const rand = prng(7);
    for (let k = 0; k < 20; k++) {
      const shuffled = [...keys].sort(() => rand() - 0.5);
      expect(pairMetrics(shuffled)).toEqual(expected);
    }
  });
});

describe('pairMetrics: primary', () => {
  it('is the loss pair when there is one', () => {
    const r = pairMetrics(['train_acc', 'val_acc', 'train_loss', 'val_loss', 'train_zzz', 'val_zzz']);
    expect(r.primary?.validation).toBe('val_loss');
  });

  it('else the first pair (by name) with a known direction', () => {
    const r = pairMetrics(['train_aaa', 'val_aaa', 'train_f1', 'val_f1', 'train_acc', 'val_acc']);
    expect(r.pairs.map((p) => p.name)).toEqual(['aaa', 'acc', 'f1']);
    expect(r.primary?.validation).toBe('val_acc');
  });

  it('else the first pair', () => {
    expect(pairMetrics(['train_bbb', 'val_bbb', 'train_aaa', 'val_aaa']).primary?.validation).toBe('val_aaa');
  });

  it('with several loss pairs, the most specific match, then the first by key', () => {
    expect(pairMetrics(['loss', 'eval_loss', 'train_loss', 'val_loss']).primary?.validation).toBe('eval_loss');
    expect(pairMetrics(['loss', 'eval_loss', 'train_loss', 'val_loss']).pairs.map((p) => p.train)).toEqual([
      'train_loss',
      'train_loss',
    ]);
    expect(pairMetrics(['loss', 'val_loss', 'train/loss', 'val/loss']).primary?.validation).toBe('val/loss');
  });

  it('an override is primary when it is the loss pair', () => {
    const r = pairMetrics(['train_loss', 'val_loss', 'a', 'holdout_loss'], [{ train: 'a', validation: 'holdout_loss' }]);
    expect(r.pairs.map((p) => p.name)).toEqual(['holdout_loss', 'loss']);
    expect(r.primary?.validation).toBe('val_loss');
    const o = pairMetrics(['train_loss', 'val_loss', 'eval_loss'], [{ train: 'train_loss', validation: 'val_loss' }]);
    expect(o.primary).toMatchObject({ validation: 'val_loss', source: 'override' });
  });
});

describe('pairMetrics: overrides', () => {
  it('adds a pair the conventions cannot see, with its direction', () => {
    const r = pairMetrics(['fit_score', 'holdout_score'], [{ train: 'fit_score', validation: 'holdout_score', direction: 'max' }]);
    expect(r.pairs.map(brief)).toEqual([['fit_score', 'holdout_score', 'holdout_score', 'max', 'override']]);
    expect(r.primary?.validation).toBe('holdout_score');
  });

  it("replaces the convention's pair for the same validation key", () => {
    const r = pairMetrics(['train_loss', 'ema_train_loss', 'val_loss'], [{ train: 'ema_train_loss', validation: 'val_loss' }]);
    expect(r.pairs.map(brief)).toEqual([['ema_train_loss', 'val_loss', 'loss', 'min', 'override']]);
  });

  it('applies only when both keys exist (exact spelling, else case-insensitive), never to itself', () => {
    expect(pairMetrics(['train_loss', 'val_loss'], [{ train: 'nope', validation: 'val_loss' }]).pairs[0]?.source).toBe(
      'convention',
    );
    expect(pairMetrics(['A', 'B'], [{ train: 'a', validation: 'b' }]).pairs.map(brief)).toEqual([
      ['A', 'B', 'b', 'unknown', 'override'],
    ]);
    expect(pairMetrics(['a'], [{ train: 'a', validation: 'a' }]).pairs).toEqual([]);
  });

  it('takes an unpaired validation key out of `unpaired`', () => {
    const r = pairMetrics(['val_loss', 'fit'], [{ train: 'fit', validation: 'val_loss' }]);
    expect(r.unpaired).toEqual([]);
    expect(r.pairs).toHaveLength(1);
  });

  it('takes direction overrides by key or base name', () => {
    expect(pairMetrics(['train_widgets', 'val_widgets'], [], { widgets: 'max' }).pairs[0]?.direction).toBe('max');
    expect(pairMetrics(['train_widgets', 'val_widgets'], [], { val_widgets: 'min' }).pairs[0]?.direction).toBe('min');
  });
});

describe('lookedFor', () => {
  it.each([
    [['train_loss'], ['val_loss', 'validation_loss', 'valid_loss', 'eval_loss', 'loss_val']],
    [['train/loss', 'lr'], ['val/loss', 'validation/loss', 'valid/loss', 'eval/loss', 'loss/val']],
    [['loss_train'], ['loss_val', 'loss_validation', 'val_loss', 'valid_loss', 'eval_loss']],
    [['train_loss_epoch', 'train_loss_step'], ['val_loss', 'validation_loss', 'valid_loss', 'eval_loss', 'loss_val']],
    [['loss', 'accuracy'], ['val_loss', 'validation_loss', 'valid_loss', 'eval_loss', 'loss_val']],
    [['train_acc', 'train_loss'], ['val_loss', 'validation_loss', 'valid_loss', 'eval_loss', 'loss_val']],
    [['train_acc'], ['val_acc', 'validation_acc', 'valid_acc', 'eval_acc', 'acc_val']],
    [[], ['val_loss', 'validation_loss', 'valid_loss', 'eval_loss', 'loss_val']],
    [['lr', 'epoch'], ['val_loss', 'validation_loss', 'valid_loss', 'eval_loss', 'loss_val']],
  ])('%j → %j', (keys, expected) => {
    expect(pairMetrics(keys).lookedFor).toEqual(expected);
    expect(pairingLookedFor(keys)).toEqual(expected);
  });
});
