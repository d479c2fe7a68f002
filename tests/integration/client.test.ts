/**
 * The MLflow client against real servers of both lines: pagination, non-finite values, and each kind of
 * error produced by a real response. Node's fetch stands in for the page's; URLs, headers and bodies
 * are the ones the extension sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPages, MlflowClient } from '@/lib/mlflow/client';
import { loadRunVerdict, type RunVerdict } from '@/lib/run-verdicts';
import { isMlflowError, type MlflowErrorKind } from '@/lib/mlflow/errors';
import * as z from 'zod/mini';
import { ADMIN_PASSWORD, ADMIN_USER, createUser, MLFLOW_VERSIONS, startMlflow } from '../support/mlflow-server.mjs';

type Server = Awaited<ReturnType<typeof startMlflow>>;

async function expectKind(promise: Promise<unknown>, kind: MlflowErrorKind): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(isMlflowError(error), String(error)).toBe(true);
    expect((error as { kind: string }).kind).toBe(kind);
    expect((error as Error).message.length).toBeGreaterThan(20);
    return error as Error;
  }
  throw new Error(`expected a "${kind}" error, got success`);
}

function basicAuthFetch(user: string, password: string): typeof fetch {
  const token = Buffer.from(`${user}:${password}`).toString('base64');
  return (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), Authorization: `Basic ${token}` } });
}

describe.each([MLFLOW_VERSIONS.latest, MLFLOW_VERSIONS.v2])('MLflow %s', (version) => {
  let server: Server;
  let client: MlflowClient;

  beforeAll(async () => {
    server = await startMlflow({ version, quiet: true });
    client = new MlflowClient({ baseUrl: server.url });
  });
  afterAll(async () => server?.stop());

  it('a 20,000-step run: a verdict on MLflow\'s sample first, then the exact one from full histories', async () => {
    const run = server.seed!.runs['marathon-ibis-20k']!;
    const first: RunVerdict[] = [];
    const exact = await loadRunVerdict(client, run.run_id, {}, new AbortController().signal, (v) => void first.push(v));
    expect(first).toHaveLength(1);
    expect(first[0]!.sampled).toBe(true);
    expect(exact.sampled).toBe(false);
    const sampledPoints = first[0]!.histories.get('val_loss')!.steps.length;
    expect(sampledPoints).toBeGreaterThan(1_000);
    expect(sampledPoints).toBeLessThanOrEqual(2_501);
    expect(exact.histories.get('val_loss')!.steps.length).toBe(20_000);
    // Same call on the same curve: the sample must not change the answer, only its precision.
    expect(first[0]!.judgement.verdict).toBe(exact.judgement.verdict);
    // This validation curve flattens into noise, so its best *step* moves with the sample; its best value barely does.
    const bestSampled = first[0]!.judgement.primary!.best.value!;
    const bestExact = exact.judgement.primary!.best.value!;
    expect(bestSampled).toBeGreaterThanOrEqual(bestExact); // the sample is a subset: it cannot find a lower minimum
    expect((bestSampled - bestExact) / bestExact).toBeLessThan(0.05);
  });

  it('a 20,000-step run: the full histories are not asked for until the first verdict\'s caller lets them', async () => {
    const run = server.seed!.runs['marathon-ibis-20k']!;
    const spy = new MlflowClient({ baseUrl: server.url });
    const calls: string[] = [];
    const getHistory = spy.getMetricHistory.bind(spy);
    spy.getMetricHistory = (...args) => (calls.push(`history ${args[1]}`), getHistory(...args));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let sampledAt = -1;
    const exact = loadRunVerdict(spy, run.run_id, {}, new AbortController().signal, () => {
      sampledAt = calls.length;
      return gate;
    });
    await expect.poll(() => sampledAt, { timeout: 30_000 }).toBeGreaterThanOrEqual(0);
    expect(sampledAt).toBe(0); // nothing full before the first verdict…
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toEqual([]); // …nor while its caller holds the gate
    release();
    const verdict = await exact;
    expect(verdict.sampled).toBe(false);
    expect(calls).toContain('history train_loss');
    expect(calls).toContain('history val_loss');
    expect(verdict.histories.get('val_loss')!.steps.length).toBe(20_000);
  });

  it('a short run: no sampled verdict, just the exact one', async () => {
    const run = server.seed!.runs[server.seed!.overfitting_run]!;
    let called = 0;
    const exact = await loadRunVerdict(client, run.run_id, {}, new AbortController().signal, () => void called++);
    expect(called).toBe(0);
    expect(exact.judgement.verdict).toBe('overfitting');
  });

  it('follows runs/search pages to the same set as one big page', async () => {
    const churn = server.seed!.experiments.churn.id;
    const paged = await client.searchAllRuns({ experimentIds: [churn], maxResults: 2 });
    const single = await client.searchAllRuns({ experimentIds: [churn], maxResults: 500 });
    expect(paged.length).toBeGreaterThanOrEqual(6);
    expect(new Set(paged.map((r) => r.info.run_id))).toEqual(new Set(single.map((r) => r.info.run_id)));
    expect(paged.map((r) => r.info.run_name)).toContain('crawling-mole-592');
  });

  it('follows experiments/search pages (max_results is always sent)', async () => {
    const all = await collectPages((pageToken) => client.searchExperiments({ maxResults: 1, pageToken }), 100);
    const names = all.map((e) => e.name);
    expect(names).toContain(server.seed!.experiments.churn.name);
    expect(names).toContain(server.seed!.experiments.sales.name);
  });

  it('returns a 20,000-step history as typed columns, across pages', async () => {
    const long = server.seed!.runs[server.seed!.long_run]!;
    const series = await client.getMetricHistory(long.run_id, 'train_loss', { pageSize: 5_000 });
    expect(series.values).toBeInstanceOf(Float64Array);
    expect(series.values.length).toBe(20_000);
    expect(new Set(series.steps).size).toBe(20_000);
  });

  it('normalises NaN and Infinity however the server spells them', async () => {
    const nan = server.seed!.runs[server.seed!.nan_run]!;
    const series = await client.getMetricHistory(nan.run_id, 'val_loss');
    const values = [...series.values];
    expect(values.some(Number.isNaN)).toBe(true);
    expect(values.some((v) => v === Infinity)).toBe(true);
    expect(values.filter(Number.isFinite).length).toBeGreaterThan(5);
  });

  it('caches histories of finished runs only', async () => {
    const run = server.seed!.runs['crawling-mole-592']!;
    const a = await client.getMetricHistory(run.run_id, 'val_loss', { finished: true });
    const b = await client.getMetricHistory(run.run_id, 'val_loss', { finished: true });
    expect(b).toBe(a);
    const running = server.seed!.runs[server.seed!.running_run]!;
    const c = await client.getMetricHistory(running.run_id, 'val_loss');
    const d = await client.getMetricHistory(running.run_id, 'val_loss');
    expect(d).not.toBe(c);
  });

  it('groups get-history-bulk-interval samples by run', async () => {
    const ids = [server.seed!.runs['crawling-mole-592']!.run_id, server.seed!.runs[server.seed!.long_run]!.run_id];
    const byRun = await client.getMetricHistoryBulkInterval(ids, 'val_loss', { maxResults: 50 });
    expect([...byRun.keys()].sort()).toEqual([...ids].sort());
    const long = byRun.get(ids[1]!)!;
    expect(long.values.length).toBeGreaterThan(10);
    expect(long.values.length).toBeLessThan(200);
  });

  it('a missing run is "not-found"', async () => {
    await expectKind(client.getRun('0'.repeat(32)), 'not-found');
  });

  it('a duplicate registered model is "already-exists"', async () => {
    const error = await expectKind(client.createRegisteredModel({ name: server.seed!.registered_model.name }), 'already-exists');
    expect(error.message).toContain(server.seed!.registered_model.name);
  });

  it('a malformed filter is "invalid-input" with MLflow\'s own words', async () => {
    const error = await expectKind(client.searchExperiments({ filter: "name = 'unterminated" }), 'invalid-input');
    expect(error.message).toMatch(/rejected/);
  });

  it('a response of the wrong shape is "unexpected-response", naming the field', async () => {
    const error = await expectKind(
      client.http.get('runs/get', { run_id: server.seed!.runs['crawling-mole-592']!.run_id }, z.object({ run: z.object({ info: z.object({ no_such_field: z.string() }) }) })),
      'unexpected-response',
    );
    expect(error.message).toContain('run.info.no_such_field');
  });

  it('a server that does not answer in time is "timeout"; a closed port is "offline"', async () => {
    const impatient = new MlflowClient({ baseUrl: server.url, timeoutMs: 1 });
    await expectKind(impatient.getRun(server.seed!.runs['crawling-mole-592']!.run_id), 'timeout');
    const nowhere = new MlflowClient({ baseUrl: 'http://127.0.0.1:9/' });
    await expectKind(nowhere.getRun('0'.repeat(32)), 'offline');
  });
});

describe.each([MLFLOW_VERSIONS.latest, MLFLOW_VERSIONS.v2])('MLflow %s with basic auth', (version) => {
  let server: Server;
  const reader = { user: 'lens-reader', password: 'reader-password-1234' };

  beforeAll(async () => {
    server = await startMlflow({ version, basicAuth: true, seed: false, quiet: true });
    await createUser(server.url, reader.user, reader.password);
    const admin = new MlflowClient({ baseUrl: server.url, fetch: basicAuthFetch(ADMIN_USER, ADMIN_PASSWORD) });
    await admin.createRegisteredModel({ name: 'AdminOnly' });
  });
  afterAll(async () => server?.stop());

  it('no credentials: "session-expired", telling the user to sign in again', async () => {
    const anonymous = new MlflowClient({ baseUrl: server.url });
    const error = await expectKind(anonymous.searchRegisteredModels(), 'session-expired');
    expect(error.message).toMatch(/sign in again/i);
  });

  it('a read-only user writing to another user\'s model: "permission-denied"', async () => {
    const client = new MlflowClient({ baseUrl: server.url, fetch: basicAuthFetch(reader.user, reader.password) });
    const models = await client.searchRegisteredModels();
    expect(models.items.map((m) => m.name)).toContain('AdminOnly');
    const error = await expectKind(client.createModelVersion({ name: 'AdminOnly', source: 'models:/m-0' }), 'permission-denied');
    expect(error.message).toMatch(/permission/i);
  });
});
