import { browser } from 'wxt/browser';
import { defineFeature } from '@/lib/features';
import { whileFollowOwner } from '@/lib/follow-owner';
import { patchFollowedRun, unfollowRun } from '@/lib/followed-runs';
import { readAnalysisSettings, readWatchedRuns } from '@/lib/settings';
import { pageBase } from '@/lib/mlflow/routes';
import { checkWatchedRun } from '@/lib/watch';

/**
 * Re-judges the runs the user follows on this MLflow, from one of its open tabs (lib/follow-owner.ts), and asks the
 * background to notify when one turns overfitting or diverging, and when it ends (finished, failed or stopped): ended
 * runs are checked once more, then no longer followed.
 */
export default defineFeature({
  id: 'run-watch',
  include: [() => true],
  async init({ signal, client }) {
    const base = pageBase(location.href);
    const settings = await readAnalysisSettings();
    const everyMs = settings.liveRefreshSeconds * 1000;
    const tick = async () => {
      const mine = (await readWatchedRuns()).filter((r) => r.baseUrl === base);
      for (const run of mine) {
        if (signal.aborted) return;
        const outcome = await checkWatchedRun(client, run, settings, signal).catch(() => undefined);
        if (!outcome) continue; // unreachable for now: try again next time, say nothing
        if (outcome.alert) await browser.runtime.sendMessage({ type: 'lens:notify', ...outcome.alert });
        // Onto the stored entry, not the one read before the check: "seen" may have been set meanwhile.
        await (outcome.finished
          ? unfollowRun(run)
          : patchFollowedRun(run, { runName: outcome.run.runName, lastVerdict: outcome.verdict, ...(outcome.needsAttention ? { attention: true } : {}) }));
      }
    };
    await whileFollowOwner(base, signal, async () => {
      while (!signal.aborted) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            signal.removeEventListener('abort', wake);
            resolve();
          };
          const timer = setTimeout(wake, everyMs);
          signal.addEventListener('abort', wake);
        });
        if (!signal.aborted) await tick();
      }
    });
  },
});
