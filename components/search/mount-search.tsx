import { render } from 'preact';
import type { QuickSearchHandle, QuickSearchOptions } from '@/components/lazy/contract';
import type { MlflowClient } from '@/lib/mlflow/client';
import { createSearchCache, quickSearch, type QuickSearchResult } from '@/lib/search';
import { SearchPanel } from './SearchPanel';

/** One cache per page, for the palette and the toolbar popup's searches through this tab alike. */
const cache = createSearchCache<QuickSearchResult>(30_000);

/** Searches this tab's MLflow (experiments, runs, registered and logged models) with the page's session. */
export function searchMlflow(client: MlflowClient, query: string, signal: AbortSignal): Promise<QuickSearchResult> {
  return quickSearch(client, query, { signal, cache });
}

/** Renders the Ctrl/Cmd+K palette's panel into `el` with this bundle's Preact; see components/lazy/contract.ts. */
export function mountQuickSearch(el: HTMLElement, options: QuickSearchOptions): QuickSearchHandle {
  render(
    <SearchPanel
      search={(query, signal) => searchMlflow(options.client, query, AbortSignal.any([options.signal, signal]))}
      onClose={options.onClose}
      empty={options.empty}
      pin={options.pin}
      open={options.open}
    />,
    el,
  );
  return { unmount: () => render(null, el) };
}
