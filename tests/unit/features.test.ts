import { describe, expect, it, vi } from 'vitest';
import { defineFeature, FeatureRunner, type Feature } from '@/lib/features';
import { FEATURE_CATALOG } from '@/lib/features-catalog';
import { FEATURES } from '@/entrypoints/mlflow.content/features';
import { MlflowClient } from '@/lib/mlflow/client';

const client = () => new MlflowClient({ baseUrl: 'http://localhost:5000/' });

const RUN = 'http://localhost:5000/#/experiments/1/runs/0123456789abcdef0123456789abcdef';
const METRICS = `${RUN}/model-metrics`;
const EXPERIMENT = 'http://localhost:5000/#/experiments/1';

function recorder(include: Feature['include']) {
  const starts: string[] = [];
  const signals: AbortSignal[] = [];
  const feature = defineFeature({
    id: 'page-marker',
    include,
    init: ({ route, signal }) => {
      starts.push(route.kind);
      signals.push(signal);
    },
  });
  return { feature, starts, signals };
}

describe('FeatureRunner', () => {
  it('starts features whose pages match and aborts them on navigation, hash routes included', () => {
    const life = new AbortController();
    const onRun = recorder([(r) => r.kind === 'run']);
    const runner = new FeatureRunner([onRun.feature], { isEnabled: () => true, client }, life.signal);
    runner.navigate(EXPERIMENT);
    expect(onRun.starts).toEqual([]);
    runner.navigate(RUN);
    expect(onRun.starts).toEqual(['run']);
    runner.navigate(RUN); // same URL: nothing restarts
    expect(onRun.starts).toHaveLength(1);
    runner.navigate(METRICS);
    expect(onRun.signals[0]!.aborted).toBe(true);
    expect(onRun.starts).toHaveLength(2);
    runner.navigate(EXPERIMENT);
    expect(onRun.signals[1]!.aborted).toBe(true);
    expect(runner.runningIds).toEqual([]);
  });

  it('contains a throwing or rejecting feature: logged once with its id, others still run', async () => {
    const life = new AbortController();
    const log = vi.fn();
    const bad = defineFeature({ id: 'page-marker', include: [() => true], init: () => { throw new Error('boom'); } });
    const worse = defineFeature({ id: 'page-marker', include: [() => true], init: async () => { throw new Error('async boom'); } });
    const good = recorder([() => true]);
    const runner = new FeatureRunner([bad, worse, good.feature], { isEnabled: () => true, log, client }, life.signal);
    runner.navigate(RUN);
    runner.navigate(EXPERIMENT);
    await new Promise((r) => setTimeout(r, 0));
    expect(good.starts).toEqual(['run', 'experiment-runs']);
    const messages = log.mock.calls.map((c) => c[0] as string);
    expect(messages.filter((m) => m.includes('"page-marker" failed: boom'))).toHaveLength(1);
    expect(messages.filter((m) => m.includes('async boom'))).toHaveLength(1);
  });

  it('does not report errors of a feature that was aborted (navigating away is not a failure)', async () => {
    const life = new AbortController();
    const log = vi.fn();
    let reject!: (e: Error) => void;
    const slow = defineFeature({ id: 'page-marker', include: [(r) => r.kind === 'run'], init: () => new Promise<void>((_, r) => { reject = r; }) });
    const runner = new FeatureRunner([slow], { isEnabled: () => true, log, client }, life.signal);
    runner.navigate(RUN);
    runner.navigate(EXPERIMENT);
    reject(new Error('aborted fetch'));
    await new Promise((r) => setTimeout(r, 0));
    expect(log).toHaveBeenCalledTimes(0);
  });

  it('guard() contains errors thrown later from callbacks', () => {
    const life = new AbortController();
    const log = vi.fn();
    let callback!: () => void;
    const f = defineFeature({ id: 'page-marker', include: [() => true], init: ({ guard }) => { callback = guard(() => { throw new Error('late'); }); } });
    new FeatureRunner([f], { isEnabled: () => true, log, client }, life.signal).navigate(RUN);
    expect(() => callback()).not.toThrow();
    expect(log).toHaveBeenCalledOnce();
  });

  it('skips switched-off features; refresh() applies a change of switches; the lifetime ends all', () => {
    const life = new AbortController();
    let enabled = false;
    const f = recorder([() => true]);
    const runner = new FeatureRunner([f.feature], { isEnabled: () => enabled, client }, life.signal);
    runner.navigate(RUN);
    expect(f.starts).toEqual([]);
    enabled = true;
    runner.refresh();
    expect(f.starts).toEqual(['run']);
    life.abort();
    expect(f.signals[0]!.aborted).toBe(true);
  });
});

describe('client', () => {
  it('is built only when a feature asks for it', () => {
    const life = new AbortController();
    const factory = vi.fn(client);
    const quiet = recorder([() => true]);
    const runner = new FeatureRunner([quiet.feature], { isEnabled: () => true, client: factory }, life.signal);
    runner.navigate(RUN);
    expect(factory).not.toHaveBeenCalled();
    let made: unknown;
    const reader = defineFeature({ id: 'page-marker', include: [() => true], init: (ctx) => { made = ctx.client; } });
    new FeatureRunner([reader], { isEnabled: () => true, client: factory }, life.signal).navigate(RUN);
    expect(factory).toHaveBeenCalledOnce();
    expect(made).toBeInstanceOf(MlflowClient);
  });
});

describe('feature list', () => {
  it('has exactly one implementation per catalogued feature', () => {
    expect(FEATURES.map((f) => f.id).sort()).toEqual(FEATURE_CATALOG.map((f) => f.id).sort());
  });
});
