import { describe, expect, it } from 'vitest';
import {
  MAX_PINS,
  PIN_PALETTE,
  addPins,
  pinColour,
  pinColourSlots,
  pinColours,
  readPinStore,
  removePins,
  runColours,
  type Pin,
} from '@/lib/compare';

const pin = (runId: string, runName = `name-${runId}`, pinnedAt = 1): Pin => ({
  runId,
  runName,
  experimentId: '1',
  pinnedAt,
});
const ids = (pins: readonly Pin[]) => pins.map((p) => p.runId);

describe('addPins', () => {
  it('appends new pins in order', () => {
    const r = addPins([pin('a')], [pin('b'), pin('c')]);
    expect(ids(r.pins)).toEqual(['a', 'b', 'c']);
    expect(ids(r.added)).toEqual(['b', 'c']);
    expect(r.alreadyPinned).toEqual([]);
    expect(r.refused).toEqual([]);
  });

  it('skips run ids already pinned and refreshes their name, keeping place and pinnedAt', () => {
    const r = addPins([pin('a', 'old', 5), pin('b')], [pin('a', 'renamed', 9)]);
    expect(ids(r.pins)).toEqual(['a', 'b']);
    expect(r.pins[0]).toMatchObject({ runId: 'a', runName: 'renamed', pinnedAt: 5 });
    expect(ids(r.alreadyPinned)).toEqual(['a']);
    expect(r.alreadyPinned[0]!.runName).toBe('renamed');
    expect(r.added).toEqual([]);
  });

  it('an empty incoming name does not erase a known one', () => {
    const r = addPins([pin('a', 'known')], [pin('a', '')]);
    expect(r.pins[0]!.runName).toBe('known');
  });

  it('a run id twice in the incoming list is added once', () => {
    const r = addPins([], [pin('a'), pin('a', 'again')]);
    expect(ids(r.pins)).toEqual(['a']);
    expect(ids(r.added)).toEqual(['a']);
    expect(ids(r.alreadyPinned)).toEqual(['a']);
  });

  it('refuses pins beyond MAX_PINS (20), listing them', () => {
    const current = Array.from({ length: 18 }, (_, i) => pin(`r${i}`));
    const r = addPins(current, [pin('r0'), pin('x'), pin('y'), pin('z'), pin('w')]);
    expect(MAX_PINS).toBe(20);
    expect(r.pins).toHaveLength(20);
    expect(ids(r.added)).toEqual(['x', 'y']);
    expect(ids(r.refused)).toEqual(['z', 'w']);
    expect(ids(r.alreadyPinned)).toEqual(['r0']);
  });

  it('honours a smaller max', () => {
    const r = addPins([pin('a')], [pin('b'), pin('c')], 2);
    expect(ids(r.pins)).toEqual(['a', 'b']);
    expect(ids(r.refused)).toEqual(['c']);
  });

  it('is pure: the inputs are left as they were', () => {
    const current = [pin('a', 'old')];
    const snapshot = structuredClone(current);
    const r = addPins(current, [pin('a', 'new'), pin('b')]);
    expect(current).toEqual(snapshot);
    expect(r.pins).not.toBe(current);
  });
});

describe('removePins', () => {
  it('removes the given run ids, keeps the order of the rest, returns a new array', () => {
    const current = [pin('a'), pin('b'), pin('c')];
    const r = removePins(current, ['b', 'zz']);
    expect(ids(r)).toEqual(['a', 'c']);
    expect(ids(current)).toEqual(['a', 'b', 'c']);
  });
});

