import { describe, expect, it } from 'vitest';
import { metricBaseName, metricDirection, metricTokens } from '@/lib/analysis';

describe('metricDirection', () => {
  it.each([
    'loss',
    'val_loss',
    'train_loss_epoch',
    'train/loss',
    'eval_loss',
    'error',
    'val_err',
    'mse',
    'val_mae',
    'rmse',
    'mape',
    'nll',
    'val_perplexity',
    'ppl',
    'logloss',
    'log_loss',
    'cross_entropy',
    'val/cross-entropy',
    'wer',
    'cer',
    'edit_distance',
    'error_rate',
    'f1_loss',
    'valLoss',
    'val.loss',
    'kl_divergence',
  ])('%s is minimised', (key) => {
    expect(metricDirection(key)).toBe('min');
  });

  it.each([
    'accuracy',
    'val_accuracy',
    'acc',
    'val_acc',
    'top1_acc',
    'top5accuracy',
    'precision',
    'recall',
    'f1',
    'val_f1_score',
    'auc',
    'roc_auc',
    'val_pr_auc',
    'average_precision',
    'val_metric_average_precision',
    'train_metric_average_precision',
    'ap',
    'map',
    'map@10',
    'r2',
    'val_r2',
    'iou',
    'mean_iou',
    'dice',
    'bleu',
    'rouge',
    'rouge1',
    'rougeL',
    'ndcg',
    'ndcg@5',
    'mrr',
    'hit',
    'hits@10',
    'hit_rate',
    'neg_mean_squared_error',
    'neg_log_loss',
    'explained_variance',
  ])('%s is maximised', (key) => {
    expect(metricDirection(key)).toBe('max');
  });

  it.each(['learning_rate', 'lr', 'epoch', 'step', 'grad_norm', 'batch_size', 'throughput', 'val_samples', 'time'])(
    '%s is unknown',
    (key) => {
      expect(metricDirection(key)).toBe('unknown');
    },
  );

  it('overrides by full key, then by base name, exact then case-insensitive', () => {
    expect(metricDirection('val_widgets', { val_widgets: 'max' })).toBe('max');
    expect(metricDirection('val_widgets', { widgets: 'min' })).toBe('min');
    expect(metricDirection('VAL_Widgets', { widgets: 'min' })).toBe('min');
    expect(metricDirection('val_loss', { loss: 'max' })).toBe('max');
    expect(metricDirection('val_loss', { val_loss: 'max', loss: 'min' })).toBe('max');
    expect(metricDirection('val_loss', { other: 'max' })).toBe('min');
  });
});

describe('metricBaseName', () => {
  it.each([
    ['val_loss', 'loss'],
    ['train_loss_epoch', 'loss'],
    ['train_metric_average_precision', 'average_precision'],
    ['val/accuracy', 'accuracy'],
    ['loss_val', 'loss'],
    ['valLoss', 'loss'],
    ['epoch', 'epoch'],
  ])('%s → %s', (key, base) => {
    expect(metricBaseName(key)).toBe(base);
  });

  it('tokenizes on separators and camelCase', () => {
    expect(metricTokens('trainLoss/top-1.acc@5')).toEqual(['train', 'loss', 'top', '1', 'acc', '5']);
  });
});
