/**
 * What the lazily loaded bundle (`entrypoints/lens-extras.tsx`: uPlot, the compare drawer) offers the
 * content script. Charts are needed on a click, not on every MLflow page: keeping them out took the content
 * script from 85 to 55 KB gzipped. The bundle runs in the content script's world and leaves this object on
 * `globalThis[EXTRAS_KEY]`; only plain data, DOM elements, callbacks and the page's MlflowClient cross
 * over (the bundle has its own Preact, so no vnode or signal does).
 */
import type { MlflowClient } from '@/lib/mlflow/client';
import type { Pin } from '@/lib/compare';
import type { AnalysisSettings } from '@/lib/settings';
import type { MiniChartData } from '@/components/overfit/mini-chart-data';

/**
 * A string, not a symbol: in Firefox the content-script global is an Xray view of the page's window, and
 * a plain named property is what reliably passes between scripts injected into that world.
 */
export const EXTRAS_KEY = '__lensForMlflowExtras';

export interface PlottedChart {
  destroy(): void;
}

export interface DrawerOptions {
  client: MlflowClient;
  settings: Partial<AnalysisSettings>;
  dark: boolean;
  onClose(): void;
  onUnpin(runIds: string[]): void;
  runHref(experimentId: string, runId: string): string;
  /** A failure to load the pinned runs' data (each chart also shows its own). */
  onError(error: unknown): void;
}

export interface DrawerHandle {
  /** The pinned runs to compare: called once right after mounting, then on every change. */
  setPins(pins: readonly Pin[]): void;
  unmount(): void;
}

export interface LensExtras {
  /** Draws the badge popover's train/validation chart into `el`. */
  plotMiniChart(el: HTMLElement, data: MiniChartData): PlottedChart;
  /** Renders the compare drawer into `el` (its own Preact tree); its data outlives unmount for this tab. */
  mountCompareDrawer(el: HTMLElement, options: DrawerOptions): DrawerHandle;
}

export type LoadExtras = () => Promise<LensExtras>;
