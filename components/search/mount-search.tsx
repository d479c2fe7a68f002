import { render } from 'preact';
import type { PinToggle, QuickSearchResult, SearchItem } from '@/lib/search';
import { SearchPanel } from './SearchPanel';

export type EmptyState = { pinned: SearchItem[]; recent: SearchItem[] };

/** What the palette's view needs: plain data and callbacks (the bundle has its own Preact). */
export interface SearchViewOptions {
  search(query: string, signal: AbortSignal): Promise<QuickSearchResult>;
  /** Shown while the box is empty: pinned runs and recently opened or browsed items. */
  empty?: EmptyState;
  /**
   * The same items with their experiments named, once known (pinned runs carry their experiment's id only); null
   * when nothing changed.
   */
  named?: Promise<EmptyState | null>;
  /** Pins (or unpins) a run for comparison; resolves to what to tell the user and whether the run is pinned now. */
  pin(item: SearchItem): Promise<string | PinToggle>;
  open(item: SearchItem, newTab: boolean): void;
  onClose(): void;
}

export interface QuickSearchHandle {
  unmount(): void;
}

/** Renders the Ctrl/Cmd+K palette's panel into `el` with the bundle's Preact. */
export function renderQuickSearch(el: HTMLElement, options: SearchViewOptions): QuickSearchHandle {
  let mounted = true;
  const draw = (empty: EmptyState | undefined) =>
    render(<SearchPanel search={options.search} onClose={options.onClose} empty={empty} pin={options.pin} open={options.open} />, el);
  draw(options.empty);
  void options.named?.then((named) => {
    if (mounted && named) draw(named);
  });
  return {
    unmount: () => {
      mounted = false;
      render(null, el);
    },
  };
}
