/** Adds `css` once to the shadow root (or document) holding `el`: the lazy bundle brings its own styles. */
export function ensureCss(el: Element, id: string, css: string): void {
  const root = el.getRootNode();
  const parent = root instanceof ShadowRoot ? root : document.head;
  if (parent.querySelector(`style[data-lens-css="${id}"]`)) return;
  const style = document.createElement('style');
  style.dataset.lensCss = id;
  style.textContent = css;
  parent.prepend(style);
}
