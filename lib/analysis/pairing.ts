/**
 * Pairs each validation metric of a run with its training metric, from the naming conventions of the usual
 * frameworks, so the overfitting verdict can compare the two.
 *
 * Conventions (case-insensitive; the keys' own spelling is kept; separators `_`, `/`, `.`, `-`):
 *   train_X / val_X            generic (also training_X / validation_X, and valid_, eval_, evaluation_, dev_)
 *   X / val_X                  Keras (loss / val_loss, accuracy / val_accuracy); HF Trainer (loss / eval_loss)
 *   train/X / val/X            TensorBoard-style paths (also validation/X, train.X, train-X …)
 *   train-X / eval-X           XGBoost's `evals=[(d, "train"), (d, "eval")]`; LightGBM's named `valid_sets`
 *   training-X / valid_<n>-X   LightGBM's default names (the training set is `training`, the others by position)
 *   validation_<n>-X           XGBoost's scikit-learn API, by position in `eval_set`: with two or more sets,
 *                              `validation_0` is taken as the training set — an assumption, said in `assumed`
 *   learn-X / validation-X     CatBoost's `evals_result_` names
 *   train_X_epoch / val_X      PyTorch Lightning (also train_X_epoch / val_X_epoch)
 *   train_metric_X / val_metric_X   RelationalAI; the pair's name drops `metric_` (→ X)
 *   X_train / X_val            suffix spellings (also X_validation, X_valid, X_eval, X_dev)
 * `test` is never validation: test_X is neither paired nor offered as a training metric. Runtime, throughput,
 * learning-rate, gradient-norm and counter keys (`eval_runtime`, `train_samples_per_second`, `total_flos`,
 * `grad_norm`, `epoch`…) describe the training job, not the model: they are never paired.
 *
 * A validation key with no training counterpart is still a pair, with `train: null`: its curve is judged on its
 * own (an XGBoost `eval_set` of one, LightGBM's `valid_0` alone), and the run is "no validation metric" only when
 * it has no validation key at all.
 *
 * Precedence when several training keys match one validation key (most specific first):
 *   1. the mirror spelling: same position (prefix/suffix), same separator, same `_epoch` ending
 *      (val_X ← train_X, X_val ← X_train, val/X ← train/X, val_X_epoch ← train_X_epoch);
 *   2. the same with only the Lightning `_epoch` ending differing (val_X ← train_X_epoch);
 *   3. the same position with another separator (val_X ← train/X);
 *   4. the bare name (val_X ← X, Keras/HF);
 *   5. the other position (val_X ← X_train).
 * Within a level, the matching vocabulary wins (validation ← training, val/valid/eval/dev ← train), then the
 * key that sorts first. All matches are kept, in that order, as `trainCandidates`: the verdict takes the first
 * whose history is a curve (the Transformers Trainer's `train_loss` is one summary value at the end; its
 * training curve is `loss`).
 */
import { metricBaseName, metricDirection, metricTokens, type Direction, type MetricDirection } from './direction';

export interface MetricPair {
  /** Base name shown to the user: `loss`, `accuracy`, `average_precision` (from `val_metric_average_precision`). */
  name: string;
  /** The training key, or null when the validation curve has no training counterpart (judged on its own). */
  train: string | null;
  validation: string;
  direction: MetricDirection;
  source: 'convention' | 'override';
  /** Training keys that match, best first (`train` is the first); the verdict takes the first that is a curve. */
  trainCandidates: string[];
  /** Set when the pairing rests on an assumption the keys cannot confirm: a sentence saying which. */
  assumed?: string;
}

export interface PairOverride {
  train: string;
  validation: string;
  direction?: Direction;
}

export interface PairingResult {
  /** Ordered by name, then validation key (independent of the order of `keys`). */
  pairs: MetricPair[];
  /** `pairs[0]` of `byPriority(pairs)`: the run's primary pair, or null when there is none. */
  primary: MetricPair | null;
  /** A handful of validation spellings looked for, for a "no validation metric" message. */
  lookedFor: string[];
  /** Validation-looking keys that found no training counterpart (sorted); they are judged on their own. */
  unpaired: string[];
}

