import { browser } from 'wxt/browser';
import { signal as createSignal } from '@preact/signals';
import { SearchPanel } from '@/components/search/SearchPanel';
import css from '@/components/search/search.css?inline';
import { mountInShadow } from '@/components/shadow-mount';
import { defineFeature } from '@/lib/features';
import { pageDark } from '@/lib/mlflow/theme';
import { parseMessage, type PingAnswer } from '@/lib/messages';
import { createSearchCache, itemHash, quickSearch, type QuickSearchResult } from '@/lib/search';
import { pageBase } from '@/lib/watch';
import { togglePin } from '@/lib/pin-store';
import { emptySearchState, rememberOpened } from '@/lib/search-history';

/**
 * Quick search on MLflow pages: Ctrl/Cmd+K opens a palette over the page (not while typing in MLflow's
 * own fields), and the toolbar popup searches through this tab, with the page's session.
 */
export default defineFeature({
  id: 'quick-search',
  include: [() => true],
  init({ signal, client, guard }) {
    const cache = createSearchCache<QuickSearchResult>(30_000);
    const search = (query: string, s: AbortSignal) => quickSearch(client, query, { signal: AbortSignal.any([signal, s]), cache });
    const open = createSignal(false);
    let mount: AbortController | undefined;

    const base = pageBase(location.href);
    const show = async () => {
      if (open.value) return;
      open.value = true;
      const empty = await emptySearchState(base).catch(() => undefined);
      if (signal.aborted) return;
      mount = new AbortController();
      const close = () => {
        open.value = false;
        mount?.abort();
      };
      const host = mountInShadow(
        <div class="backdrop" onClick={(e) => e.target === e.currentTarget && close()}>
          <div class="palette" role="dialog" aria-label="Lens quick search" aria-modal="true">
            <SearchPanel
              search={search}
              onClose={close}
              empty={empty}
              pin={(item) =>
                item.kind === 'run'
                  ? togglePin(base, { runId: item.id, runName: item.name, experimentId: item.experimentId, pinnedAt: Date.now() })
                  : Promise.resolve('Only runs can be pinned for comparison.')
              }
              open={(item, newTab) => {
                close();
                void rememberOpened(base, item);
                if (newTab) window.open(`${pageBase(location.href)}${itemHash(item)}`, '_blank', 'noopener');
                else location.hash = itemHash(item);
              }}
            />
          </div>
        </div>,
        {
          tag: 'lens-quick-search', dark: pageDark(),
          css,
          place: (h) => document.body.append(h),
          signal: AbortSignal.any([signal, mount.signal]),
          attributes: { 'data-lens-feature': 'quick-search' },
        },
      );
    };

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
        return quickSearch(client, message.query, { signal, cache }).then(
          (result) => ({ ok: true, result: serialisable(result) }),
          (error: unknown) => ({ ok: false, message: error instanceof Error ? error.message : String(error) }),
        );
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

function isTyping(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0] as HTMLElement | undefined;
  if (!target || !(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Errors become plain objects: messages between contexts carry JSON only. */
function serialisable(result: QuickSearchResult) {
  return { ...result, errors: result.errors.map((e) => ({ group: e.group, error: { kind: e.error.kind, message: e.error.message } })) };
}
