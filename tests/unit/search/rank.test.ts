import { describe, expect, it } from 'vitest';
import { rankResults, RESULT_CAPS, SCORE, scoreMatch, type SearchItem } from '@/lib/search/rank';

const exp = (name: string, updated?: number, id = name): SearchItem => ({ kind: 'experiment', name, id, ...(updated !== undefined ? { updated } : {}) });
const run = (name: string, updated?: number, id = name): SearchItem => ({
  kind: 'run',
  name,
  id,
  experimentId: '1',
  ...(updated !== undefined ? { updated } : {}),
});

describe('scoreMatch', () => {
  it('exact > prefix > word-prefix > substring > none, case-insensitively', () => {
    expect(scoreMatch('churn', 'Churn')).toBe(SCORE.exact);
    expect(scoreMatch('chu', 'Churn')).toBe(SCORE.prefix);
    expect(scoreMatch('chu', 'HM_Dataset/binary_classification/Churn')).toBe(SCORE.wordPrefix);
    for (const sep of ['/', '-', '_', ' ']) expect(scoreMatch('mole', `crawling${sep}mole`)).toBe(SCORE.wordPrefix);
    expect(scoreMatch('hur', 'Churn')).toBe(SCORE.substring);
    expect(scoreMatch('xyz', 'Churn')).toBe(SCORE.none);
    expect(scoreMatch('  CHURN ', 'churn')).toBe(SCORE.exact);
  });

  it('finds a word start after an earlier plain occurrence', () => {
    expect(scoreMatch('ab', 'xab-ab')).toBe(SCORE.wordPrefix);
  });

  it('an id equal to the query is exact', () => {
    expect(scoreMatch('be1aadb1b715485898456051edacc074', 'crawling-mole-592', 'BE1AADB1B715485898456051EDACC074')).toBe(SCORE.exact);
  });
});

describe('rankResults', () => {
  it('orders exact, prefix, word-prefix, substring', () => {
    const items = [exp('xchurnx'), exp('a/churn-b'), exp('churn-2'), exp('churn')];
    expect(rankResults('churn', items).experiments.map((e) => e.name)).toEqual(['churn', 'churn-2', 'a/churn-b', 'xchurnx']);
  });

  it('breaks ties by most recently updated, unknown times last, then input order (stable)', () => {
    const items = [run('mole-a', 10), run('mole-b'), run('mole-c', 30), run('mole-d'), run('mole-e', 20)];
    expect(rankResults('mole', items).runs.map((r) => r.name)).toEqual(['mole-c', 'mole-e', 'mole-a', 'mole-b', 'mole-d']);
  });

  it('a better match beats a more recent one', () => {
    const items = [run('x-mole', 1_000), run('mole', 1)];
    expect(rankResults('mole', items).runs.map((r) => r.name)).toEqual(['mole', 'x-mole']);
  });

  it('groups by kind and caps each group (exported caps, overridable)', () => {
    const items: SearchItem[] = [
      ...Array.from({ length: 20 }, (_, i) => run(`r${i}`, i)),
      { kind: 'registered-model', name: 'r-model', id: 'r-model' },
      { kind: 'logged-model', name: 'r-lm', id: 'm-1', experimentId: '1' },
      exp('r-exp'),
    ];
    const out = rankResults('r', items);
    expect(Object.keys(out)).toEqual(['experiments', 'runs', 'registeredModels', 'loggedModels']);
    expect(out.runs.length).toBe(RESULT_CAPS.run);
    expect(out.runs[0]!.name).toBe('r19');
    expect(out.experiments.map((e) => e.name)).toEqual(['r-exp']);
    expect(out.registeredModels.map((e) => e.name)).toEqual(['r-model']);
    expect(out.loggedModels.map((e) => e.id)).toEqual(['m-1']);
    expect(rankResults('r', items, { run: 3 }).runs.length).toBe(3);
  });

  it('drops duplicates of the same kind and id (a run found by name and by id)', () => {
    const out = rankResults('mole', [run('mole', 1, 'id1'), run('mole', 1, 'id1'), run('mole', 1, 'id2')]);
    expect(out.runs.map((r) => r.id)).toEqual(['id1', 'id2']);
  });

  it('keeps what the server found even when the name does not contain the query, last', () => {
    const out = rankResults('be1aadb1', [run('other', 5, 'zzz'), run('be1aadb1-run', 1)]);
    expect(out.runs.map((r) => r.name)).toEqual(['be1aadb1-run', 'other']);
  });
});
