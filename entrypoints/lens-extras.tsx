import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { renderCompareDrawer } from '@/components/compare/mount-drawer';
import { CompareModel } from '@/components/compare/model';
import { plotMiniChart } from '@/components/overfit/mini-chart-plot';
import { renderQuickSearch } from '@/components/search/mount-search';
import { CompareLoader } from '@/lib/compare/load';
import type { MlflowClient } from '@/lib/mlflow/client';
import { createSearchCache, nameEmptyState, quickSearch, type QuickSearchResult } from '@/lib/search';
import { publishExtras, type DrawerOptions, type LensExtras, type QuickSearchOptions } from './mlflow.content/extras-contract';
import { mountLeaderboard } from './mlflow.content/features/leaderboard-panel/mount';

/**
 * The code only a click needs (uPlot, the compare drawer, quick search, the leaderboard), kept out of the content script. The background
 * injects it into the asking tab's content-script world (scripting.executeScript), where it leaves its
 * functions for the content script (entrypoints/mlflow.content/extras-contract.ts: an own property of the global,
 * which a page element of the same name can't shadow). Here the features' loaders get the page's client; their
 * views (components/) get signals and callbacks.
 */
export default defineUnlistedScript(() => {
  const extras: LensExtras = { plotMiniChart, mountCompareDrawer, mountQuickSearch, searchMlflow, mountLeaderboard };
  publishExtras(extras);
});

/**
 * The comparison's data outlives the drawer and the routes of this tab (closing and reopening, or going from the
 * runs table to a run, must not start over): one loader and model per page, made on first use.
 */
let compare: CompareModel | undefined;
const lifetime = new AbortController();

function mountCompareDrawer(el: HTMLElement, options: DrawerOptions) {
  compare ??= new CompareModel(new CompareLoader(options.client, options.settings, lifetime.signal), options.settings);
  return renderCompareDrawer(el, compare, options);
}

/** One cache per page, for the palette and the toolbar popup's searches through this tab alike. */
const cache = createSearchCache<QuickSearchResult>(30_000);

/** Searches this tab's MLflow (experiments, runs, registered and logged models) with the page's session. */
function searchMlflow(client: MlflowClient, query: string, signal: AbortSignal): Promise<QuickSearchResult> {
  return quickSearch(client, query, { signal, cache });
}

function mountQuickSearch(el: HTMLElement, { client, signal, empty, ...view }: QuickSearchOptions) {
  return renderQuickSearch(el, {
    ...view,
    search: (query, searchSignal) => searchMlflow(client, query, AbortSignal.any([signal, searchSignal])),
    empty,
    // Pinned runs carry their experiment's id only: name it (once per experiment and page), then show the names.
    named: empty && nameEmptyState(client, empty),
  });
}
