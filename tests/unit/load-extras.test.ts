import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EXTRAS_KEY, type LensExtras } from '@/components/lazy/contract';

// The content script's side of the lazy bundle: the background's answers are the shapes of
// entrypoints/background.ts (LoadExtrasAnswer); the bundle itself announces itself on the global.
const globals = globalThis as { [EXTRAS_KEY]?: LensExtras };
const extras = { plotMiniChart: () => ({ destroy() {} }), mountCompareDrawer: () => ({ setPins() {}, unmount() {} }) } satisfies LensExtras;

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
});
