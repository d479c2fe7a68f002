/**
 * Quick search's recent items per MLflow page base, newest first: the items opened from quick search and the
 * runs, experiments and registered models the user browsed to in MLflow. The popup's and palette's empty state.
 */
import * as z from 'zod/mini';
import type { SearchItem } from './rank';

export const MAX_RECENT = 8;
/** MLflow addresses whose recent items are kept; the one used longest ago goes first. */
export const MAX_RECENT_HOSTS = 20;

const base = { name: z.string(), id: z.string(), updated: z.optional(z.number()) };
export const StoredSearchItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('experiment'), ...base }),
  z.object({ kind: z.literal('run'), ...base, experimentId: z.string(), experimentName: z.optional(z.string()), status: z.optional(z.string()) }),
  z.object({ kind: z.literal('registered-model'), ...base, latestVersion: z.optional(z.string()) }),
  z.object({ kind: z.literal('logged-model'), ...base, experimentId: z.string(), experimentName: z.optional(z.string()), sourceRunId: z.optional(z.string()) }),
]);

export type RecentStore = Record<string, SearchItem[]>;

/**
 * Recent items per MLflow page base, from whatever storage held: malformed entries are dropped, a thing listed
 * twice keeps its first (newest) entry, each list is cut at MAX_RECENT.
 */
export function readRecentStore(raw: unknown): RecentStore {
  const out: RecentStore = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [key, list] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    const seen = new Set<string>();
    const items = list.flatMap((item) => {
      const parsed = StoredSearchItem.safeParse(item);
      if (!parsed.success || seen.has(itemKey(parsed.data))) return [];
      seen.add(itemKey(parsed.data));
      return [parsed.data as SearchItem];
    });
    if (items.length) setOwn(out, key, items.slice(0, MAX_RECENT));
  }
  return out;
}

/**
 * Puts `item` first, dropping an older entry for the same thing, keeping at most `max`. What the older entry
 * knew and the new one does not (a browsed run's experiment name, say) is kept.
 */
export function addRecent(list: readonly SearchItem[], item: SearchItem, max = MAX_RECENT): SearchItem[] {
  const older = list.find((other) => itemKey(other) === itemKey(item));
  const merged = older ? ({ ...older, ...definedFields(item) } as SearchItem) : item;
  return [merged, ...list.filter((other) => other !== older && itemKey(other) !== itemKey(item))].slice(0, max);
}

/**
 * `store` with `item` first among `base`'s recent items; `base` becomes the most recently used address and at
 * most `maxHosts` addresses are kept. A new object: `store` is left as it was.
 */
export function recordRecent(store: RecentStore, base: string, item: SearchItem, maxHosts = MAX_RECENT_HOSTS): RecentStore {
  const list = addRecent(Object.hasOwn(store, base) ? store[base]! : [], item);
  const keys = [...Object.keys(store).filter((key) => key !== base), base].slice(-maxHosts);
  const out: RecentStore = {};
  for (const key of keys) setOwn(out, key, key === base ? list : store[key]!);
  return out;
}

/** Whether `item` is already the newest entry, saying all it knows: recording it again would change nothing. */
export function isNewestRecent(list: readonly SearchItem[], item: SearchItem): boolean {
  const first = list[0];
  if (!first || itemKey(first) !== itemKey(item)) return false;
  return Object.entries(definedFields(item)).every(([key, value]) => (first as unknown as Record<string, unknown>)[key] === value);
}

/** Experiment names the items know: experiments by their own name, runs and logged models by their experiment's. */
export function knownExperimentNames(items: readonly SearchItem[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const item of items) {
    if (item.kind === 'experiment') names.set(item.id, item.name);
    else if ((item.kind === 'run' || item.kind === 'logged-model') && item.experimentName !== undefined && !names.has(item.experimentId)) {
      names.set(item.experimentId, item.experimentName);
    }
  }
  return names;
}

/** Runs (and logged models) without an experiment name get the one `names` has for their experiment. */
export function withExperimentNames<T extends SearchItem>(items: readonly T[], names: ReadonlyMap<string, string>): T[] {
  return items.map((item) => {
    if ((item.kind !== 'run' && item.kind !== 'logged-model') || item.experimentName !== undefined) return item;
    const name = names.get(item.experimentId);
    return name === undefined ? item : { ...item, experimentName: name };
  });
}

/** The experiment ids of runs (and logged models) whose experiment name is not known, each once. */
export function unnamedExperimentIds(items: readonly SearchItem[]): string[] {
  const ids = new Set<string>();
  for (const item of items) {
    if ((item.kind === 'run' || item.kind === 'logged-model') && item.experimentName === undefined) ids.add(item.experimentId);
  }
  return [...ids];
}

function itemKey(item: { kind: string; id: string }): string {
  return `${item.kind}\u0000${item.id}`;
}

function definedFields(item: SearchItem): Partial<SearchItem> {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)) as Partial<SearchItem>;
}

/** A stored key "__proto__" must become a key, not the object's prototype. */
function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
