import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { followLockName, whileFollowOwner } from '@/lib/follow-owner';
import { fakeLocks, installLocks, type FakeLocks } from './fake-locks';

const BASE = 'http://localhost:5000/';

/** One MLflow tab's run-watch: its loop runs until the tab's signal aborts. */
function tab(base = BASE) {
  const controller = new AbortController();
  const state = { running: false, ran: false };
  const done = whileFollowOwner(base, controller.signal, async () => {
    state.running = state.ran = true;
    await new Promise((resolve) => controller.signal.addEventListener('abort', resolve, { once: true }));
    state.running = false;
  });
  return { state, close: () => controller.abort(), done };
}

/** Lets the fake LockManager's promise chains run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let locks: FakeLocks;
let uninstall: () => void;
beforeEach(() => {
  fakeBrowser.reset();
  locks = fakeLocks();
  uninstall = installLocks(locks);
});
afterEach(() => uninstall());

describe('one tab per MLflow checks the followed runs', () => {
  it('the first tab checks; the next takes over when it closes, then the one after', async () => {
    const [a, b, c] = [tab(), tab(), tab()];
    await settle();
    expect([a.state.running, b.state.running, c.state.running]).toEqual([true, false, false]);
    expect(locks.held).toEqual([followLockName(BASE)]);
    a.close();
    await a.done;
    await settle();
    expect([a.state.running, b.state.running, c.state.running]).toEqual([false, true, false]);
    b.close();
    await settle();
    expect(c.state.running).toBe(true);
    c.close();
    await Promise.all([b.done, c.done]);
    expect(locks.held).toEqual([]);
  });

  it('each MLflow has its own owner', async () => {
    const here = tab();
    const there = tab('https://ml.example.com/mlflow/');
    await settle();
    expect([here.state.running, there.state.running]).toEqual([true, true]);
    expect(locks.held.sort()).toEqual(['lens-follow:http://localhost:5000/', 'lens-follow:https://ml.example.com/mlflow/']);
    here.close();
    there.close();
  });

  it('a tab closed while it waited never checks, and hands the turn on at once', async () => {
    const [a, b, c] = [tab(), tab(), tab()];
    await settle();
    b.close();
    a.close();
    await Promise.all([a.done, b.done]);
    await settle();
    expect(b.state.ran).toBe(false);
    expect(c.state.running).toBe(true);
    c.close();
  });

  it('without Web Locks every tab checks, as before', async () => {
    uninstall();
    uninstall = installLocks(undefined);
    const [a, b] = [tab(), tab()];
    await settle();
    expect([a.state.running, b.state.running]).toEqual([true, true]);
    a.close();
    b.close();
    await Promise.all([a.done, b.done]);
  });
});
