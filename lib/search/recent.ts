/** The items a user opened from quick search, newest first: the popup's and palette's empty state. */
import * as z from 'zod/mini';
import type { SearchItem } from './rank';

export const MAX_RECENT = 8;

const base = { name: z.string(), id: z.string(), updated: z.optional(z.number()) };
export const StoredSearchItem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('experiment'), ...base }),
  z.object({ kind: z.literal('run'), ...base, experimentId: z.string(), experimentName: z.optional(z.string()), status: z.optional(z.string()) }),
  z.object({ kind: z.literal('registered-model'), ...base, latestVersion: z.optional(z.string()) }),
  z.object({ kind: z.literal('logged-model'), ...base, experimentId: z.string(), experimentName: z.optional(z.string()), sourceRunId: z.optional(z.string()) }),
]);

/** Recent items per MLflow page base, from whatever storage held: malformed entries are dropped. */
export function readRecentStore(raw: unknown): Record<string, SearchItem[]> {
  const out: Record<string, SearchItem[]> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [key, list] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    const items = list.flatMap((item) => {
      const parsed = StoredSearchItem.safeParse(item);
      return parsed.success ? [parsed.data as SearchItem] : [];
    });
    if (items.length) out[key] = items.slice(0, MAX_RECENT);
  }
  return out;
}

/** Puts `item` first, dropping an older entry for the same thing, keeping at most `max`. */
export function addRecent(list: readonly SearchItem[], item: SearchItem, max = MAX_RECENT): SearchItem[] {
  return [item, ...list.filter((other) => other.kind !== item.kind || other.id !== item.id)].slice(0, max);
}
