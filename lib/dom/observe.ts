/**
 * Calls back once for every element that matches `selector`, now or later, without a MutationObserver
 * over the whole document: a no-op CSS animation on `:where(selector)` and one `animationstart`
 * listener (the Refined GitHub technique). The browser does the matching, only when styles change.
 * Chosen over the `selector-observer` package, which is built on a document-wide MutationObserver.
 *
 * `animation` is one CSS property: when two observers match the same element (the run header's ⋮ menu is
 * the anchor of both the pin and the register button), only the later rule's animation runs. So one
 * listener per document serves every observer: whichever animation fires, each observer whose selector
 * matches the element is called. Elements already on the page are found by a query, not by waiting for
 * an animation a competing rule may have taken.
 */
let counter = 0;

export interface ObserveOptions {
  signal: AbortSignal;
  /** Where to listen and add the style; defaults to `document`. */
  root?: Document;
}

interface Observer {
  name: string;
  /** `:where(selector)`: forgiving, so an engine without `:has()` drops only that alternative. */
  where: string;
  callback: (element: Element) => void;
}

const observers = new WeakMap<Document, Set<Observer>>();

const SEEN = 'data-lens-seen';

function isSeen(element: Element, name: string): boolean {
  return (element.getAttribute(SEEN) ?? '').split(' ').includes(name);
}

function deliver(observer: Observer, element: Element): void {
  if (isSeen(element, observer.name) || !element.matches(observer.where)) return;
  const seen = element.getAttribute(SEEN);
  element.setAttribute(SEEN, seen ? `${seen} ${observer.name}` : observer.name);
  try {
    observer.callback(element);
  } catch (error) {
    // One observer's failure must not keep the element from the others.
    queueMicrotask(() => {
      throw error;
    });
  }
}

function observersOf(root: Document): Set<Observer> {
  let set = observers.get(root);
  if (set) return set;
  set = new Set();
  observers.set(root, set);
  const all = set;
  root.addEventListener('animationstart', (event) => {
    if (!(event as AnimationEvent).animationName.startsWith('lens-seen-')) return;
    const target = event.target;
    if (!(target instanceof Element)) return;
    for (const observer of [...all]) if (all.has(observer)) deliver(observer, target);
  }, { capture: true });
  return set;
}

export function observe<E extends Element = HTMLElement>(
  selector: string,
  callback: (element: E) => void,
  { signal, root = document }: ObserveOptions,
): void {
  if (signal.aborted) return;
  const observer: Observer = {
    name: `lens-seen-${Date.now().toString(36)}-${counter++}`,
    where: `:where(${selector})`,
    callback: callback as (element: Element) => void,
  };
  const style = root.createElement('style');
  // Seen elements are excluded again at once, so MLflow's own animations on them are left alone.
  style.textContent = `@keyframes ${observer.name} {} ${observer.where}:not([${SEEN}~="${observer.name}"]) { animation: 1ms ${observer.name}; }`;
  const set = observersOf(root);
  set.add(observer);
  (root.head ?? root.documentElement).append(style);
  // What is already there, after the caller's own synchronous setup (as an animation would be).
  queueMicrotask(() => {
    if (signal.aborted) return;
    for (const element of root.querySelectorAll(observer.where)) deliver(observer, element);
  });
  signal.addEventListener('abort', () => {
    set.delete(observer);
    style.remove();
    for (const el of root.querySelectorAll(`[${SEEN}~="${observer.name}"]`)) {
      const rest = (el.getAttribute(SEEN) ?? '').split(' ').filter((n) => n && n !== observer.name);
      if (rest.length) el.setAttribute(SEEN, rest.join(' '));
      else el.removeAttribute(SEEN);
    }
  }, { once: true });
}
