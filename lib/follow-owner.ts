/**
 * Which tab checks the followed runs of one MLflow: the one holding the Web Lock `lens-follow:<page base>`. The
 * checks must come from an MLflow tab (the page's session: MLflow ≥ 3.5 refuses some POSTs from extension pages),
 * and one tab is enough: with every tab checking, each sent the same requests and they raced on the stored list.
 * A tab holds the lock while its check loop runs (until its feature signal aborts: the tab closes, navigates or Lens
 * is switched off); the next tab of that MLflow waiting for it then takes over. Without Web Locks every tab checks.
 */
import { withPageLock } from './dom/page-lock';

export const followLockName = (base: string): string => `lens-follow:${base}`;

/**
 * Runs `loop` once this tab owns `base`'s checks; `loop` must settle once `signal` aborts, which hands the lock to
 * the next tab. A tab aborted while it waited lets the lock go at once.
 */
export async function whileFollowOwner(base: string, signal: AbortSignal, loop: () => Promise<void>): Promise<void> {
  await withPageLock(followLockName(base), async () => {
    if (!signal.aborted) await loop();
  });
}
