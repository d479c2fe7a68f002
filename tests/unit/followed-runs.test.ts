import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { followRun, patchFollowedRun, unfollowRun, updateFollowedRun } from '@/lib/followed-runs';
import { readWatchedRuns, watchedRuns, type WatchedRun } from '@/lib/settings';
import { fakeLocks, installLocks, type FakeLocks } from './fake-locks';

const BASE = 'http://localhost:5000/';
const run = (runId: string, extra: Partial<WatchedRun> = {}): WatchedRun => ({
  baseUrl: BASE,
  runId,
  runName: `run-${runId}`,
  runUrl: `${BASE}#/experiments/1/runs/${runId}`,
  ...extra,
});

let locks: FakeLocks;
let uninstall: () => void;
beforeEach(() => {
  fakeBrowser.reset();
  locks = fakeLocks();
  uninstall = installLocks(locks);
});
afterEach(() => {
  uninstall();
  vi.restoreAllMocks();
});

describe('followed runs: one entry at a time', () => {
  it('follows, follows again in place, and stops following', async () => {
    await followRun(run('a'));
    await followRun(run('b'));
    await followRun(run('a', { lastVerdict: 'healthy' }));
    expect(await readWatchedRuns()).toEqual([run('a', { lastVerdict: 'healthy' }), run('b')]);
    await unfollowRun({ baseUrl: BASE, runId: 'a' });
    expect(await readWatchedRuns()).toEqual([run('b')]);
  });

  it('tells runs of two MLflows apart', async () => {
    const other = { ...run('a'), baseUrl: 'https://ml.example.com/' };
    await followRun(run('a'));
    await followRun(other);
    await patchFollowedRun(other, { attention: true });
    expect(await readWatchedRuns()).toEqual([run('a'), { ...other, attention: true }]);
  });

  it('a check that ends after the user stopped following puts nothing back', async () => {
    await followRun(run('a'));
    const checked = (await readWatchedRuns())[0]!; // the loop read the list, then checked the run…
    await unfollowRun(checked); // …while the popup's Stop was clicked
    await patchFollowedRun(checked, { lastVerdict: 'overfitting', attention: true });
    expect(await readWatchedRuns()).toEqual([]);
  });

  it('patches the stored entry, not a copy read before: a "seen" made meanwhile stays', async () => {
    await followRun(run('a', { attention: true, lastVerdict: 'overfitting' }));
    const before = (await readWatchedRuns())[0]!;
    await patchFollowedRun(before, { attention: false }); // the user looked
    await patchFollowedRun(before, { runName: 'renamed', lastVerdict: 'overfitting' }); // the loop's result
    expect(await readWatchedRuns()).toEqual([run('a', { runName: 'renamed', lastVerdict: 'overfitting', attention: false })]);
  });

  it('writes nothing when nothing changes', async () => {
    await followRun(run('a'));
    const set = vi.spyOn(watchedRuns, 'setValue');
    await unfollowRun({ baseUrl: BASE, runId: 'zz' });
    await updateFollowedRun(run('a'), (current) => current);
    expect(set).not.toHaveBeenCalled();
  });

  it('drops a malformed stored entry rather than failing', async () => {
    await fakeBrowser.storage.local.set({ watchedRuns: [{ runId: 'x' }] });
    await followRun(run('a'));
    expect(await readWatchedRuns()).toEqual([run('a')]);
  });

  it('concurrent writers of one origin take turns: none drops another’s change', async () => {
    await Promise.all([
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((id) => followRun(run(id))),
      patchFollowedRun(run('a'), { lastVerdict: 'watch' }),
      unfollowRun(run('b')),
      patchFollowedRun(run('c'), { attention: true }),
    ]);
    expect(await readWatchedRuns()).toEqual([run('a', { lastVerdict: 'watch' }), run('c', { attention: true }), run('d'), run('e'), run('f')]);
    expect(locks.granted).toEqual(Array(9).fill('lens-watched-runs'));
    expect(locks.held).toEqual([]);
  });
});
