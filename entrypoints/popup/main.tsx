import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { SearchPanel } from '@/components/search/SearchPanel';
import css from '@/components/search/search.css?inline';
import { isMlflowError } from '@/lib/mlflow/errors';
import { MlflowClient } from '@/lib/mlflow/client';
import { pingTab } from '@/lib/messages';
import { createSearchCache, itemHash, quickSearch, type QuickSearchResult } from '@/lib/search';
import { lastSearchBase } from '@/lib/settings';
import { togglePin } from '@/lib/pin-store';
import { emptySearchState, rememberOpened } from '@/lib/search-history';
import type { SearchItem } from '@/lib/search';

interface MlflowTab {
  tabId: number;
  windowId: number;
  active: boolean;
  base: string;
}

/**
 * The toolbar popup: searches through an open MLflow tab (the active one if it is MLflow, else the one
 * chosen here), so the page's own session is used and Lens needs no host permission of its own.
 */
async function findMlflowTabs(): Promise<MlflowTab[]> {
  const tabs = await browser.tabs.query({});
  const answers = await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined) return null;
      const id = tab.id;
      const reply = await pingTab(() => browser.tabs.sendMessage(id, { type: 'lens:ping' }));
      return reply ? { tabId: tab.id, windowId: tab.windowId ?? 0, active: !!tab.active, base: reply.base } : null;
    }),
  );
  return answers.filter((a): a is MlflowTab => a !== null).sort((a, b) => Number(b.active) - Number(a.active));
}

/** Where an MLflow URL's host permission pattern lies (match patterns ignore ports). */
function patternOf(base: string): string {
  const url = new URL(base);
  return `${url.protocol}//${url.hostname}/*`;
}

/** Pinned and recent items of one MLflow for the empty search box, and the Alt+P pin key. */
function useSearchMemory(base: string | undefined) {
  const [empty, setEmpty] = useState<{ pinned: SearchItem[]; recent: SearchItem[] }>();
  const reload = () => {
    if (base) void emptySearchState(base).then(setEmpty);
  };
  useEffect(reload, [base]);
  const pin = async (item: SearchItem) => {
    if (!base || item.kind !== 'run') return 'Only runs can be pinned for comparison.';
    const message = await togglePin(base, { runId: item.id, runName: item.name, experimentId: item.experimentId, pinnedAt: Date.now() });
    reload();
    return message;
  };
  return { empty, pin, remember: (item: SearchItem) => (base ? rememberOpened(base, item) : Promise.resolve()) };
}

function Popup() {
  const [tabs, setTabs] = useState<MlflowTab[] | null>(null);
  const [chosen, setChosen] = useState<number>();
  const [fallback, setFallback] = useState<string | null>(null);
  useEffect(() => {
    void findMlflowTabs().then(async (found) => {
      if (!found.length) {
        // No MLflow tab: search the last MLflow directly, if Lens may reach it (GETs only).
        const base = await lastSearchBase.getValue();
        if (base && (await browser.permissions.contains({ origins: [patternOf(base)] }))) setFallback(base);
      }
      setTabs(found);
      setChosen(found[0]?.tabId);
    });
  }, []);
  const tab = tabs?.find((t) => t.tabId === chosen);
  const memory = useSearchMemory(tab?.base);

  if (tabs === null) return <p class="hint">Looking for MLflow tabs…</p>;
  if (!tab && fallback) return <DirectSearch base={fallback} />;
  if (!tab) {
    return (
      <div class="search">
        <p class="hint">Open MLflow in a tab (and sign in): Lens searches through it, with your session.</p>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          Lens options
        </button>
      </div>
    );
  }
  const bases = [...new Map(tabs.map((t) => [t.base, t])).values()];
  return (
    <SearchPanel
      header={
        bases.length > 1 ? (
          <label class="source">
            Search{' '}
            <select aria-label="MLflow to search" value={String(chosen)} onChange={(e) => setChosen(Number((e.target as HTMLSelectElement).value))}>
              {bases.map((t) => (
                <option key={t.tabId} value={String(t.tabId)}>
                  {t.base}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p class="source">Searching {tab.base}</p>
        )
      }
      search={async (query) => {
        void lastSearchBase.setValue(tab.base);
        const reply = (await browser.tabs.sendMessage(tab.tabId, { type: 'lens:search', query })) as
          | { ok: true; result: QuickSearchResult }
          | { ok: false; message: string }
          | undefined;
        if (!reply) throw new Error('The MLflow tab did not answer: reload it and try again.');
        if (!reply.ok) throw new Error(reply.message);
        return reply.result;
      }}
      empty={memory.empty}
      pin={memory.pin}
      open={async (item, newTab) => {
        const hash = itemHash(item);
        await memory.remember(item);
        if (newTab) void browser.tabs.create({ url: `${tab.base}${hash}` });
        else {
          void browser.tabs.sendMessage(tab.tabId, { type: 'lens:navigate', hash });
          void browser.tabs.update(tab.tabId, { active: true });
          window.close();
        }
      }}
      onClose={() => window.close()}
    />
  );
}

/** Searching without an MLflow tab: from the extension itself, where it holds the host permission. */
function DirectSearch({ base }: { base: string }) {
  const [signIn, setSignIn] = useState(false);
  const [client] = useState(() => new MlflowClient({ baseUrl: base }));
  const [cache] = useState(() => createSearchCache<QuickSearchResult>(30_000));
  const memory = useSearchMemory(base);
  if (signIn) {
    return (
      <div class="search">
        <p class="hint">{base} asks for sign-in. Open MLflow in a tab and sign in, then search again.</p>
        <button type="button" onClick={() => void browser.tabs.create({ url: base })}>
          Open MLflow in a tab
        </button>
      </div>
    );
  }
  return (
    <SearchPanel
      header={
        <p class="source">
          Searching {base} (no MLflow tab open): experiments, registered models and run ids. Open MLflow in a tab to
          search run names too.
        </p>
      }
      search={async (query, signal) => {
        const result = await quickSearch(client, query, { signal, cache, getOnly: true });
        if (result.errors.some((e) => isMlflowError(e.error, 'session-expired'))) setSignIn(true);
        return result;
      }}
      empty={memory.empty}
      pin={memory.pin}
      open={async (item) => {
        await memory.remember(item);
        void browser.tabs.create({ url: `${base}${itemHash(item)}` });
        window.close();
      }}
      onClose={() => window.close()}
    />
  );
}

const style = document.createElement('style');
style.textContent = `${css.replace(/:host\(\.dark\)\s*\{[^}]*\}/, '').replace(/:host/g, ':root')}\nbody { margin: 0; width: 460px; min-height: 120px; padding: 12px; box-sizing: border-box; background: var(--panel); }`;
document.head.append(style);
render(<Popup />, document.getElementById('app')!);
