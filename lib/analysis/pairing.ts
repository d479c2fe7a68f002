/**
 * Pairs each validation metric of a run with its training metric, from the naming conventions of the usual
 * frameworks, so the overfitting verdict can compare the two.
 *
 * Conventions (case-insensitive; the keys' own spelling is kept; separators `_`, `/`, `.`, `-`):
 *   train_X / val_X            generic (also training_X / validation_X, and valid_, eval_, evaluation_, dev_)
 *   X / val_X                  Keras (loss / val_loss, accuracy / val_accuracy); HF Trainer (loss / eval_loss)
 *   train/X / val/X            TensorBoard-style paths (also validation/X, train.X, train-X …)
 *   train_X_epoch / val_X      PyTorch Lightning (also train_X_epoch / val_X_epoch)
 *   train_metric_X / val_metric_X   RelationalAI; the pair's name drops `metric_` (→ X)
 *   X_train / X_val            suffix spellings (also X_validation, X_valid, X_eval, X_dev)
 * `test` is never validation: test_X is neither paired nor offered as a training metric.
 *
 * Precedence when several training keys match one validation key (most specific first):
 *   1. the mirror spelling: same position (prefix/suffix), same separator, same `_epoch` ending
 *      (val_X ← train_X, X_val ← X_train, val/X ← train/X, val_X_epoch ← train_X_epoch);
 *   2. the same with only the Lightning `_epoch` ending differing (val_X ← train_X_epoch);
 *   3. the same position with another separator (val_X ← train/X);
 *   4. the bare name (val_X ← X, Keras/HF);
 *   5. the other position (val_X ← X_train).
 * Within a level, the matching vocabulary wins (validation ← training, val/valid/eval/dev ← train), then the
 * key that sorts first. Each validation key gets at most one training key; a training key may serve several.
 */
import { metricBaseName, metricDirection, type Direction, type MetricDirection } from './direction';

export interface MetricPair {
  /** Base name shown to the user: `loss`, `accuracy`, `average_precision` (from `val_metric_average_precision`). */
  name: string;
  train: string;
  validation: string;
  direction: MetricDirection;
  source: 'convention' | 'override';
}

export interface PairOverride {
  train: string;
  validation: string;
  direction?: Direction;
}

export interface PairingResult {
  /** Ordered by name, then validation key (independent of the order of `keys`). */
  pairs: MetricPair[];
  /** The loss pair when there is one, else the first pair with a known direction, else the first pair. */
  primary: MetricPair | null;
  /** A handful of validation spellings looked for, for a "no validation metric" message. */
  lookedFor: string[];
  /** Validation-looking keys that found no training counterpart (sorted). */
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
}

const TRAIN_WORDS = ['train', 'training'];
const VALIDATION_WORDS = ['val', 'valid', 'validation', 'eval', 'evaluation', 'dev'];
const ROLE_WORDS = [...TRAIN_WORDS, ...VALIDATION_WORDS, 'test'];
const ROLE_ALT = ROLE_WORDS.join('|');
const PREFIX_RE = new RegExp(`^(${ROLE_ALT})([_./-])(.+)$`, 'i');
const SUFFIX_RE = new RegExp(`^(.+?)([_./-])(${ROLE_ALT})$`, 'i');
const EPOCH_RE = /^(.+)[_./-]epoch$/i;
const METRIC_PREFIX_RE = /^metrics?[_./-](.+)$/i;

function kindOf(word: string): Kind {
  if (TRAIN_WORDS.includes(word)) return 'train';
  if (word === 'test') return 'test';
  return 'validation';
}

function parseKey(key: string): Parsed {
  let m = PREFIX_RE.exec(key);
  if (m) {
    const word = m[1]!.toLowerCase();
    return withX(key, kindOf(word), word, 'prefix', m[2]!, m[3]!);
  }
  m = SUFFIX_RE.exec(key);
  if (m) {
    const word = m[3]!.toLowerCase();
    return withX(key, kindOf(word), word, 'suffix', m[2]!, m[1]!);
  }
  return { key, kind: 'bare', word: '', position: 'bare', sep: '', x: key, xNorm: key.toLowerCase(), epoch: false };
}

function withX(key: string, kind: Kind, word: string, position: Position, sep: string, rest: string): Parsed {
  const e = position === 'prefix' ? EPOCH_RE.exec(rest) : null;
  const x = e ? e[1]! : rest;
  return { key, kind, word, position, sep, x, xNorm: x.toLowerCase(), epoch: e !== null };
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
 * Pairs the run's metric keys. `overrides` replace the convention's pair of the same validation key, or add
 * a pair; they apply when both keys are among `keys` (exact spelling, else case-insensitive). Directions come
 * from the override, else from `metricDirection(validationKey, directions)`.
 */
export function pairMetrics(
  keys: readonly string[],
  overrides?: readonly PairOverride[],
  directions?: Readonly<Record<string, Direction>>,
): PairingResult {
  const parsed = dedupe(keys).map(parseKey);
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
    let best: Parsed | null = null;
    let bestRank = Infinity;
    for (const t of byX.get(v.xNorm) ?? []) {
      if (t.key === v.key) continue;
      const rank = matchRank(t, v);
      if (rank < bestRank || (rank === bestRank && best !== null && byString(t.key, best.key) < 0)) {
        best = t;
        bestRank = rank;
      }
    }
    if (!best) {
      unpaired.push(v.key);
      continue;
    }
    pairs.set(v.key, {
      name: pairName(v),
      train: best.key,
      validation: v.key,
      direction: metricDirection(v.key, directions),
      source: 'convention',
      rank: bestRank,
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
      rank: -1,
    });
    const u = unpaired.indexOf(validation);
    if (u >= 0) unpaired.splice(u, 1);
  }
  const ranked = [...pairs.values()].sort(
    (a, b) => byString(a.name.toLowerCase(), b.name.toLowerCase()) || byString(a.validation, b.validation),
  );
  let primary: RankedPair | null = null;
  for (const p of ranked) {
    if (p.name.toLowerCase() !== 'loss') continue;
    if (primary === null || p.rank < primary.rank) primary = p;
  }
  primary ??= ranked.find((p) => p.direction !== 'unknown') ?? ranked[0] ?? null;
  const out = ranked.map(strip);
  return {
    pairs: out,
    primary: primary ? out[ranked.indexOf(primary)]! : null,
    lookedFor: lookedForIn(parsed),
    unpaired: unpaired.sort(byString),
  };
}

function strip(p: RankedPair): MetricPair {
  return { name: p.name, train: p.train, validation: p.validation, direction: p.direction, source: p.source };
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
  return lookedForIn(dedupe(keys).map(parseKey));
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
