import { describe, expect, it } from 'vitest';
import { addRecent, MAX_RECENT, readRecentStore, type SearchItem } from '@/lib/search';

const run = (id: string, name = `run-${id}`): SearchItem => ({ kind: 'run', id, name, experimentId: '1' });

describe('addRecent', () => {
  it('puts the item first and drops its older entry', () => {
    const list = [run('a'), run('b'), run('c')];
    expect(addRecent(list, run('b', 'renamed')).map((i) => [i.id, i.name])).toEqual([
      ['b', 'renamed'],
      ['a', 'run-a'],
      ['c', 'run-c'],
    ]);
  });

  it('keeps the same id of another kind apart', () => {
    const experiment: SearchItem = { kind: 'experiment', id: 'a', name: 'exp' };
    expect(addRecent([run('a')], experiment).map((i) => i.kind)).toEqual(['experiment', 'run']);
  });

  it(`keeps at most ${MAX_RECENT}`, () => {
    let list: SearchItem[] = [];
    for (let i = 0; i < MAX_RECENT + 5; i++) list = addRecent(list, run(String(i)));
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]!.id).toBe(String(MAX_RECENT + 4));
  });
});

describe('readRecentStore', () => {
  it('keeps valid items per base and drops malformed ones', () => {
    const store = readRecentStore({
      'http://localhost:5000/': [run('a'), { kind: 'run', id: 'b' }, { kind: 'nope', id: 'c', name: 'c' }, { kind: 'registered-model', id: 'Churn', name: 'Churn' }],
      'http://other/': 'not a list',
    });
    expect(Object.keys(store)).toEqual(['http://localhost:5000/']);
    expect(store['http://localhost:5000/']!.map((i) => i.id)).toEqual(['a', 'Churn']);
  });

  it('anything that is not an object reads as empty', () => {
    for (const raw of [null, undefined, 3, 'x', []]) expect(readRecentStore(raw)).toEqual({});
  });
});
