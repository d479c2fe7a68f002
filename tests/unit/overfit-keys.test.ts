import { describe, expect, it } from 'vitest';
import { MAX_JUDGED_PAIRS, neededKeys, pairsBeyond } from '@/lib/run-verdicts';

const wide = Array.from({ length: 250 }, (_, i) => [`train_loss_h${String(i).padStart(3, '0')}`, `val_loss_h${String(i).padStart(3, '0')}`]).flat();

describe('neededKeys', () => {
  it('puts the primary (loss) pair first, whatever its name sorts as', () => {
    const keys = ['train_accuracy', 'val_accuracy', 'train_loss', 'val_loss', 'learning_rate'];
    expect(neededKeys(keys, {}, 1)).toEqual(['val_loss', 'train_loss']);
    expect(neededKeys(keys, {})).toEqual(['val_loss', 'train_loss', 'val_accuracy', 'train_accuracy']);
  });

  it('fetches every training candidate and the epoch metric (Transformers: train_loss is one value, loss the curve)', () => {
    const keys = ['loss', 'eval_loss', 'train_loss', 'epoch', 'learning_rate', 'grad_norm', 'eval_runtime', 'train_runtime'];
    expect(neededKeys(keys, {}, 1)).toEqual(['eval_loss', 'train_loss', 'loss', 'epoch']);
  });

  it('asks for no epoch history when nothing pairs', () => {
    expect(neededKeys(['epoch', 'train_loss'], {}, 1)).toEqual([]);
  });

  it(`caps a 500-key run at ${MAX_JUDGED_PAIRS} pairs and counts the rest`, () => {
    expect(neededKeys(wide, {}, MAX_JUDGED_PAIRS)).toHaveLength(2 * MAX_JUDGED_PAIRS);
    expect(pairsBeyond(wide, {}, MAX_JUDGED_PAIRS)).toBe(250 - MAX_JUDGED_PAIRS);
    expect(pairsBeyond(['train_loss', 'val_loss'], {}, MAX_JUDGED_PAIRS)).toBe(0);
  });

  it('a user pair counts like the others', () => {
    expect(neededKeys(['fit_err', 'holdout_err'], { pairs: [{ train: 'fit_err', validation: 'holdout_err', direction: 'min' }] }, 1)).toEqual(['holdout_err', 'fit_err']);
  });
});
