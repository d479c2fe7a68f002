import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { SearchPanel } from '@/components/search/SearchPanel';
import css from '@/components/search/search.css?inline';
import popupCss from '@/components/popup/popup.css?inline';
import { PopupLinks } from '@/components/popup/PopupLinks';
import { FollowedRuns } from '@/components/popup/FollowedRuns';
import { isMlflowError } from '@/lib/mlflow/errors';
import { MlflowClient } from '@/lib/mlflow/client';
import { parseSearchReply, pingTab } from '@/lib/messages';
import { createSearchCache, itemHash, quickSearch, type QuickSearchResult } from '@/lib/search';
import { patchFollowedRun, unfollowRun } from '@/lib/followed-runs';
import { lastSearchBase, readWatchedRuns, watchedRuns, type WatchedRun } from '@/lib/settings';
import { readPins, togglePin, watchPins } from '@/lib/compare/pin-storage';
import { shortBase } from '@/lib/mlflow/routes';
import { emptySearchState, rememberOpened } from '@/lib/search/history-storage';
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

/** How many runs are pinned on this MLflow, kept current while the popup is open (Alt+P changes it). */
function usePinnedCount(base: string | undefined): number | undefined {
  const [count, setCount] = useState<number>();
  useEffect(() => {
    if (!base) return undefined;
    void readPins(base).then((pins) => setCount(pins.length));
    return watchPins(base, (pins) => setCount(pins.length));
  }, [base]);
  return base ? count ?? 0 : undefined;
}

/**
 * The followed runs of every MLflow, kept current. Opening the popup is looking at them: those that turned bad stop
 * counting on the toolbar badge (the list still marks them "new" until the popup closes).
 */
function useFollowedRuns(tabs: readonly MlflowTab[] | null) {
  const [runs, setRuns] = useState<WatchedRun[]>([]);
  useEffect(() => {
    void readWatchedRuns().then((all) => {
      setRuns(all);
      for (const run of all) if (run.attention) void patchFollowedRun(run, { attention: false });
    });
    return watchedRuns.watch(() => void readWatchedRuns().then((all) => setRuns((shown) => all.map((r) => ({ ...r, attention: r.attention || !!shown.find((s) => s.runId === r.runId && s.baseUrl === r.baseUrl)?.attention })))));
  }, []);
  const keyOf = (r: WatchedRun) => `${r.baseUrl} ${r.runId}`;
  const find = (key: string) => runs.find((r) => keyOf(r) === key);
  const list = (
    <FollowedRuns
      runs={runs.map((r) => ({ key: keyOf(r), runName: r.runName, where: shortBase(r.baseUrl), verdict: r.lastVerdict, attention: !!r.attention }))}
      onOpen={(key) => {
        const run = find(key);
        if (!run) return;
        // In an open tab of its MLflow (its session), else a new tab.
        const tab = tabs?.find((t) => t.base === run.baseUrl);
        const hash = new URL(run.runUrl).hash;
        if (tab && /^#\//.test(hash)) {
          void browser.tabs.sendMessage(tab.tabId, { type: 'lens:navigate', hash }).then(() => browser.tabs.update(tab.tabId, { active: true })).finally(() => window.close());
        } else void browser.tabs.create({ url: run.runUrl }).then(() => window.close());
      }}
      onUnfollow={(key) => {
        const run = find(key);
        if (run) void unfollowRun(run);
      }}
    />
  );
  return list;
}

const openOptions = () => {
  void browser.runtime.openOptionsPage();
  window.close();
};

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
  const pinned = usePinnedCount(tab?.base);
  const followed = useFollowedRuns(tabs);

  if (tabs === null) return <p class="hint">Looking for MLflow tabs…</p>;
  const links = (
    <PopupLinks
      pinned={tab ? pinned : undefined}
      onOpenOptions={openOptions}
      onOpenDrawer={async () => {
        if (!tab) return;
        // The drawer lives in the MLflow page: open it there (the message delivered before the popup closes) and bring
        // that tab forward.
        await browser.tabs.sendMessage(tab.tabId, { type: 'lens:command', command: 'open-drawer' }).catch(() => undefined);
        await browser.tabs.update(tab.tabId, { active: true });
        await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
        window.close();
      }}
    />
  );
  if (!tab && fallback) return <div class="popup"><DirectSearch base={fallback} />{followed}{links}</div>;
  if (!tab) {
    return (
      <div class="popup">
        <p class="hint">Open MLflow in a tab (and sign in): Lens searches through it, with your session.</p>
        {followed}
        {links}
      </div>
    );
  }
  const bases = [...new Map(tabs.map((t) => [t.base, t])).values()];
  return (
    <div class="popup">
      <SearchPanel
        header={
          bases.length > 1 ? (
            <label class="source">
              MLflow{' '}
              <select aria-label="MLflow to search" value={String(chosen)} onChange={(e) => setChosen(Number((e.target as HTMLSelectElement).value))}>
                {bases.map((t) => (
                  <option key={t.tabId} value={String(t.tabId)}>
                    {shortBase(t.base)}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p class="source">
              MLflow at <strong>{shortBase(tab.base)}</strong>
            </p>
          )
        }
        search={async (query) => {
          void lastSearchBase.setValue(tab.base);
          const reply = parseSearchReply(await browser.tabs.sendMessage(tab.tabId, { type: 'lens:search', query }));
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
      {followed}
      {links}
    </div>
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
          No MLflow tab open: finds experiments, registered models and run ids on <strong>{shortBase(base)}</strong>. Open
          MLflow in a tab to find runs by name too.
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

// The search panel's styles are written for a shadow root (:host, :host(.dark)): here the page's root, following the
// system theme.
const panelCss = css
  .replace(/:host\(\.dark\)\s*\{([^}]*)\}/, '@media (prefers-color-scheme: dark) { :root {$1} }')
  .replace(/:host/g, ':root');
const style = document.createElement('style');
style.textContent = `${panelCss}\n${popupCss}`;
document.head.append(style);
render(<Popup />, document.getElementById('app')!);
