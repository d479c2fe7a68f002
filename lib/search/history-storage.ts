/**
 * Quick search's memory per MLflow: what was opened from quick search or browsed to lately, and the pinned runs
 * as search items. Reads and writes of one context (a tab's content script, the popup) take turns, so an item
 * opened from the palette and the page it leads to can't overwrite each other.
 */
import { readPins } from '../compare/pin-storage';
import {
  isNewestRecent,
  knownExperimentNames,
  readRecentStore,
  recordRecent,
  withExperimentNames,
  type RunItem,
  type SearchItem,
} from '.';
import { recentSearchItems } from '../settings';

let turn: Promise<unknown> = Promise.resolve();
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const next = turn.then(work, work);
  turn = next.catch(() => undefined);
  return next;
}

export function readRecent(base: string): Promise<SearchItem[]> {
  return inTurn(async () => readRecentStore(await recentSearchItems.getValue())[base] ?? []);
}

/** Puts `item` first in `base`'s recent items (an item opened from quick search, or a page browsed to). */
export function rememberOpened(base: string, item: SearchItem): Promise<void> {
  return inTurn(async () => {
    const store = readRecentStore(await recentSearchItems.getValue());
    if (isNewestRecent(store[base] ?? [], item)) return; // a tab switch on the same run: nothing to write
    await recentSearchItems.setValue(recordRecent(store, base, item));
  });
}

/** A run, experiment or registered model the user browsed to in MLflow. */
export const rememberBrowsed = rememberOpened;

export async function pinnedItems(base: string): Promise<RunItem[]> {
  return (await readPins(base)).map((pin) => ({ kind: 'run', id: pin.runId, name: pin.runName, experimentId: pin.experimentId }));
}

/**
 * What an empty search box shows. Pinned runs get the experiment names the recent items know; the palette asks
 * MLflow for the rest (lib/search/experiment-names.ts).
 */
export async function emptySearchState(base: string): Promise<{ pinned: RunItem[]; recent: SearchItem[] }> {
  const [pinned, recent] = await Promise.all([pinnedItems(base), readRecent(base)]);
  const names = knownExperimentNames(recent);
  return { pinned: withExperimentNames(pinned, names), recent: withExperimentNames(recent, names) };
}
