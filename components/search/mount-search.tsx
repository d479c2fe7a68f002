import { render } from 'preact';
import type { QuickSearchHandle, QuickSearchOptions } from '@/components/lazy/contract';
import type { MlflowClient } from '@/lib/mlflow/client';
import { createSearchCache, nameExperiments, quickSearch, type QuickSearchResult, type SearchItem } from '@/lib/search';
import { SearchPanel } from './SearchPanel';

/** One cache per page, for the palette and the toolbar popup's searches through this tab alike. */
const cache = createSearchCache<QuickSearchResult>(30_000);

/** Searches this tab's MLflow (experiments, runs, registered and logged models) with the page's session. */
export function searchMlflow(client: MlflowClient, query: string, signal: AbortSignal): Promise<QuickSearchResult> {
  return quickSearch(client, query, { signal, cache });
}

/** Renders the Ctrl/Cmd+K palette's panel into `el` with this bundle's Preact; see components/lazy/contract.ts. */
export function mountQuickSearch(el: HTMLElement, options: QuickSearchOptions): QuickSearchHandle {
  let mounted = true;
  const draw = (empty: { pinned: SearchItem[]; recent: SearchItem[] } | undefined) =>
    render(
      <SearchPanel
        search={(query, signal) => searchMlflow(options.client, query, AbortSignal.any([options.signal, signal]))}
        onClose={options.onClose}
        empty={empty}
        pin={options.pin}
        open={options.open}
      />,
      el,
    );
  draw(options.empty);
  // Pinned runs carry their experiment's id only: name it (once per experiment and page), then show the names.
  const { empty } = options;
  if (empty) {
    void Promise.all([nameExperiments(options.client, empty.pinned), nameExperiments(options.client, empty.recent)]).then(([pinned, recent]) => {
      const changed = pinned.some((item, i) => item !== empty.pinned[i]) || recent.some((item, i) => item !== empty.recent[i]);
      if (mounted && changed && !options.signal.aborted) draw({ pinned, recent });
    });
  }
  return {
    unmount: () => {
      mounted = false;
      render(null, el);
    },
  };
}
