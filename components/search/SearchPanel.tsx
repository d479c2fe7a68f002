import { useEffect, useRef, useState } from 'preact/hooks';
import { isPinnedItem, pinKeyHint, pinnedItemsNow, pinnedRunIds, pinToggleOf, type PinToggle, type QuickSearchResult, type SearchItem } from '@/lib/search';

export interface SearchPanelProps {
  search(query: string, signal: AbortSignal): Promise<QuickSearchResult>;
  /** `newTab`: Ctrl/Cmd+Enter or a middle-click. */
  open(item: SearchItem, newTab: boolean): void;
  /** Shown above the results (the MLflow being searched, or why nothing can be). */
  header?: preact.ComponentChildren;
  onClose?(): void;
  debounceMs?: number;
  /**
   * Shown while the box is empty: pinned runs and recently opened or browsed items. The pinned runs are also what
   * marks results as pinned.
   */
  empty?: { pinned: SearchItem[]; recent: SearchItem[] };
  /**
   * Pins (or unpins) a run for comparison (Alt+P); resolves to what to tell the user, and whether the run is
   * pinned now (else the marks follow the next `empty`).
   */
  pin?(item: SearchItem): Promise<string | PinToggle>;
}

const GROUPS = [
  ['experiments', 'Experiments'],
  ['runs', 'Runs'],
  ['registeredModels', 'Registered models'],
  ['loggedModels', 'Logged models'],
] as const;

type State = { status: 'idle' } | { status: 'searching' } | { status: 'done'; result: QuickSearchResult } | { status: 'error'; message: string };

/**
 * The quick-search box and its results, for the toolbar popup and the Ctrl/Cmd+K palette alike.
 * Keyboard first: ↑/↓ move, Enter opens, Ctrl/Cmd+Enter opens in a new tab, Esc closes.
 */
