/**
 * Lens's content-script context, built in place of WXT's `ContentScriptContext` (wxt.config.ts aliases
 * `wxt/utils/content-script-context` to this module, so WXT's content-script entry constructs this class and
 * hands it to `main`). Same surface as WXT's: `signal`, `onInvalidated`, `addEventListener` (with
 * `wxt:locationchange`), timers. What it leaves out is WXT's messaging through the page (issue #15.2/3):
 *
 * - WXT announces every start with `window.postMessage({type: "<extension-id>:<name>:wxt:content-script-started"}, "*")`
 *   and a `CustomEvent` of that name on `document`, before Lens has checked that the page is MLflow: any page of
 *   an allowed host (another app on localhost) learnt that Lens was installed, and its id. This context
 *   dispatches nothing into the page, ever.
 * - WXT invalidates a context on any `CustomEvent` of that name with another `messageId`, and a page script can
 *   dispatch one: a page could switch Lens off. Here only a newer Lens content script can: the contexts
 *   meet in a registry in the content script's own JavaScript world (a symbol-keyed property of its global),
 *   which no page script and no other extension can reach.
 * - `wxt:locationchange` handlers are called directly by the watcher, not through a window event a page
 *   could observe or forge.
 */
import { browser } from 'wxt/browser';

const REGISTRY = Symbol.for('lens-for-mlflow.content-script-contexts');

/** What `wxt:locationchange` handlers receive (the fields of WXT's event Lens uses). */
export interface LocationChange {
  type: 'wxt:locationchange';
  newUrl: URL;
  oldUrl: URL;
}

type Registry = Map<string, ContentScriptContext>;

export class ContentScriptContext {
  readonly id = Math.random().toString(36).slice(2);
  private readonly abortController = new AbortController();
  private readonly locationHandlers = new Set<(change: LocationChange) => void>();
  private watchingLocation = false;

  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {
    this.replaceOlder();
  }

  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  abort(reason?: unknown): void {
    this.abortController.abort(reason);
  }

  /** Also true once the extension is gone (updated, reloaded, removed): an orphaned script stops here. */
  get isInvalid(): boolean {
    if (browser.runtime?.id == null) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  onInvalidated(cb: () => void): () => void {
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  block<T>(): Promise<T> {
    return new Promise<T>(() => {});
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = setInterval(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = setTimeout(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  requestAnimationFrame(callback: FrameRequestCallback): number {
    const id = requestAnimationFrame((time) => {
      if (this.isValid) callback(time);
    });
    this.onInvalidated(() => cancelAnimationFrame(id));
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    const id = requestIdleCallback((deadline) => {
      if (!this.signal.aborted) callback(deadline);
    }, options);
    this.onInvalidated(() => cancelIdleCallback(id));
    return id;
  }

  /**
   * `target.addEventListener`, removed on invalidation. `wxt:locationchange` (an SPA's pushState/replaceState
   * navigation, from the Navigation API's `navigate` event or, without it, a 1 s poll) calls `handler` with
   * `{ newUrl, oldUrl }` directly; no event is dispatched for it.
   */
  addEventListener(target: EventTarget, type: string, handler: (event: never) => void, options?: AddEventListenerOptions): void {
    if (type === 'wxt:locationchange') {
      const call = handler as (change: LocationChange) => void;
      this.locationHandlers.add(call);
      this.onInvalidated(() => this.locationHandlers.delete(call));
      options?.signal?.addEventListener('abort', () => this.locationHandlers.delete(call), { once: true });
      if (this.isValid) this.watchLocation();
      return;
    }
    const signal = options?.signal ? AbortSignal.any([options.signal, this.signal]) : this.signal;
    target.addEventListener(type, handler as EventListener, { ...options, signal });
  }

  notifyInvalidated(): void {
    if (this.signal.aborted) return;
    this.abort('Content script context invalidated');
    const registry = (globalThis as { [REGISTRY]?: Registry })[REGISTRY];
    if (registry?.get(this.contentScriptName) === this) registry.delete(this.contentScriptName);
  }

  /** The newest context of a content script replaces the one before it, in this JavaScript world only. */
  private replaceOlder(): void {
    const world = globalThis as { [REGISTRY]?: Registry };
    const registry = (world[REGISTRY] ??= new Map());
    const older = registry.get(this.contentScriptName);
    registry.set(this.contentScriptName, this);
    older?.notifyInvalidated();
  }

  private watchLocation(): void {
    if (this.watchingLocation) return;
    this.watchingLocation = true;
    let last = new URL(location.href);
    const report = (next: URL) => {
      if (next.href === last.href) return;
      const change: LocationChange = { type: 'wxt:locationchange', newUrl: next, oldUrl: last };
      last = next;
      for (const handler of [...this.locationHandlers]) {
        try {
          handler(change);
        } catch (error) {
          console.error('Lens for MLflow: a location-change handler failed', error);
        }
      }
    };
    const navigation = (globalThis as { navigation?: EventTarget }).navigation;
    if (typeof navigation?.addEventListener === 'function') {
      navigation.addEventListener(
        'navigate',
        (event) => {
          // Only the browser's own navigations: a page can dispatch a "navigate" event of its own.
          const url = (event as Event & { destination?: { url?: unknown } }).destination?.url;
          if (event.isTrusted && typeof url === 'string') report(new URL(url));
        },
        { signal: this.signal },
      );
    } else {
      this.setInterval(() => report(new URL(location.href)), 1_000);
    }
  }
}
