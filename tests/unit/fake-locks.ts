/**
 * A Web Locks LockManager as browsers have it, for one realm: one holder per name at a time, the others granted
 * in the order they asked, each held until its callback's promise settles. Installed as `navigator.locks`.
 */
export interface FakeLocks {
  /** Names held right now. */
  held: string[];
  /** Every grant, in order. */
  granted: string[];
  request(name: string, callback: (lock: { name: string }) => unknown): Promise<unknown>;
}

export function fakeLocks(): FakeLocks {
  const tails = new Map<string, Promise<unknown>>();
  const held: string[] = [];
  const granted: string[] = [];
  return {
    held,
    granted,
    request(name, callback) {
      const before = tails.get(name) ?? Promise.resolve();
      const run = before.then(async () => {
        held.push(name);
        granted.push(name);
        try {
          return await callback({ name });
        } finally {
          held.splice(held.indexOf(name), 1);
        }
      });
      tails.set(name, run.catch(() => undefined));
      return run;
    },
  };
}

/** Puts `locks` at `navigator.locks` (Node has no navigator); returns the undo. */
export function installLocks(locks: FakeLocks | undefined): () => void {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: locks ? { locks } : {}, configurable: true, writable: true });
  return () => {
    if (saved) Object.defineProperty(globalThis, 'navigator', saved);
    else delete (globalThis as { navigator?: unknown }).navigator;
  };
}
