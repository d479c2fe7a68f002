import { signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { isDarkTheme } from './anchors';

let dark: Signal<boolean> | undefined;

/**
 * MLflow's theme, followed live. Its toggle (2.22's header switch, 3.x's settings) flips `<body class="dark-mode">`
 * and the design-system class prefixes without a reload, so reading it once at mount left Lens light on a dark page.
 * One observer of `<body>`'s class for every surface of the tab.
 */
export function pageDark(doc: Document = document): ReadonlySignal<boolean> {
  if (dark) return dark;
  const current = signal(isDarkTheme(doc));
  const update = () => (current.value = isDarkTheme(doc));
  const observer = new MutationObserver(update);
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['class'] });
  if (doc.body) observer.observe(doc.body, { attributes: true, attributeFilter: ['class'] });
  dark = current;
  return current;
}