export function SearchPanel({ search, open, header, onClose, debounceMs = 150, empty, pin }: SearchPanelProps) {
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [state, setState] = useState<State>({ status: 'idle' });
  const [active, setActive] = useState(0);
  /** What each Alt+P since the pins were last read left pinned (true) or unpinned (false), by run id. */
  const [toggles, setToggles] = useState<ReadonlyMap<string, boolean>>(new Map());
  /** The runs those toggles were on, for the empty box's pinned list. */
  const [toggled, setToggled] = useState<ReadonlyMap<string, SearchItem>>(new Map());
  const input = useRef<HTMLInputElement>(null);

  // New pins read (the popup reads them again after Alt+P): they say it all. The same pins, now with their
  // experiments' names, keep the toggles.
  useEffect(() => setToggles(new Map()), [(empty?.pinned ?? []).map((item) => item.id).join(' ')]);
  const pinnedIds = pinnedRunIds(empty?.pinned ?? [], toggles);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    if (!query.trim()) {
      setState({ status: 'idle' });
      return;
    }
    // A newer keystroke aborts the older requests.
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setState({ status: 'searching' });
      search(query, controller.signal).then(
        (result) => {
          if (controller.signal.aborted) return;
          setState({ status: 'done', result });
          setActive(0);
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
        },
      );
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const groups: { key: string; title: string; items: SearchItem[] }[] =
    state.status === 'done'
      ? GROUPS.map(([key, title]) => ({ key, title, items: state.result[key] as SearchItem[] }))
      : state.status === 'idle' && !query.trim() && empty
        ? [
            { key: 'pinned', title: 'Pinned runs', items: pinnedItemsNow(empty.pinned, toggles, toggled) },
            { key: 'recent', title: 'Recent', items: empty.recent },
          ]
        : [];
  const items = groups.flatMap((g) => g.items);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, Math.max(items.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      const item = items[active];
      if (item) {
        e.preventDefault();
        open(item, e.ctrlKey || e.metaKey);
      }
    } else if (e.key === 'Escape') {
      onClose?.();
    } else if (pin && e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyP') {
      e.preventDefault();
      const item = items[active];
      if (item?.kind !== 'run') return setNotice('Only runs can be pinned for comparison.');
      void pin(item).then(
        (answer) => {
          const { message, pinned } = pinToggleOf(answer);
          if (pinned !== undefined) {
            setToggles((before) => new Map(before).set(item.id, pinned));
            setToggled((before) => new Map(before).set(item.id, item));
          }
          setNotice(message);
        },
        (error: unknown) => setNotice(error instanceof Error ? error.message : String(error)),
      );
    }
  };

  let index = -1;
  return (
    <div class="search" onKeyDown={onKeyDown}>
      {header}
      <input
        ref={input}
        class="search-input"
        type="search"
        aria-controls="lens-search-results"
        aria-activedescendant={items.length ? `lens-result-${active}` : undefined}
        aria-label="Search experiments, runs and models"
        placeholder="Search experiments, runs, models — or paste a run id"
        value={query}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        autocomplete="off"
        spellcheck={false}
      />
      {state.status === 'searching' && <p class="hint" role="status">Searching…</p>}
      {state.status === 'error' && (
        <p class="error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'done' && items.length === 0 && (
        <p class="hint" role="status">
          No match for “{state.result.query}”.
        </p>
      )}
      {state.status === 'done' && state.result.errors.length > 0 && (
        <p class="error" role="alert">
          Some results are missing: {state.result.errors[0]!.error.message}
        </p>
      )}
      {/* Always in the page, so a screen reader announces what Alt+P did (a live region added with its text may not be). */}
      <p class={notice ? 'hint' : 'hint empty'} aria-live="polite" aria-atomic="true" data-testid="lens-search-notice">
        {notice}
      </p>
      <div id="lens-search-results" role="listbox" aria-label="Results">
        {groups.map(({ key, title, items: group }) => {
          if (!group.length) return null;
          return (
            <div key={key} role="group" aria-label={title}>
              <p class="group-title">{title}</p>
              {group.map((item) => {
                index += 1;
                const i = index;
                const pinned = isPinnedItem(item, pinnedIds);
                return (
                  <div
                    key={`${key}:${item.kind}:${item.id}`}
                    id={`lens-result-${i}`}
                    role="option"
                    aria-selected={i === active}
                    class={i === active ? 'item active' : 'item'}
                    data-pinned={item.kind === 'run' ? String(pinned) : undefined}
                    onMouseEnter={() => setActive(i)}
                    onClick={(e) => open(item, e.ctrlKey || e.metaKey)}
                    onAuxClick={(e) => e.button === 1 && open(item, true)}
                  >
                    <span class="name">{item.name}</span>
                    {pinned && (
                      <span class="pinned" data-testid="lens-pinned-mark">
                        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
                          <path fill="currentColor" d="M10.5 1.5 14.5 5.5 13 6.2 10.6 8.6 10.9 11.8 9.8 12.9 7 10.1 3 14.1 1.9 13 5.9 9 3.1 6.2 4.2 5.1 7.4 5.4 9.8 3Z" />
                        </svg>
                        {/* The comma makes screen readers pause: "crawling-mole-592, Pinned, churn · finished". */}
                        <span class="sr-only">, </span>Pinned<span class="sr-only">,</span>
                      </span>
                    )}
                    <span class="meta">{describe(item)}</span>
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
      <p class="keys">↑↓ move · Enter open · Ctrl+Enter new tab{pin ? ` · ${pinKeyHint(items[active], pinnedIds)}` : ''} · Esc close</p>
    </div>
  );
}

function describe(item: SearchItem): string {
  switch (item.kind) {
    case 'run':
      return [item.experimentName ?? `experiment ${item.experimentId}`, item.status?.toLowerCase()].filter(Boolean).join(' · ');
    case 'registered-model':
      return item.latestVersion ? `latest v${item.latestVersion}` : 'registered model';
    case 'logged-model':
      return item.experimentName ?? 'logged model';
    default:
      return 'experiment';
  }
}
