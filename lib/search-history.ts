/** Quick search's memory per MLflow: what was opened lately, and the pinned runs as search items. */
import { readPins } from './pin-store';
import { addRecent, readRecentStore, type RunItem, type SearchItem } from './search';
import { recentSearchItems } from './settings';

export async function readRecent(base: string): Promise<SearchItem[]> {
  return readRecentStore(await recentSearchItems.getValue())[base] ?? [];
}

export async function rememberOpened(base: string, item: SearchItem): Promise<void> {
  const store = readRecentStore(await recentSearchItems.getValue());
  store[base] = addRecent(store[base] ?? [], item);
  await recentSearchItems.setValue(store);
}

export async function pinnedItems(base: string): Promise<RunItem[]> {
  return (await readPins(base)).map((pin) => ({ kind: 'run', id: pin.runId, name: pin.runName, experimentId: pin.experimentId }));
}

/** What an empty search box shows. */
export async function emptySearchState(base: string): Promise<{ pinned: RunItem[]; recent: SearchItem[] }> {
  const [pinned, recent] = await Promise.all([pinnedItems(base), readRecent(base)]);
  return { pinned, recent };
}
