import { signal as createSignal, type Signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import css from '@/components/leaderboard/button.css?inline';
import { mountView } from '@/components/shadow-mount';
import { observe } from '@/lib/dom/observe';
import { defineFeature } from '@/lib/features';
import { parseMessage } from '@/lib/messages';
import { selectors } from '@/lib/mlflow/anchors';
import { isCompareExperimentsPage, isExperimentRunsPage } from '@/lib/mlflow/routes';
import { loadExtras } from '../load-extras';
import { openCompareDrawer } from './compare-drawer';

/**
 * The experiment leaderboard (issue #17): a "Leaderboard" button beside the runs page's view switch, and the
 * browser's `leaderboard` command, open a panel ranking every run of the experiment (or of the experiments
 * compared). Only this switch lives in the content script: the panel, its loading and its actions are in the lazy
 * bundle (./leaderboard-panel/).
 */
export default defineFeature({
  id: 'leaderboard',
  include: [isExperimentRunsPage, isCompareExperimentsPage],
  init({ route, signal, client, guard }) {
    const experimentIds = route.kind === 'experiment-runs' ? [route.experimentId] : route.kind === 'compare-experiments' ? route.experimentIds : [];
    if (!experimentIds.length) return;
    const open = createSignal(false);
    const failure = createSignal('');
    let panel: AbortController | undefined;
    const close = () => {
      open.value = false;
      panel?.abort();
    };
    const show = async () => {
      open.value = true;
      const extras = await loadExtras().catch((e: Error) => void (failure.value = e.message));
      const mount = extras?.mountLeaderboard;
      if (!mount || signal.aborted) return void ((open.value = false), extras && (failure.value = 'Lens was updated: reload the page.'));
      panel = new AbortController();
      const panelSignal = AbortSignal.any([signal, panel.signal]);
      // An empty shadow root for the bundle's own Preact tree (and styles), removed with it.
      const { host } = mountView((h) => document.body.append(h), null, { tag: 'lens-leaderboard', feature: 'leaderboard', css: '', signal: panelSignal });
      const handle = mount(host.shadowRoot!.lastElementChild as HTMLElement, { client, experimentIds, signal, onClose: close, onCompared: () => (close(), openCompareDrawer()) });
      panelSignal.addEventListener('abort', handle.unmount, { once: true });
    };
    const toggle = guard(() => (open.value ? close() : show()));

    observe(selectors.runsViewSwitch, guard((viewSwitch: HTMLElement) => {
      mountView((h) => viewSwitch.after(h), <Button open={open} failure={failure} onClick={toggle} />, { tag: 'lens-leaderboard-button', feature: 'leaderboard', css, signal });
    }), { signal });

    const onMessage = (raw: unknown, sender: { id?: string }, sendResponse: (value: unknown) => void) => {
      if (sender.id !== browser.runtime.id || parseMessage(raw)?.type !== 'lens:command' || (raw as { command?: string }).command !== 'leaderboard') return false;
      toggle();
      sendResponse({ ok: true });
      return false;
    };
    browser.runtime.onMessage.addListener(onMessage);
    signal.addEventListener('abort', () => (browser.runtime.onMessage.removeListener(onMessage), close()), { once: true });
  },
});

function Button({ open, failure, onClick }: { open: Signal<boolean>; failure: Signal<string>; onClick: () => void }) {
  return (
    <>
      <button type="button" aria-expanded={open.value} onClick={onClick} title="Lens: rank the runs by their best validation value" data-testid="lens-leaderboard-open">
        Leaderboard
      </button>
      {failure.value ? <span class="error" role="alert">{failure.value}</span> : null}
    </>
  );
}
