import { describe, expect, it } from 'vitest';
import {
  addRecent,
  isNewestRecent,
  knownExperimentNames,
  MAX_RECENT,
  MAX_RECENT_HOSTS,
  readRecentStore,
  recordRecent,
  unnamedExperimentIds,
  withExperimentNames,
  type RunItem,
  type SearchItem,
} from '@/lib/search';

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

describe('history merge (opened and browsed items)', () => {
  const base = 'http://localhost:5000/';
  it('a browsed run keeps the experiment name an earlier entry knew, and takes the newer run name', () => {
    const known: SearchItem = { kind: 'run', id: 'a', name: 'old-name', experimentId: '1', experimentName: 'churn', status: 'FINISHED' };
    const [merged] = addRecent([run('b'), known], { kind: 'run', id: 'a', name: 'crawling-mole-592', experimentId: '1' });
    expect(merged).toEqual({ kind: 'run', id: 'a', name: 'crawling-mole-592', experimentId: '1', experimentName: 'churn', status: 'FINISHED' });
  });

  it('recordRecent puts the item first for its address only and leaves the store it was given as it was', () => {
    const store = { [base]: [run('a')], 'http://other/': [run('x')] };
    const next = recordRecent(store, base, run('b'));
    expect(next[base]!.map((i) => i.id)).toEqual(['b', 'a']);
    expect(next['http://other/']!.map((i) => i.id)).toEqual(['x']);
    expect(store[base]!.map((i) => i.id)).toEqual(['a']);
  });

  it(`recordRecent keeps the ${MAX_RECENT_HOSTS} addresses used last`, () => {
    let store: Record<string, SearchItem[]> = {};
    for (let i = 0; i < MAX_RECENT_HOSTS + 3; i++) store = recordRecent(store, `http://h${i}/`, run(String(i)));
    store = recordRecent(store, 'http://h0/', run('again')); // h0 was dropped; used again, it comes back, newest
    const keys = Object.keys(store);
    expect(keys).toHaveLength(MAX_RECENT_HOSTS);
    expect(keys.at(-1)).toBe('http://h0/');
    expect(keys).not.toContain('http://h1/');
    expect(keys).toContain(`http://h${MAX_RECENT_HOSTS + 2}/`);
  });

  it('a stored "__proto__" address stays a plain key', () => {
    const store = readRecentStore(JSON.parse('{"__proto__": [{"kind":"experiment","id":"1","name":"e"}]}'));
    expect(Object.getPrototypeOf(store)).toBe(Object.prototype);
    expect(Object.keys(store)).toEqual(['__proto__']);
    expect(recordRecent(store, '__proto__', run('a'))['__proto__']!.map((i) => i.id)).toEqual(['a', '1']);
  });

  it('readRecentStore keeps the first (newest) entry of a thing listed twice', () => {
    const store = readRecentStore({ [base]: [run('a', 'new'), run('b'), run('a', 'old')] });
    expect(store[base]!.map((i) => [i.id, i.name])).toEqual([['a', 'new'], ['b', 'run-b']]);
  });

  it('isNewestRecent: the same run again (a tab switch) needs no write; a new name or another run does', () => {
    const list = [{ ...run('a', 'mole'), experimentName: 'churn' } as SearchItem, run('b')];
    expect(isNewestRecent(list, run('a', 'mole'))).toBe(true);
    expect(isNewestRecent(list, run('a', 'mole-2'))).toBe(false);
    expect(isNewestRecent(list, run('b'))).toBe(false);
    expect(isNewestRecent([], run('a'))).toBe(false);
  });

  it('names pinned runs from what recent items know, and lists the experiments still unnamed', () => {
    const recent: SearchItem[] = [
      { kind: 'experiment', id: '1', name: 'churn' },
      { kind: 'run', id: 'r', name: 'r', experimentId: '2', experimentName: 'sales' },
    ];
    const names = knownExperimentNames(recent);
    expect([...names]).toEqual([['1', 'churn'], ['2', 'sales']]);
    const pinned = withExperimentNames([run('p'), { ...run('q'), experimentId: '3' }] as RunItem[], names);
    expect(pinned.map((p) => p.experimentName)).toEqual(['churn', undefined]);
    expect(unnamedExperimentIds(pinned)).toEqual(['3']);
  });
});
