/**
 * Calls back once for every element that matches `selector`, now or later, without a MutationObserver
 * over the whole document: a no-op CSS animation on `:where(selector)` and one `animationstart`
 * listener (the Refined GitHub technique). The browser does the matching, only when styles change.
 * Chosen over the `selector-observer` package, which is built on a document-wide MutationObserver.
 */
let counter = 0;

export interface ObserveOptions {
  signal: AbortSignal;
  /** Where to listen and add the style; defaults to `document`. */
  root?: Document;
}

export function observe<E extends Element = HTMLElement>(
  selector: string,
  callback: (element: E) => void,
  { signal, root = document }: ObserveOptions,
): void {
  if (signal.aborted) return;
  const name = `lens-seen-${Date.now().toString(36)}-${counter++}`;
  const style = root.createElement('style');
  // Seen elements are excluded again at once, so MLflow's own animations on them are left alone.
  style.textContent = `@keyframes ${name} {} :where(${selector}):not([data-lens-seen~="${name}"]) { animation: 1ms ${name}; }`;
  const listener = (event: Event) => {
    if ((event as AnimationEvent).animationName !== name) return;
    const target = event.target as E;
    const seen = target.getAttribute('data-lens-seen');
    target.setAttribute('data-lens-seen', seen ? `${seen} ${name}` : name);
    callback(target);
  };
  root.addEventListener('animationstart', listener, { capture: true, signal });
  (root.head ?? root.documentElement).append(style);
  signal.addEventListener('abort', () => {
    style.remove();
    for (const el of root.querySelectorAll(`[data-lens-seen~="${name}"]`)) {
      const rest = (el.getAttribute('data-lens-seen') ?? '').split(' ').filter((n) => n && n !== name);
      if (rest.length) el.setAttribute('data-lens-seen', rest.join(' '));
      else el.removeAttribute('data-lens-seen');
    }
  }, { once: true });
}

/** The first element matching `selector`, as soon as it exists. Rejects when `signal` aborts. */
export function waitFor<E extends Element = HTMLElement>(selector: string, options: ObserveOptions): Promise<E> {
  const existing = (options.root ?? document).querySelector<E>(selector);
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const local = new AbortController();
    const signal = AbortSignal.any([options.signal, local.signal]);
    options.signal.addEventListener('abort', () => reject(options.signal.reason), { once: true });
    observe<E>(selector, (el) => {
      local.abort();
      resolve(el);
    }, { ...options, signal });
  });
}
