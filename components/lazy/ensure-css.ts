/**
 * Adds `css` once to the shadow root holding `el`: the lazy bundle brings its own styles. Never to the
 * page's document, where they would reach MLflow's own elements.
 */
export function ensureCss(el: Element, id: string, css: string): void {
  const parent = el.getRootNode();
  if (!(parent instanceof ShadowRoot)) return;
  if (parent.querySelector(`style[data-lens-css="${id}"]`)) return;
  const style = document.createElement('style');
  style.dataset.lensCss = id;
  style.textContent = css;
  parent.prepend(style);
}
