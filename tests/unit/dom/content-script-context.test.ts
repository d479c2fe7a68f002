// @vitest-environment happy-dom
/**
 * Lens's content-script context (lib/dom/content-script-context.ts, built in place of WXT's through the alias in
 * wxt.config.ts). Issue #15.2: WXT's announced every start to the page (postMessage "*" and a CustomEvent);
 * #15.3: a page's CustomEvent of that name switched Lens off. The e2e side is tests/e2e/page-attacks.spec.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from '@/lib/dom/content-script-context';

const made: ContentScriptContext[] = [];
function context(name = 'mlflow'): ContentScriptContext {
  const ctx = new ContentScriptContext(name);
  made.push(ctx);
  return ctx;
}

afterEach(() => {
  for (const ctx of made.splice(0)) ctx.notifyInvalidated();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('ContentScriptContext (Lens)', () => {
  it('tells the page nothing when it starts', () => {
    const posted = vi.spyOn(window, 'postMessage');
    const onDocument = vi.spyOn(document, 'dispatchEvent');
    const onWindow = vi.spyOn(window, 'dispatchEvent');
    context();
    expect(posted).not.toHaveBeenCalled();
    expect(onDocument).not.toHaveBeenCalled();
    expect(onWindow).not.toHaveBeenCalled();
  });

  it("is not switched off by a page's event or message in WXT's name", async () => {
    const ctx = context();
    const onInvalidated = vi.fn();
    ctx.onInvalidated(onInvalidated);
    // WXT's name for the event: "<extension id>:<entrypoint>:wxt:content-script-started" (the entrypoint is
    // "mlflow" in the build; whatever vitest makes of import.meta.env.ENTRYPOINT here).
    for (const entrypoint of new Set(['mlflow', String(import.meta.env.ENTRYPOINT)])) {
      const type = `${fakeBrowser.runtime.id}:${entrypoint}:wxt:content-script-started`;
      const detail = { contentScriptName: 'mlflow', messageId: 'made-up' };
      document.dispatchEvent(new CustomEvent(type, { detail }));
      window.dispatchEvent(new CustomEvent(type, { detail }));
      window.postMessage({ type, ...detail }, '*');
    }
    await new Promise((r) => setTimeout(r, 10));
    expect(ctx.isValid).toBe(true);
    expect(onInvalidated).not.toHaveBeenCalled();
  });

  it('a newer Lens content script of the same name replaces the older one; another name does not', () => {
    const older = context();
    const other = context('other');
    const onInvalidated = vi.fn();
    older.onInvalidated(onInvalidated);
    const newer = context();
    expect(older.signal.aborted).toBe(true);
    expect(onInvalidated).toHaveBeenCalledTimes(1);
    expect(newer.isValid).toBe(true);
    expect(other.isValid).toBe(true);
  });

  it('listeners go when the context is invalidated', () => {
    const ctx = context();
    const handler = vi.fn();
    ctx.addEventListener(window, 'hashchange', handler);
    window.dispatchEvent(new Event('hashchange'));
    ctx.notifyInvalidated();
    window.dispatchEvent(new Event('hashchange'));
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('wxt:locationchange calls the handler with the new URL, without an event in the page', async () => {
    vi.useFakeTimers();
    const onWindow = vi.spyOn(window, 'dispatchEvent');
    const ctx = context();
    const changes: string[] = [];
    ctx.addEventListener(window, 'wxt:locationchange', ((change: { newUrl: URL }) => changes.push(change.newUrl.hash)) as never);
    history.pushState(null, '', '#/experiments/1/runs');
    await vi.advanceTimersByTimeAsync(1_100);
    expect(changes).toEqual(['#/experiments/1/runs']);
    expect(onWindow).not.toHaveBeenCalled();
  });

  it("ignores a 'navigate' event a page dispatches itself", () => {
    const navigation = new EventTarget();
    Object.defineProperty(globalThis, 'navigation', { value: navigation, configurable: true });
    try {
      const ctx = context();
      const handler = vi.fn();
      ctx.addEventListener(window, 'wxt:locationchange', handler);
      const forged = Object.assign(new Event('navigate'), { destination: { url: `${location.origin}/#/forged` } });
      navigation.dispatchEvent(forged);
      expect(handler).not.toHaveBeenCalled();
    } finally {
      delete (globalThis as { navigation?: unknown }).navigation;
    }
  });
});