type Kind = 'train' | 'validation' | 'test';
type Position = 'prefix' | 'suffix' | 'bare';

interface Parsed {
  key: string;
  kind: Kind | 'bare';
  /** The role word, lower case (`train`, `validation`…), '' for bare keys. */
  word: string;
  position: Position;
  sep: string;
  /** The rest of the key in its own spelling, Lightning's `_epoch` ending removed. */
  x: string;
  /** Lower-cased `x`: what keys are matched on. */
  xNorm: string;
  /** Ended in `<sep>epoch` (Lightning). */
  epoch: boolean;
  /** The set's position for XGBoost/LightGBM's numbered sets (`validation_1-logloss` → 1), else null. */
  index: number | null;
}

const TRAIN_WORDS = ['train', 'training', 'learn'];
const VALIDATION_WORDS = ['val', 'valid', 'validation', 'eval', 'evaluation', 'dev'];
const ROLE_WORDS = [...TRAIN_WORDS, ...VALIDATION_WORDS, 'test'];
const ROLE_ALT = ROLE_WORDS.join('|');
const PREFIX_RE = new RegExp(`^(${ROLE_ALT})([_./-])(.+)$`, 'i');
const SUFFIX_RE = new RegExp(`^(.+?)([_./-])(${ROLE_ALT})$`, 'i');
/** XGBoost's `validation_0-logloss`, LightGBM's `valid_1-binary_logloss`: a set named by its position. */
const INDEXED_RE = /^(validation|valid|val|eval)_(\d+)([-./])(.+)$/i;
const EPOCH_RE = /^(.+)[_./-]epoch$/i;
const METRIC_PREFIX_RE = /^metrics?[_./-](.+)$/i;

/**
 * Base-name tokens of keys that describe the training job rather than the model's quality (Transformers'
 * `eval_runtime`, `train_samples_per_second`, `total_flos`, `grad_norm`; learning rates; counters).
 */
const JOB_TOKENS = new Set([
  'runtime',
  'flos',
  'grad',
  'lr',
  'epoch',
  'epochs',
  'step',
  'steps',
  'time',
  'duration',
  'second',
  'seconds',
  'throughput',
  'memory',
  'mem',
  'samples',
  'tokens',
  'momentum',
]);
const JOB_NAMES = new Set(['learning_rate', 'global_step', 'num_tokens']);

/** True for keys that describe the job, not the model: never paired, never judged. */
export function isJobMetric(key: string): boolean {
  const base = metricBaseName(key);
  if (JOB_NAMES.has(base)) return true;
  return metricTokens(base).some((t) => JOB_TOKENS.has(t));
}

function kindOf(word: string): Kind {
  if (TRAIN_WORDS.includes(word)) return 'train';
  if (word === 'test') return 'test';
  return 'validation';
}

function parseKey(key: string): Parsed {
  let m = INDEXED_RE.exec(key);
  if (m) {
    const word = m[1]!.toLowerCase();
    const x = m[4]!;
    return { key, kind: 'validation', word, position: 'prefix', sep: m[3]!, x, xNorm: x.toLowerCase(), epoch: false, index: Number(m[2]) };
  }
  m = PREFIX_RE.exec(key);
  if (m) {
    const word = m[1]!.toLowerCase();
    return withX(key, kindOf(word), word, 'prefix', m[2]!, m[3]!);
  }
  m = SUFFIX_RE.exec(key);
  if (m) {
    const word = m[3]!.toLowerCase();
    return withX(key, kindOf(word), word, 'suffix', m[2]!, m[1]!);
  }
  return { key, kind: 'bare', word: '', position: 'bare', sep: '', x: key, xNorm: key.toLowerCase(), epoch: false, index: null };
}

function withX(key: string, kind: Kind, word: string, position: Position, sep: string, rest: string): Parsed {
  const e = position === 'prefix' ? EPOCH_RE.exec(rest) : null;
  const x = e ? e[1]! : rest;
  return { key, kind, word, position, sep, x, xNorm: x.toLowerCase(), epoch: e !== null, index: null };
}

/** The pair's display name: the validation key's X without a leading `metric_`. */
function pairName(v: Parsed): string {
  const m = METRIC_PREFIX_RE.exec(v.x);
  return m ? m[1]! : v.x;
}

