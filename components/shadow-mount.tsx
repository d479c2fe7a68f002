import { effect, type ReadonlySignal } from '@preact/signals';
import { render, type ComponentChild } from 'preact';

export interface ShadowMountOptions {
  /** Custom-element-style tag for the host, e.g. `lens-overfit-badge`. */
  tag: string;
  css: string;
  /** Puts the host into MLflow's DOM (after an anchor, into a card header…). */
  place: (host: HTMLElement) => void;
  signal: AbortSignal;
  attributes?: Record<string, string>;
  /** MLflow's theme, live: the host carries `.dark` while it is true (`:host(.dark)` in each surface's CSS). */
  dark?: ReadonlySignal<boolean>;
}

/**
 * Renders a Preact tree into a shadow root attached to a new host element, and removes it all when
 * `signal` aborts. MLflow's styles cannot reach in and ours cannot leak out; keyboard events are kept
 * inside so MLflow's shortcuts do not fire while the user types or tabs in Lens.
 * (WXT's createShadowRootUi is not used: its autoMount watches the whole document with a
 * MutationObserver, and its CSS loading needs web-accessible resources that user-added hosts lack.)
 */
export function mountInShadow(children: ComponentChild, options: ShadowMountOptions): HTMLElement {
  const host = document.createElement(options.tag);
  // A feature whose page was left while it awaited data must not leave an orphan behind.
  if (options.signal.aborted) return host;
  for (const [name, value] of Object.entries(options.attributes ?? {})) host.setAttribute(name, value);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = options.css;
  const root = document.createElement('div');
  root.className = 'lens-root';
  shadow.append(style, root);
  for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, (e) => e.stopPropagation());
  render(children, root);
  options.place(host);
  const { dark } = options;
  const unfollow = dark ? effect(() => void host.classList.toggle('dark', dark.value)) : undefined;
  options.signal.addEventListener('abort', () => {
    unfollow?.();
    render(null, root);
    host.remove();
  }, { once: true });
  return host;
}
