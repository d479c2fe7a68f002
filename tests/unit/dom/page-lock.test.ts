/**
 * withPageLock's Firefox path (exportFunction present): the lock callback is exported to the page and must
 * hand the page's LockManager something it can wait on, without taking a constructor from the page
 * (issue #15.7: `new page.Promise(...)` handed the exported callback to a page that replaced window.Promise,
 * which could run the task twice, or outside the lock).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withPageLock } from '@/lib/dom/page-lock';

type Globals = Record<string, unknown>;
const g = globalThis as unknown as Globals;
const saved: Globals = {};

/** A LockManager as the page has it: one holder per name, held until the callback's result settles. */
function fakeLocks() {
  const tails = new Map<string, Promise<unknown>>();
  const held: string[] = [];
  return {
    held,
    request(name: string, callback: (lock: { name: string }) => unknown): Promise<unknown> {
      const before = tails.get(name) ?? Promise.resolve();
      const run = before.then(async () => {
        held.push(name);
        try {
          return await Promise.resolve(callback({ name }));
        } finally {
          held.splice(held.indexOf(name), 1);
        }
      });
      tails.set(name, run.catch(() => undefined));
      return run;
    },
  };
}

function install(page: Globals, locks: ReturnType<typeof fakeLocks>) {
  for (const key of ['navigator', 'window', 'exportFunction', 'cloneInto']) saved[key] = g[key];
  Object.defineProperty(globalThis, 'navigator', { value: { locks }, configurable: true, writable: true });
  g.window = { wrappedJSObject: page };
  // Firefox's exportFunction/cloneInto, as far as a test in one realm can tell: the function or a copy.
  g.exportFunction = vi.fn((fn: unknown) => fn);
  g.cloneInto = vi.fn((obj: object) => ({ ...obj }));
}

afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    Object.defineProperty(globalThis, key, { value, configurable: true, writable: true });
  }
});

describe('withPageLock in Firefox (exported callbacks)', () => {
  let page: Globals;
  let pageConstructions: number;
  beforeEach(() => {
    pageConstructions = 0;
    // A page that replaced window.Promise: it runs every executor it is handed twice, and at once.
    page = {
      Promise: class HostilePromise {
        constructor(executor: (resolve: () => void) => void) {
          pageConstructions++;
          executor(() => {});
          executor(() => {});
        }
      },
    };
  });

  it('takes no constructor from the page, and runs the task once, inside the lock', async () => {
    const locks = fakeLocks();
    install(page, locks);
    const heldDuringTask: string[][] = [];
    const task = vi.fn(async () => {
      heldDuringTask.push([...locks.held]);
      await new Promise((r) => setTimeout(r, 5));
      heldDuringTask.push([...locks.held]);
      return 42;
    });
    await expect(withPageLock('lens-register', task)).resolves.toBe(42);
    expect(pageConstructions).toBe(0);
    expect(task).toHaveBeenCalledTimes(1);
    expect(heldDuringTask).toEqual([['lens-register'], ['lens-register']]);
  });

  it('what the page gets to call runs the task at most once, however often it is called', async () => {
    // A LockManager (or anything else of the page's) that calls what it was given several times.
    const locks = fakeLocks();
    const greedy = {
      request(name: string, callback: (lock: { name: string }) => unknown) {
        return locks.request(name, async (lock) => {
          const first = callback(lock) as PromiseLike<unknown>;
          const again = callback(lock) as PromiseLike<unknown>;
          // A thenable's then, called twice too.
          if (first && typeof first.then === 'function') first.then(() => {}, () => {});
          await Promise.all([first, again]);
        });
      },
      held: locks.held,
    };
    install(page, greedy as ReturnType<typeof fakeLocks>);
    const task = vi.fn(async () => 'once');
    await expect(withPageLock('lens-register', task)).resolves.toBe('once');
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('takes turns across callers, and passes a failure on', async () => {
    const locks = fakeLocks();
    install(page, locks);
    const order: string[] = [];
    const slow = withPageLock('l', async () => {
      order.push('a start');
      await new Promise((r) => setTimeout(r, 10));
      order.push('a end');
    });
    const failing = withPageLock('l', async () => {
      order.push('b');
      throw new Error('MLflow said no');
    });
    await slow;
    await expect(failing).rejects.toThrow('MLflow said no');
    expect(order).toEqual(['a start', 'a end', 'b']);
  });
});
