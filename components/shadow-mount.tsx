import { effect } from '@preact/signals';
import { render, type ComponentChild } from 'preact';
import type { FeatureId } from '@/lib/features-catalog';
import { pageDark } from '@/lib/mlflow/theme';

export interface MountOptions {
  /** Custom-element-style tag for the host, e.g. `lens-overfit-badge`. */
  tag: string;
  /** `data-lens-feature` on the host: the public contract users' automation and Lens's own obstacle checks read. */
  feature: FeatureId;
  css: string;
  /** The feature's lifetime: the view is released when it aborts (the page is left, Lens is switched off). */
  signal: AbortSignal;
  attributes?: Record<string, string>;
  /**
   * The view this one takes over from, released first: for anchors MLflow re-renders (its run header), where a new
   * anchor means the old view's place is gone, and one view per page must stay.
   */
  replaces?: MountedView;
}

export interface MountedView {
  host: HTMLElement;
  /** Aborted once the view is released, by `release()` or the feature's signal: bind the view's own work to it. */
  signal: AbortSignal;
  release(): void;
}

/**
 * Renders a Preact view into a shadow root attached to a new host element that `place` puts into MLflow's DOM
 * (after an anchor, into a card header…; `place` gets the view's signal, for a group that must know when it leaves).
 * MLflow's styles cannot reach in and ours cannot leak out; keyboard events are kept inside so MLflow's shortcuts do
 * not fire while the user types or tabs in Lens. The host carries `.dark` while MLflow's theme is dark, followed live
 * (`:host(.dark)` in each surface's CSS), and it all goes when the feature's signal aborts or `release()` is called.
 * (WXT's createShadowRootUi is not used: its autoMount watches the whole document with a MutationObserver, and its
 * CSS loading needs web-accessible resources that user-added hosts lack.)
 */
export function mountView(place: (host: HTMLElement, signal: AbortSignal) => void, view: ComponentChild, options: MountOptions): MountedView {
  options.replaces?.release();
  const own = new AbortController();
  const signal = AbortSignal.any([options.signal, own.signal]);
  const host = document.createElement(options.tag);
  const mounted: MountedView = { host, signal, release: () => own.abort() };
  // A feature whose page was left while it awaited data must not leave an orphan behind.
  if (signal.aborted) return mounted;
  host.setAttribute('data-lens-feature', options.feature);
  for (const [name, value] of Object.entries(options.attributes ?? {})) host.setAttribute(name, value);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = options.css;
  const root = document.createElement('div');
  root.className = 'lens-root';
  shadow.append(style, root);
  for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, (e) => e.stopPropagation());
  render(view, root);
  place(host, signal);
  const dark = pageDark();
  const unfollow = effect(() => void host.classList.toggle('dark', dark.value));
  signal.addEventListener('abort', () => {
    unfollow();
    render(null, root);
    host.remove();
  }, { once: true });
  return mounted;
}
