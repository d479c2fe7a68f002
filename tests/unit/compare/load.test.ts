import { describe, expect, it } from 'vitest';
import type { Pin } from '@/lib/compare';
import { CompareLoader, type CompareWants } from '@/lib/compare/load';
import { loadRunVerdict } from '@/lib/run-verdicts';
import { pageSeed, pageServer, type Asked } from '../features/page-server';

// Served from what a real MLflow answered (tests/support/record-page-fixtures.mjs): two pinned runs with five
// metrics each, and a run id the server does not have.
const MISSING = '0123456789abcdef0123456789abcdef';
const KEYS = ['train_loss', 'val_loss'];

describe.each(['3.17.2', '2.22.5'])('CompareLoader on MLflow %s', (version) => {
  const seed = pageSeed(version);
  const overfitting = seed.runs[seed.overfitting_run]!.run_id;
  const healthy = seed.runs[seed.healthy_run]!.run_id;
  const pin = (runId: string): Pin => ({ runId, experimentId: seed.experiments.churn.id, runName: runId, pinnedAt: 1 });
  const wants = (pins: readonly Pin[], over: Partial<CompareWants> = {}) => (): CompareWants => ({ pins, metrics: KEYS, sampled: true, full: false, ...over });
  const runIdsOf = (a: Asked) => [...a.query.getAll('run_ids'), ...a.query.getAll('run_id')];

  it('loads the pinned runs, samples each charted metric in one call for both, and judges them as the run page does', async () => {
    const server = pageServer(version);
    const loader = new CompareLoader(server.client, {}, new AbortController().signal);
    const pins = [pin(overfitting), pin(healthy)];
    await loader.sync(wants(pins, { full: true }));
    expect(server.unmatched).toEqual([]);
    expect([...loader.runs.value.values()].map((s) => s.status)).toEqual(['ready', 'ready']);
    expect(server.count('get-history-bulk-interval')).toBe(KEYS.length);
    expect(loader.sampled.value.get(overfitting)?.get('val_loss')?.steps.length).toBeGreaterThan(0);
    // One verdict per run wherever it is shown: the drawer's is the badge's.
    for (const runId of [overfitting, healthy]) {
      const badge = await loadRunVerdict(pageServer(version).client, runId, {}, new AbortController().signal);
      expect(loader.judgements.value.get(runId)?.verdict).toBe(badge.judgement.primary?.verdict);
      expect(loader.judgements.value.get(runId)?.primary?.best.step).toBe(badge.judgement.primary?.best.step);
    }
    expect(loader.judgements.value.get(overfitting)?.verdict).not.toBe(loader.judgements.value.get(healthy)?.verdict);
    // Asked once per page view: another sync with nothing new asks nothing.
    const before = server.asked.length;
    await loader.sync(wants(pins, { full: true }));
    expect(server.asked.length).toBe(before);
    expect(loader.pending.value).toBe(0);
  });

  it('a run the server does not have shows why, while the other renders', async () => {
    const server = pageServer(version);
    const loader = new CompareLoader(server.client, {}, new AbortController().signal);
    await loader.sync(wants([pin(MISSING), pin(healthy)]));
    expect(server.unmatched).toEqual([]);
    expect(loader.runs.value.get(MISSING)).toEqual({ status: 'error', message: expect.stringContaining('This run no longer exists on this MLflow') });
    expect(loader.runs.value.get(healthy)?.status).toBe('ready');
    expect(loader.sampled.value.get(healthy)?.get('val_loss')).toBeDefined();
    expect(server.asked.filter((a) => a.path.endsWith('get-history-bulk-interval')).flatMap(runIdsOf)).not.toContain(MISSING);
  });

  it('asks again for what failed: a run, and a metric whose sample failed (its error goes once it loads)', async () => {
    let failing = true;
    const outage = () => new Response(JSON.stringify({ error_code: 'INTERNAL_ERROR', message: 'database is locked' }), { status: 500 });
    const server = pageServer(version, {
      fail: (a) => (failing && ((a.path.endsWith('runs/get') && a.query.get('run_id') === healthy) || (a.path.endsWith('get-history-bulk-interval') && a.query.get('metric_key') === 'val_loss')) ? outage() : undefined),
    });
    const loader = new CompareLoader(server.client, {}, new AbortController().signal);
    const pins = [pin(overfitting), pin(healthy)];
    await loader.sync(wants(pins));
    expect(loader.runs.value.get(healthy)?.status).toBe('error');
    expect(loader.chartErrors.value.get('val_loss')).toBeTruthy();
    expect(loader.sampled.value.get(overfitting)?.has('train_loss')).toBe(true);

    failing = false;
    await loader.sync(wants(pins));
    expect(server.unmatched).toEqual([]);
    expect(loader.runs.value.get(healthy)?.status).toBe('ready');
    expect(loader.chartErrors.value.has('val_loss')).toBe(false);
    expect(loader.sampled.value.get(overfitting)?.has('val_loss')).toBe(true);
    expect(loader.sampled.value.get(healthy)?.has('val_loss')).toBe(true);
    // What had loaded is not asked again: train_loss of the overfitting run came in the first sync.
    const trainLossCalls = server.asked.filter((a) => a.path.endsWith('get-history-bulk-interval') && a.query.get('metric_key') === 'train_loss');
    expect(trainLossCalls.flatMap(runIdsOf).filter((id) => id === overfitting)).toHaveLength(1);
  });

  it('a pin removed while its run loads gets no histories', async () => {
    const server = pageServer(version);
    const loader = new CompareLoader(server.client, {}, new AbortController().signal);
    let pins = [pin(overfitting), pin(healthy)];
    const syncing = loader.sync(() => ({ pins, metrics: KEYS, sampled: true, full: true }));
    pins = [pin(overfitting)]; // unpinned in the drawer before MLflow answered runs/get
    await syncing;
    expect(server.unmatched).toEqual([]);
    const histories = server.asked.filter((a) => a.path.includes('metrics/get-history'));
    expect(histories.length).toBeGreaterThan(0);
    expect(histories.flatMap(runIdsOf)).not.toContain(healthy);
    expect(loader.full.value.has(healthy)).toBe(false);
    expect(loader.judgements.value.has(overfitting)).toBe(true);
  });
});
