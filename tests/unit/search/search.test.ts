import { describe, expect, it, vi } from 'vitest';
import { MlflowClient } from '@/lib/mlflow/client';
import { isMlflowError } from '@/lib/mlflow/errors';
import { createSearchCache, quickSearch } from '@/lib/search/search';

type Handler = (url: URL, body: Record<string, unknown> | undefined) => { status?: number; json: unknown } | Promise<{ status?: number; json: unknown }>;

function fakeClient(handler: Handler) {
  const calls: { path: string; url: URL; body: Record<string, unknown> | undefined }[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    const path = url.pathname.replace(/^.*\/mlflow\//, '');
    calls.push({ path, url, body });
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const res = await handler(url, body);
    return new Response(JSON.stringify(res.json), { status: res.status ?? 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  const client = new MlflowClient({ baseUrl: `http://fake-${Math.random().toString(36).slice(2)}.test/`, fetch: fetchImpl, retryDelaysMs: [] });
  return { client, calls };
}

const experiments = [
  { experiment_id: '1', name: 'HM_Dataset/binary_classification/Churn', last_update_time: 100 },
  { experiment_id: '2', name: 'HM_Dataset/regression/Sales', last_update_time: 200 },
];

function standard(url: URL, body: Record<string, unknown> | undefined) {
  const path = url.pathname.replace(/^.*\/mlflow\//, '');
  if (path === 'experiments/search') {
    return { json: url.searchParams.get('filter') ? { experiments: [experiments[0]] } : { experiments } };
  }
  if (path === 'registered-models/search') return { json: { registered_models: [{ name: 'Churn', last_updated_timestamp: 5 }] } };
  if (path === 'runs/search') {
    return { json: { runs: [{ info: { run_id: 'a'.repeat(32), run_name: '50%_done', experiment_id: '1', status: 'FINISHED' } }, { info: { run_id: 'b'.repeat(32), run_name: '50x_done', experiment_id: '1' } }] } };
  }
  if (path === 'logged-models/search') return { status: 404, json: { error_code: 'ENDPOINT_NOT_FOUND', message: 'nope' } };
  if (path === 'runs/get') return { status: 404, json: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'no run' } };
  return { json: {}, body };
}

describe('quickSearch (fake server)', () => {
  it('sends escaped ILIKE filters, chunks experiments most recent first, and narrows loose matches client-side', async () => {
    const { client, calls } = fakeClient(standard);
    const res = await quickSearch(client, ' 50%_ ');
    expect(res.query).toBe('50%_');
    expect(res.runs.map((r) => r.name)).toEqual(['50%_done']);
    expect(res.runs[0]!.experimentName).toBe('HM_Dataset/binary_classification/Churn');
    const runSearch = calls.find((c) => c.path === 'runs/search')!;
    expect(runSearch.body!.filter).toBe("attributes.run_name ILIKE '%50__%'");
    expect(runSearch.body!.experiment_ids).toEqual(['2', '1']);
    expect(res.errors).toEqual([]);
  });

  it('getOnly sends no POST (for searching from the extension itself)', async () => {
    const { client, calls } = fakeClient(standard);
    const res = await quickSearch(client, 'Chu', { getOnly: true });
    expect(calls.map((c) => c.path).sort()).toEqual(['experiments/search', 'registered-models/search']);
    expect(calls.every((c) => c.body === undefined)).toBe(true);
    expect(res.registeredModels.map((m) => m.name)).toEqual(['Churn']);
  });

  it('one failing group reports its error while the others return', async () => {
    const { client } = fakeClient((url, body) =>
      url.pathname.endsWith('registered-models/search') ? { status: 500, json: { error_code: 'INTERNAL_ERROR', message: 'boom' } } : standard(url, body),
    );
    const res = await quickSearch(client, 'Chu');
    expect(res.experiments.map((e) => e.id)).toEqual(['1']);
    expect(res.errors.map((e) => e.group)).toEqual(['registeredModels']);
    expect(res.errors[0]!.error.kind).toBe('server-error');
  });

  it('looks a run id up exactly; a missing id is no result, not an error', async () => {
    const id = 'c'.repeat(32);
    const { client, calls } = fakeClient((url, body) =>
      url.pathname.endsWith('runs/get')
        ? { json: { run: { info: { run_id: id, run_name: 'found', experiment_id: '2' } } } }
        : standard(url, body),
    );
    const res = await quickSearch(client, `http://h/#/experiments/2/runs/${id}`);
    expect(res.runs.map((r) => [r.id, r.experimentName])).toEqual([[id, 'HM_Dataset/regression/Sales']]);
    expect(calls.some((c) => c.path === 'runs/search')).toBe(false);
    const { client: other } = fakeClient(standard);
    const none = await quickSearch(other, 'd'.repeat(32));
    expect(none.errors).toEqual([]);
  });

  it('an empty query sends nothing', async () => {
    const { client, calls } = fakeClient(standard);
    const res = await quickSearch(client, '   ');
    expect(res.runs).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('an aborted search rejects with "aborted"', async () => {
    const { client } = fakeClient(async (url, body) => {
      await new Promise((r) => setTimeout(r, 50));
      return standard(url, body);
    });
    const controller = new AbortController();
    const pending = quickSearch(client, 'mole', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toSatisfy((e: unknown) => isMlflowError(e, 'aborted'));
  });

  it('serves a repeated query from the cache', async () => {
    const { client, calls } = fakeClient(standard);
    const cache = createSearchCache(10_000);
    await quickSearch(client, 'Chu', { cache });
    const n = calls.length;
    const again = await quickSearch(client, ' Chu', { cache });
    expect(calls.length).toBe(n);
    expect(again.experiments.length).toBe(1);
  });
});

describe('createSearchCache', () => {
  it('expires entries after the TTL and keeps at most max', () => {
    let now = 0;
    const cache = createSearchCache<number>(100, { max: 2, now: () => now });
    cache.set('a', 1);
    expect(cache.get(' a ')).toBe(1);
    now = 100;
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toBe(3);
    cache.clear();
    expect(cache.size).toBe(0);
    vi.useRealTimers();
  });
});
