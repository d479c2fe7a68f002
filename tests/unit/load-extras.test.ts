import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EXTRAS_KEY, publishExtras, type LensExtras } from '@/entrypoints/mlflow.content/extras-contract';

// The content script's side of the lazy bundle: the background's answers are the shapes of
// entrypoints/background.ts (LoadExtrasAnswer); the bundle itself announces itself on the global.
const globals = globalThis as { [EXTRAS_KEY]?: LensExtras };
const extras = {
  plotMiniChart: () => ({ destroy() {} }),
  mountCompareDrawer: () => ({ setPins() {}, setRunColours() {}, setDark() {}, unmount() {} }),
  mountQuickSearch: () => ({ unmount() {} }),
  searchMlflow: () => Promise.reject(new Error('not searched in this test')),
} satisfies LensExtras;

describe('loadExtras', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    delete globals[EXTRAS_KEY];
    vi.resetModules();
  });
  afterEach(() => vi.restoreAllMocks());

  it('asks the background once, however many callers; resolves with what the bundle left', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async () => {
      globals[EXTRAS_KEY] = extras;
      return { ok: true };
    });
    const { loadExtras } = await import('@/entrypoints/mlflow.content/load-extras');
    const [a, b] = await Promise.all([loadExtras(), loadExtras()]);
    expect(a).toBe(extras);
    expect(b).toBe(extras);
    await loadExtras();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({ type: 'lens:load-extras' });
  });

  it('a refusal says why and what to do; the next call asks again', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValueOnce({ ok: false, message: 'Cannot access contents of the page.' } as never);
    const { loadExtras } = await import('@/entrypoints/mlflow.content/load-extras');
    await expect(loadExtras()).rejects.toThrow('Lens could not load its charts (Cannot access contents of the page.). Reload the page to try again.');
    send.mockImplementationOnce(async () => {
      globals[EXTRAS_KEY] = extras;
      return { ok: true };
    });
    await expect(loadExtras()).resolves.toBe(extras);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('an extension that was reloaded under the page (no receiver) is reported, not swallowed', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Extension context invalidated.'));
    const { loadExtras } = await import('@/entrypoints/mlflow.content/load-extras');
    await expect(loadExtras()).rejects.toThrow(/Extension context invalidated\.\)\. Reload the page/);
  });

  it('an answer of the wrong shape is not taken for success', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: 'yes' } as never);
    const { loadExtras } = await import('@/entrypoints/mlflow.content/load-extras');
    await expect(loadExtras()).rejects.toThrow(/the extension answered unexpectedly/);
  });

  // Issue #15.6: <div id="__lensForMlflowExtras"> in the page is window.__lensForMlflowExtras in every world
  // (a named property, on the window's prototype chain): the bundle kept out, the drawer loading forever.
  it('a page element named like the bundle is neither taken for it nor keeps it out', async () => {
    const namedProperties = Object.getPrototypeOf(globalThis) as object;
    const element = { tagName: 'DIV', id: EXTRAS_KEY };
    Object.defineProperty(namedProperties, EXTRAS_KEY, { value: element, configurable: true });
    try {
      expect((globalThis as Record<string, unknown>)[EXTRAS_KEY]).toBe(element);
      const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async () => {
        publishExtras(extras); // what entrypoints/lens-extras.tsx does once injected
        return { ok: true };
      });
      const { loadExtras } = await import('@/entrypoints/mlflow.content/load-extras');
      await expect(loadExtras()).resolves.toBe(extras);
      expect(send).toHaveBeenCalledTimes(1);
    } finally {
      delete (namedProperties as Record<string, unknown>)[EXTRAS_KEY];
    }
  });

  it('an own value of the wrong type is not taken for the bundle', async () => {
    (globals as Record<string, unknown>)[EXTRAS_KEY] = { plotMiniChart: 'not a function', mountCompareDrawer: () => {} };
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async () => {
      delete globals[EXTRAS_KEY];
      publishExtras(extras);
      return { ok: true };
    });
    const { loadExtras } = await import('@/entrypoints/mlflow.content/load-extras');
    await expect(loadExtras()).resolves.toBe(extras);
  });
});
