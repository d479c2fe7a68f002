import { render } from 'preact';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import drawerCss from './drawer.css?inline';
import { ensureCss } from '@/components/lazy/ensure-css';
import type { Pin } from '@/lib/compare';
import { ChartGroup } from './chart-group';
import { CompareDrawer } from './CompareDrawer';
import type { CompareModel } from './model';

/** What the drawer's view needs of the content script: plain data and callbacks (the bundle has its own Preact). */
export interface DrawerViewOptions {
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

/** Renders the compare drawer over `model` into `el` with the bundle's Preact; new pins ask the model to sync. */
export function renderCompareDrawer(el: HTMLElement, model: CompareModel, options: DrawerViewOptions): DrawerHandle {
  ensureCss(el, 'uplot', uplotCss);
  ensureCss(el, 'drawer', drawerCss, 'last');
  const setPins = (pins: readonly Pin[]) => {
    model.pins.value = pins;
    model.sync().catch(options.onError);
  };
  const group = new ChartGroup();
  const draw = (dark: boolean) =>
    render(
      <CompareDrawer model={model} group={group} dark={dark} onClose={options.onClose} onUnpin={options.onUnpin} runHref={options.runHref} heightShare={options.heightShare} onResized={options.onResized} />,
      el,
    );
  let dark = options.dark;
  draw(dark);
  const setDark = (next: boolean) => {
    if (next === dark) return;
    dark = next;
    draw(dark);
  };
  const setRunColours = (colours: ReadonlyMap<string, string>) => (model.pageColours.value = colours);
  return { setPins, setRunColours, setDark, unmount: () => render(null, el) };
}
