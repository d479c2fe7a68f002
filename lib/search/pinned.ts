/**
 * Which quick-search results are pinned for the compare drawer: the pins read when the box opened, corrected by
 * each Alt+P since (a toggle says whether the run ended up pinned).
 */
import type { SearchItem } from './rank';

/** What Alt+P did: the sentence for the user, and whether the run is pinned now. */
export interface PinToggle {
  message: string;
  pinned: boolean;
}

/** A pin callback's answer: a sentence alone (nothing known about the state), or the toggle. */
export function pinToggleOf(answer: string | PinToggle): { message: string; pinned?: boolean } {
  return typeof answer === 'string' ? { message: answer } : answer;
}

/** The run ids pinned now: `pinned` as read, with each toggle since applied. */
export function pinnedRunIds(pinned: readonly SearchItem[], toggles: ReadonlyMap<string, boolean>): Set<string> {
  const ids = new Set(pinned.filter((item) => item.kind === 'run').map((item) => item.id));
  for (const [runId, isPinned] of toggles) {
    if (isPinned) ids.add(runId);
    else ids.delete(runId);
  }
  return ids;
}

/**
 * The empty box's pinned runs now: those pinned since it opened (newest first), then the pins as read. A run
 * unpinned here stays where it is, unmarked, so the selection does not jump under the user.
 */
export function pinnedItemsNow(
  pinned: readonly SearchItem[],
  toggles: ReadonlyMap<string, boolean>,
  toggled: ReadonlyMap<string, SearchItem>,
): SearchItem[] {
  const known = new Set(pinned.map((item) => item.id));
  const added = [...toggles]
    .filter(([runId, isPinned]) => isPinned && !known.has(runId))
    .map(([runId]) => toggled.get(runId))
    .filter((item): item is SearchItem => item !== undefined)
    .reverse();
  return [...added, ...pinned];
}

/** Whether a result is a pinned run. */
export function isPinnedItem(item: SearchItem | undefined, pinnedIds: ReadonlySet<string>): boolean {
  return item?.kind === 'run' && pinnedIds.has(item.id);
}

/** The Alt+P key hint for the selected result: "Alt+P unpin" on a pinned run, else "Alt+P pin". */
export function pinKeyHint(item: SearchItem | undefined, pinnedIds: ReadonlySet<string>): string {
  return isPinnedItem(item, pinnedIds) ? 'Alt+P unpin' : 'Alt+P pin';
}
