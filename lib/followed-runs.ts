/**
 * Every change to the followed runs (`watchedRuns`): the badge's Follow switch and its "seen", the owner tab's checks
 * (entrypoints/mlflow.content/features/run-watch.ts), the popup's Stop and "seen". Each change re-reads the stored
 * list and replaces, adds or removes one entry, so no writer puts back a list it read before another's change (a
 * check that wrote its stale copy undid a Follow or a "seen" made meanwhile). Writers of one origin take turns
 * under a Web Lock: an MLflow page's content scripts share its origin's, the popup and the background the
 * extension's. Across origins only the short read-and-write can still meet.
 */
import { withPageLock } from './dom/page-lock';
import { readWatchedRuns, watchedRuns, type WatchedRun } from './settings';

/** Which followed run: one run of one MLflow (its page base). */
export type FollowedRunRef = Pick<WatchedRun, 'baseUrl' | 'runId'>;

const WRITE_LOCK = 'lens-watched-runs';

export const isSameRun = (a: FollowedRunRef, b: FollowedRunRef): boolean => a.baseUrl === b.baseUrl && a.runId === b.runId;

/** Re-reads the list and sets `ref`'s entry to what `change` makes of it (undefined: not followed). */
export function updateFollowedRun(ref: FollowedRunRef, change: (current: WatchedRun | undefined) => WatchedRun | undefined): Promise<void> {
  return withPageLock(WRITE_LOCK, async () => {
    const runs = await readWatchedRuns();
    const current = runs.find((r) => isSameRun(r, ref));
    const next = change(current);
    if (next === current) return;
    const others = runs.filter((r) => r !== current);
    await watchedRuns.setValue(!next ? others : current ? runs.map((r) => (r === current ? next : r)) : [...runs, next]);
  });
}

export const followRun = (run: WatchedRun): Promise<void> => updateFollowedRun(run, () => run);

export const unfollowRun = (ref: FollowedRunRef): Promise<void> => updateFollowedRun(ref, () => undefined);

/** Changes a run only while it is still followed: a check that ends after the user's Stop puts nothing back. */
export const patchFollowedRun = (ref: FollowedRunRef, patch: Partial<Omit<WatchedRun, 'baseUrl' | 'runId'>>): Promise<void> =>
  updateFollowedRun(ref, (run) => run && { ...run, ...patch });
