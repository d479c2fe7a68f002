import { render } from 'preact';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import drawerCss from './drawer.css?inline';
import type { DrawerHandle, DrawerOptions } from '@/components/lazy/contract';
import { ensureCss } from '@/components/lazy/ensure-css';
import type { Pin } from '@/lib/compare';
import { ChartGroup } from './chart-group';
import { CompareDrawer } from './CompareDrawer';
import { CompareModel } from './model';

/**
 * The comparison's data outlives the drawer and the routes of this tab (closing and reopening, or going
 * from the runs table to a run, must not start over): one model per page, made on first use.
 */
let model: CompareModel | undefined;
const lifetime = new AbortController();

/** Renders the compare drawer into `el` with this bundle's Preact; see components/lazy/contract.ts. */
export function mountCompareDrawer(el: HTMLElement, options: DrawerOptions): DrawerHandle {
  ensureCss(el, 'uplot', uplotCss);
  ensureCss(el, 'drawer', drawerCss, 'last');
  const current = (model ??= new CompareModel(options.client, options.settings, lifetime.signal));
  const setPins = (pins: readonly Pin[]) => {
    current.pins.value = pins;
    current.sync().catch(options.onError);
  };
  const group = new ChartGroup();
  const draw = (dark: boolean) =>
    render(
      <CompareDrawer model={current} group={group} dark={dark} onClose={options.onClose} onUnpin={options.onUnpin} runHref={options.runHref} heightShare={options.heightShare} onResized={options.onResized} />,
      el,
    );
  let dark = options.dark;
  draw(dark);
  const setDark = (next: boolean) => {
    if (next === dark) return;
    dark = next;
    draw(dark);
  };
  const setRunColours = (colours: ReadonlyMap<string, string>) => (current.pageColours.value = colours);
  return { setPins, setRunColours, setDark, unmount: () => render(null, el) };
}
