/**
 * Everything Lens stores, versioned. Hosts live in `local` because the host permissions that go with
 * them are per browser profile; feature switches follow the user (`sync`).
 */
import * as z from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import { DEFAULT_VERDICT_PARAMS, type PairOverride, type VerdictParams } from './analysis';
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
  /** How often a RUNNING run's verdict is refreshed while its page is visible, and followed runs are re-checked. */
  liveRefreshSeconds: number;
  /** Extra or replacing pairs: `train`/`validation` metric keys, with a direction when Lens cannot infer it. */
  pairs: PairOverride[];
};
export type AnalysisNumber = Exclude<keyof AnalysisSettings, 'pairs'>;

/** What each number may be: the options page's input bounds, and what a stored value must keep to be used. */
export const ANALYSIS_BOUNDS: Readonly<Record<AnalysisNumber, readonly [min: number, max: number]>> = {
  overfitThreshold: [0, 1000],
  watchThreshold: [0, 1000],
  patience: [0, 10000],
  warmup: [1, 10000],
  minDelta: [0, 1],
  smoothing: [0, 0.99],
  trainProgressFloor: [-100, 100],
  divergenceThreshold: [0, 1000],
  noiseGuard: [0, 2],
  liveRefreshSeconds: [2, 3600],
};

export const DEFAULT_ANALYSIS_SETTINGS: Readonly<AnalysisSettings> = { ...DEFAULT_VERDICT_PARAMS, liveRefreshSeconds: 15, pairs: [] };

/** Only what the user set: a field left empty on the options page is absent, and gets the default when read. */
export const analysisSettings = storage.defineItem<Partial<AnalysisSettings>>('sync:analysisSettings', {
  fallback: {},
  version: 1,
});

const StoredPair = z.object({ train: z.string(), validation: z.string(), direction: z.optional(z.enum(['min', 'max'])) });

/**
 * The fields of a stored value that Lens can use, each on its own: a number outside its bounds (or NaN, or
 * Infinity: zod's numbers are finite) and a malformed pair are dropped, the rest kept. Storage is user-editable,
 * and sync storage brings values from other versions of Lens.
 */
export function storedAnalysisSettings(raw: unknown): Partial<AnalysisSettings> {
  const stored = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out: Partial<AnalysisSettings> = {};
  for (const [key, [min, max]] of Object.entries(ANALYSIS_BOUNDS) as [AnalysisNumber, readonly [number, number]][]) {
    const value = z.number().safeParse(stored[key]).data;
    if (value !== undefined && value >= min && value <= max) out[key] = value;
  }
  if (Array.isArray(stored.pairs)) out.pairs = stored.pairs.flatMap((p) => StoredPair.safeParse(p).data ?? []);
  return out;
}

/** The settings every feature judges with: what the user set, the defaults for the rest. */
export async function readAnalysisSettings(): Promise<AnalysisSettings> {
  return { ...DEFAULT_ANALYSIS_SETTINGS, ...storedAnalysisSettings(await analysisSettings.getValue()) };
}

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