function vocabularyMatches(train: Parsed, validation: Parsed): boolean {
  if (validation.word === 'validation') return train.word === 'training';
  return train.word === 'train';
}

/** Lower is better; see the precedence in the header comment. */
function matchRank(t: Parsed, v: Parsed): number {
  let structure: number;
  if (t.position === 'bare') return 30;
  if (t.position === v.position && t.sep === v.sep) structure = t.epoch === v.epoch ? 0 : 1;
  else if (t.position === v.position) structure = 2;
  else structure = 4;
  return structure * 10 + (vocabularyMatches(t, v) ? 0 : 1);
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface RankedPair extends MetricPair {
  rank: number;
}

/**
 * With no `training-X` beside them, XGBoost's numbered sets `validation_0-X`, `validation_1-X`… are its
 * scikit-learn API's `eval_set` in order, and the learning-curve pattern passes the training set first:
 * `validation_0` is taken as training. LightGBM's `valid_<n>` are always held-out sets (it names the training
 * set `training`). Returns the keys to read as training, mapped to the sentence that says so.
 */
function assumedTraining(parsed: readonly Parsed[]): Map<string, string> {
  const out = new Map<string, string>();
  const hasTrain = new Set(parsed.filter((p) => p.kind === 'train').map((p) => p.xNorm));
  const groups = new Map<string, Parsed[]>();
  for (const p of parsed) {
    if (p.index === null || p.word !== 'validation' || hasTrain.has(p.xNorm)) continue;
    const g = groups.get(p.xNorm);
    if (g) g.push(p);
    else groups.set(p.xNorm, [p]);
  }
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    g.sort((a, b) => a.index! - b.index!);
    const first = g[0]!;
    out.set(
      first.key,
      `Lens assumed ${first.key} is the training set: XGBoost names eval_set entries by position, and the training set usually comes first. If it is not, set your own pair in the options.`,
    );
  }
  return out;
}

/**
 * Pairs the run's metric keys. `overrides` replace the convention's pair of the same validation key, or add
 * a pair; they apply when both keys are among `keys` (exact spelling, else case-insensitive). Directions come
 * from the override, else from `metricDirection(validationKey, directions)`.
 */
export function pairMetrics(
  keys: readonly string[],
  overrides?: readonly PairOverride[],
  directions?: Readonly<Record<string, Direction>>,
): PairingResult {
  const parsed = dedupe(keys)
    .filter((k) => !isJobMetric(k))
    .map(parseKey);
  const assumed = assumedTraining(parsed);
  for (const p of parsed) if (assumed.has(p.key)) p.kind = 'train';
  const byX = new Map<string, Parsed[]>();
  for (const p of parsed) {
    if (p.kind !== 'train' && p.kind !== 'bare') continue;
    const list = byX.get(p.xNorm);
    if (list) list.push(p);
    else byX.set(p.xNorm, [p]);
  }
  const pairs = new Map<string, RankedPair>();
  const unpaired: string[] = [];
  for (const v of parsed) {
    if (v.kind !== 'validation') continue;
    const matches = (byX.get(v.xNorm) ?? [])
      .filter((t) => t.key !== v.key)
      .map((t) => ({ t, rank: assumed.has(t.key) ? 0 : matchRank(t, v) }))
      .sort((a, b) => a.rank - b.rank || byString(a.t.key, b.t.key));
    const best = matches[0];
    if (!best) unpaired.push(v.key);
    const note = best ? assumed.get(best.t.key) : undefined;
    pairs.set(v.key, {
      name: pairName(v),
      train: best ? best.t.key : null,
      validation: v.key,
      direction: metricDirection(v.key, directions),
      source: 'convention',
      trainCandidates: matches.map((m) => m.t.key),
      ...(note ? { assumed: note } : {}),
      rank: best ? best.rank : 100,
    });
  }
  for (const o of overrides ?? []) {
    const train = findKey(keys, o.train);
    const validation = findKey(keys, o.validation);
    if (train === null || validation === null || train === validation) continue;
    const v = parseKey(validation);
    pairs.set(validation, {
      name: v.kind === 'validation' ? pairName(v) : metricBaseName(validation),
      train,
      validation,
      direction: o.direction ?? metricDirection(validation, directions),
      source: 'override',
      trainCandidates: [train],
      rank: -1,
    });
    const u = unpaired.indexOf(validation);
    if (u >= 0) unpaired.splice(u, 1);
  }
  const ranked = [...pairs.values()].sort(
    (a, b) => byString(a.name.toLowerCase(), b.name.toLowerCase()) || byString(a.validation, b.validation),
  );
  const rankOf = new Map(ranked.map((p) => [p.validation, p.rank]));
  const out = ranked.map(strip);
  return {
    pairs: out,
    primary: byPriority(out, (p) => rankOf.get(p.validation) ?? 100)[0] ?? null,
    lookedFor: lookedForIn(parsed),
    unpaired: unpaired.sort(byString),
  };
}

