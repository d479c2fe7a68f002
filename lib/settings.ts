/**
 * Everything Lens stores, versioned. Hosts live in `local` because the host permissions that go with
 * them are per browser profile; feature switches follow the user (`sync`).
 */
import * as z from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import type { PairOverride, VerdictParams } from './analysis';
import type { FeatureId } from './features-catalog';

export const UserHost = z.object({
  /** A match pattern such as `https://mlflow.example.com/*`. */
  pattern: z.string(),
  /** The origin the user typed, for display. */
  origin: z.string(),
  addedAt: z.number(),
});
export type UserHost = z.infer<typeof UserHost>;

export const userHosts = storage.defineItem<UserHost[]>('local:userHosts', {
  fallback: [],
  version: 1,
});

/** Features the user switched off; everything else is on. */
export const disabledFeatures = storage.defineItem<FeatureId[]>('sync:disabledFeatures', {
  fallback: [],
  version: 1,
});

/** Reads stored hosts, dropping anything malformed rather than failing (storage is user-editable). */
export async function readUserHosts(): Promise<UserHost[]> {
  const raw = await userHosts.getValue();
  const parsed = z.array(UserHost).safeParse(raw);
  return parsed.success ? parsed.data : [];
}

/** The overfitting rule's parameters and the user's own train/validation pairs (options page → badge). */
export type AnalysisSettings = VerdictParams & {
  /** How often a RUNNING run's verdict is refreshed while its page is visible. */
  liveRefreshSeconds: number;
  /** Extra or replacing pairs: `train`/`validation` metric keys, with a direction when Lens cannot infer it. */
  pairs: PairOverride[];
};

export const analysisSettings = storage.defineItem<Partial<AnalysisSettings>>('sync:analysisSettings', {
  fallback: {},
  version: 1,
});

/** Whether a registration adds Lens's `lens.*` tags to the version (the register menu's opt-out; one-click follows it). */
export const registerLensTags = storage.defineItem<boolean>('sync:registerLensTags', { fallback: true, version: 1 });

/** The compare drawer's height as the user last left it: a share of the window (0.2–0.9), null until resized. */
export const drawerHeightShare = storage.defineItem<number | null>('local:drawerHeightShare', { fallback: null, version: 1 });

/**
 * Runs the user follows (the badge details' "Follow this run" switch), per MLflow page base URL. The storage key
 * keeps its first name ("watched"): renaming it would drop what users follow.
 */
export const WatchedRun = z.object({
  baseUrl: z.string(),
  runId: z.string(),
  runName: z.string(),
  runUrl: z.string(),
  lastVerdict: z.optional(z.string()),
  /** Turned overfitting or diverging since the user last looked (the popup, or the run's page): the toolbar badge. */
  attention: z.optional(z.boolean()),
});
export type WatchedRun = z.infer<typeof WatchedRun>;

export const watchedRuns = storage.defineItem<WatchedRun[]>('local:watchedRuns', { fallback: [], version: 1 });

export async function readWatchedRuns(): Promise<WatchedRun[]> {
  const parsed = z.array(WatchedRun).safeParse(await watchedRuns.getValue());
  return parsed.success ? parsed.data : [];
}

/** The MLflow the popup searched last (its page base, e.g. `http://localhost:5000/`), for when no MLflow tab is open. */
export const lastSearchBase = storage.defineItem<string | null>('local:lastSearchBase', { fallback: null, version: 1 });

/** Runs pinned for comparison, per MLflow page base URL (see lib/compare/pins.ts; parse with readPinStore). */
export const pinnedRuns = storage.defineItem<Record<string, unknown>>('local:pinnedRuns', { fallback: {}, version: 1 });

/** Items the user opened from quick search or browsed to, newest first, per MLflow page base URL (parse with readRecentStore). */
export const recentSearchItems = storage.defineItem<Record<string, unknown>>('local:recentSearchItems', { fallback: {}, version: 1 });
