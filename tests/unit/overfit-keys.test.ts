import { describe, expect, it } from 'vitest';
import { MAX_JUDGED_PAIRS, neededKeys, pairsBeyond } from '@/lib/overfit';

const wide = Array.from({ length: 250 }, (_, i) => [`train_loss_h${String(i).padStart(3, '0')}`, `val_loss_h${String(i).padStart(3, '0')}`]).flat();

describe('neededKeys', () => {
  it('puts the primary (loss) pair first, whatever its name sorts as', () => {
    const keys = ['train_accuracy', 'val_accuracy', 'train_loss', 'val_loss', 'learning_rate'];
    expect(neededKeys(keys, {}, 1)).toEqual(['train_loss', 'val_loss']);
    expect(neededKeys(keys, {})).toEqual(['train_loss', 'val_loss', 'train_accuracy', 'val_accuracy']);
  });

  it(`caps a 500-key run at ${MAX_JUDGED_PAIRS} pairs and counts the rest`, () => {
    expect(neededKeys(wide, {}, MAX_JUDGED_PAIRS)).toHaveLength(2 * MAX_JUDGED_PAIRS);
    expect(pairsBeyond(wide, {}, MAX_JUDGED_PAIRS)).toBe(250 - MAX_JUDGED_PAIRS);
    expect(pairsBeyond(['train_loss', 'val_loss'], {}, MAX_JUDGED_PAIRS)).toBe(0);
  });

  it('a user pair counts like the others', () => {
    expect(neededKeys(['fit_err', 'holdout_err'], { pairs: [{ train: 'fit_err', validation: 'holdout_err', direction: 'min' }] }, 1)).toEqual(['fit_err', 'holdout_err']);
  });
});
