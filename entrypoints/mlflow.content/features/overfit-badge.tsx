import { effect, signal as createSignal, type Signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { OverfitBadge, type BadgeState } from '@/components/overfit/OverfitBadge';
import { CardMarker } from '@/components/overfit/CardMarker';
import css from '@/components/overfit/overfit.css?inline';
import { mountView, type MountedView } from '@/components/shadow-mount';
import { observe } from '@/lib/dom/observe';
import { whenIdle } from '@/lib/dom/idle';
import { defineFeature } from '@/lib/features';
import { chartCardHeading, chartCardMetricKey, runTabsDrawn, selectors } from '@/lib/mlflow/anchors';
import { isRunPage } from '@/lib/mlflow/routes';
import { ANCHOR_NOTICES } from '@/lib/mlflow/support';
import { noticeIfMissing } from '@/lib/notices';
import { bestAttributes, type RunVerdict } from '@/lib/run-verdicts';
import { followRun, patchFollowedRun, unfollowRun } from '@/lib/followed-runs';
import { readAnalysisSettings, readWatchedRuns, watchedRuns } from '@/lib/settings';
import { pageBase } from '@/lib/mlflow/routes';
import { loadExtras } from '../load-extras';

/** How long an anchor may take to appear before Lens says it can't find it (MLflow's charts load after its data). */
const ANCHOR_WAIT_MS = 20_000;
/** The longest the exact verdict's download waits for an idle page after the first verdict. */
const EXACT_AFTER_IDLE_MAX_MS = 3_000;

/**
 * The overfitting verdict on the run page: a pill beside the run name (details on click) and, on the
 * Model metrics tab, a marker on each chart card of a paired metric. RUNNING runs refresh while visible.
 */
export default defineFeature({
  id: 'overfit-badge',
  include: [isRunPage],
  async init({ route, signal, verdicts, guard }) {
    if (route.kind !== 'run') return;
    const runId = route.runId;
    const settings = await readAnalysisSettings();
    const state = createSignal<BadgeState>({ status: 'loading' });

    let loading = false;
    const load = async (quiet: boolean) => {
      if (loading) return;
      loading = true;
      if (!quiet) state.value = { status: 'loading' };
      try {
        const onSampled = (result: RunVerdict) => {
          if (state.value.status !== 'ready' || state.value.result.sampled) state.value = { status: 'ready', result };
          // The exact histories (megabytes) wait until MLflow has done its own loading.
          return whenIdle(EXACT_AFTER_IDLE_MAX_MS, signal);
        };
        // Shared with the page's other features (one-click register's notes); a refresh asks MLflow again.
        state.value = { status: 'ready', result: await verdicts.get(runId, settings, signal, { onSampled, fresh: quiet }) };
      } catch (error) {
        if (signal.aborted) return;
        // A failed background refresh keeps the last good verdict on screen.
        if (!quiet || state.value.status !== 'ready') state.value = { status: 'error', message: messageOf(error) };
      } finally {
        loading = false;
      }
    };
    const openSettings = () => void browser.runtime.sendMessage({ type: 'lens:open-options' });

    const base = pageBase(location.href);
    const watching = createSignal(false);
    const syncWatching = async () => {
      const runs = await readWatchedRuns();
      const mine = runs.find((r) => r.runId === runId && r.baseUrl === base);
      watching.value = !!mine;
      // The user is looking at this followed run: it no longer counts on the toolbar badge.
      if (mine?.attention && document.visibilityState === 'visible') await patchFollowedRun(mine, { attention: false });
    };
    void syncWatching();
    const unwatchStorage = watchedRuns.watch(() => void syncWatching());
    signal.addEventListener('abort', unwatchStorage, { once: true });
    const toggleWatch = async (on: boolean) => {
      const s = state.value;
      await (on
        ? followRun({
            baseUrl: base,
            runId,
            runName: s.status === 'ready' ? s.result.runName : runId,
            runUrl: location.href,
            lastVerdict: s.status === 'ready' ? s.result.judgement.verdict : undefined,
          })
        : unfollowRun({ baseUrl: base, runId }));
    };

    // Open from the badge or from a Model metrics marker: one popover.
    const detailsOpen = createSignal(false);
    let badgeHost: HTMLElement | undefined;
    const openDetails = () => {
      detailsOpen.value = true;
      badgeHost?.scrollIntoView({ block: 'nearest' });
    };

    // A component, not a vnode: it reads the signal while rendering, so it re-renders when the verdict changes.
    const Badge = () => (
      <OverfitBadge
        state={state.value}
        smoothing={settings.smoothing}
        onRetry={() => void load(false)}
        onOpenSettings={openSettings}
        loadCharts={loadExtras}
        watch={{ watching: watching.value, onToggle: (on) => void toggleWatch(on) }}
        open={detailsOpen.value}
        onOpenChange={(open) => (detailsOpen.value = open)}
      />
    );
    let badge: MountedView | undefined;
    observe(selectors.runTitle, guard((title: HTMLElement) => {
      // MLflow re-renders its header: one badge per page, always beside the current title.
      badge = mountView((h) => title.after(h), <Badge />, {
        tag: 'lens-overfit-badge',
        feature: 'overfit-badge',
        css,
        signal,
        attributes: { 'data-run-id': runId },
        replaces: badge,
      });
      badgeHost = badge.host;
      bindContract(badge.host, state, badge.signal);
    }), { signal });

    // A release that renamed the element Lens attaches to: say so rather than stay silent.
    // Only once MLflow has drawn the run page (its tabs), so a slow load is not taken for a missing title.
    const pageDrawn = () => runTabsDrawn(document);
    noticeIfMissing(selectors.runTitle, ANCHOR_WAIT_MS, { id: 'anchor-badge', text: ANCHOR_NOTICES.badge }, signal, pageDrawn);
    if (route.tab === 'model-metrics') {
      const hasPairs = () => state.value.status === 'ready' && state.value.result.judgement.pairs.length > 0;
      noticeIfMissing(selectors.chartCard, ANCHOR_WAIT_MS, { id: 'anchor-markers', text: ANCHOR_NOTICES.markers }, signal, hasPairs);
      const markers = new Set<MountedView>();
      observe(selectors.chartCard, guard((card: HTMLElement) => {
        // Auto-refresh replaces MLflow's cards: release the markers that left the page with them.
        for (const old of markers) if (!old.host.isConnected) (old.release(), markers.delete(old));
        const key = chartCardMetricKey(card);
        const title = chartCardHeading(card);
        if (!key || !title) return;
        const marker = mountView((h) => title.after(h), <CardMarker state={state} metricKey={key} onOpen={openDetails} />, {
          tag: 'lens-overfit-marker',
          feature: 'overfit-badge',
          css,
          signal,
          attributes: { 'data-run-id': runId, 'data-metric': key },
        });
        markers.add(marker);
        bindContract(marker.host, state, marker.signal, key);
      }), { signal });
    }

    await load(false);
    watchWhileRunning(state, () => load(true), settings.liveRefreshSeconds * 1000, signal);
  },
});

/** The public contract on each host: data-verdict, data-best-step, data-provisional (for tests and users' automation). */
function bindContract(host: HTMLElement, state: Signal<BadgeState>, signal: AbortSignal, metricKey?: string) {
  const dispose = effect(() => {
    const s = state.value;
    if (s.status !== 'ready') {
      host.dataset.verdict = s.status;
      delete host.dataset.bestStep;
      delete host.dataset.bestEpoch;
      delete host.dataset.provisional;
      return;
    }
    // Judged on MLflow's sample of a long history: the exact verdict replaces it.
    if (s.result.sampled) host.dataset.provisional = 'true';
    else delete host.dataset.provisional;
    const { judgement } = s.result;
    const pair = metricKey
      ? judgement.pairs.find((p) => p.pair.train === metricKey || p.pair.validation === metricKey)
      : judgement.primary;
    host.dataset.verdict = metricKey ? (pair?.verdict ?? 'unpaired') : judgement.verdict;
    delete host.dataset.bestStep;
    delete host.dataset.bestEpoch;
    Object.assign(host.dataset, bestAttributes(pair));
    host.hidden = metricKey !== undefined && !pair;
  });
  signal.addEventListener('abort', dispose, { once: true });
}

/** Re-judges a RUNNING run at a modest cadence while its tab is visible; stops when the run ends. */
function watchWhileRunning(state: Signal<BadgeState>, refresh: () => Promise<void>, everyMs: number, signal: AbortSignal) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const running = () => state.value.status !== 'ready' || !state.value.result.finished;
  const schedule = () => {
    clearTimeout(timer);
    if (signal.aborted || document.hidden || !running()) return;
    timer = setTimeout(() => void refresh().then(schedule), everyMs);
  };
  document.addEventListener('visibilitychange', schedule, { signal });
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  schedule();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
