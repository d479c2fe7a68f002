import { browser } from 'wxt/browser';
import { defineFeature } from '@/lib/features';
import { readAnalysisSettings, readWatchedRuns, watchedRuns } from '@/lib/settings';
import { checkWatchedRun, pageBase } from '@/lib/watch';

/**
 * Re-judges the runs the user follows on this MLflow, from any of its open tabs, and asks the background to notify
 * when one turns overfitting or diverging, and when it ends (finished, failed or stopped): ended runs are checked once
 * more, then no longer followed.
 */
export default defineFeature({
  id: 'run-watch',
  include: [() => true],
  async init({ signal, client, guard }) {
    const base = pageBase(location.href);
    const settings = await readAnalysisSettings();
    const everyMs = settings.liveRefreshSeconds * 1000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const mine = (await readWatchedRuns()).filter((r) => r.baseUrl === base);
      for (const run of mine) {
        if (signal.aborted) return;
        const outcome = await checkWatchedRun(client, run, settings, signal).catch(() => undefined);
        if (!outcome) continue; // unreachable for now: try again next time, say nothing
        if (outcome.alert) await browser.runtime.sendMessage({ type: 'lens:notify', ...outcome.alert });
        const all = await readWatchedRuns();
        await watchedRuns.setValue(
          outcome.finished
            ? all.filter((r) => !(r.runId === run.runId && r.baseUrl === base))
            // Onto the stored entry, not the one read before the check: "seen" may have been set meanwhile.
            : all.map((r) =>
                r.runId === run.runId && r.baseUrl === base
                  ? { ...r, runName: outcome.run.runName, lastVerdict: outcome.verdict, ...(outcome.needsAttention ? { attention: true } : {}) }
                  : r,
              ),
        );
      }
    };
    const loop = guard(async () => {
      await tick();
      if (!signal.aborted) timer = setTimeout(loop, everyMs);
    });
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    timer = setTimeout(loop, everyMs);
  },
});