describe('pin colours', () => {
  it('20 distinct colours, wrapping past 20 and never throwing', () => {
    expect(new Set(PIN_PALETTE).size).toBe(20);
    const first20 = Array.from({ length: 20 }, (_, i) => pinColour(i));
    expect(new Set(first20).size).toBe(20);
    expect(pinColour(20)).toBe(pinColour(0));
    expect(pinColour(-1)).toBe(pinColour(19));
    expect(pinColour(NaN)).toBe(pinColour(0));
    expect(pinColour(0)).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('a run keeps its colour when a run pinned before it is unpinned', () => {
    const { pins } = addPins([], [pin('a'), pin('b'), pin('c')]);
    const before = pinColours(pins);
    const after = pinColours(removePins(pins, ['a']));
    expect(after).toEqual([before[1], before[2]]);
    // The freed colour goes to the next run pinned.
    const again = addPins(removePins(pins, ['a']), [pin('d')]);
    expect(pinColours(again.pins)[2]).toBe(before[0]);
  });

  it('pins without a stored slot get their index (older storage, hand-made pins)', () => {
    expect(pinColourSlots([pin('a'), pin('b'), pin('c')])).toEqual([0, 1, 2]);
    expect(pinColours([pin('a'), pin('b')])).toEqual([pinColour(0), pinColour(1)]);
  });

  it("MLflow's colour for a run wins where the page showed one; the others keep their palette colour", () => {
    const { pins } = addPins([], [pin('a'), pin('b'), pin('c')]);
    const own = pinColours(pins);
    const colours = runColours(pins, new Map([['b', '#be501e'], ['zz', '#000000']]));
    expect([...colours]).toEqual([['a', own[0]], ['b', '#be501e'], ['c', own[2]]]);
    expect([...runColours(pins)].map(([, c]) => c)).toEqual(own);
  });

  it('invalid or clashing stored slots are reassigned to free ones', () => {
    const pins: Pin[] = [
      { ...pin('a'), colourSlot: 1 },
      { ...pin('b'), colourSlot: 1 },
      { ...pin('c'), colourSlot: -3 },
      { ...pin('d'), colourSlot: 2.5 },
    ];
    expect(pinColourSlots(pins)).toEqual([1, 0, 2, 3]);
  });
});

describe('readPinStore', () => {
  const good = { runId: 'r1', runName: 'one', experimentId: '7', pinnedAt: 100 };

  it('parses a well-formed store per base URL', () => {
    const store = readPinStore({ 'http://localhost:5000/': [good] });
    expect(store).toEqual({ 'http://localhost:5000/': [good] });
  });

  it('never throws on junk, returning an empty store', () => {
    for (const raw of [undefined, null, 42, 'x', [], [good], true]) expect(readPinStore(raw)).toEqual({});
  });

  it('drops malformed pins but keeps their well-formed neighbours', () => {
    const store = readPinStore({
      'http://a/': [good, { runId: 5 }, null, 'x', { ...good, runId: 'r2', pinnedAt: 'yesterday' }, { ...good, runId: 'r3' }],
      'http://b/': 'not a list',
      'http://c/': { 0: good },
    });
    expect(Object.keys(store)).toEqual(['http://a/']);
    expect(ids(store['http://a/']!)).toEqual(['r1', 'r3']);
  });

  it('drops a repeated run id and cuts a list beyond MAX_PINS', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ ...good, runId: `r${i}` }));
    const store = readPinStore({ b: [good, { ...good, runName: 'dup' }], c: many });
    expect(store['b']).toEqual([good]);
    expect(store['c']).toHaveLength(MAX_PINS);
  });

  it('strips unknown fields and keeps a stored colour slot', () => {
    const store = readPinStore({ b: [{ ...good, extra: 1, colourSlot: 4 }] });
    expect(store['b']).toEqual([{ ...good, colourSlot: 4 }]);
  });

  it('a "__proto__" key stays data and pollutes nothing', () => {
    const raw = JSON.parse('{"__proto__": [{"runId":"r1","runName":"one","experimentId":"7","pinnedAt":100}]}');
    const store = readPinStore(raw);
    expect(Object.getPrototypeOf(store)).toBe(Object.prototype);
    expect(Object.keys(store)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['runId']).toBeUndefined();
  });
});
