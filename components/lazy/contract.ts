/**
 * What the lazily loaded bundle (`entrypoints/lens-extras.tsx`: uPlot, the compare drawer, quick search) offers the
 * content script. Charts are needed on a click, not on every MLflow page: keeping them out took the content
 * script from 85 to 55 KB gzipped. The bundle runs in the content script's world and leaves this object as
 * an own property of the global, `EXTRAS_KEY` (`publishExtras`); the content script takes it from there
 * (`readExtras`); only plain data, DOM elements, callbacks and the page's MlflowClient cross over (the
 * bundle has its own Preact, so no vnode or signal does).
 */
import type { MlflowClient } from '@/lib/mlflow/client';
import type { Pin } from '@/lib/compare';
import type { AnalysisSettings } from '@/lib/settings';
import type { MiniChartData } from '@/components/overfit/mini-chart-data';
import type { PinToggle, QuickSearchResult, SearchItem } from '@/lib/search';

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

export interface PlottedChart {
  destroy(): void;
}

export interface DrawerOptions {
  client: MlflowClient;
  settings: Partial<AnalysisSettings>;
  /** The theme at mounting; later changes come through `setDark`. */
  dark: boolean;
  onClose(): void;
  onUnpin(runIds: string[]): void;
  runHref(experimentId: string, runId: string): string;
  /** The drawer's height as the user last left it, a share of the window. */
  heightShare?: number;
  onResized?(share: number): void;
  /** A failure to load the pinned runs' data (each chart also shows its own). */
  onError(error: unknown): void;
}

export interface DrawerHandle {
  /** The pinned runs to compare: called once right after mounting, then on every change. */
  setPins(pins: readonly Pin[]): void;
  /**
   * Run id → the colour MLflow's runs table shows for it (`#rrggbb`), as far as the content script has seen: those
   * runs are drawn in it, the others in Lens's palette. Called once right after mounting, then on every change.
   */
  setRunColours(colours: ReadonlyMap<string, string>): void;
  /** MLflow's theme changed (the drawer's charts draw their axes and grid for it). */
  setDark(dark: boolean): void;
  unmount(): void;
}

export interface QuickSearchOptions {
  client: MlflowClient;
  /** Aborts the palette's searches (the page is left or Lens is switched off). */
  signal: AbortSignal;
  /** Shown while the box is empty: pinned runs and recently opened or browsed items (the bundle names their experiments). */
  empty?: { pinned: SearchItem[]; recent: SearchItem[] };
  /** Pins (or unpins) a run for comparison; resolves to what to tell the user and whether the run is pinned now. */
  pin(item: SearchItem): Promise<string | PinToggle>;
  open(item: SearchItem, newTab: boolean): void;
  onClose(): void;
}

export interface QuickSearchHandle {
  unmount(): void;
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

export interface LensExtras {
  /** Draws the badge popover's train/validation chart into `el`. */
  plotMiniChart(el: HTMLElement, data: MiniChartData): PlottedChart;
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
