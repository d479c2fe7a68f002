import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pinRuns } from '@/lib/compare/pin-storage';
import { emptySearchState, readRecent, rememberBrowsed, rememberOpened } from '@/lib/search/history-storage';
import { MAX_RECENT, type SearchItem } from '@/lib/search';
import { recentSearchItems } from '@/lib/settings';

const BASE = 'http://localhost:5000/';
const OTHER = 'https://ml.example.com/';
// Names and ids as MLflow 3.17.2 answered them (tests/unit/fixtures/3.17.2: runs-search-page1, experiments-search).
const EXPERIMENT: SearchItem = { kind: 'experiment', id: '2', name: 'HM_Dataset/regression/Sales' };
const RUN: SearchItem = { kind: 'run', id: '563186980b804aaeae89b84a533f2cfe', name: 'eager-lynx-301', experimentId: '1', experimentName: 'HM_Dataset/binary_classification/Churn' };

beforeEach(() => fakeBrowser.reset());

describe('search history in storage', () => {
  it('remembers opened and browsed items per MLflow, newest first', async () => {
    await rememberOpened(BASE, EXPERIMENT);
    await rememberBrowsed(BASE, RUN);
    await rememberOpened(OTHER, EXPERIMENT);
    expect(await readRecent(BASE)).toEqual([RUN, EXPERIMENT]);
    expect(await readRecent(OTHER)).toEqual([EXPERIMENT]);
    expect(await readRecent('http://127.0.0.1:5000/')).toEqual([]);
  });

  it('writes nothing when the item is already the newest, saying all it knows (a tab switch on one run)', async () => {
    await rememberBrowsed(BASE, RUN);
    let writes = 0;
    const unwatch = recentSearchItems.watch(() => writes++);
    await rememberBrowsed(BASE, { ...RUN, experimentName: undefined });
    await rememberBrowsed(BASE, RUN);
    unwatch();
    expect(writes).toBe(0);
  });

  it('takes turns within one context: items remembered at once all land', async () => {
    const items = Array.from({ length: MAX_RECENT }, (_, i): SearchItem => ({ kind: 'experiment', id: String(i), name: `e${i}` }));
    await Promise.all(items.map((item) => rememberOpened(BASE, item)));
    expect((await readRecent(BASE)).map((i) => i.id)).toEqual(items.map((i) => i.id).reverse());
  });

  it('drops malformed stored items rather than failing', async () => {
    await fakeBrowser.storage.local.set({ recentSearchItems: { [BASE]: [{ kind: 'run', id: 'x' }, EXPERIMENT, 'junk'] } });
    expect(await readRecent(BASE)).toEqual([EXPERIMENT]);
  });

  it('the empty search box: pinned runs named after the experiments the recent items know', async () => {
    await rememberBrowsed(BASE, RUN);
    await pinRuns(BASE, [{ runId: 'ce96ccd8a3f146c5b8ac85cb1f84ba9a', runName: 'calm-otter-88', experimentId: '1', pinnedAt: 1 }]);
    expect(await emptySearchState(BASE)).toEqual({
      pinned: [{ kind: 'run', id: 'ce96ccd8a3f146c5b8ac85cb1f84ba9a', name: 'calm-otter-88', experimentId: '1', experimentName: 'HM_Dataset/binary_classification/Churn' }],
      recent: [RUN],
    });
    expect(await emptySearchState(OTHER)).toEqual({ pinned: [], recent: [] });
  });
});
