import { browser } from 'wxt/browser';
import { defineFeature } from '@/lib/features';
import { analysisSettings, readWatchedRuns, watchedRuns } from '@/lib/settings';
import { pageBase } from '@/lib/mlflow/routes';
import { checkWatchedRun } from '@/lib/watch';

const DEFAULT_SECONDS = 15;

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
    const settings = await analysisSettings.getValue();
    const everyMs = Math.max(2, settings.liveRefreshSeconds ?? DEFAULT_SECONDS) * 1000;
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
