/**
 * Resolves when the page's main thread is next idle, or after `timeoutMs` at the latest: for work that can
 * wait until the host page has done its own (Lens's exact histories after the first verdict).
 */
export function whenIdle(timeoutMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      signal?.removeEventListener('abort', done);
      resolve();
    };
    signal?.addEventListener('abort', done, { once: true });
    if (typeof requestIdleCallback === 'function') requestIdleCallback(done, { timeout: timeoutMs });
    else setTimeout(done, Math.min(timeoutMs, 200));
  });
}
