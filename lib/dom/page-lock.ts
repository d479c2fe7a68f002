/**
 * Runs `task` while holding a Web Lock of the page's origin, so tabs of one MLflow take turns.
 *
 * Firefox content scripts reach the page's `navigator.locks` through Xray wrappers: a content-script callback,
 * and the promise it returns, cannot cross into the page, and `request` rejects with "Permission denied to access
 * property "then"" (without holding the lock while the task runs). There the callback is exported to the page
 * (`exportFunction`) and returns a thenable made in the page's compartment by `cloneInto`, whose exported `then`
 * the LockManager calls to wait: the lock is held until the task settles.
 *
 * Nothing of the page's is used: no `window.Promise` (a page can replace it, and a constructor of its own would
 * be handed Lens's exported callback to call as often and whenever it likes). Both exported functions run the
 * task at most once, whoever calls them and however often.
 */
type Exporter = <F extends (...args: never[]) => unknown>(fn: F, target: object) => F;
type Cloner = <T extends object>(obj: T, target: object, options: { cloneFunctions: boolean }) => T;
type Settle = (value?: unknown) => void;

export async function withPageLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return task();
  const exporter = (globalThis as { exportFunction?: Exporter }).exportFunction;
  const cloner = (globalThis as { cloneInto?: Cloner }).cloneInto;
  if (typeof exporter !== 'function' || typeof cloner !== 'function') return locks.request(name, task);

  // Only the page's window as a target scope for exportFunction/cloneInto; none of its properties is read.
  const page = (window as unknown as { wrappedJSObject?: object }).wrappedJSObject ?? window;
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  let started: Promise<void> | undefined;
  /** Starts the task on the first call; every call gets the same settlement. Never rejects. */
  const runOnce = (): Promise<void> =>
    (started ??= task().then(
      (value) => void (outcome = { ok: true, value }),
      (error: unknown) => void (outcome = { ok: false, error }),
    ));
  let handedOut = false;
  const holder = exporter(() => {
    // The LockManager calls this once, when the lock is granted; anything else gets nothing to wait on.
    if (handedOut) return undefined;
    handedOut = true;
    return cloner(
      {
        then: (resolve: Settle) => {
          void runOnce().then(() => {
            if (typeof resolve === 'function') resolve();
          });
        },
      },
      page,
      { cloneFunctions: true },
    );
  }, page);
  await locks.request(name, holder);
  // Released: normally once the task settled. The task never starts after the lock is gone.
  if (started) await started;
  if (!outcome) throw new Error(`The lock "${name}" was released before the task settled.`);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
