/**
 * Which way is better for a metric: read from the tokens of its base name, as Keras' EarlyStopping
 * `mode="auto"` does for `loss` (it strips `val_` and looks at the name), widened to the usual names.
 */

export type Direction = 'min' | 'max';
export type MetricDirection = Direction | 'unknown';

/** Tokens of metrics that are minimised. */
const MINIMISED = new Set([
  'loss',
  'losses',
  'logloss',
  'mlogloss',
  'nloglik',
  'deviance',
  'error',
  'merror',
  'l1',
  'l2',
  'poisson',
  'tweedie',
  'quantile',
  'mphe',
  'errors',
  'err',
  'mse',
  'mae',
  'rmse',
  'mape',
  'smape',
  'msle',
  'rmsle',
  'nll',
  'nlll',
  'perplexity',
  'ppl',
  'crossentropy',
  'xent',
  'ce',
  'bce',
  'wer',
  'cer',
  'ter',
  'distance',
  'dist',
  'hinge',
  'huber',
  'brier',
  'kl',
  'kld',
  'fid',
  'regret',
  'cost',
  'eer',
  'fpr',
  'fnr',
  'miss',
]);

/** Tokens of metrics that are maximised. */
const MAXIMISED = new Set([
  'accuracy',
  'acc',
  'precision',
  'recall',
  'f1',
  'fbeta',
  'auc',
  'auroc',
  'auprc',
  'aucpr',
  'roc',
  'ap',
  'map',
  'r2',
  'iou',
  'miou',
  'dice',
  'bleu',
  'rouge',
  'rougel',
  'ndcg',
  'mrr',
  'hit',
  'hits',
  'hitrate',
  'mcc',
  'kappa',
  'specificity',
  'sensitivity',
  'tpr',
  'tnr',
  'psnr',
  'ssim',
  'meteor',
  'chrf',
  'jaccard',
  'reward',
  'rewards',
  'spearman',
  'pearson',
  'top1',
  'top5',
]);

/** Multi-token names: where one ends at a token, it decides before that token alone. */
const COMPOUND: readonly (readonly [string, Direction])[] = [
  ['cross_entropy', 'min'],
  ['log_loss', 'min'],
  ['log_likelihood', 'max'],
  ['roc_auc', 'max'],
  ['pr_auc', 'max'],
  ['average_precision', 'max'],
  ['mean_average_precision', 'max'],
  ['explained_variance', 'max'],
  ['hit_rate', 'max'],
  ['error_rate', 'min'],
  ['multi_class', 'min'],
  ['kullback_leibler', 'min'],
];

const COMPOUND_TOKENS: readonly (readonly [readonly string[], Direction])[] = COMPOUND.map(
  ([name, dir]) => [name.split('_'), dir] as const,
);

/** Words that say where a metric was measured, not what it is; never part of the base name. */
const ROLE_PREFIXES = ['train', 'training', 'val', 'valid', 'validation', 'eval', 'evaluation', 'dev', 'test'];
const ROLE_TOKENS = new Set([...ROLE_PREFIXES, 'metric', 'metrics', 'epoch']);

/** Splits a key into lower-case tokens: on `_ - . / : @ space` and on camelCase humps (`valLoss` → val, loss). */
export function metricTokens(key: string): string[] {
  return key
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

/**
 * The metric's base name: its tokens without the role words (train/val/…, `metric`, Lightning's `epoch`),
 * joined with `_`. `val_loss` → `loss`; `train_metric_average_precision` → `average_precision`;
 * `train/loss_epoch` → `loss`. A key made only of role words keeps its tokens.
 */
export function metricBaseName(key: string): string {
  const tokens = metricTokens(key);
  const kept = tokens.filter((t) => !ROLE_TOKENS.has(t));
  return (kept.length > 0 ? kept : tokens).join('_');
}

/** Direction from the base name alone, without overrides. */
function directionOfBase(base: string): MetricDirection {
  const tokens = base.split('_').filter((t) => t.length > 0);
  // sklearn-style negated scorers (`neg_mean_squared_error`, `neg_log_loss`) are maximised.
  let negated = false;
  while (tokens[0] === 'neg' || tokens[0] === 'negative') {
    negated = !negated;
    tokens.shift();
  }
  // Scan from the end: the direction word that ends last decides (English compounds are head-final:
  // "f1_loss" is a loss, "average_precision" a precision); at one end a compound beats its last token.
  let found: MetricDirection = 'unknown';
  for (let i = tokens.length - 1; i >= 0 && found === 'unknown'; i--) {
    for (const [parts, dir] of COMPOUND_TOKENS) {
      const from = i - parts.length + 1;
      if (from >= 0 && parts.every((p, k) => tokens[from + k] === p)) {
        found = dir;
        break;
      }
    }
    if (found === 'unknown') found = tokenDirection(tokens[i]!);
  }
  if (found === 'unknown' || !negated) return found;
  return found === 'min' ? 'max' : 'min';
}

function tokenDirection(t: string): MetricDirection {
  if (MINIMISED.has(t)) return 'min';
  if (MAXIMISED.has(t)) return 'max';
  // Trailing numbers: rouge1, rouge2, acc1, top5acc → look at the letters (f1 and r2 are listed as they are).
  const letters = t.replace(/\d+$/, '');
  if (letters !== t && letters.length > 1) {
    if (MINIMISED.has(letters)) return 'min';
    if (MAXIMISED.has(letters)) return 'max';
  }
  // Leading top-k: top5acc, top1accuracy.
  const m = /^top\d+(.+)$/.exec(t);
  if (m && m[1]) return tokenDirection(m[1]);
  return 'unknown';
}

/**
 * `'min'`, `'max'` or `'unknown'` for a metric key, from the tokens of its base name.
 * Minimised: loss, error/err, mse, mae, rmse, mape, nll, perplexity/ppl, logloss, cross_entropy, wer, cer,
 * distance…; maximised: accuracy/acc, precision, recall, f1, auc, roc_auc, pr_auc, average_precision/ap, map,
 * r2, iou, dice, bleu, rouge, ndcg, mrr, hit(s)…; a `neg_` prefix (sklearn scorers) flips the direction.
 * With several direction words the last one decides (`f1_loss` → min).
 *
 * `overrides` (e.g. the user's choice for a metric Lens cannot read) are looked up by full key first, then
 * by base name; exact spelling first, then case-insensitively.
 */
export function metricDirection(key: string, overrides?: Readonly<Record<string, Direction>>): MetricDirection {
  const base = metricBaseName(key);
  if (overrides) {
    const hit = lookupOverride(overrides, key) ?? lookupOverride(overrides, base);
    if (hit) return hit;
  }
  return directionOfBase(base);
}

function lookupOverride(overrides: Readonly<Record<string, Direction>>, name: string): Direction | undefined {
  if (Object.prototype.hasOwnProperty.call(overrides, name)) {
    const d = overrides[name];
    if (d === 'min' || d === 'max') return d;
  }
  const lower = name.toLowerCase();
  for (const k of Object.keys(overrides)) {
    if (k.toLowerCase() === lower) {
      const d = overrides[k];
      if (d === 'min' || d === 'max') return d;
    }
  }
  return undefined;
}
