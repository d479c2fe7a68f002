/**
 * Runs `task` while holding a Web Lock of the page's origin, so tabs of one MLflow take turns.
 *
 * Firefox content scripts reach the page's `navigator.locks` through Xray wrappers: a content-script callback,
 * and the promise it returns, cannot cross into the page, and `request` rejects with "Permission denied to access
 * property "then"" (without holding the lock while the task runs). There the callback is exported to the page
 * (`exportFunction`) and returns a promise made by the page, resolved when the task settles.
 */
type Exporter = <F extends (...args: never[]) => unknown>(fn: F, target: object) => F;

export async function withPageLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return task();
  const exporter = (globalThis as { exportFunction?: Exporter }).exportFunction;
  if (typeof exporter !== 'function') return locks.request(name, task);

  const page = (window as unknown as { wrappedJSObject?: typeof globalThis }).wrappedJSObject ?? globalThis;
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  const holder = exporter(
    () =>
      new page.Promise<void>(
        exporter((release: () => void) => {
          task()
            .then(
              (value) => (outcome = { ok: true, value }),
              (error: unknown) => (outcome = { ok: false, error }),
            )
            .finally(() => release());
        }, page),
      ),
    page,
  );
  await locks.request(name, holder);
  if (!outcome) throw new Error(`The lock "${name}" was released before the task settled.`);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
