/**
 * Adds `css` once to the shadow root holding `el`: the lazy bundle brings its own styles. Never to the
 * page's document, where they would reach MLflow's own elements.
 *
 * `first` (a library's stylesheet, uPlot's) goes before the root's own styles, so Lens's rules win over it;
 * `last` (the rest of a feature's own sheet) goes after them, in the order the rules were written.
 */
export function ensureCss(el: Element, id: string, css: string, where: 'first' | 'last' = 'first'): void {
  const parent = el.getRootNode();
  if (!(parent instanceof ShadowRoot)) return;
  if (parent.querySelector(`style[data-lens-css="${id}"]`)) return;
  const style = document.createElement('style');
  style.dataset.lensCss = id;
  style.textContent = css;
  if (where === 'first') parent.prepend(style);
  else {
    const styles = parent.querySelectorAll(':scope > style');
    const lastStyle = styles[styles.length - 1];
    if (lastStyle) lastStyle.after(style);
    else parent.prepend(style);
  }
}
