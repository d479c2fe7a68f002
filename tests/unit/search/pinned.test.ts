import { describe, expect, it } from 'vitest';
import { MlflowClient } from '@/lib/mlflow/client';
import { isPinnedItem, nameExperiments, pinKeyHint, pinnedItemsNow, pinnedRunIds, pinToggleOf, type RunItem, type SearchItem } from '@/lib/search';

const run = (id: string, experimentId = '1'): RunItem => ({ kind: 'run', id, name: `run-${id}`, experimentId });

describe('pinned marking', () => {
  it('the pins as read, with each Alt+P since applied', () => {
    const ids = pinnedRunIds([run('a'), run('b')], new Map([['b', false], ['c', true]]));
    expect([...ids].sort()).toEqual(['a', 'c']);
  });

  it("the empty box's pinned list follows Alt+P: runs pinned since come first, newest first; unpinned ones stay in place", () => {
    const toggled = new Map([['b', run('b')], ['c', run('c')], ['d', run('d')]]);
    const toggles = new Map([['b', false], ['c', true], ['d', true]]);
    expect(pinnedItemsNow([run('a'), run('b')], toggles, toggled).map((i) => i.id)).toEqual(['d', 'c', 'a', 'b']);
    // Pinned again after an unpin: listed once.
    expect(pinnedItemsNow([run('a')], new Map([['a', true]]), new Map([['a', run('a')]])).map((i) => i.id)).toEqual(['a']);
    expect(pinnedItemsNow([], new Map(), new Map())).toEqual([]);
  });

  it('only runs are pinned: an experiment with a pinned run id is not', () => {
    const ids = new Set(['1']);
    expect(isPinnedItem(run('1'), ids)).toBe(true);
    expect(isPinnedItem({ kind: 'experiment', id: '1', name: 'e' }, ids)).toBe(false);
    expect(isPinnedItem(undefined, ids)).toBe(false);
  });

  it('the Alt+P hint follows the selected run', () => {
    const ids = new Set(['a']);
    expect(pinKeyHint(run('a'), ids)).toBe('Alt+P unpin');
    expect(pinKeyHint(run('b'), ids)).toBe('Alt+P pin');
    expect(pinKeyHint(undefined, ids)).toBe('Alt+P pin');
  });

  it('a plain sentence leaves the state unknown; a toggle says it', () => {
    expect(pinToggleOf('Only runs can be pinned for comparison.')).toEqual({ message: 'Only runs can be pinned for comparison.' });
    expect(pinToggleOf({ message: 'Unpinned x', pinned: false })).toEqual({ message: 'Unpinned x', pinned: false });
  });
});

describe('nameExperiments (experiments/get, once per experiment and page)', () => {
  function fakeClient(answer: (id: string) => { status: number; json: unknown }) {
    const asked: string[] = [];
    const fetchImpl = (async (input: RequestInfo | URL) => {
      const url = new URL(String(input));
      const id = url.searchParams.get('experiment_id') ?? '';
      asked.push(`${url.pathname.replace(/^.*\/mlflow\//, '')}?${id}`);
      const res = answer(id);
      return new Response(JSON.stringify(res.json), { status: res.status, headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
    const client = new MlflowClient({ baseUrl: `http://fake-${Math.random().toString(36).slice(2)}.test/`, fetch: fetchImpl, retryDelaysMs: [] });
    return { client, asked };
  }

  it('names each experiment once, caches it, and leaves items that have a name alone', async () => {
    const { client, asked } = fakeClient((id) => ({ status: 200, json: { experiment: { experiment_id: id, name: `exp ${id}` } } }));
    const named: SearchItem = { ...run('z', '9'), experimentName: 'already' };
    const out = await nameExperiments(client, [run('a'), run('b'), run('c', '2'), named]);
    expect(out.map((i) => (i.kind === 'run' ? i.experimentName : null))).toEqual(['exp 1', 'exp 1', 'exp 2', 'already']);
    expect(asked.sort()).toEqual(['experiments/get?1', 'experiments/get?2']);
    await nameExperiments(client, [run('d')]);
    expect(asked).toHaveLength(2);
  });

  it('a name that cannot be read (404, malformed answer) stays unknown, the rest are named, and it is asked again later', async () => {
    const { client, asked } = fakeClient((id) =>
      id === '1'
        ? { status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'gone' } }
        : id === '2'
          ? { status: 200, json: { experiment: { name: 42 } } }
          : { status: 200, json: { experiment: { experiment_id: id, name: 'sales' } } },
    );
    const out = await nameExperiments(client, [run('a', '1'), run('b', '2'), run('c', '3')]);
    expect(out.map((i) => (i.kind === 'run' ? i.experimentName : null))).toEqual([undefined, undefined, 'sales']);
    await nameExperiments(client, [run('a', '1')]);
    expect(asked.filter((a) => a === 'experiments/get?1')).toHaveLength(2);
  });
});
