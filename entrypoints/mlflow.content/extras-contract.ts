/**
 * What the lazily loaded bundle (`entrypoints/lens-extras.tsx`: uPlot, the compare drawer, quick search) offers the
 * content script. Charts are needed on a click, not on every MLflow page: keeping them out took the content
 * script from 85 to 55 KB gzipped. The bundle runs in the content script's world and leaves this object as
 * an own property of the global, `EXTRAS_KEY` (`publishExtras`); the content script takes it from there
 * (`readExtras`); only plain data, DOM elements, callbacks and the page's MlflowClient cross over (the
 * bundle has its own Preact, so no vnode or signal does).
 *
 * The client crosses to the bundle's loaders (the compare drawer's, quick search's), which sit beside its views
 * and hand them data and callbacks: this contract is the features', not the views' (components/ never sees the client).
 */
import type { DrawerHandle, DrawerViewOptions } from '@/components/compare/mount-drawer';
import type { MiniChartPlotter } from '@/components/overfit/MiniChart';
import type { EmptyState, QuickSearchHandle, SearchViewOptions } from '@/components/search/mount-search';
import type { MlflowClient } from '@/lib/mlflow/client';
import type { QuickSearchResult } from '@/lib/search';
import type { AnalysisSettings } from '@/lib/settings';

/**
 * A string, not a symbol: in Firefox the content-script global is an Xray view of the page's window, and
 * a plain named property is what reliably passes between scripts injected into that world.
 *
 * A page element can shadow any such name (`<div id="__lensForMlflowExtras">` is `window.__lensForMlflowExtras`
 * in every world, issue #15.6), so the name is only ever read as an OWN property of the global — element
 * names live on the window's prototype chain — and its value is checked to be the bundle.
 */
export const EXTRAS_KEY = '__lensForMlflowExtras';

/** The bundle's functions, as the content script needs them: not an element or anything else a page names. */
export function isLensExtras(value: unknown): value is LensExtras {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof LensExtras, unknown>>;
  return (
    typeof candidate.plotMiniChart === 'function' &&
    typeof candidate.mountCompareDrawer === 'function' &&
    typeof candidate.mountQuickSearch === 'function' &&
    typeof candidate.searchMlflow === 'function'
  );
}

/** The bundle, once injected into this world; never what a page element of that name shadows. */
export function readExtras(): LensExtras | undefined {
  const own = Object.getOwnPropertyDescriptor(globalThis, EXTRAS_KEY);
  return own && 'value' in own && isLensExtras(own.value) ? own.value : undefined;
}

/** The bundle's side: leaves `extras` for the content script, unless a bundle already did. */
export function publishExtras(extras: LensExtras): void {
  if (readExtras()) return;
  Object.defineProperty(globalThis, EXTRAS_KEY, { value: extras, configurable: true, enumerable: false, writable: false });
}

export interface DrawerOptions extends DrawerViewOptions {
  client: MlflowClient;
  settings: Partial<AnalysisSettings>;
}

export interface QuickSearchOptions extends Pick<SearchViewOptions, 'pin' | 'open' | 'onClose'> {
  client: MlflowClient;
  /** Aborts the palette's searches (the palette is closed, the page is left or Lens is switched off). */
  signal: AbortSignal;
  /** Shown while the box is empty: pinned runs and recently opened or browsed items (the bundle names their experiments). */
  empty?: EmptyState;
}

export interface LeaderboardOptions {
  client: MlflowClient;
  /** The experiments whose runs are ranked (one on a runs page, several on compare-experiments). */
  experimentIds: readonly string[];
  /** Aborted when the page is left: the loading stops (closing the panel keeps what was loaded for a reopening). */
  signal: AbortSignal;
  onClose(): void;
  /**
   * "Compare the top N" pinned those runs: the content script closes the leaderboard and opens the compare drawer.
   * (The bundle reads the settings and the pins from extension storage itself: that code stays out of the content script.)
   */
  onCompared(): void;
}

export interface LeaderboardHandle {
  unmount(): void;
}

export interface LensExtras extends MiniChartPlotter {
  /** Renders the compare drawer into `el` (its own Preact tree); its data outlives unmount for this tab. */
  mountCompareDrawer(el: HTMLElement, options: DrawerOptions): DrawerHandle;
  /** Renders the Ctrl/Cmd+K palette's search box and results into `el`. */
  mountQuickSearch(el: HTMLElement, options: QuickSearchOptions): QuickSearchHandle;
  /** A search of this tab's MLflow, for the toolbar popup (it has no session of its own). */
  searchMlflow(client: MlflowClient, query: string, signal: AbortSignal): Promise<QuickSearchResult>;
  /**
   * Renders the experiment leaderboard into `el`. Optional: a bundle left in this world by an older Lens (updated
   * under a page that stays open) lacks it, and the leaderboard then asks for a reload instead of failing.
   */
  mountLeaderboard?(el: HTMLElement, options: LeaderboardOptions): LeaderboardHandle;
}

export type LoadExtras = () => Promise<LensExtras>;