/** Names whose tokens make a loss proper (what a framework minimises), ahead of other minimised metrics. */
const LOSS_TOKENS = new Set(['loss', 'logloss', 'mlogloss', 'nll', 'nloglik', 'crossentropy', 'xent', 'entropy', 'deviance', 'class']);

/**
 * Which pair speaks for the run, best first: a loss ahead of an error, an error ahead of a score (XGBoost's
 * `eval_metric=["logloss", "auc"]` is judged on logloss), a pair with a training curve ahead of one without,
 * then a known direction ahead of an unknown one. Within a class, the tighter naming match (`rank`, lower is
 * better; overrides first), then the name and key.
 */
export function byPriority<P extends MetricPair>(pairs: readonly P[], rank: (p: P) => number = () => 0): P[] {
  const klass = (p: P): number => {
    const tokens = metricTokens(p.name);
    const noTrain = p.train === null ? 1 : 0;
    if (p.direction === 'min' && p.name.toLowerCase() === 'loss') return noTrain;
    if (p.direction === 'min' && tokens.some((t) => LOSS_TOKENS.has(t))) return 2 + noTrain;
    if (p.direction === 'min') return 4 + noTrain;
    if (p.direction === 'max') return 6 + noTrain;
    return 8 + noTrain;
  };
  return [...pairs]
    .map((p, i) => ({ p, i, k: klass(p), r: rank(p) }))
    .sort((a, b) => a.k - b.k || a.r - b.r || a.i - b.i)
    .map((e) => e.p);
}

function strip(p: RankedPair): MetricPair {
  const { rank: _rank, ...rest } = p;
  return rest;
}

function dedupe(keys: readonly string[]): string[] {
  return [...new Set(keys)];
}

function findKey(keys: readonly string[], wanted: string): string | null {
  if (keys.includes(wanted)) return wanted;
  const lower = wanted.toLowerCase();
  return keys.find((k) => k.toLowerCase() === lower) ?? null;
}

/**
 * The validation spellings Lens looks for, for a "no validation metric" message: about five, built from the
 * run's main training key (its loss if it has one, e.g. `train_loss` → `val_loss`, `validation_loss`,
 * `valid_loss`, `eval_loss`, `loss_val`), or from `loss` when the run has no training key.
 */
export function pairingLookedFor(keys: readonly string[]): string[] {
  return lookedForIn(
    dedupe(keys)
      .filter((k) => !isJobMetric(k))
      .map(parseKey),
  );
}

function lookedForIn(parsed: readonly Parsed[]): string[] {
  const train = parsed.filter((p) => p.kind === 'train').sort((a, b) => byString(a.key, b.key));
  const bare = parsed.filter((p) => p.kind === 'bare' && p.xNorm === 'loss');
  const ref = train.find((p) => p.xNorm === 'loss') ?? bare[0] ?? train[0] ?? null;
  const x = ref ? ref.x : 'loss';
  const s = ref && ref.position !== 'bare' ? ref.sep : '_';
  const names =
    ref?.position === 'suffix'
      ? [`${x}${s}val`, `${x}${s}validation`, `val${s}${x}`, `valid${s}${x}`, `eval${s}${x}`]
      : [`val${s}${x}`, `validation${s}${x}`, `valid${s}${x}`, `eval${s}${x}`, `${x}${s}val`];
  return [...new Set(names)];
}
