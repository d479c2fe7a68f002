import { browser } from 'wxt/browser';
import { signal as createSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import css from '@/components/search/search.css?inline';
import type { QuickSearchOptions } from '../extras-contract';
import { mountView, type MountedView } from '@/components/shadow-mount';
import { defineFeature } from '@/lib/features';
import { parseMessage, searchReplyOf, type PingAnswer } from '@/lib/messages';
import { itemHash } from '@/lib/search/links';
import type { QuickSearchResult } from '@/lib/search/search';
import { pageBase } from '@/lib/mlflow/routes';
import { togglePinState } from '@/lib/compare/pin-storage';
import { emptySearchState, rememberOpened } from '@/lib/search/history-storage';
import { loadExtras } from '../load-extras';
import { recordBrowsing } from './browse-history';

/**
 * Quick search on MLflow pages: Ctrl/Cmd+K opens a palette over the page (not while typing in MLflow's
 * own fields), and the toolbar popup searches through this tab, with the page's session. The search itself
 * and its panel live in the lazily loaded bundle: a key press or the popup needs them, not every page.
 */
export default defineFeature({
  id: 'quick-search',
  include: [() => true],
  init({ route, signal, client, guard }) {
    const open = createSignal(false);
    let palette: MountedView | undefined;

    const base = pageBase(location.href);
    recordBrowsing({ route, signal, guard }, base);
    const show = async () => {
      if (open.value) return;
      open.value = true;
      const [empty, extras] = await Promise.all([
        emptySearchState(base).catch(() => undefined),
        loadExtras().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
      ]);
      if (signal.aborted) return;
      const close = () => {
        open.value = false;
        palette?.release();
      };
      // The palette's own signal: its searches stop when it closes, not only when the page is left.
      const options = (paletteSignal: AbortSignal): QuickSearchOptions => ({
        client,
        signal: paletteSignal,
        empty,
        onClose: close,
        pin: (item) =>
          item.kind === 'run'
            ? togglePinState(base, { runId: item.id, runName: item.name, experimentId: item.experimentId, pinnedAt: Date.now() })
            : Promise.resolve('Only runs can be pinned for comparison.'),
        open: (item, newTab) => {
          close();
          void rememberOpened(base, item);
          if (newTab) window.open(`${pageBase(location.href)}${itemHash(item)}`, '_blank', 'noopener');
          else location.hash = itemHash(item);
        },
      });
      palette = mountView(
        (h) => document.body.append(h),
        <div class="backdrop" onClick={(e) => e.target === e.currentTarget && close()}>
          <div class="palette" role="dialog" aria-label="Lens quick search" aria-modal="true">
            {extras instanceof Error ? (
              <div class="search">
                <p class="error" role="alert">{extras.message}</p>
                <button type="button" onClick={close}>Close</button>
              </div>
            ) : (
              // Mounted from an effect, after mountView has returned: `palette` is this palette's.
              <PanelSlot mount={(el) => extras.mountQuickSearch(el, options(palette!.signal))} />
            )}
          </div>
        </div>,
        { tag: 'lens-quick-search', feature: 'quick-search', css, signal },
      );
    };

    // The browser's "quick-search" command (unbound unless the user binds it) and Ctrl/Cmd+K: whichever comes, the
    // palette opens once (show() does nothing while it is open).
    document.addEventListener(
      'keydown',
      guard((event: KeyboardEvent) => {
        if (event.key.toLowerCase() !== 'k' || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
        if (isTyping(event)) return; // MLflow's own inputs keep the shortcut
        event.preventDefault();
        void show();
      }),
      { capture: true, signal },
    );

    // The toolbar popup talks to this tab: Lens's own extension only, and only messages that parse.
    const answer = (raw: unknown): Promise<unknown> | undefined => {
      const message = parseMessage(raw);
      if (message?.type === 'lens:ping') return Promise.resolve<PingAnswer>({ base: pageBase(location.href), title: document.title });
      if (message?.type === 'lens:search') {
        return loadExtras().then((extras) => extras.searchMlflow(client, message.query, signal)).then(
          searchReplyOf,
          (error: unknown) => ({ ok: false, message: error instanceof Error ? error.message : String(error) }),
        );
      }
      if (message?.type === 'lens:command' && message.command === 'quick-search') {
        void show();
        return Promise.resolve({ ok: true });
      }
      if (message?.type === 'lens:navigate') {
        location.hash = message.hash;
        return Promise.resolve({ ok: true });
      }
      return undefined;
    };
    const onMessage = (raw: unknown, sender: { id?: string }, sendResponse: (value: unknown) => void) => {
      if (sender.id !== browser.runtime.id) return false;
      const reply = answer(raw);
      if (!reply) return false;
      void reply.then(sendResponse);
      return true; // the answer comes asynchronously
    };
    browser.runtime.onMessage.addListener(onMessage);
    signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
  },
});

/** Where the bundle renders the panel (its own Preact tree), released with the palette. */
function PanelSlot({ mount }: { mount: (el: HTMLElement) => { unmount(): void } }) {
  const slot = useRef<HTMLDivElement>(null);
  useEffect(() => (slot.current ? mount(slot.current).unmount : undefined), []);
  return <div ref={slot} />;
}

function isTyping(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0] as HTMLElement | undefined;
  if (!target || !(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
