/**
 * The followed-runs loop as MLflow tabs run it: one owner per MLflow (lib/follow-owner.ts), checks against recorded
 * MLflow answers (a finished run Lightning's MLflowLogger logged), notifications through the background, and the
 * stored list changed one entry at a time (lib/followed-runs.ts).
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import runWatch from '@/entrypoints/mlflow.content/features/run-watch';
import { MlflowClient } from '@/lib/mlflow/client';
import { parseRoute } from '@/lib/mlflow/routes';
import { pageVerdicts } from '@/lib/run-verdicts';
import { readWatchedRuns, watchedRuns, type WatchedRun } from '@/lib/settings';
import { fakeLocks, installLocks } from './fake-locks';

const fixture = JSON.parse(readFileSync('tests/unit/fixtures/frameworks/lightning/pl-logger-overfit.json', 'utf8')) as {
  run: { run: { info: { run_id: string; run_name: string } } };
  histories: Record<string, unknown>;
};
const BASE = 'http://localhost:5000/';
const HREF = `${BASE}#/experiments/1`;
const { run_id: runId, run_name: runName } = fixture.run.run.info;
const FOLLOWED: WatchedRun = { baseUrl: BASE, runId, runName, runUrl: `${BASE}#/experiments/1/runs/${runId}`, lastVerdict: 'healthy' };

/** One MLflow tab: its own client (counting its requests) and its own feature signal. */
function openTab() {
  let requests = 0;
  const client = new MlflowClient({
    baseUrl: BASE,
    retryDelaysMs: [],
    fetch: (async (input: RequestInfo | URL) => {
      requests++;
      const url = new URL(String(input));
      const path = url.pathname.replace(/^.*\/mlflow\//, '');
      const body = path === 'runs/get' ? fixture.run : path === 'metrics/get-history' ? fixture.histories[url.searchParams.get('metric_key')!] : undefined;
      return new Response(JSON.stringify(body ?? {}), { status: body ? 200 : 404 });
    }) as typeof fetch,
  });
  const controller = new AbortController();
  const started = runWatch.init({ route: parseRoute(HREF), url: new URL(HREF), signal: controller.signal, client, verdicts: pageVerdicts(() => client, controller.signal), guard: (fn) => (...args) => void fn(...args) });
  return { requests: () => requests, close: () => controller.abort(), started };
}

let uninstall: () => void;
const notified: unknown[] = [];
beforeEach(() => {
  fakeBrowser.reset();
  uninstall = installLocks(fakeLocks());
  vi.stubGlobal('location', { href: HREF });
  notified.length = 0;
  fakeBrowser.runtime.onMessage.addListener((message) => void notified.push(message));
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  uninstall();
});

describe('run-watch', () => {
  it('only the owner tab checks; a run that ended is notified once and no longer followed', async () => {
    await watchedRuns.setValue([FOLLOWED, { ...FOLLOWED, baseUrl: 'https://ml.example.com/', runId: 'elsewhere' }]);
    const [a, b] = [openTab(), openTab()];
    await vi.advanceTimersByTimeAsync(15_000);
    await vi.waitFor(async () => expect(await readWatchedRuns()).toHaveLength(1));
    expect(a.requests()).toBeGreaterThan(0);
    expect(b.requests()).toBe(0);
    expect(notified).toEqual([
      expect.objectContaining({ type: 'lens:notify', id: `lens-watch-${runId}-finished`, title: `${runName} finished`, url: FOLLOWED.runUrl }),
    ]);
    // Another MLflow's runs are its own tabs' to check.
    expect((await readWatchedRuns()).map((r) => r.runId)).toEqual(['elsewhere']);
    a.close();
    b.close();
  });

  it('when the owner tab closes, the next one takes over the checks', async () => {
    const [a, b] = [openTab(), openTab()];
    await vi.advanceTimersByTimeAsync(15_000); // nothing followed yet: nothing asked
    a.close();
    await watchedRuns.setValue([FOLLOWED]);
    await vi.advanceTimersByTimeAsync(15_000);
    await vi.waitFor(async () => expect(await readWatchedRuns()).toEqual([]));
    expect(a.requests()).toBe(0);
    expect(b.requests()).toBeGreaterThan(0);
    b.close();
  });

  it('checks at the user’s live refresh interval', async () => {
    await fakeBrowser.storage.sync.set({ analysisSettings: { liveRefreshSeconds: 60 } });
    await watchedRuns.setValue([FOLLOWED]);
    const a = openTab();
    await vi.advanceTimersByTimeAsync(59_000);
    expect(a.requests()).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(async () => expect(await readWatchedRuns()).toEqual([]));
    a.close();
  });
});
